/**
 * 督查室的处理: what the supervision office did lately to a department's items — assigned them, urged,
 * sent a rectification back, verified and closed, reopened, extended or refused to extend a deadline,
 * voided — read from the items' history. A department's liaison reads it as what it has to act on.
 */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

/**
 * The history kinds of the office's actions (an import records kinds of its own, not these). A
 * department's liaison records one of them too, registering an item for its own department with a
 * deadline ('assigned'): those of an editor are the department's own steps, not the office's.
 */
export const OFFICE_ACTION_KINDS = [
  'assigned',
  'urged',
  'rejected',
  'closed',
  'reopened',
  'extended',
  'extension_declined',
  'voided',
] as const;
export type OfficeActionKind = (typeof OFFICE_ACTION_KINDS)[number];

export interface OfficeAction {
  itemId: number;
  ledgerCode: string;
  title: string;
  kind: OfficeActionKind;
  /** When, in the ledger's local time (as the item's history shows it). */
  at: string;
  actor: string;
  /** The deadline it set (an assignment's, an extension's), else null. */
  deadline: string | null;
  /** The office's words: the urging, why it was sent back, reopened, extended or refused. */
  note: string | null;
}

/**
 * The office's actions on the items the department leads, recorded at or after the instant `since`
 * by anyone but a department's liaison: how many, and the latest `limit`.
 */
export function listOfficeActions(
  db: Db,
  departmentId: number,
  since: string,
  limit: number,
): { total: number; actions: OfficeAction[] } {
  const kinds = OFFICE_ACTION_KINDS.map((k) => `'${k}'`).join(', ');
  // Every office action writes its item (its version and updated_at move on), so only the items
  // updated since are read for their history: found in the two indexes that lead with what they
  // need (updated_at; voided items apart), a province department's few, not its thousands.
  const from = `FROM (
      SELECT id FROM items INDEXED BY items_list_updated
      WHERE voided_at IS NULL AND updated_at >= @since AND department_id = @department
      UNION ALL
      SELECT id FROM items INDEXED BY items_voided
      WHERE voided_at IS NOT NULL AND updated_at >= @since AND department_id = @department
    ) touched JOIN items i ON i.id = touched.id JOIN item_history h ON h.item_id = i.id
    WHERE h.kind IN (${kinds}) AND h.at >= @since
      AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = h.actor_id AND u.role = 'editor')`;
  const params = { department: departmentId, since };
  const total = prepared(db, `SELECT COUNT(*) ${from}`).pluck().get(params) as number;
  const actions = prepared(
    db,
    `SELECT i.id AS itemId, i.ledger_code AS ledgerCode, i.title, h.kind, h.effective_at AS at, h.actor_name AS actor,
       CASE WHEN h.kind IN ('assigned', 'extended') THEN json_extract(h.after, '$.deadline') END AS deadline,
       h.note
     ${from} ORDER BY h.at DESC, h.id DESC LIMIT @limit`,
  ).all({ ...params, limit }) as OfficeAction[];
  return { total, actions };
}
