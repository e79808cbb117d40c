import { describe, expect, it } from 'vitest';
import { directionOf, toneOf } from '../../../web/components/change.ts';
import { headlineTiles } from '../../../web/features/big-screen/headline-tiles.ts';
import { toHeadline } from '../../../web/features/weekly-review/to-headline.ts';
import { figures } from '../fixtures.ts';

describe('headline figures', () => {
  const now = figures({
    registered: 120,
    closed: 90,
    closureRate: 0.75,
    due: 80,
    onTime: 60,
    onTimeRate: 0.75,
    overdue: 7,
    timeToClose: { n: 90, medianDays: 21, p90Days: 60, meanDays: 25 },
  });
  const weekBefore = figures({
    registered: 110,
    closed: 80,
    closureRate: 80 / 110,
    due: 0,
    onTime: 0,
    onTimeRate: null,
    overdue: 9,
    timeToClose: { n: 80, medianDays: 24, p90Days: 61, meanDays: 26 },
  });
  const byKey = Object.fromEntries(toHeadline(now, weekBefore).map((h) => [h.key, h]));

  it('lists the six figures in order', () => {
    expect(toHeadline(now, weekBefore).map((h) => h.key)).toEqual([
      'registered',
      'closed',
      'closureRate',
      'onTimeRate',
      'overdue',
      'medianDaysToClose',
    ]);
  });

  it.each([
    ['registered', 120, 110, 10, 'neither', 'count'],
    ['closed', 90, 80, 10, 'up', 'count'],
    ['overdue', 7, 9, -2, 'down', 'count'],
    ['medianDaysToClose', 21, 24, -3, 'down', 'days'],
  ] as const)('%s is %s, was %s: change %s, better when %s', (key, value, previous, change, better, kind) => {
    expect(byKey[key]).toMatchObject({ value, previous, change, betterWhen: better, kind });
  });

  it('gives the closure rate change in rate units', () => {
    expect(byKey.closureRate!.change).toBeCloseTo(0.75 - 80 / 110, 12);
  });

  it('has no change for a rate that was undefined a week before (no due items then)', () => {
    expect(byKey.onTimeRate).toMatchObject({ value: 0.75, previous: null, change: null });
  });

  it('opens the time-to-close definition from the median tile', () => {
    expect(byKey.medianDaysToClose!.figure).toBe('timeToClose');
  });

  it('colours each change as the big screen does: +10 registered is grey (neither good nor bad)', () => {
    const digits = { count: 0, rate: 3, days: 1 } as const;
    const weekly = toHeadline(now, weekBefore).map((h) => [
      h.key,
      toneOf(directionOf(h.change, digits[h.kind]), h.betterWhen),
    ]);
    expect(weekly).toEqual([
      ['registered', 'neutral'],
      ['closed', 'good'],
      ['closureRate', 'good'],
      ['onTimeRate', 'neutral'], // no rate a week before
      ['overdue', 'good'],
      ['medianDaysToClose', 'good'],
    ]);
    const screen = headlineTiles(
      { ...now, medianDaysToClose: 21, open: 30 },
      { ...weekBefore, medianDaysToClose: 24, open: 30 },
    ).map((t) => [t.key, t.tone]);
    expect(screen).toEqual(weekly);
  });
});
