import { COMPONENTS, type Component, componentPoints } from '../../../server/domain/scoring.ts';
import type { ProfileConfig, RankingRow } from '../../api/figures.ts';

export interface Benchmark {
  component: Component;
  weight: number;
  /** Whether a higher figure is better (the target is above the floor). */
  higherIsBetter: boolean;
  value: number | null;
  points: number;
  lost: number;
  /** The peers' median figure and the figure at the edge of their best quartile; null without data. */
  median: number | null;
  bestQuartile: number | null;
  /** The points those two figures would earn, to compare on one scale (share of the weight, 0–1). */
  share: number;
  medianShare: number | null;
  bestQuartileShare: number | null;
  /** Ranked peers with a figure for this component. */
  peers: number;
}

/** The q-quantile of sorted numbers by linear interpolation between closest ranks (q in 0–1). */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * One department against its peer group on every weighted component: the median and best quartile of
 * the ranked departments of its group (itself included). The best quartile is the 75th percentile for
 * a figure where higher is better and the 25th where lower is better.
 */
export function peerBenchmarks(row: RankingRow, rows: RankingRow[], config: ProfileConfig): Benchmark[] {
  const peers = rows.filter((r) => r.ranked && r.department.peerGroup === row.department.peerGroup);
  return COMPONENTS.filter((c) => config.components[c].weight > 0).map((component) => {
    const rule = config.components[component];
    const higherIsBetter = rule.target > rule.floor;
    const values = peers
      .map((p) => p.values[component])
      .filter((v): v is number => v !== null)
      .sort((a, b) => a - b);
    const median = quantile(values, 0.5);
    const bestQuartile = quantile(values, higherIsBetter ? 0.75 : 0.25);
    const share = (v: number | null) => (v === null ? null : componentPoints(v, rule) / rule.weight);
    return {
      component,
      weight: rule.weight,
      higherIsBetter,
      value: row.values[component],
      points: row.points[component],
      lost: row.lost[component],
      median,
      bestQuartile,
      share: row.points[component] / rule.weight,
      medianShare: share(median),
      bestQuartileShare: share(bestQuartile),
      peers: values.length,
    };
  });
}
