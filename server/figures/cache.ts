/**
 * A small cache of figure responses. Keys include the database's data_version (bumped by triggers on
 * every change behind the figures, see db/migrations/003_data_version.sql) and the moment T, so an
 * entry is only ever served for exactly the data and moment it was computed for. The version only
 * grows, so entries of an older one can never be asked for again: they are dropped as soon as an
 * entry of a newer one is stored (a province ranking is ≈ 490 KB, and with one edit a second the cache
 * would otherwise fill up with dead answers). Least recently used entries are dropped beyond a number
 * of entries and a size: without a fixed asOf, T is the current second, so an unchanged ledger still
 * fills the cache with a new answer per question every second.
 */
import { dataVersion } from '../../db/figure-memo.ts';
import type { Db } from '../../db/open.ts';

/** What the cache holds: anything that says its size (a JSON answer: its length in UTF-8 bytes). */
export interface Sized {
  readonly size: number;
}

const LIMIT = 300;
/** At most this much (a province ranking is ≈ 490 KB of JSON; a county one ≈ 50 KB). */
const SIZE_LIMIT = 24 * 2 ** 20;

/** One database's answers, least recently used first, with their total size and newest version. */
class AnswerCache {
  private readonly entries = new Map<string, Sized>();
  private size = 0;
  private newest = 0;
  /** Computations under way elsewhere (a worker thread), by full key: identical misses share one. */
  readonly pending = new Map<string, Promise<Sized>>();

  get count(): number {
    return this.entries.size;
  }

  get(full: string): Sized | undefined {
    const value = this.entries.get(full);
    if (value === undefined) return undefined;
    this.entries.delete(full);
    this.entries.set(full, value);
    return value;
  }

  /** Stores `value` under data version `version`, unless a newer version's answers are already in. */
  set(version: number, key: string, value: Sized): void {
    if (version < this.newest) return;
    if (version > this.newest) {
      for (const full of this.entries.keys())
        if (Number(full.slice(0, full.indexOf('|'))) < version) this.drop(full);
      this.newest = version;
    }
    const full = `${version}|${key}`;
    this.drop(full);
    this.entries.set(full, value);
    this.size += value.size;
    while (this.entries.size > 1 && (this.entries.size > LIMIT || this.size > SIZE_LIMIT))
      this.drop(this.entries.keys().next().value!);
  }

  private drop(full: string): void {
    this.size -= this.entries.get(full)?.size ?? 0;
    this.entries.delete(full);
  }
}

const caches = new WeakMap<Db, AnswerCache>();

function cacheOf(db: Db): AnswerCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new AnswerCache();
    caches.set(db, cache);
  }
  return cache;
}

/** How many answers the cache of a database holds (for tests and diagnostics). */
export function cachedEntries(db: Db): number {
  return cacheOf(db).count;
}

/** The cached value for a key at the current data version, computing and storing it when absent. */
export function cached<T extends Sized>(db: Db, key: string, compute: () => T): T {
  const cache = cacheOf(db);
  const version = dataVersion(db);
  const hit = cache.get(`${version}|${key}`);
  if (hit) return hit as T;
  const value = compute();
  cache.set(version, key, value);
  return value;
}

/**
 * The same for a value computed off the main thread, which says the data version it read: it is
 * stored under that version (a write may have landed before the computation began), never the one
 * asked for. Failures are not stored.
 */
export function cachedAsync<T extends Sized>(
  db: Db,
  key: string,
  compute: () => Promise<{ version: number; value: T }>,
): Promise<T> {
  const cache = cacheOf(db);
  const full = `${dataVersion(db)}|${key}`;
  const hit = cache.get(full);
  if (hit) return Promise.resolve(hit as T);
  const running = cache.pending.get(full);
  if (running) return running as Promise<T>;
  const result = compute()
    .then(({ version, value }) => {
      cache.set(version, key, value);
      return value;
    })
    .finally(() => cache.pending.delete(full));
  cache.pending.set(full, result);
  return result;
}
