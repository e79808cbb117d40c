import { describe, expect, it } from 'vitest';
import { domainRows } from '../../../web/features/big-screen/domain-rows.ts';
import { headlineTiles } from '../../../web/features/big-screen/headline-tiles.ts';
import { clockTime, dayAndTime, shareOf } from '../../../web/features/big-screen/screen-format.ts';
import { latestRate, toTrendPoints, trendAxisFloor } from '../../../web/features/big-screen/trend-points.ts';
import { formatScore } from '../../../web/i18n/format.ts';

const headline = (over: Partial<Record<string, number | null>> = {}) => ({
  registered: 100,
  closed: 80,
  closureRate: 0.8,
  due: 60,
  onTimeRate: 0.75,
  overdue: 6,
  open: 20,
  medianDaysToClose: 30,
  ...over,
});

describe('headline tiles', () => {
  it('gives each figure its change since a week before and whether that is good news', () => {
    const tiles = headlineTiles(
      headline({ registered: 110, closed: 90, closureRate: 90 / 110, overdue: 4, medianDaysToClose: 32 }),
      headline(),
    );
    expect(
      tiles.map((t) => [t.key, t.change === null ? null : Math.round(t.change * 1000) / 1000, t.tone]),
    ).toEqual([
      ['registered', 10, 'neutral'], // more items registered is neither good nor bad
      ['closed', 10, 'good'],
      ['closureRate', 0.018, 'good'], // 81.8% − 80%
      ['onTimeRate', 0, 'neutral'],
      ['overdue', -2, 'good'], // fewer overdue is good
      ['medianDaysToClose', 2, 'bad'], // slower is bad
    ]);
  });

  it('has no change where a rate is undefined now or a week before', () => {
    const tiles = headlineTiles(headline({ onTimeRate: null }), headline());
    const onTime = tiles.find((t) => t.key === 'onTimeRate')!;
    expect([onTime.value, onTime.change, onTime.direction, onTime.tone]).toEqual([
      null,
      null,
      null,
      'neutral',
    ]);
  });

  it('calls a rate change too small to show "flat"', () => {
    const tiles = headlineTiles(headline({ closureRate: 0.8004 }), headline());
    expect(tiles.find((t) => t.key === 'closureRate')!.direction).toBe('flat');
  });
});

describe('trend points', () => {
  const trend = [
    { weekStart: '2026-11-02', closureRate: 0.8123, onTimeRate: null },
    { weekStart: '2026-11-09', closureRate: 0.8456, onTimeRate: 0.7 },
    { weekStart: '2026-11-16', closureRate: null, onTimeRate: 0.7149 },
  ];

  it('turns rates into percentages rounded to 0.1, keeping gaps', () => {
    expect(toTrendPoints(trend)).toEqual([
      { weekStart: '2026-11-02', closureRate: 81.2, onTimeRate: null },
      { weekStart: '2026-11-09', closureRate: 84.6, onTimeRate: 70 },
      { weekStart: '2026-11-16', closureRate: null, onTimeRate: 71.5 },
    ]);
  });

  it('rounds a rate half way between two tenths up, as the headline tile shows it', () => {
    // 201 of 400 closed is 50.25%: the headline says 50.3%, so the legend does too.
    const [point] = toTrendPoints([
      { weekStart: '2026-11-16', closureRate: 201 / 400, onTimeRate: 203 / 400 },
    ]);
    expect(point).toEqual({ weekStart: '2026-11-16', closureRate: 50.3, onTimeRate: 50.8 });
  });

  it('starts the axis 10 under the lowest rate, in tens, not below 0', () => {
    expect(trendAxisFloor(toTrendPoints(trend))).toBe(60);
    expect(trendAxisFloor([{ weekStart: 'w', closureRate: 4, onTimeRate: null }])).toBe(0);
    expect(trendAxisFloor([])).toBe(0);
  });

  it('shows the latest defined value of each rate in the legend', () => {
    const points = toTrendPoints(trend);
    expect(latestRate(points, 'closureRate')).toBe(84.6);
    expect(latestRate(points, 'onTimeRate')).toBe(71.5);
    expect(latestRate([], 'onTimeRate')).toBeNull();
  });
});

describe('domain rows', () => {
  const domains = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ code: `d${i}`, registered: (i * 37) % 17 }));

  it('lists every domain when they fit, in their order', () => {
    const all = domains(14);
    expect(domainRows(all)).toEqual({ rows: all, hidden: 0 });
  });

  it('keeps the domains with the most items when there are too many, in their order', () => {
    const list = [
      { code: 'a', registered: 5 },
      { code: 'b', registered: 50 },
      { code: 'c', registered: 1 },
      { code: 'd', registered: 20 },
    ];
    expect(domainRows(list, 2)).toEqual({ rows: [list[1], list[3]], hidden: 2 });
  });
});

describe('screen formatting', () => {
  it('shows the time of a local moment as HH:MM', () => {
    expect(clockTime('2026-11-20T09:05:00')).toBe('09:05');
  });

  it('shows the day and time in each language', () => {
    expect(dayAndTime('zh-CN', '2026-11-20T10:00:00')).toBe('2026年11月20日 10:00');
    expect(dayAndTime('en', '2026-11-20T10:00:00')).toBe('Nov 20, 2026 10:00');
  });

  it('shows scores with two decimals', () => {
    expect(formatScore('en', 91.3)).toBe('91.30');
    expect(formatScore('zh-CN', 100)).toBe('100.00');
  });

  it('gives a bar its share of full points, safely', () => {
    expect(shareOf(15, 30)).toBe(50);
    expect(shareOf(31, 30)).toBe(100);
    expect(shareOf(-1, 30)).toBe(0);
    expect(shareOf(0, 0)).toBe(0);
  });
});
