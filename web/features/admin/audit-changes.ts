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
  // Whole values are compared; only what is shown is shortened (a profile's config can differ at its end).
  return fields
    .map((field) => ({ field, before: b ? text(b[field]) : null, after: a ? text(a[field]) : null }))
    .filter((c) => c.before !== c.after)
    .map((c) => {
      const from = firstDifference(c.before, c.after);
      return { field: c.field, before: shorten(c.before, from), after: shorten(c.after, from) };
    });
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function text(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Where two values first differ (0 when either is missing). */
function firstDifference(x: string | null, y: string | null): number {
  if (x === null || y === null) return 0;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}

/** Characters of the same text kept before the first difference, when that lies beyond the shown length. */
const LEAD = 20;

/**
 * At most MAX_VALUE characters of a value, showing where it differs from the other one: a value that
 * differs only after its first MAX_VALUE characters is shown from a little before the difference.
 */
function shorten(value: string | null, from: number): string | null {
  if (value === null || value.length <= MAX_VALUE) return value;
  const start = from < MAX_VALUE - LEAD ? 0 : from - LEAD;
  const head = start > 0 ? '…' : '';
  const room = MAX_VALUE - head.length;
  const rest = value.slice(start);
  return head + (rest.length > room ? `${rest.slice(0, room - 1)}…` : rest);
}
