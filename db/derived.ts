import type Database from 'better-sqlite3';
import { REBUILD_FIGURE_ROLLUPS } from './figure-rollups.ts';

/**
 * Derived data: indexes, and tables kept up to date by triggers (the data version today). A bulk
 * build of a new file (the demo generator) is far faster without them: suspend, write, then resume,
 * which recreates each one and recomputes what the triggers would have kept.
 *
 * A trigger that maintains derived data is named `<table>_<event>_<verb>_<what>`; list its GLOB here
 * and, when a table holds what it maintains, the SQL that rebuilds that table from scratch.
 */
/** The triggers that count writes: the data version, and what each write changed for the figures. */
const VERSION_TRIGGERS = ['*_bumps_data_version', '*_records_figure_changes'];
const SUSPENDED_TRIGGERS = [...VERSION_TRIGGERS, '*_maintains_figure_rollups', '*_maintains_item_search'];
/** Every moment marked changed at the current version: figures remembered before it may all differ. */
const EVERYTHING_CHANGED = `INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = ''`;
const REBUILDS = [
  ...REBUILD_FIGURE_ROLLUPS,
  `DELETE FROM item_search;
   INSERT INTO item_search (rowid, title, ledger_code, person) SELECT * FROM item_search_source`,
  EVERYTHING_CHANGED,
];

export function suspendDerived(db: Database.Database): () => void {
  const objects = dropDerived(db, SUSPENDED_TRIGGERS, true);
  return () => {
    // Tables first, then their indexes: an index built over a filled table is one sort, not a
    // random insert per row.
    db.transaction(() => {
      for (const sql of REBUILDS) db.exec(sql);
      for (const o of objects) db.exec(o.sql);
    })();
    db.exec('ANALYZE');
  };
}

/** Drops the triggers named by `globs` (and every index, if asked); returns what it dropped. */
function dropDerived(db: Database.Database, globs: string[], indexes: boolean) {
  const triggerMatch = globs.map(() => 'name GLOB ?').join(' OR ');
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'index' AND sql IS NOT NULL AND ?) OR (type = 'trigger' AND (${triggerMatch}))`,
    )
    .all(indexes ? 1 : 0, ...globs) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const o of objects) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  return objects;
}

/**
 * Runs a bulk write (an import) inside the caller's transaction with the data version bumped once at
 * the end instead of by every row's triggers (two fifths of an import's commit), and every moment
 * marked as changed for the figures remembered in memory. The triggers are dropped and recreated in
 * the same transaction, so no other connection ever sees them missing, and a rollback restores them.
 */
export function withOneVersionBump<T>(db: Database.Database, write: () => T): T {
  if (!db.inTransaction) throw new Error('withOneVersionBump runs inside a transaction');
  const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const dropped = dropDerived(db, VERSION_TRIGGERS, false);
  const before = changes();
  const result = write();
  if (changes() !== before) {
    db.exec('UPDATE data_version SET version = version + 1 WHERE id = 1');
    db.exec(EVERYTHING_CHANGED);
  }
  for (const o of dropped) db.exec(o.sql);
  return result;
}
