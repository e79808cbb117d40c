import type { Improvement } from '../../api/figures.ts';

type Row = Improvement['rows'][number];

/**
 * The departments whose score rose most against their own baseline, and those whose score fell most
 * (biggest fall first); a department with no change is in neither list.
 */
export function improvedAndSlipped(rows: Row[], n: number): { improved: Row[]; slipped: Row[] } {
  const improved = rows
    .filter((r) => r.change > 0)
    .sort((a, b) => b.change - a.change || a.department.code.localeCompare(b.department.code))
    .slice(0, n);
  const slipped = rows
    .filter((r) => r.change < 0)
    .sort((a, b) => a.change - b.change || a.department.code.localeCompare(b.department.code))
    .slice(0, n);
  return { improved, slipped };
}
