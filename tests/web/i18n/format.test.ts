import { describe, expect, it } from 'vitest';
import {
  DASH,
  formatCountInProse,
  formatDayRange,
  formatInstantDay,
  formatNumber,
  formatPercent,
  formatPoints,
  formatPointsLost,
  formatScore,
} from '../../../web/i18n/format.ts';

describe('numbers and percentages', () => {
  it('show the digits asked for, each count of digits with its own formatter', () => {
    // In turn, so a formatter built for one count of digits would show up under another.
    expect(formatNumber('en', 1234.5678, 0)).toBe('1,235');
    expect(formatNumber('en', 1234.5678, 2)).toBe('1,234.57');
    expect(formatNumber('en', 1234.5678, 1)).toBe('1,234.6');
    expect(formatNumber('en', 1234.5678)).toBe('1,235');
    expect(formatNumber('zh-CN', 0.5, 1)).toBe('0.5');
    expect(formatPercent('en', 0.92304, 1)).toBe('92.3%');
    expect(formatPercent('en', 0.92304, 0)).toBe('92%');
    expect(formatPercent('zh-CN', 0.92304, 2)).toBe('92.30%');
    expect(formatPercent('en', 0.92304)).toBe('92.3%');
  });

  it('show a dash for a rate without a denominator', () => {
    expect(formatNumber('en', null)).toBe(DASH);
    expect(formatPercent('zh-CN', null)).toBe(DASH);
  });
});

describe('days of recorded instants', () => {
  it("are the organisation's days, not UTC's", () => {
    // 20:05 UTC on 6 December is 04:05 on 7 December in Shanghai.
    expect(formatInstantDay('en', '2026-12-06T20:05:00.000Z', 'Asia/Shanghai')).toBe('Dec 7, 2026');
    expect(formatInstantDay('zh-CN', '2026-12-06T20:05:00.000Z', 'Asia/Shanghai')).toBe('2026年12月7日');
    expect(formatInstantDay('en', '2026-12-06T15:59:59.000Z', 'Asia/Shanghai')).toBe('Dec 6, 2026');
    expect(formatInstantDay('en', null, 'Asia/Shanghai')).toBe(DASH);
  });
});

describe('scores', () => {
  it('show the two decimals the ranking computes, so different scores never look tied', () => {
    expect([formatScore('en', 79.83), formatScore('en', 79.79)]).toEqual(['79.83', '79.79']);
    expect(formatScore('zh-CN', null)).toBe(DASH);
  });
});

describe('counts in the prose of a document', () => {
  it('have no thousands separators in Chinese (公文 writes 5874个), and keep them in English', () => {
    expect(formatCountInProse('zh-CN', 5874)).toBe('5874');
    expect(formatCountInProse('zh-CN', 12)).toBe('12');
    expect(formatCountInProse('en', 5874)).toBe('5,874');
  });
});

describe('points beside a score', () => {
  it("show the score's two decimals, so the points and the points lost add up to the score shown", () => {
    // D29 in the review: 21.6/25 with 3.5 lost read as 25.1; to 0.01 they are 21.63 and 3.37.
    const points = [21.63, 20.9, 19.37, 14.5, 14.24];
    const lost = [3.37, 4.1, 0.63, 0.5, 0.76];
    const score = 90.64;
    expect(points.map((p) => formatPoints('en', p))).toEqual(['21.63', '20.90', '19.37', '14.50', '14.24']);
    expect(lost.map((l) => formatPointsLost('en', l))).toEqual(['−3.37', '−4.10', '−0.63', '−0.50', '−0.76']);
    // What a head adds up from the screen: 21.63 + 20.90 + 19.37 + 14.50 + 14.24 = 90.64, lost 9.36.
    const shownSum = (xs: string[]) =>
      xs.reduce((a, x) => a + Math.round(Number(x.replace('−', '')) * 100), 0);
    expect(shownSum(points.map((p) => formatPoints('en', p)))).toBe(9064);
    expect(shownSum(lost.map((l) => formatPointsLost('en', l)))).toBe(10000 - 9064);
    expect(formatScore('en', score)).toBe('90.64');
  });

  it("say 0 for no points lost, and use the language's digits", () => {
    expect(formatPointsLost('zh-CN', 0)).toBe('0');
    expect(formatPointsLost('en', 0.001)).toBe('0');
    expect(formatPoints('zh-CN', 1234.5)).toBe('1,234.50');
    expect(formatPoints('en', null)).toBe(DASH);
  });
});

describe('a range of days, as a week in the as-of filter reads', () => {
  it.each([
    ['2025-11-17', '2025-11-23', '11月17日至23日', 'Nov 17–23'],
    ['2025-11-30', '2025-12-06', '11月30日至12月6日', 'Nov 30 – Dec 6'],
    ['2025-12-29', '2026-01-04', '2025年12月29日至2026年1月4日', 'Dec 29, 2025 – Jan 4, 2026'],
  ])('%s to %s reads %s / %s', (from, to, zh, en) => {
    expect(formatDayRange('zh-CN', from, to)).toBe(zh);
    expect(formatDayRange('en', from, to)).toBe(en);
  });
});
