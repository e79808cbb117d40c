import { describe, expect, it } from 'vitest';
import { deckOf, draftOf, moveSlide, toggleSlide } from '../../../web/features/admin/deck-draft.ts';

const ALL = ['headline', 'ranking', 'trend', 'red-list', 'domains', 'departments'];
const order = (d: ReturnType<typeof draftOf>) => d.slides.map((s) => `${s.on ? '+' : '-'}${s.key}`);

describe('the deck form of a display link', () => {
  it('opens a link without a deck with every slide on, in the default order, and saves it as no deck', () => {
    const draft = draftOf(null);
    expect(order(draft)).toEqual(ALL.map((k) => `+${k}`));
    expect(draft).toMatchObject({ interval: '', refresh: '', campaign: '', lang: '' });
    expect(deckOf(draft)).toEqual({ deck: null });
  });

  it('opens a saved deck with its slides first, in its order, and the others after them, off', () => {
    const deck = {
      slides: ['trend' as const, 'headline' as const],
      interval: 0.5,
      campaign: 'C1',
      lang: 'en' as const,
    };
    const draft = draftOf(deck);
    expect(order(draft)).toEqual([
      '+trend',
      '+headline',
      '-ranking',
      '-red-list',
      '-domains',
      '-departments',
    ]);
    expect(draft).toMatchObject({ interval: '0.5', refresh: '', campaign: 'C1', lang: 'en' });
    expect(deckOf(draft)).toEqual({ deck });
  });

  it('moves a slide up and down, and leaves the ends where they are', () => {
    const draft = draftOf(null);
    expect(order(moveSlide(draft, 2, -1)).slice(0, 3)).toEqual(['+headline', '+trend', '+ranking']);
    expect(order(moveSlide(draft, 0, 1)).slice(0, 2)).toEqual(['+ranking', '+headline']);
    expect(moveSlide(draft, 0, -1)).toBe(draft);
    expect(moveSlide(draft, 5, 1)).toBe(draft);
    // All six on but in another order is a deck of its own.
    expect(deckOf(moveSlide(draft, 0, 1))).toEqual({
      deck: { slides: ['ranking', 'headline', 'trend', 'red-list', 'domains', 'departments'] },
    });
  });

  it.each([
    [
      'a slide turned off',
      (d: ReturnType<typeof draftOf>) => toggleSlide(d, 1),
      { slides: ALL.filter((k) => k !== 'ranking') },
    ],
    [
      'seconds typed',
      (d: ReturnType<typeof draftOf>) => ({ ...d, interval: ' 20 ', refresh: '3600' }),
      { interval: 20, refresh: 3600 },
    ],
    [
      'the smallest interval',
      (d: ReturnType<typeof draftOf>) => ({ ...d, interval: '0.05' }),
      { interval: 0.05 },
    ],
    [
      'the departments shown one by one',
      (d: ReturnType<typeof draftOf>) => ({ ...d, departments: '20' }),
      { departments: 20 },
    ],
  ])('saves %s', (_name, change, deck) => {
    expect(deckOf(change(draftOf(null)))).toEqual({ deck });
  });

  it.each([
    [
      'every slide off',
      (d: ReturnType<typeof draftOf>) => ({ ...d, slides: d.slides.map((s) => ({ ...s, on: false })) }),
      'noSlides',
    ],
    [
      'an interval under the minimum',
      (d: ReturnType<typeof draftOf>) => ({ ...d, interval: '0.01' }),
      'interval',
    ],
    [
      'an interval that is not a number',
      (d: ReturnType<typeof draftOf>) => ({ ...d, interval: '15s' }),
      'interval',
    ],
    ['a refresh over an hour', (d: ReturnType<typeof draftOf>) => ({ ...d, refresh: '3601' }), 'refresh'],
    ['a refresh under a second', (d: ReturnType<typeof draftOf>) => ({ ...d, refresh: '0.5' }), 'refresh'],
    ['no department shown', (d: ReturnType<typeof draftOf>) => ({ ...d, departments: '0' }), 'departments'],
    [
      'departments shown that are no whole number',
      (d: ReturnType<typeof draftOf>) => ({ ...d, departments: '7.5' }),
      'departments',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(deckOf(change(draftOf(null)))).toEqual({ problem });
  });
});
