import { describe, expect, it } from 'vitest';
import { SLIDE_KEYS } from '../../../server/screen/deck-shape.ts';
import { deckFromSearch, deckSettings } from '../../../web/features/big-screen/deck-settings.ts';

const fromUrl = (query: string) => deckFromSearch(new URLSearchParams(query));

describe('deck settings from the URL', () => {
  it.each([
    ['nothing', '', {}],
    ['slides in the given order', 'slides=trend,headline', { slides: ['trend', 'headline'] }],
    [
      'unknown slides ignored, repeats once, spaces trimmed',
      'slides=pie, ranking,ranking',
      { slides: ['ranking'] },
    ],
    ['only unknown slides: none chosen', 'slides=pie,bar', {}],
    ['an interval in seconds', 'interval=12.5', { interval: 12.5 }],
    ['an interval under 50 ms clamped up', 'interval=0.001', { interval: 0.05 }],
    ['a negative interval clamped up', 'interval=-5', { interval: 0.05 }],
    ['an interval over an hour clamped down', 'interval=99999', { interval: 3600 }],
    ['a refresh under 1 s clamped up', 'refresh=0.2', { refresh: 1 }],
    ['numbers that are not numbers ignored', 'interval=fast&refresh=&departments=all', {}],
    ['departments shown', 'departments=60', { departments: 60 }],
    ['departments shown rounded and clamped', 'departments=0.4', { departments: 1 }],
    ['departments shown over 1000 clamped down', 'departments=5000', { departments: 1000 }],
    ['a campaign', 'campaign=C-EFFICIENCY', { campaign: 'C-EFFICIENCY' }],
    ['a language', 'lang=en', { lang: 'en' }],
    ['an unknown language ignored', 'lang=fr', {}],
  ])('%s', (_name, query, expected) => {
    expect(fromUrl(query)).toEqual(expected);
  });
});

describe('deck settings: URL over saved deck over defaults', () => {
  it('defaults to every slide, 15 s a slide, a refresh a minute, all campaigns', () => {
    expect(deckSettings({}, null)).toEqual({
      slides: [...SLIDE_KEYS],
      intervalMs: 15_000,
      refreshMs: 60_000,
      departments: 40,
      campaign: undefined,
      lang: undefined,
    });
  });

  it('takes what the display link saved', () => {
    const saved = {
      slides: ['ranking' as const],
      interval: 20,
      refresh: 30,
      departments: 20,
      campaign: 'C-CONDUCT',
      lang: 'en' as const,
    };
    expect(deckSettings({}, saved)).toEqual({
      slides: ['ranking'],
      intervalMs: 20_000,
      refreshMs: 30_000,
      departments: 20,
      campaign: 'C-CONDUCT',
      lang: 'en',
    });
  });

  it('lets the URL override each saved setting on its own', () => {
    const saved = { slides: ['ranking' as const], interval: 20, campaign: 'C-CONDUCT' };
    expect(deckSettings(fromUrl('interval=5&campaign=C-EFFICIENCY'), saved)).toEqual({
      slides: ['ranking'],
      intervalMs: 5_000,
      refreshMs: 60_000,
      departments: 40,
      campaign: 'C-EFFICIENCY',
      lang: undefined,
    });
  });

  it('turns the fastest interval into 50 ms', () => {
    expect(deckSettings(fromUrl('interval=0.05'), null).intervalMs).toBe(50);
  });
});
