import { describe, expect, it } from 'vitest';
import { minuteOf } from '../../server/domain/time.ts';
import { readSavedDeck, savedDeckSchema } from '../../server/screen/saved-deck.ts';
import { trendStart } from '../../server/screen/screen-data.ts';

describe('a display link’s saved deck', () => {
  it.each([
    ['no deck', null, null],
    ['an empty object', {}, null],
    [
      'a full valid deck',
      { slides: ['trend', 'headline'], interval: 12, refresh: 30, campaign: 'C-CONDUCT', lang: 'en' },
      { slides: ['trend', 'headline'], interval: 12, refresh: 30, campaign: 'C-CONDUCT', lang: 'en' },
    ],
    [
      'unknown slides dropped, repeats once',
      { slides: ['ranking', 'pie', 'ranking'] },
      { slides: ['ranking'] },
    ],
    ['only unknown slides: default slides', { slides: ['pie'] }, null],
    ['an interval below the minimum dropped', { interval: 0.01, refresh: 60 }, { refresh: 60 }],
    ['a refresh below 1 s dropped', { refresh: 0.5, lang: 'zh-CN' }, { lang: 'zh-CN' }],
    ['numbers as text dropped', { interval: '15' }, null],
    ['departments shown kept', { departments: 20 }, { departments: 20 }],
    [
      'departments shown that are no whole number dropped',
      { departments: 2.5, refresh: 60 },
      { refresh: 60 },
    ],
    ['no department shown dropped', { departments: 0 }, null],
    ['a blank campaign dropped', { campaign: '  ' }, null],
    ['an unknown language dropped', { lang: 'fr', campaign: ' C-EFFICIENCY ' }, { campaign: 'C-EFFICIENCY' }],
  ])('%s', (_name, raw, expected) => {
    expect(readSavedDeck(raw as Record<string, unknown> | null)).toEqual(expected);
  });

  it('has a strict schema for admins saving a deck', () => {
    expect(savedDeckSchema.safeParse({ slides: ['ranking'], interval: 10 }).success).toBe(true);
    expect(savedDeckSchema.safeParse({ slides: [] }).success).toBe(false);
    expect(savedDeckSchema.safeParse({ slides: ['pie'] }).success).toBe(false);
    expect(savedDeckSchema.safeParse({ colour: 'red' }).success).toBe(false);
    expect(savedDeckSchema.safeParse({ slides: ['ranking', 'trend', 'ranking'] }).success).toBe(false);
    expect(savedDeckSchema.safeParse({ interval: 0.05, refresh: 3600 }).success).toBe(true);
    expect(savedDeckSchema.safeParse({ refresh: 3601 }).success).toBe(false);
    expect(savedDeckSchema.safeParse({ departments: 1000 }).success).toBe(true);
    expect(savedDeckSchema.safeParse({ departments: 1001 }).success).toBe(false);
    expect(savedDeckSchema.safeParse({ departments: 12.5 }).success).toBe(false);
  });
});

describe('the as-of minute', () => {
  it('keys a moment by the start of its minute', () => {
    expect(minuteOf('2026-11-20T10:00:59')).toBe('2026-11-20T10:00:00');
    expect(minuteOf('2026-11-20T23:59:00')).toBe('2026-11-20T23:59:00');
  });
});

describe('the first week of the trend', () => {
  it.each([
    ['no campaign: 26 weeks back', '2026-11-20T10:00:00', null, '2026-05-29'],
    // T at Monday 00:00: its last week is the one before, so 26 weeks back from that Sunday.
    ['no campaign, T a Monday 00:00: 26 weeks back', '2026-11-16T00:00:00', null, '2026-05-24'],
    ['a recent campaign: its start', '2026-11-20T10:00:00', '2026-09-01', '2026-09-01'],
    ['an old campaign: at most 52 weeks', '2026-11-20T10:00:00', '2024-01-01', '2025-11-28'],
  ])('%s', (_name, t, start, expected) => {
    expect(trendStart(t, start)).toBe(expected);
  });
});
