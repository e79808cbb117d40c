/**
 * An item's history as the timeline shows it: each event's kind (past tense, as every writer records
 * it, see ACTION_EVENTS) and what changed, field by field,
 * before → after. Bookkeeping columns (versions, cached ends of deadlines, first-* markers) are left out.
 */

export const HISTORY_KINDS = [
  'registered',
  'assigned',
  'started',
  'rectified',
  'rejected',
  'closed',
  'reopened',
  'extended',
  'extension_requested',
  'extension_approved',
  'extension_declined',
  'extension_withdrawn',
  'urged',
  'voided',
  'edited',
  'responded',
  'imported',
  'import_updated',
  'progress_reported',
  'milestone_added',
  'milestone_done',
  'file_added',
  'file_removed',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number] | 'other';

export function historyKind(kind: string): HistoryKind {
  if ((HISTORY_KINDS as readonly string[]).includes(kind)) return kind as HistoryKind;
  return 'other';
}

/** The fields a timeline shows, in this order; anything else in a history row is bookkeeping. */
export const HISTORY_FIELDS = [
  'status',
  'ledger_code',
  'title',
  'description',
  'source',
  'domain_id',
  'department_id',
  'participants',
  'responsible_person',
  'deadline',
  'requested_deadline',
  'original_deadline',
  'rectification_type',
  'handling_mode',
  'measures',
  'registered_at',
  'assigned_at',
  'first_response_at',
  'rectified_at',
  'evidence',
  'closed_at',
  'urge_count',
  'voided',
  'milestone',
  'due_on',
  'done_at',
  'file',
] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** An imported item's history row holds every column: the timeline names only these. */
const IMPORTED_SUMMARY: readonly HistoryField[] = [
  'status',
  'department_id',
  'responsible_person',
  'deadline',
];

/** History rows name fields in snake_case or camelCase (e.g. ledgerCode from the workflow's 'registered'). */
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);

function fields(value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value)) out.set(snake(k), v);
  return out;
}

export interface FieldChange {
  field: HistoryField;
  /** undefined: the event did not record a value before (e.g. the item was new). */
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What an event changed, field by field, in timeline order. */
export function historyChanges(kind: string, before: unknown, after: unknown): FieldChange[] {
  const b = fields(before);
  const a = fields(after);
  const shown = historyKind(kind) === 'imported' ? IMPORTED_SUMMARY : HISTORY_FIELDS;
  const changes: FieldChange[] = [];
  for (const field of shown) {
    if (!a.has(field) && !b.has(field)) continue;
    const from = b.get(field);
    const to = a.get(field);
    if (b.has(field) && a.has(field) && same(from, to)) continue;
    if (!b.has(field) && (to === null || to === undefined || to === '')) continue;
    changes.push({ field, before: b.has(field) ? from : undefined, after: a.has(field) ? to : undefined });
  }
  return changes;
}
