import { type Db, openDatabase } from '../../db/open.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';

export function memoryDb(): Db {
  return openDatabase(':memory:');
}

/** A small demo ledger in memory, fixed in time. */
export function demoDb(options: { seed?: number; items?: number; departments?: number } = {}): Db {
  const db = memoryDb();
  generateDemo(db, {
    seed: options.seed ?? 7,
    anchor: '2026-11-20',
    departments: options.departments ?? 40,
    items: options.items ?? 1500,
    tz: 'Asia/Shanghai',
  });
  return db;
}
