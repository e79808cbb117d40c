import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';
import { checkBeforeWriting, checkWritable } from './open-checks.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /** PRAGMA quick_check over every page before the first write (CLOSEOUT_STARTUP_CHECK=off skips it). */
  quickCheck?: boolean;
  /** Read the file through memory mapping (MMAP_BYTES); false for a connection that writes far more than it reads. */
  mapped?: boolean;
  /** Told when pending migrations brought an existing database forward (the server logs it: an upgrade ran). */
  onMigrated?: (from: number, to: number, ms: number) => void;
}

/**
 * Opens (creating if needed) a Closeout database, checks it before the first write (see checkWritable
 * and checkBeforeWriting: a read-only, newer, damaged or foreign file throws DatabaseRefusedError,
 * left as it was), then sets the pragmas every connection needs and migrates it.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    checkWritable(file);
  }
  // A -wal left by a crash is read through a read-only connection: closing a writable one would fold
  // it into the file (a checkpoint) even when the checks then refuse the file.
  const walLeft = file !== ':memory:' && fs.existsSync(file) && fs.existsSync(`${file}-wal`);
  let db = new Database(file, walLeft ? { readonly: true } : {});
  try {
    checkBeforeWriting(db, file, { quickCheck: options.quickCheck ?? true });
    if (walLeft) {
      db.close();
      db = new Database(file);
    }
    applyPragmas(db, options.mapped ?? true);
    const from = db.pragma('user_version', { simple: true }) as number;
    const started = performance.now();
    const to = migrate(db);
    if (from > 0 && to > from) options.onMigrated?.(from, to, Math.round(performance.now() - started));
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The main connection reads the database file through memory mapping, up to SQLite's limit (2 GiB
 * here): a page already in the operating system's cache is then read without a system call and a
 * copy. At 1M items, reads of items one by one (the ledger's pages, drill-down lists) took half the
 * time (docs/performance.md). The mapped pages are the OS's file cache, counted in the process's RSS
 * (as RssFile) but not its own memory. Writes still go through the WAL. Readers beside it are not
 * mapped (openReadOnly), nor is the import's connection (server/import/import-worker.ts): placing
 * 100,000 new items in a 1M-item ledger touches index pages all over the file, and mapped, each page
 * it touched stayed in the server's RSS (peak 497–516 MB instead of 296–300) and faulting it in cost
 * more than reading it (44 s instead of 53–63 s, docs/performance.md).
 */
const MMAP_BYTES = 2 ** 31;

export function applyPragmas(db: Db, mapped = true): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`mmap_size = ${mapped ? MMAP_BYTES : 0}`);
}

/**
 * A reader's page cache, in KiB (negative: SQLite's unit). A query's sorter (a series' `GROUP BY`)
 * takes as much memory too before it spills to a temporary file. With better-sqlite3's default of
 * 16 MB, a 1M-item series added ≈ 45 MB to a thread's peak memory; with 4 MB ≈ 30 MB, and no
 * computation took longer (the file's pages are in the OS's cache; docs/performance.md).
 */
const READER_CACHE_KIB = -4000;

/**
 * A read-only connection to an existing Closeout database (already migrated, already WAL): for
 * readers beside the main connection, e.g. the figures worker threads. WAL lets them read committed
 * data while the main connection writes.
 *
 * Not memory-mapped: when a reader finds the file changed by another connection, SQLite drops its
 * mapping with its page cache, and every page is then faulted in again. The main connection keeps its
 * mapping across its own writes; a worker computes after someone else's. At 1M items, the first
 * computation after a write took twice as long mapped (ranking 48 → 24 ms, summary 32 → 9 ms).
 */
export function openReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = ${READER_CACHE_KIB}`);
  return db;
}
