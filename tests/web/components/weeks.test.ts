import { describe, expect, it } from 'vitest';
import { lastDayCounted } from '../../../server/domain/time.ts';
import { formatMonthDay, isoWeekLabel, recentWeekEnds, weekOf } from '../../../web/components/weeks.ts';

describe('as-of weeks', () => {
  it.each([
    // Friday: the last whole week ended on the Sunday before.
    ['2026-11-20T10:00:00', ['2026-11-15', '2026-11-08', '2026-11-01']],
    // Monday at midnight: the week that ended on Sunday is whole.
    ['2026-11-16T00:00:00', ['2026-11-15', '2026-11-08', '2026-11-01']],
    // Sunday during the day: that week is not over yet.
    ['2026-11-15T18:00:00', ['2026-11-08', '2026-11-01', '2026-10-25']],
    // Across a year end.
    ['2027-01-06T09:00:00', ['2027-01-03', '2026-12-27', '2026-12-20']],
  ])('the last three week ends before %s', (now, expected) => {
    expect(recentWeekEnds(now, 3)).toEqual(expected);
  });

  it('a week ending on Sunday starts on the Monday six days before', () => {
    expect(weekOf('2026-11-15')).toBe('2026-11-09');
  });

  it.each([
    ['2026-11-16T00:00:00', '2026-11-15'],
    ['2026-11-20T10:00:00', '2026-11-20'],
    ['2026-01-01T00:00:00', '2025-12-31'],
  ])('T = %s counts up to the end of %s', (t, day) => {
    expect(lastDayCounted(t)).toBe(day);
  });

  it.each([
    ['en', 'Nov 16'],
    ['zh-CN', '11月16日'],
  ] as const)('a chart tick in %s reads %s', (lang, expected) => {
    expect(formatMonthDay(lang, '2026-11-16')).toBe(expected);
  });
});

describe('the ISO week a bulletin names', () => {
  it.each([
    ['2026-11-29', '2026-W48'], // a Sunday ends its week
    ['2026-11-23', '2026-W48'],
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of its own year
    ['2027-01-01', '2026-W53'], // a Friday: the week of 31 December 2026
    ['2024-12-30', '2025-W01'], // a Monday whose Thursday is in 2025
  ])('%s is in %s', (day, label) => {
    expect(isoWeekLabel(day)).toBe(label);
  });
});

describe('a period as people write it', () => {
  it.each([
    ['2026-W49', '2026年第49周', 'Week 49, 2026'],
    ['2027-W01', '2027年第1周', 'Week 1, 2027'],
    ['2026-Q3', '2026-Q3', '2026-Q3'],
    ['第一季度', '第一季度', '第一季度'],
  ])('%s reads %s / %s', async (period, zh, en) => {
    const { formatPeriod } = await import('../../../web/components/weeks.ts');
    expect(formatPeriod('zh-CN', period)).toBe(zh);
    expect(formatPeriod('en', period)).toBe(en);
  });
});
