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

export function dataVersion(db: Db): number {
  return (prepared(db, 'SELECT version FROM data_version WHERE id = 1').get() as { version: number }).version;
}

/** The cached value for a key at the current data version, computing and storing it when absent. */
export function cached<T>(db: Db, key: string, compute: () => T): T {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const full = `${dataVersion(db)}|${key}`;
  if (cache.has(full)) {
    const value = cache.get(full) as T;
    cache.delete(full);
    cache.set(full, value);
    return value;
  }
  const value = compute();
  cache.set(full, value);
  if (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  return value;
}
