/**
 * "Since the last review", the events a state comparison does not show: deadlines extended (an overdue
 * item extended leaves the red list without being closed), extensions asked for by the departments,
 * closures reopened, items voided (they leave every figure). Each event made at or after `since` and
 * before T, as the figures count events, for the items of the scope; the latest first.
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
  /** An extension's or a request's deadlines; its reason, a reopening's or a void's. */
  oldDeadline: string | null;
  newDeadline: string | null;
  reason: string | null;
}

interface EventList {
  total: number;
  items: ReviewEvent[];
}

export interface ReviewEvents {
  extended: EventList;
  /** Extension requests made since (whatever became of them), and how many wait for a decision at T. */
  requested: EventList & { waiting: number };
  reopened: EventList;
  voided: EventList;
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
  requested: {
    columns: 'e.requested_at AS at, e.old_deadline AS oldDeadline, e.new_deadline AS newDeadline, e.reason',
    from: 'extension_requests e JOIN items i ON i.id = e.item_id',
    at: 'e.requested_at',
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
  // Waiting at T, as the ledger lists them now: asked before T, not decided (approved, declined,
  // withdrawn) before it, on an item neither voided nor closed at T.
  const waiting = prepared(
    db,
    `SELECT COUNT(*) FROM extension_requests e JOIN items i ON i.id = e.item_id
     WHERE e.requested_at < @t AND (e.decided_at IS NULL OR e.decided_at >= @t)
       AND (i.voided_at IS NULL OR i.voided_at >= @t)
       AND NOT EXISTS (SELECT 1 FROM item_closures c WHERE c.item_id = i.id AND c.closed_at < @t
                         AND (c.reopened_at IS NULL OR c.reopened_at >= @t))${where}`,
  )
    .pluck()
    .get(all) as number;
  return {
    extended: read('extended'),
    requested: { ...read('requested'), waiting },
    reopened: read('reopened'),
    voided: read('voided'),
  };
}
