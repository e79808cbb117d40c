import { describe, expect, it } from 'vitest';
import { peerBenchmarks, quantile } from '../../../web/features/department-view/peer-benchmarks.ts';
import { PROFILE, row } from '../fixtures.ts';

const values = (closureRate: number, overdueShare: number, medianDaysToClose: number | null) => ({
  closureRate,
  onTimeRate: 0.8,
  overdueShare,
  medianDaysToClose,
  reopenRate: 0.05,
  appraisal: null,
});

describe('peer median and best quartile', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.5, 7],
    [[1, 2, 3, 4], 0.5, 2.5],
    [[1, 2, 3, 4], 0.75, 3.25],
    [[1, 2, 3, 4], 0.25, 1.75],
    [[10, 20, 30], 0.75, 25],
    [[10, 20, 30], 1, 30],
  ])('quantile(%o, %s) is %s', (sorted, q, expected) => {
    expect(quantile(sorted, q)).toBe(expected);
  });

  const own = row('D01', { peerGroup: 'g', values: values(0.6, 0.2, 40) });
  own.points.closureRate = 2.5;
  own.lost.closureRate = 22.5;
  const rows = [
    own,
    row('D02', { peerGroup: 'g', values: values(0.7, 0.1, null) }),
    row('D03', { peerGroup: 'g', values: values(0.8, 0, 20) }),
    row('D04', { peerGroup: 'g', values: values(0.9, 0.05, 30) }),
    // Not ranked, and another group: neither counts.
    row('D05', { peerGroup: 'g', ranked: false, values: values(0.1, 0.9, 200) }),
    row('D06', { peerGroup: 'other', values: values(0.99, 0, 5) }),
  ];
  const byComponent = Object.fromEntries(peerBenchmarks(own, rows, PROFILE).map((b) => [b.component, b]));

  it('covers the weighted components only', () => {
    expect(Object.keys(byComponent)).toEqual([
      'closureRate',
      'onTimeRate',
      'overdueShare',
      'medianDaysToClose',
      'reopenRate',
    ]);
  });

  it('for a rate where higher is better: median 0.75, best quartile 0.825 (75th percentile)', () => {
    const b = byComponent.closureRate!;
    expect(b.higherIsBetter).toBe(true);
    expect(b.value).toBe(0.6);
    expect(b.median).toBeCloseTo(0.75, 12);
    expect(b.bestQuartile).toBeCloseTo(0.825, 12);
    // Points on the 0.5→1 scale, weight 25: own 2.5 of 25; median 12.5 → 0.5; best 16.25 → 0.65.
    expect(b.share).toBeCloseTo(0.1, 12);
    expect(b.medianShare).toBeCloseTo(0.5, 12);
    expect(b.bestQuartileShare).toBeCloseTo(0.65, 12);
    expect(b.lost).toBe(22.5);
    expect(b.peers).toBe(4);
  });

  it('for a share where lower is better: median 0.075, best quartile 0.0375 (25th percentile)', () => {
    const b = byComponent.overdueShare!;
    expect(b.higherIsBetter).toBe(false);
    expect(b.median).toBeCloseTo(0.075, 12);
    expect(b.bestQuartile).toBeCloseTo(0.0375, 12);
    // 0.3→0 over weight 20: 0.075 earns 15 → 0.75 of the weight.
    expect(b.medianShare).toBeCloseTo(0.75, 12);
  });

  it('leaves out peers without a figure (no closed items, no median)', () => {
    const b = byComponent.medianDaysToClose!;
    expect(b.peers).toBe(3);
    expect(b.median).toBe(30);
    expect(b.bestQuartile).toBe(25);
  });

  it('has no median when no peer has the figure', () => {
    const lonely = row('D09', { peerGroup: 'solo', values: values(0.6, 0.2, null) });
    const b = peerBenchmarks(lonely, [lonely], PROFILE).find((x) => x.component === 'medianDaysToClose')!;
    expect(b).toMatchObject({
      median: null,
      bestQuartile: null,
      medianShare: null,
      bestQuartileShare: null,
      peers: 0,
    });
  });
});
