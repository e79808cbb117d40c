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
