/**
 * Figures remembered by moment (docs/performance.md). The figures at a moment T depend only on the data
 * at T, and every write records the earliest moment it can have changed (db/migrations/
 * 008_figure_changes.sql). So figures computed at T under data version V are still exact under a later
 * version if no write since V changed anything at or before T: after the usual write "now", a week-old
 * comparison or a 26-week series needs only its latest moment computed again. The rankings are
 * remembered the same way: what they read besides the figures (departments, peer groups, appraisals)
 * records its changes as changing every moment (migrations 008 and 009).
 *
 * Remembered per connection, in the process that computes (the figures worker). Not inside a write
 * transaction: what it reads there may yet be rolled back.
 */
import type { Db } from './open.ts';
import { prepared } from './statements.ts';

/**
 * `latest` of a value that holds at every moment (the departments, the appraisals): only a change
 * recorded as changing everything (a department, peer group or appraisal) makes it be read again.
 */
export const EVERY_MOMENT = '';

/** Entries kept per connection; the least recently used go first. */
const MAX_ENTRIES = 4000;

interface Entry {
  version: number;
  value: unknown;
}

const memos = new WeakMap<Db, Map<string, Entry>>();
const counts = new WeakMap<Db, { hits: number; misses: number }>();

/** How many values a connection answered from memory and computed (for tests). */
export function memoCounts(db: Db): { hits: number; misses: number } {
  return { ...(counts.get(db) ?? { hits: 0, misses: 0 }) };
}

/** The data version (db/migrations/003_data_version.sql): bumped by every write behind the figures. */
export function dataVersion(db: Db): number {
  return (prepared(db, 'SELECT version FROM data_version WHERE id = 1').get() as { version: number }).version;
}

/**
 * What a remembered value depends on: all the figures, or only the first-response hours or the
 * days-to-close histograms (db/migrations/008_figure_changes.sql), each its own column.
 */
export type MemoPart = 'figures' | 'responses' | 'closed';
const COLUMNS: Record<MemoPart, string> = {
  figures: 'affected_from',
  responses: 'responses_from',
  closed: 'closed_from',
};

/** The earliest moment any write since `version` may have changed ('' = any; null = none was made). */
function changedFrom(db: Db, version: number, part: MemoPart): string | null {
  const sql = `SELECT min(${COLUMNS[part]}) AS at FROM figure_changes WHERE version >= ?`;
  return (prepared(db, sql).get(version) as { at: string | null }).at;
}

/**
 * The value of `compute()` — a pure function of the data at moments up to `latest` — from memory when
 * it was computed before and no write since changed anything at or before `latest`.
 */
export function remembered<T>(
  db: Db,
  key: string,
  latest: string,
  compute: () => T,
  part: MemoPart = 'figures',
): T {
  return rememberedEach(db, [{ key, latest }], () => [compute()], part)[0]!;
}

/**
 * Several such values at once: `computeMissing` gets the indexes of those not in memory (ascending)
 * and answers their values in that order.
 */
export function rememberedEach<T>(
  db: Db,
  wanted: { key: string; latest: string }[],
  computeMissing: (missing: number[]) => T[],
  part: MemoPart = 'figures',
): T[] {
  return rememberingRead(
    db,
    () => readRemembered(db, wanted, computeMissing, part),
    () => computeMissing(wanted.map((_, i) => i)),
  );
}

/** Open read transactions of this module per connection. */
const reading = new WeakMap<Db, number>();

/**
 * `read` in one read transaction (unless the caller's), so what it remembers and what it reads agree;
 * `plain` instead inside a caller's transaction on a writable connection, where what is read may yet
 * be rolled back. Inside another remembering read it is a read.
 */
export function rememberingRead<T>(db: Db, read: () => T, plain: () => T): T {
  const depth = reading.get(db) ?? 0;
  if (db.inTransaction && !db.readonly && depth === 0) return plain();
  reading.set(db, depth + 1);
  try {
    return db.transaction(read)();
  } finally {
    reading.set(db, depth);
  }
}

function readRemembered<T>(
  db: Db,
  wanted: { key: string; latest: string }[],
  computeMissing: (missing: number[]) => T[],
  part: MemoPart,
): T[] {
  let memo = memos.get(db);
  if (!memo) {
    memo = new Map();
    memos.set(db, memo);
  }
  const version = dataVersion(db);
  const changes = new Map<number, string | null>();
  const changedSince = (v: number) => {
    if (v === version) return null;
    if (!changes.has(v)) changes.set(v, changedFrom(db, v, part));
    return changes.get(v)!;
  };
  const values: T[] = [];
  const missing: number[] = [];
  wanted.forEach(({ key, latest }, i) => {
    const entry = memo.get(key);
    if (entry) {
      memo.delete(key);
      const changed = changedSince(entry.version);
      if (changed === null || changed > latest) {
        memo.set(key, { version, value: entry.value });
        values[i] = entry.value as T;
        return;
      }
    }
    missing.push(i);
  });
  const tally = counts.get(db) ?? { hits: 0, misses: 0 };
  tally.hits += wanted.length - missing.length;
  tally.misses += missing.length;
  counts.set(db, tally);
  if (missing.length > 0) {
    const computed = computeMissing(missing);
    missing.forEach((i, j) => {
      values[i] = computed[j]!;
      memo.set(wanted[i]!.key, { version, value: computed[j] });
    });
    for (const key of memo.keys()) {
      if (memo.size <= MAX_ENTRIES) break;
      memo.delete(key);
    }
  }
  return values;
}

/** A stable text of a scope-like object, whatever order its keys were set in. */
export function memoKey(parts: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(parts)
      .sort()
      .filter((k) => parts[k] !== undefined)
      .map((k) => [k, parts[k]]),
  );
}
