import type { RankingRow } from '../../api/figures.ts';
import type { Lang } from '../../i18n/lang.ts';
import { pick } from '../../i18n/use-t.ts';

export type RankingSortKey =
  | 'overallRank'
  | 'rank'
  | 'department'
  | 'score'
  | 'rankChange'
  | 'closureRate'
  | 'onTimeRate'
  | 'overdueShare'
  | 'medianDaysToClose'
  | 'reopenRate'
  | 'appraisal';
export type SortDirection = 'asc' | 'desc';

export interface RankingSort {
  key: RankingSortKey;
  direction: SortDirection;
}

/**
 * Sorting by a component sorts by the points lost on it (most lost first when descending); by the
 * department, by its name as shown.
 */
function sortValue(row: RankingRow, key: RankingSortKey, lang: Lang): number | string | null {
  switch (key) {
    case 'overallRank':
      return row.overallRank;
    case 'rank':
      return row.rank;
    case 'department':
      return pick(lang, row.department.nameZh, row.department.nameEn);
    case 'score':
      return row.score;
    case 'rankChange':
      return row.overallRankChange;
    default:
      return row.lost[key];
  }
}

/**
 * The ranked rows sorted by a column, names in the language's order (pinyin in Chinese). Missing
 * values (no previous rank) go last in either direction; ties keep the overall rank order, then the
 * department code.
 */
export function sortRanking(rows: RankingRow[], sort: RankingSort, lang: Lang): RankingRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(lang === 'en' ? 'en' : 'zh-CN');
  return [...rows].sort((a, b) => {
    const va = sortValue(a, sort.key, lang);
    const vb = sortValue(b, sort.key, lang);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) {
      const cmp = typeof va === 'string' ? collator.compare(va, String(vb)) : va - (vb as number);
      return sign * cmp;
    }
    return (a.overallRank ?? 0) - (b.overallRank ?? 0) || a.department.code.localeCompare(b.department.code);
  });
}

/** Clicking a column: the same column flips direction; a new one starts in its natural direction. */
export function nextSort(current: RankingSort, key: RankingSortKey): RankingSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const natural: SortDirection =
    key === 'overallRank' || key === 'rank' || key === 'department' ? 'asc' : 'desc';
  return { key, direction: natural };
}

/** Ranked departments first (in rank order), the rest apart: those are listed with their reason. */
export function splitRanked(rows: RankingRow[]): { ranked: RankingRow[]; notRanked: RankingRow[] } {
  return { ranked: rows.filter((r) => r.ranked), notRanked: rows.filter((r) => !r.ranked) };
}

/** Above this many ranked departments the table shows its two ends until asked for all: a county's is whole. */
export const FOLD_OVER = 40;
/** Departments shown at each end of a folded table. */
export const FOLD_ENDS = 10;

/**
 * The rows a ranking table shows: all of them (a county, or when asked), or the first and the last
 * FOLD_ENDS of the order chosen, with how many are left out between them.
 */
export function foldRanking<T>(rows: readonly T[], all: boolean): { head: T[]; tail: T[]; hidden: number } {
  if (all || rows.length <= FOLD_OVER) return { head: [...rows], tail: [], hidden: 0 };
  return {
    head: rows.slice(0, FOLD_ENDS),
    tail: rows.slice(rows.length - FOLD_ENDS),
    hidden: rows.length - 2 * FOLD_ENDS,
  };
}
