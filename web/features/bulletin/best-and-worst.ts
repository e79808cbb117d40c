import type { RankingRow } from '../../api/figures.ts';

/**
 * The best and the worst of a ranking: the first n ranked departments by overall rank, and the last n,
 * both in rank order (the worst last, as a 通报 and the big screen's ranking slide list them), never the
 * same department in both; departments tied with the n-th are included.
 */
export function bestAndWorst(rows: RankingRow[], n: number): { best: RankingRow[]; worst: RankingRow[] } {
  const ranked = rows
    .filter((r) => r.ranked && r.overallRank !== null)
    .sort((a, b) => a.overallRank! - b.overallRank! || a.department.code.localeCompare(b.department.code));
  if (ranked.length === 0 || n <= 0) return { best: [], worst: [] };
  const half = Math.floor(ranked.length / 2);
  const take = Math.min(n, half);
  if (take === 0) return { best: ranked.slice(0, 1), worst: [] };
  const bestCut = ranked[take - 1]!.overallRank!;
  const best = ranked.filter((r) => r.overallRank! <= bestCut);
  const rest = ranked.slice(best.length);
  const worstCut = ranked[ranked.length - take]!.overallRank!;
  const worst = rest.filter((r) => r.overallRank! >= worstCut);
  return { best, worst };
}
