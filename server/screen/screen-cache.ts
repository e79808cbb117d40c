/**
 * The big-screen data, computed once per (campaign, scoring profile, as-of minute) and shared: a hall
 * full of screens refreshing every 60 s costs one computation a minute. Entries of earlier minutes are
 * dropped as soon as a later minute is asked for, so the cache never holds more than one minute's
 * decks.
 *
 * One cache per database (a WeakMap keyed by the connection), so apps on different databases — as in
 * tests — never see each other's data.
 */
import type { Db } from '../../db/open.ts';
import type { Moment } from '../domain/time.ts';

/** The as-of moment of a minute: T truncated to the start of its minute. */
export const minuteOf = (t: Moment): Moment => `${t.slice(0, 16)}:00`;

/** At most this many decks (campaigns × profiles) are kept for one minute. */
const MAX_ENTRIES = 64;

export class MinuteCache<T> {
  private minute: Moment | null = null;
  private readonly entries = new Map<string, T>();
  /** How many times `compute` ran (for tests and diagnostics). */
  computations = 0;

  /** The value for `key` in `minute`, computed on first use within that minute. */
  get(minute: Moment, key: string, compute: () => T): T {
    if (minute !== this.minute) {
      this.entries.clear();
      this.minute = minute;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    this.computations += 1;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}

const caches = new WeakMap<Db, MinuteCache<unknown>>();

/** The cache of one database. */
export function screenCacheOf<T>(db: Db): MinuteCache<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new MinuteCache<unknown>();
    caches.set(db, cache);
  }
  return cache as MinuteCache<T>;
}
