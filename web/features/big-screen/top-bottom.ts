/**
 * The top and the bottom of a ranking, for the ranking slide: up to `n` ranked departments each, by
 * overall rank, never the same department twice. With fewer than 2n ranked, the top gets the larger
 * half and the bottom the rest.
 */
export function topAndBottom<T extends { ranked: boolean; overallRank: number | null }>(
  rows: readonly T[],
  n: number,
): { top: T[]; bottom: T[] } {
  const ranked = rows
    .filter((r) => r.ranked && r.overallRank !== null)
    .sort((a, b) => (a.overallRank ?? 0) - (b.overallRank ?? 0));
  const topCount = Math.min(n, Math.ceil(ranked.length / 2));
  const bottomCount = Math.min(n, ranked.length - topCount);
  return { top: ranked.slice(0, topCount), bottom: ranked.slice(ranked.length - bottomCount) };
}
