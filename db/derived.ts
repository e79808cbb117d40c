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
/**
 * The triggers that count writes: the data version, what each write changed for the figures, and the
 * items' recent writes (db/migrations/010_figure_item_log.sql).
 */
const VERSION_TRIGGERS = ['*_bumps_data_version', '*_records_figure_changes', '*_logs_figure_items'];
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
  const objects = dropDerived(db, SUSPENDED_TRIGGERS, '*');
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

/**
 * Drops the triggers named by `globs` and the indexes of the tables `indexesOn` matches (a GLOB;
 * null: none); returns what it dropped.
 */
function dropDerived(db: Database.Database, globs: string[], indexesOn: string | null) {
  const triggerMatch = globs.map(() => 'name GLOB ?').join(' OR ');
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'index' AND sql IS NOT NULL AND tbl_name GLOB ?) OR (type = 'trigger' AND (${triggerMatch}))`,
    )
    .all(indexesOn ?? '', ...globs) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const o of objects) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  return objects;
}

/**
 * A write of many rows (an import) inside the caller's transaction, from `startBulkWrite` to `end()`:
 * the data version is bumped once at the end instead of by every row's triggers (two fifths of an
 * import's commit), and every moment marked as changed for the figures remembered in memory.
 *
 * Once the write turns out to add at least as many items as the ledger held (a year's ledger imported
 * into a new one; an import learns its size as it reads), `goBulk()` also drops the items' indexes and
 * every trigger that keeps derived data, and `end()` rebuilds the derived tables and the indexes once.
 * One sort per index then replaces a random insert per row and index, and one pass per derived table a
 * trigger per row (100,000 rows into an empty ledger: 26 → 9 s here). What was written before is
 * rebuilt with the rest. On a larger ledger the rebuild, which reads every item, would cost more than
 * it saves.
 *
 * Whatever is dropped is created again in the same transaction, so no other connection ever sees it
 * missing, and a rollback restores it.
 */
export function startBulkWrite(db: Database.Database): { goBulk(): void; end(): void } {
  if (!db.inTransaction) throw new Error('a bulk write runs inside a transaction');
  const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  const dropped = dropDerived(db, VERSION_TRIGGERS, null);
  const before = changes();
  let bulk = false;
  return {
    goBulk() {
      if (bulk) return;
      bulk = true;
      dropped.push(...dropDerived(db, SUSPENDED_TRIGGERS, 'items'));
    },
    end() {
      if (changes() !== before) {
        db.exec('UPDATE data_version SET version = version + 1 WHERE id = 1');
        for (const sql of bulk ? REBUILDS : [EVERYTHING_CHANGED]) db.exec(sql);
      }
      for (const o of dropped) db.exec(o.sql);
    },
  };
}

/** Runs `write` as a bulk write that never goes bulk: one version bump (see startBulkWrite). */
export function withOneVersionBump<T>(db: Database.Database, write: () => T): T {
  const bulk = startBulkWrite(db);
  const result = write();
  bulk.end();
  return result;
}
