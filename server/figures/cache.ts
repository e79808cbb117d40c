/**
 * A small cache of figure responses. Keys include the database's data_version (bumped by triggers on
 * every change behind the figures, see db/migrations/003_data_version.sql) and the moment T, so an
 * entry is only ever served for exactly the data and moment it was computed for. The version only
 * grows, so entries of an older one can never be asked for again: they are dropped as soon as an
 * entry of a newer one is stored (a province ranking is 570 KB; with one edit a second, a cache of
 * dead versions grew the server by 150 MB). Least recently used entries are dropped beyond the limit.
 */
import type { Db } from '../../db/open.ts';
import { prepared } from '../../db/statements.ts';

const LIMIT = 300;
const caches = new WeakMap<Db, Map<string, unknown>>();
/** The newest data version stored in each cache. */
const newest = new WeakMap<Map<string, unknown>, number>();
/** Computations under way elsewhere (a worker thread), by full key: identical misses share one. */
const pending = new WeakMap<Db, Map<string, Promise<unknown>>>();

export function dataVersion(db: Db): number {
  return (prepared(db, 'SELECT version FROM data_version WHERE id = 1').get() as { version: number }).version;
}

function mapOf<V>(maps: WeakMap<Db, Map<string, V>>, db: Db): Map<string, V> {
  let map = maps.get(db);
  if (!map) {
    map = new Map();
    maps.set(db, map);
  }
  return map;
}

function lookup(cache: Map<string, unknown>, full: string): { value: unknown } | undefined {
  if (!cache.has(full)) return undefined;
  const value = cache.get(full);
  cache.delete(full);
  cache.set(full, value);
  return { value };
}

/** Stores `value` under data version `version`, unless a newer version's entries are already in. */
function store(cache: Map<string, unknown>, version: number, key: string, value: unknown): void {
  const latest = newest.get(cache) ?? version;
  if (version < latest) return;
  if (version > latest) {
    for (const full of cache.keys())
      if (Number(full.slice(0, full.indexOf('|'))) < version) cache.delete(full);
  }
  newest.set(cache, version);
  cache.set(`${version}|${key}`, value);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
}

/** How many answers the cache of a database holds (for tests and diagnostics). */
export function cachedEntries(db: Db): number {
  return mapOf(caches, db).size;
}

/** The cached value for a key at the current data version, computing and storing it when absent. */
export function cached<T>(db: Db, key: string, compute: () => T): T {
  const cache = mapOf(caches, db);
  const version = dataVersion(db);
  const hit = lookup(cache, `${version}|${key}`);
  if (hit) return hit.value as T;
  const value = compute();
  store(cache, version, key, value);
  return value;
}

/**
 * The same for a value computed off the main thread, which says the data version it read: it is
 * stored under that version (a write may have landed before the computation began), never the one
 * asked for. Failures are not stored.
 */
export function cachedAsync<T>(
  db: Db,
  key: string,
  compute: () => Promise<{ version: number; value: T }>,
): Promise<T> {
  const cache = mapOf(caches, db);
  const full = `${dataVersion(db)}|${key}`;
  const hit = lookup(cache, full);
  if (hit) return Promise.resolve(hit.value as T);
  const inFlight = mapOf(pending, db);
  const running = inFlight.get(full);
  if (running) return running as Promise<T>;
  const result = compute()
    .then(({ version, value }) => {
      store(cache, version, key, value);
      return value;
    })
    .finally(() => inFlight.delete(full));
  inFlight.set(full, result);
  return result;
}
