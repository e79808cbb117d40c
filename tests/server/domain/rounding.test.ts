import { describe, expect, it } from 'vitest';
import { percentTenths, round2, roundHalfUp } from '../../../server/domain/rounding.ts';

describe('rounding as shown', () => {
  it.each([
    // 201 of 400 is 50.25% exactly; as a double 0.5025 × 1000 is 502.49999999999994.
    ['201 of 400', 201 / 400, 50.3],
    ['203 of 400', 203 / 400, 50.8],
    ['1,001 of 2,000', 1001 / 2000, 50.1],
    ['63 of 80', 63 / 80, 78.8],
    ['7 of 80', 7 / 80, 8.8],
    ['1 of 3', 1 / 3, 33.3],
    ['none', 0, 0],
    ['all', 1, 100],
  ])('%s as a percentage to 0.1', (_, rate, expected) => {
    expect(percentTenths(rate)).toBe(expected);
  });

  it('rounds every ratio of counts up to 400 as the pages format it (Intl, half up on the decimal)', () => {
    const intl = new Intl.NumberFormat('en', {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      useGrouping: false,
    });
    const differ: string[] = [];
    for (let d = 1; d <= 400; d++)
      for (let n = 0; n <= d; n++)
        if (`${percentTenths(n / d).toFixed(1)}%` !== intl.format(n / d)) differ.push(`${n}/${d}`);
    expect(differ).toEqual([]);
  });

  it('rounds to any number of decimals half up on the decimal value', () => {
    expect(roundHalfUp(14.374999999999998, 2)).toBe(14.38);
    expect(roundHalfUp(2.25, 1)).toBe(2.3);
    expect(roundHalfUp(2.5, 0)).toBe(3);
    expect(round2(0.145)).toBe(0.15);
  });
});
