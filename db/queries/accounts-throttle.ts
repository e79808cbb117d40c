/** Failed sign-in counters (table login_throttle), keyed 'user:<name>' or 'ip:<address>'. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface ThrottleRow {
  key: string;
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

export function getThrottle(db: Db, key: string): ThrottleRow | null {
  const row = prepared(
    db,
    'SELECT key, failures, window_started_at, locked_until FROM login_throttle WHERE key = ?',
  ).get(key) as
    | { key: string; failures: number; window_started_at: string; locked_until: string | null }
    | undefined;
  return row
    ? {
        key: row.key,
        failures: row.failures,
        windowStartedAt: row.window_started_at,
        lockedUntil: row.locked_until,
      }
    : null;
}

export function saveThrottle(db: Db, row: ThrottleRow): void {
  prepared(
    db,
    `INSERT INTO login_throttle (key, failures, window_started_at, locked_until)
     VALUES (@key, @failures, @windowStartedAt, @lockedUntil)
     ON CONFLICT (key) DO UPDATE SET failures = excluded.failures,
       window_started_at = excluded.window_started_at, locked_until = excluded.locked_until`,
  ).run(row);
}

export function clearThrottle(db: Db, key: string): void {
  prepared(db, 'DELETE FROM login_throttle WHERE key = ?').run(key);
}

/** Forgets counters whose window and lock both ended before `before`. */
export function deleteStaleThrottles(db: Db, before: string): number {
  return prepared(
    db,
    'DELETE FROM login_throttle WHERE window_started_at < @before AND (locked_until IS NULL OR locked_until < @before)',
  ).run({ before }).changes;
}
