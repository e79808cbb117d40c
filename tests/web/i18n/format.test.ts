import { describe, expect, it } from 'vitest';
import {
  DASH,
  formatDayRange,
  formatInstantDay,
  formatNumber,
  formatPercent,
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
