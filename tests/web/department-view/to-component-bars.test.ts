import { describe, expect, it } from 'vitest';
import type { Benchmark } from '../../../web/features/department-view/peer-benchmarks.ts';
import { toComponentBars } from '../../../web/features/department-view/to-component-bars.ts';

const benchmark = (
  component: Benchmark['component'],
  share: number,
  medianShare: number | null,
  bestQuartileShare: number | null,
): Benchmark => ({
  component,
  weight: 25,
  higherIsBetter: true,
  value: null,
  points: 0,
  lost: 0,
  median: null,
  bestQuartile: null,
  share,
  medianShare,
  bestQuartileShare,
  peers: 3,
});

describe('component bars', () => {
  it.each([
    ['full points and none', benchmark('closureRate', 1, 0, 0.5), { own: 100, median: 0, best: 50 }],
    [
      'a share to one decimal of a percent',
      benchmark('onTimeRate', 0.87654, 0.1234, 0.99951),
      { own: 87.7, median: 12.3, best: 100 },
    ],
    [
      'a share half way between two tenths, half up',
      benchmark('closureRate', 201 / 400, 0.5, 0.5),
      { own: 50.3, median: 50, best: 50 },
    ],
    ['no peers with data', benchmark('reopenRate', 0.25, null, null), { own: 25, median: null, best: null }],
  ])('%s', (_, b, expected) => {
    expect(toComponentBars([b], (c) => `name of ${c}`)).toEqual([
      { name: `name of ${b.component}`, ...expected },
    ]);
  });

  it('keeps the components in order, named by the given function', () => {
    const bars = toComponentBars(
      [benchmark('overdueShare', 0.5, 0.5, 0.5), benchmark('closureRate', 0.5, 0.5, 0.5)],
      (c) => c.toUpperCase(),
    );
    expect(bars.map((b) => b.name)).toEqual(['OVERDUESHARE', 'CLOSURERATE']);
  });

  it('gives nothing for no components', () => {
    expect(toComponentBars([], String)).toEqual([]);
  });
});
