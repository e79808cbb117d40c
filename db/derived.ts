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
const SUSPENDED_TRIGGERS = [
  '*_bumps_data_version',
  '*_maintains_figure_rollups',
  '*_maintains_item_search',
  '*_records_figure_changes',
];
const REBUILDS = [
  ...REBUILD_FIGURE_ROLLUPS,
  `DELETE FROM item_search;
   INSERT INTO item_search (rowid, title, ledger_code, person) SELECT * FROM item_search_source`,
  // Figures remembered before the build (db/figure-memo.ts) may all have changed.
  `INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
   SELECT version, '', '', '' FROM data_version WHERE 1
   ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = ''`,
];

export function suspendDerived(db: Database.Database): () => void {
  const triggerMatch = SUSPENDED_TRIGGERS.map(() => 'name GLOB ?').join(' OR ');
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'index' AND sql IS NOT NULL) OR (type = 'trigger' AND (${triggerMatch}))`,
    )
    .all(...SUSPENDED_TRIGGERS) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const o of objects) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
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
