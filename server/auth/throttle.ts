/**
 * Login throttling, per user name and per client address, kept in SQLite (table login_throttle) so a
 * restart does not reset it.
 *
 * Every sign-in attempt first *reserves* a failure on both keys, synchronously, before the password
 * is checked: a burst of parallel guesses cannot slip past the limit while scrypt runs. A successful
 * attempt then gives its reservation back (the user name's counter is cleared; the address keeps its
 * other failures, so signing in to one's own account does not reset a guessing client). When a key
 * reaches its limit within its window it is locked; while locked, attempts are refused with 429
 * without looking at the password, so a locked account gives no hint whether a guess was right.
 */

import type { Db } from '../../db/open.ts';
import {
  clearThrottle,
  deleteStaleThrottles,
  getThrottle,
  saveThrottle,
  type ThrottleRow,
} from '../../db/queries/accounts-throttle.ts';

const MINUTE = 60_000;

export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const THROTTLE_POLICY: { user: ThrottleRule; ip: ThrottleRule } = {
  /** 5 wrong passwords for one user name within 15 minutes lock that name for 15 minutes. */
  user: { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  /** 30 failures from one address (an office behind one NAT shares it) lock that address for 15 minutes. */
  ip: { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
};

export interface ThrottleKeys {
  user: string;
  ip: string;
}

export const throttleKeys = (username: string, ip: string): ThrottleKeys => ({
  user: `user:${username.trim().toLowerCase().slice(0, 100)}`,
  ip: `ip:${ip}`,
});

const iso = (ms: number) => new Date(ms).toISOString();

export type AttemptStart =
  | { allowed: false; retryAfterSeconds: number }
  | { allowed: true; lockedNow: string[] };

/**
 * Reserves one failure on each key, or refuses when a key is locked. `lockedNow` lists the keys this
 * attempt locked (they stay locked if it fails; `giveBack` unlocks them if it succeeds).
 */
export function startAttempt(db: Db, keys: ThrottleKeys, now: Date): AttemptStart {
  const at = now.getTime();
  return db
    .transaction((): AttemptStart => {
      const rows = { user: getThrottle(db, keys.user), ip: getThrottle(db, keys.ip) };
      const lockedFor = Math.max(
        0,
        ...Object.values(rows).map((r) => (r?.lockedUntil ? Date.parse(r.lockedUntil) - at : 0)),
      );
      if (lockedFor > 0) return { allowed: false, retryAfterSeconds: Math.ceil(lockedFor / 1000) };
      deleteStaleThrottles(
        db,
        iso(at - Math.max(THROTTLE_POLICY.user.windowMs, THROTTLE_POLICY.ip.windowMs)),
      );
      const lockedNow: string[] = [];
      for (const kind of ['user', 'ip'] as const) {
        const rule = THROTTLE_POLICY[kind];
        const row = rows[kind];
        const fresh =
          !row || at - Date.parse(row.windowStartedAt) >= rule.windowMs || row.lockedUntil !== null;
        const next: ThrottleRow = fresh
          ? { key: keys[kind], failures: 1, windowStartedAt: iso(at), lockedUntil: null }
          : { ...row, failures: row.failures + 1 };
        if (next.failures >= rule.maxFailures) {
          next.lockedUntil = iso(at + rule.lockMs);
          lockedNow.push(keys[kind]);
        }
        saveThrottle(db, next);
      }
      return { allowed: true, lockedNow };
    })
    .immediate();
}

/** After a successful attempt: clears the user name's failures and takes the reserved one off the address. */
export function giveBack(db: Db, keys: ThrottleKeys): void {
  db.transaction(() => {
    clearThrottle(db, keys.user);
    const ip = getThrottle(db, keys.ip);
    if (!ip) return;
    if (ip.failures <= 1) return clearThrottle(db, keys.ip);
    const failures = ip.failures - 1;
    saveThrottle(db, {
      ...ip,
      failures,
      lockedUntil: failures >= THROTTLE_POLICY.ip.maxFailures ? ip.lockedUntil : null,
    });
  }).immediate();
}
