import { describe, expect, it } from 'vitest';
import { DASH, formatNumber, formatPercent } from '../../../web/i18n/format.ts';

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
