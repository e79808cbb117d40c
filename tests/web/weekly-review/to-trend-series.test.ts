import { describe, expect, it } from 'vitest';
import { toTrendSeries, trendAxisFloor } from '../../../web/features/weekly-review/to-trend-series.ts';

const week = (weekStart: string, closureRate: number | null, onTimeRate: number | null) => ({
  weekStart,
  asOf: `${weekStart}T00:00:00`,
  registered: 10,
  closed: 5,
  closureRate,
  due: 4,
  onTime: 3,
  onTimeRate,
  overdue: 1,
  open: 5,
  medianDaysToClose: 12,
});

describe('trend series', () => {
  it.each([
    ['a rate becomes a percentage rounded to 0.1', 0.9064895, 90.6],
    ['a whole rate', 1, 100],
    // 201 of 400 is 50.25%: half up to 50.3 as the trend table shows it (the double × 1000 is 502.4999…).
    ['a rate half way between two tenths', 201 / 400, 50.3],
    ['a small rate', 0.00049, 0],
    ['an undefined rate stays a gap', null, null],
  ])('%s', (_name, rate, expected) => {
    const [point] = toTrendSeries([week('2026-11-09', rate, 0.5)]);
    expect(point!.closureRate).toBe(expected);
    expect(point!.onTimeRate).toBe(50);
  });

  it('keeps the weeks in order with their counts', () => {
    const points = toTrendSeries([week('2026-11-02', 0.5, null), week('2026-11-09', 0.6, 0.7)]);
    expect(points.map((p) => p.weekStart)).toEqual(['2026-11-02', '2026-11-09']);
    expect(points[1]).toEqual({
      weekStart: '2026-11-09',
      closureRate: 60,
      onTimeRate: 70,
      closed: 5,
      registered: 10,
      due: 4,
      onTime: 3,
    });
  });

  it.each([
    ['10 below the lowest rate, down to tens', [71.9, 90.6], 60],
    ['never below 0', [5, 40], 0],
    ['exactly on a ten', [80, 95], 70],
    ['no rates at all', [], 0],
  ])('the axis floor: %s', (_name, rates, expected) => {
    const points = rates.map((r, i) => ({
      ...toTrendSeries([week(`2026-11-0${i + 1}`, r / 100, null)])[0]!,
    }));
    expect(trendAxisFloor(points)).toBe(expected);
  });
});
