/**
 * A small cache of figure responses. Keys include the database's data_version (bumped by triggers on
 * every change behind the figures, see db/migrations/003_data_version.sql) and the moment T, so an
 * entry is only ever served for exactly the data and moment it was computed for. Least recently used
 * entries are dropped beyond the limit.
 */
import type { Db } from '../../db/open.ts';
import { prepared } from '../../db/statements.ts';

const LIMIT = 300;
const caches = new WeakMap<Db, Map<string, unknown>>();
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

function store(cache: Map<string, unknown>, full: string, value: unknown): void {
  cache.set(full, value);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
}

/** The cached value for a key at the current data version, computing and storing it when absent. */
export function cached<T>(db: Db, key: string, compute: () => T): T {
  const cache = mapOf(caches, db);
  const full = `${dataVersion(db)}|${key}`;
  const hit = lookup(cache, full);
  if (hit) return hit.value as T;
  const value = compute();
  store(cache, full, value);
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
      store(cache, `${version}|${key}`, value);
      return value;
    })
    .finally(() => inFlight.delete(full));
  inFlight.set(full, result);
  return result;
}
