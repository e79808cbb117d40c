/**
 * 延期申请: a department's requests to extend its items' deadlines, and the office's decisions on them
 * (migration 016), or the department's withdrawal (019). An approval's extension itself is a
 * deadline_extensions row like any other.
 */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import type { ItemWriteScope } from './accounts-item-scope.ts';

/** The office approves or declines; the department may withdraw its own request while it waits. */
export type Decision = 'approved' | 'declined' | 'withdrawn';

export interface ExtensionRequestRow {
  id: number;
  item_id: number;
  requested_at: string;
  requested_by_name: string;
  old_deadline: string;
  new_deadline: string;
  reason: string;
  decision: Decision | null;
  decided_at: string | null;
  decided_by_name: string | null;
  decision_note: string | null;
  extension_id: number | null;
}

/** An item's requests as its page lists them, oldest first. */
export interface ExtensionRequest {
  id: number;
  requestedAt: string;
  requestedBy: string;
  oldDeadline: string;
  newDeadline: string;
  reason: string;
  decision: Decision | null;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  /** The deadline an approval set: the one asked for, or another the office chose. */
  grantedDeadline: string | null;
}

export function itemExtensionRequests(db: Db, itemId: number): ExtensionRequest[] {
  return prepared(
    db,
    `SELECT r.id, r.requested_at AS requestedAt, r.requested_by_name AS requestedBy, r.old_deadline AS oldDeadline,
            r.new_deadline AS newDeadline, r.reason, r.decision, r.decided_at AS decidedAt,
            r.decided_by_name AS decidedBy, r.decision_note AS decisionNote, x.new_deadline AS grantedDeadline
     FROM extension_requests r LEFT JOIN deadline_extensions x ON x.id = r.extension_id
     WHERE r.item_id = ? ORDER BY r.requested_at, r.id`,
  ).all(itemId) as ExtensionRequest[];
}

export function getExtensionRequest(db: Db, id: number): ExtensionRequestRow | null {
  return (
    (prepared(db, 'SELECT * FROM extension_requests WHERE id = ?').get(id) as
      | ExtensionRequestRow
      | undefined) ?? null
  );
}

export function pendingRequestOf(db: Db, itemId: number): ExtensionRequestRow | null {
  return (
    (prepared(db, 'SELECT * FROM extension_requests WHERE item_id = ? AND decision IS NULL').get(itemId) as
      | ExtensionRequestRow
      | undefined) ?? null
  );
}

export function insertExtensionRequest(
  db: Db,
  r: {
    itemId: number;
    requestedAt: string;
    requestedBy: number | null;
    requestedByName: string;
    oldDeadline: string;
    newDeadline: string;
    reason: string;
  },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO extension_requests
         (item_id, requested_at, requested_by, requested_by_name, old_deadline, new_deadline, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.itemId, r.requestedAt, r.requestedBy, r.requestedByName, r.oldDeadline, r.newDeadline, r.reason)
      .lastInsertRowid,
  );
}

export function decideExtensionRequest(
  db: Db,
  id: number,
  d: {
    decision: Decision;
    decidedAt: string;
    decidedBy: number | null;
    decidedByName: string;
    note: string | null;
    extensionId: number | null;
  },
): void {
  prepared(
    db,
    `UPDATE extension_requests
     SET decision = ?, decided_at = ?, decided_by = ?, decided_by_name = ?, decision_note = ?, extension_id = ?
     WHERE id = ? AND decision IS NULL`,
  ).run(d.decision, d.decidedAt, d.decidedBy, d.decidedByName, d.note, d.extensionId, id);
}

/** A request awaiting the office's decision, with its item as the office's list shows it. */
export interface WaitingRequest {
  id: number;
  itemId: number;
  ledgerCode: string;
  title: string;
  status: string;
  departmentCode: string | null;
  /** The item's deadline now (an extension granted since the request moves it). */
  deadline: string | null;
  oldDeadline: string;
  newDeadline: string;
  reason: string;
  requestedAt: string;
  requestedBy: string;
}

/**
 * The requests awaiting a decision in the scope (every department's for the office and leaders, its
 * own for a department), on items still open, oldest first: at most `limit` of them, and how many
 * there are.
 */
export function waitingRequests(
  db: Db,
  scope: ItemWriteScope,
  limit: number,
): { total: number; requests: WaitingRequest[] } {
  const own = scope.kind === 'department';
  // A request on an item closed or voided meanwhile no longer waits (it can only be declined).
  const where = `r.decision IS NULL AND i.status <> 'closed' AND i.voided_at IS NULL${own ? ' AND i.department_id = @department' : ''}`;
  const params = own ? { department: scope.departmentId } : {};
  const total = (
    prepared(
      db,
      `SELECT COUNT(*) AS n FROM extension_requests r JOIN items i ON i.id = r.item_id WHERE ${where}`,
    ).get(params) as { n: number }
  ).n;
  const requests = prepared(
    db,
    `SELECT r.id, r.item_id AS itemId, i.ledger_code AS ledgerCode, i.title, i.status,
            d.code AS departmentCode, i.deadline, r.old_deadline AS oldDeadline, r.new_deadline AS newDeadline,
            r.reason, r.requested_at AS requestedAt, r.requested_by_name AS requestedBy
     FROM extension_requests r JOIN items i ON i.id = r.item_id
     LEFT JOIN departments d ON d.id = i.department_id
     WHERE ${where} ORDER BY r.requested_at, r.id LIMIT @limit`,
  ).all({ ...params, limit }) as WaitingRequest[];
  return { total, requests };
}
