import type { FigureScope } from '../../api/figures.ts';

/** A published ranking's identity, as the list of published rankings gives it. */
export interface PublishedMeta {
  id: number;
  period: string;
  asOf: string;
  scope: Record<string, string>;
}

const scopeKey = (scope: Record<string, string | undefined>) =>
  JSON.stringify(
    Object.entries(scope)
      .filter(([, v]) => v !== undefined && v !== '')
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/**
 * The ranking published for exactly this bulletin: as of the same moment (T) and over the same scope.
 * A bulletin of a published week then quotes what was published, whatever changed since (DESIGN §4).
 */
export function publishedFor(
  published: readonly PublishedMeta[],
  t: string,
  scope: FigureScope,
): PublishedMeta | undefined {
  const { asOf: _asOf, ...filters } = scope;
  const key = scopeKey(filters);
  return published.find((p) => p.asOf === t && scopeKey(p.scope) === key);
}

/** What two rankings are compared by: each department's score and overall rank. */
interface RankedDepartment {
  department: { code: string };
  score: number | null;
  overallRank: number | null;
}

/**
 * How many departments the ranking computed now shows otherwise than the one published for the same
 * week and scope (another score to the hundredth, another rank, or in one of them only): the ledger
 * or the scoring profile changed since it was published.
 */
export function departmentsDiffering(
  live: readonly RankedDepartment[],
  published: readonly RankedDepartment[],
): number {
  const key = (r: RankedDepartment) =>
    `${r.score === null ? '—' : r.score.toFixed(2)} ${r.overallRank ?? '—'}`;
  const then = new Map(published.map((r) => [r.department.code, key(r)]));
  let differing = 0;
  for (const r of live) {
    if (then.get(r.department.code) !== key(r)) differing++;
    then.delete(r.department.code);
  }
  return differing + then.size;
}
