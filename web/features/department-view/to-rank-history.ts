import type { DepartmentSeries } from '../../api/figures.ts';

export interface RankHistoryPoint {
  weekStart: string;
  score: number;
  /** Rank in the peer group; null in weeks when the department was not ranked. */
  rank: number | null;
  overallRank: number | null;
}

/** One department's weekly points for the rank-history chart; an unknown department gives none. */
export function toRankHistory(series: DepartmentSeries, code: string): RankHistoryPoint[] {
  const own = series.departments.find((d) => d.department.code === code);
  if (!own) return [];
  return own.points.map((p) => ({
    weekStart: p.weekStart,
    score: p.score,
    rank: p.ranked ? p.rank : null,
    overallRank: p.ranked ? p.overallRank : null,
  }));
}

/**
 * The y-axis of ranks: 1 at the top down to the worst rank seen, the overall rank's too when it is drawn
 * (at least 5, so a short history reads).
 */
export function rankAxisMax(points: RankHistoryPoint[], overall = false): number {
  return Math.max(5, ...points.map((p) => Math.max(p.rank ?? 0, overall ? (p.overallRank ?? 0) : 0)));
}
