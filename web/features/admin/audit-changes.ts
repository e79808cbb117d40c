/**
 * What an audit entry changed, field by field: the fields whose values differ between before and
 * after (all of after's for a creation, all of before's for a removal), values as short text.
 */
export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

const MAX_VALUE = 80;

export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) return [];
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return fields
    .map((field) => ({ field, before: b ? show(b[field]) : null, after: a ? show(a[field]) : null }))
    .filter((c) => c.before !== c.after);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function show(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}
