/**
 * "Since the last review", the events a state comparison does not show: deadlines extended (an overdue
 * item extended leaves the red list without being closed), closures reopened, items voided (they leave
 * every figure). Each event made at or after `since` and before T, as the figures count events, for
 * the items of the scope; the latest first.
 */
import type { Moment } from '../../server/domain/time.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import { type FigureItem, type Scope, scopeSql } from './figures.ts';

/** The item an event happened to, named as the figures' item lists name it. */
export interface ReviewEvent
  extends Pick<
    FigureItem,
    'id' | 'ledgerCode' | 'title' | 'departmentCode' | 'departmentZh' | 'departmentEn'
  > {
  /** When the event was recorded. */
  at: Moment;
  /** An extension's deadlines; a reopening's or a void's reason. */
  oldDeadline: string | null;
  newDeadline: string | null;
  reason: string | null;
}

export interface ReviewEvents {
  extended: { total: number; items: ReviewEvent[] };
  reopened: { total: number; items: ReviewEvent[] };
  voided: { total: number; items: ReviewEvent[] };
}

const ITEM = `i.id, i.ledger_code AS ledgerCode, i.title, d.code AS departmentCode, d.name_zh AS departmentZh,
  d.name_en AS departmentEn`;

/** Each kind: its events' columns, tables and moment column (ALIAS e for the event's table). */
const EVENTS = {
  extended: {
    columns: 'e.approved_at AS at, e.old_deadline AS oldDeadline, e.new_deadline AS newDeadline, e.reason',
    from: 'deadline_extensions e JOIN items i ON i.id = e.item_id',
    at: 'e.approved_at',
    voided: 'AND i.voided_at IS NULL',
  },
  reopened: {
    columns: 'e.reopened_at AS at, NULL AS oldDeadline, NULL AS newDeadline, e.reopen_reason AS reason',
    from: 'item_closures e JOIN items i ON i.id = e.item_id',
    at: 'e.reopened_at',
    voided: 'AND i.voided_at IS NULL',
  },
  voided: {
    columns: 'i.voided_at AS at, NULL AS oldDeadline, NULL AS newDeadline, i.void_reason AS reason',
    from: 'items i',
    at: 'i.voided_at',
    voided: '',
  },
} as const;

export function listReviewEvents(
  db: Db,
  p: { t: Moment; since: Moment; scope: Scope; limit: number },
): ReviewEvents {
  const { where, params } = scopeSql(p.scope);
  const all = { ...params, t: p.t, since: p.since };
  const read = (kind: keyof typeof EVENTS) => {
    const e = EVENTS[kind];
    const filter = `FROM ${e.from} LEFT JOIN departments d ON d.id = i.department_id
      WHERE ${e.at} >= @since AND ${e.at} < @t ${e.voided}${where}`;
    const total = prepared(db, `SELECT COUNT(*) ${filter}`).pluck().get(all) as number;
    const items = prepared(
      db,
      `SELECT ${ITEM}, ${e.columns} ${filter} ORDER BY ${e.at} DESC, i.ledger_code LIMIT @limit`,
    ).all({ ...all, limit: p.limit }) as ReviewEvent[];
    return { total, items };
  };
  return { extended: read('extended'), reopened: read('reopened'), voided: read('voided') };
}
