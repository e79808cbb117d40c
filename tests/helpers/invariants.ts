/**
 * Is the ledger consistent? The rules of tests/import/invariants.ts (the ones tests/scripts/demo.test.ts
 * checks on demo data), plus the rules that tie each item's counters to its history, for ledgers
 * written through any path: demo generator, import, the API, or a crash in the middle of one of them.
 *
 * The API records status actions under the action's name ('close', 'reopen'), the demo generator and
 * the import under the event's ('closed', 'reopened'); the history rules accept both.
 */

import { REBUILD_FIGURE_ROLLUPS } from '../../db/figure-rollups.ts';
import type { Db } from '../../db/open.ts';
import { brokenInvariants as brokenLedgerRules } from '../import/invariants.ts';

/** Columns of the rollups that name what is counted; the others are counts (hours for responses). */
const KEY_COLUMNS = new Set([
  'department_id',
  'campaign_id',
  'domain_id',
  'source',
  'days',
  'item_id',
  'registered_at',
  'first_response_at',
]);

const HISTORY_RULES: Record<string, string> = {
  'closures without history': `SELECT COUNT(*) AS n FROM items i WHERE
      (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id AND h.kind = 'closed')
      <> (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id)`,
  'reopenings without history': `SELECT COUNT(*) AS n FROM items i WHERE
      (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id AND h.kind = 'reopened')
      <> i.reopen_count`,
  'urgings without history': `SELECT COUNT(*) AS n FROM items i WHERE
      (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id AND h.kind = 'urged') <> i.urge_count`,
  'extensions without history': `SELECT COUNT(*) AS n FROM items i WHERE
      (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id AND h.kind = 'extended') <> i.extension_count`,
  'voided without history': `SELECT COUNT(*) AS n FROM items i WHERE (i.voided_at IS NOT NULL)
      <> EXISTS (SELECT 1 FROM item_history h WHERE h.item_id = i.id AND h.kind = 'voided')`,
  'history of a missing item':
    'SELECT COUNT(*) AS n FROM item_history h WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = h.item_id)',
  'import batch counts differ from its history': `SELECT COUNT(*) AS n FROM import_batches b WHERE
      b.rows_created <> (SELECT COUNT(*) FROM item_history h WHERE h.import_batch_id = b.id AND h.kind = 'imported')
      OR b.rows_updated <> (SELECT COUNT(*) FROM item_history h WHERE h.import_batch_id = b.id AND h.kind = 'import_updated')`,
};

/**
 * The figure rollups (db/migrations/005_figure_rollups.sql) hold exactly what rebuilding them from the
 * items would: each rebuild's SELECT against the table, both ways (rows counting nothing aside).
 */
const FIGURE_RULES: Record<string, string> = Object.fromEntries(
  REBUILD_FIGURE_ROLLUPS.filter((sql) => sql.startsWith('INSERT')).map((sql) => {
    const [, table, columns, select] = /^INSERT INTO (\w+) \(([^)]*)\)\s*(SELECT[\s\S]*)$/.exec(sql)!;
    const counters = columns!.split(', ').filter((c) => !KEY_COLUMNS.has(c));
    const kept = `SELECT ${columns} FROM ${table} WHERE ${counters.map((c) => `${c} <> 0`).join(' OR ')}`;
    return [
      `${table} differs from the items`,
      `SELECT COUNT(*) AS n FROM (SELECT * FROM (${kept} EXCEPT ${select}) UNION ALL SELECT * FROM (${select} EXCEPT ${kept}))`,
    ];
  }),
);

/** Each broken rule with the number of rows breaking it; {} when the ledger is consistent. */
export function brokenInvariants(db: Db): Record<string, number> {
  const broken = brokenLedgerRules(db);
  // Replaced below by the rule that accepts the API's 'close' as well as 'closed'.
  delete broken['closures without history'];
  for (const [name, sql] of Object.entries({ ...HISTORY_RULES, ...FIGURE_RULES })) {
    const n = (db.prepare(sql).get() as { n: number }).n;
    if (n > 0) broken[name] = n;
  }
  return broken;
}

/** PRAGMA integrity_check's answer: 'ok', or the problems it lists. */
export function integrity(db: Db): string {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join('\n');
}

/** PRAGMA foreign_key_check's rows: [] when every reference points at a row that exists. */
export function foreignKeyProblems(db: Db): unknown[] {
  return db.pragma('foreign_key_check') as unknown[];
}
