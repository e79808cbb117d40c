import { describe, expect, it } from 'vitest';
import { lonePoints, sparklineSegments } from '../../../web/components/sparkline-points.ts';

describe('sparkline points (width 100, height 24, margin 2)', () => {
  it.each([
    ['spreads values over the width, highest at the top', [0, 10, 5], ['2,22 50,2 98,12']],
    ['splits the line where a value is missing', [1, null, 3], ['2,22', '98,2']],
    ['draws a flat line through the middle', [5, 5], ['2,12 98,12']],
    ['puts a single value in the middle', [7], ['50,12']],
    ['draws nothing without values', [null, null], []],
    ['draws nothing for an empty series', [], []],
  ])('%s', (_name, values, expected) => {
    expect(sparklineSegments(values, 100, 24)).toEqual(expected);
  });

  it.each([
    // Range 2 widened to 10 around 51: 46 at the bottom (22), 56 at the top (2); 50 → 2 + 6/10·20 = 14.
    ['widens a small range to the least span', [50, 52], 10, ['2,14 98,10']],
    ['keeps a range already wider than the span', [0, 10, 5], 4, ['2,22 50,2 98,12']],
  ])('%s', (_name, values, minSpan, expected) => {
    expect(sparklineSegments(values, 100, 24, 2, minSpan)).toEqual(expected);
  });

  it('dots a week with no neighbours, which a polyline of one point would not draw', () => {
    // Ranked in the first and third of six weeks, then the last two: 20 a step, 0 at the bottom, 10 at the top.
    const segments = sparklineSegments([0, null, 10, null, 5, 5], 104, 24);
    expect(segments).toEqual(['2,22', '42,2', '82,12 102,12']);
    expect(lonePoints(segments)).toEqual([
      [2, 22],
      [42, 2],
    ]);
    expect(lonePoints(sparklineSegments([1, 2, 3], 100, 24))).toEqual([]);
  });
});
