/** At most this many domains get a row of their own; the rest are counted in a note. */
export const MAX_DOMAIN_ROWS = 14;

/**
 * The domains the breakdown slide lists: every one when they fit, else the ones with the most items
 * (in their original order) and how many are left out.
 */
export function domainRows<T extends { registered: number }>(
  domains: readonly T[],
  max = MAX_DOMAIN_ROWS,
): { rows: T[]; hidden: number } {
  if (domains.length <= max) return { rows: [...domains], hidden: 0 };
  const shown = new Set(
    [...domains]
      .map((d, i) => ({ d, i }))
      .sort((a, b) => b.d.registered - a.d.registered || a.i - b.i)
      .slice(0, max)
      .map((x) => x.d),
  );
  return { rows: domains.filter((d) => shown.has(d)), hidden: domains.length - shown.size };
}
