/**
 * "Since the last review": the items in a figure part at T that were not in it at an earlier moment
 * (newly overdue, newly closed), with each item's state at both moments read in one pass. Same
 * answer as `listChangedItems` (tests/db/changes-property.test.ts), which reads the ledger twice for
 * the count and twice for the page.
 */
import { addMoment, type Moment } from '../../server/domain/time.ts';
import { memoKey, remembered } from '../figure-memo.ts';
import { LAST_EVENT_SQL } from '../figure-rollups.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import {
  DAYS_OVERDUE,
  type FigureItem,
  type FigureParams,
  figureItemsAt,
  scopeSql,
  stateAtSql,
} from './figures.ts';

/** Each part's test at T (columns of `s`) and at the earlier moment (columns prefixed `since_`). */
const CHANGED = {
  overdue: {
    now: 's.closed_at IS NULL AND s.deadline_end < @t',
    before: 's.registered_at < @since AND s.since_closed_at IS NULL AND s.since_deadline_end < @since',
  },
  closed: {
    now: 's.closed_at IS NOT NULL',
    before: 's.registered_at < @since AND s.since_closed_at IS NOT NULL',
  },
} as const;

export type ChangedPart = keyof typeof CHANGED;

type ChangedList = { total: number; items: FigureItem[] };

/**
 * Items in `part` at T and not at `since`, overdue first by days overdue, then by ledger code; `offset`
 * skips that many (a drill-down page).
 */
export function listChangedSince(
  db: Db,
  p: FigureParams & { since: Moment; part: ChangedPart; limit: number; offset?: number },
): ChangedList {
  return listChangedParts(db, { ...p, parts: [p.part] })[p.part]!;
}

/**
 * The lists of several parts (the review's newly overdue and newly closed) from one pass over their
 * candidates: each item's state at both moments is worked out once, then each part is ordered and cut.
 * Which items a page holds is remembered by moment (db/figure-memo.ts): a write after T leaves it as
 * it was. The page's rows are read afresh, so an edited title or person shows at once.
 */
export function listChangedParts(
  db: Db,
  p: FigureParams & { since: Moment; parts: ChangedPart[]; limit: number; offset?: number },
): Partial<Record<ChangedPart, ChangedList>> {
  // SQLite reads a negative LIMIT as none.
  if (p.limit < 0) throw new Error('limit must not be negative');
  const { t, since, warningDays, parts, limit, offset = 0 } = p;
  const key = memoKey({ ...p.scope, t, since, warningDays, parts: parts.join(), limit, offset });
  const pages = remembered(db, `changed|${key}`, t, () => changedPages(db, p));
  // Every part's rows in one read, then dealt out in the parts' order.
  const items = figureItemsAt(
    db,
    p,
    parts.flatMap((part) => pages[part]!.ids),
  );
  const lists: Partial<Record<ChangedPart, ChangedList>> = {};
  for (const part of parts)
    lists[part] = { total: pages[part]!.total, items: items.splice(0, pages[part]!.ids.length) };
  return lists;
}

type ChangedPage = { total: number; ids: number[] };

function changedPages(
  db: Db,
  p: FigureParams & { since: Moment; parts: ChangedPart[]; limit: number; offset?: number },
): Partial<Record<ChangedPart, ChangedPage>> {
  const { where, params } = scopeSql(p.scope);
  const now = stateAtSql('@t');
  const before = stateAtSql('@since');
  const overdue = p.parts.includes('overdue');
  // Only "overdue" asks for the deadline at the earlier moment, and only of the items that can be
  // overdue at T (open now, or changed since T): the thousands closed since are spared its look-ups.
  const sinceDeadline = overdue
    ? `CASE WHEN i.registered_at < @since AND (i.closed_at IS NULL OR i.state_changed_at >= @t)
        THEN ${before.deadline} END`
    : 'NULL';
  // Each part's page is the first rows of a sort bounded by LIMIT (SQLite keeps only those rows), and
  // its total a count apart: a window count over every row would make the sort keep them all.
  const ctes = p.parts.map((part) => {
    const inPart = `${CHANGED[part].now} AND NOT COALESCE(${CHANGED[part].before}, 0)`;
    return `page_${part} AS (
       SELECT s.id, s.ledger_code, ${DAYS_OVERDUE} AS days_overdue FROM s WHERE ${inPart}
       ORDER BY days_overdue DESC NULLS LAST, s.ledger_code
       LIMIT @limit OFFSET @offset
     ), total_${part} AS (SELECT COUNT(*) AS n FROM s WHERE ${inPart})`;
  });
  // A part's total comes as a row of its own (id NULL), first, so a page past the end still has it.
  const selects = p.parts.map(
    (part) => `SELECT '${part}' AS part, NULL AS id, n AS total, NULL AS days_overdue, NULL AS ledger_code
     FROM total_${part} UNION ALL SELECT '${part}', id, NULL, days_overdue, ledger_code FROM page_${part}`,
  );
  const columns = `i.id, i.ledger_code, i.department_id, i.registered_at,
    ${now.closed} AS closed_at, ${now.deadline} AS deadline_end,
    CASE WHEN i.registered_at < @since THEN ${before.closed} END AS since_closed_at,
    ${sinceDeadline} AS since_deadline_end`;
  // The items whose state can differ between `since` and T: those with an event at or after `since`,
  // read from items_figure_last_event alone (it carries these columns), and for overdue the open
  // items whose deadline passes in between (items_open_deadline, likewise). Any other item's own
  // columns are its state at both moments, so it is in a part at both or at neither. Of the first,
  // only those that can be in a part at T: an item whose state has not changed since T is there by
  // its own columns.
  const passing = `UNION ALL
    SELECT ${columns} FROM items i INDEXED BY items_open_deadline
    WHERE i.status <> 'closed' AND i.voided_at IS NULL AND i.deadline_end >= @since AND i.deadline_end < @t
      AND ${LAST_EVENT_SQL('i')} < @since AND i.registered_at < @t${where}`;
  const rows = prepared(
    db,
    `WITH s AS MATERIALIZED (
       SELECT ${columns} FROM items i INDEXED BY items_figure_last_event
       WHERE i.voided_at IS NULL AND ${LAST_EVENT_SQL('i')} >= @since AND i.registered_at < @t${where}
         AND (i.state_changed_at >= @t OR i.closed_at IS NOT NULL${overdue ? ' OR i.deadline_end < @t' : ''})
       ${overdue ? passing : ''}
     )
     -- Each part ordered and cut on the state; the page's item rows are read afterwards.
     , ${ctes.join(', ')}
     SELECT part, id, total FROM (${selects.join(' UNION ALL ')})
     ORDER BY part, id IS NOT NULL, days_overdue DESC NULLS LAST, ledger_code`,
  ).all({
    ...params,
    t: p.t,
    since: p.since,
    t_warn: addMoment(p.t, p.warningDays * 86_400),
    limit: p.limit,
    offset: p.offset ?? 0,
  }) as { part: ChangedPart; id: number | null; total: number | null }[];
  const result: Partial<Record<ChangedPart, ChangedPage>> = {};
  for (const row of rows) {
    if (row.id === null) result[row.part] = { total: row.total!, ids: [] };
    else result[row.part]!.ids.push(row.id);
  }
  return result;
}
