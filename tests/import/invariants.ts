/**
 * The ledger's consistency rules, as tests/scripts/demo.test.ts checks them on demo data, as queries
 * that count the items breaking each one; imported data must break none. (The history rule accepts an
 * item that starts with 'imported' as well as 'registered'.)
 */
import type { Db } from '../../db/open.ts';

const RULES: Record<string, string> = {
  'closed before registered':
    "SELECT COUNT(*) AS n FROM items WHERE status = 'closed' AND closed_at < registered_at",
  'closed without a closure in force': `SELECT COUNT(*) AS n FROM items i WHERE (i.status = 'closed') <> EXISTS (
      SELECT 1 FROM item_closures c WHERE c.item_id = i.id AND c.reopened_at IS NULL AND c.closed_at = i.closed_at)`,
  'two closures in force':
    'SELECT COUNT(*) AS n FROM (SELECT item_id FROM item_closures WHERE reopened_at IS NULL GROUP BY item_id HAVING COUNT(*) > 1)',
  'deadline changed without an extension': `SELECT COUNT(*) AS n FROM items i WHERE i.deadline IS NOT i.original_deadline
      AND NOT EXISTS (SELECT 1 FROM deadline_extensions e WHERE e.item_id = i.id)`,
  'deadline is not the latest extension': `SELECT COUNT(*) AS n FROM items i WHERE i.extension_count > 0 AND i.deadline <> (
      SELECT e.new_deadline FROM deadline_extensions e WHERE e.item_id = i.id ORDER BY e.approved_at DESC, e.id DESC LIMIT 1)`,
  'counters differ from records': `SELECT COUNT(*) AS n FROM items i WHERE
      i.reopen_count <> (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id AND c.reopened_at IS NOT NULL)
      OR i.extension_count <> (SELECT COUNT(*) FROM deadline_extensions e WHERE e.item_id = i.id)
      OR i.urge_count <> (SELECT COUNT(*) FROM urgings u WHERE u.item_id = i.id)
      OR i.first_closed_at IS NOT (SELECT MIN(closed_at) FROM item_closures c WHERE c.item_id = i.id)`,
  'assigned without a deadline, not long-term': `SELECT COUNT(*) AS n FROM items
      WHERE status <> 'registered' AND deadline IS NULL AND rectification_type <> 'long_term' AND voided_at IS NULL`,
  'voided and closed': "SELECT COUNT(*) AS n FROM items WHERE voided_at IS NOT NULL AND status = 'closed'",
  'history does not start with creation': `SELECT COUNT(*) AS n FROM items i WHERE
      (SELECT kind FROM item_history h WHERE h.item_id = i.id ORDER BY id LIMIT 1) NOT IN ('registered', 'imported')
      OR NOT EXISTS (SELECT 1 FROM item_history h WHERE h.item_id = i.id)`,
  'closures without history': `SELECT COUNT(*) AS n FROM items i WHERE
      (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id AND h.kind = 'closed')
      <> (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id)`,
  'first response on a non-complaint':
    "SELECT COUNT(*) AS n FROM items WHERE first_response_at IS NOT NULL AND source NOT IN ('public_complaint', 'hotline')",
  'rectified before registration': 'SELECT COUNT(*) AS n FROM items WHERE rectified_at < registered_at',
  'first response before registration':
    'SELECT COUNT(*) AS n FROM items WHERE first_response_at < registered_at',
  'state_changed_at is not the latest closure, reopening or extension': `SELECT COUNT(*) AS n FROM items i WHERE
      i.state_changed_at IS NOT (SELECT MAX(t) FROM (
        SELECT closed_at AS t FROM item_closures WHERE item_id = i.id
        UNION ALL SELECT reopened_at FROM item_closures WHERE item_id = i.id
        UNION ALL SELECT approved_at FROM deadline_extensions WHERE item_id = i.id))`,
  'deadline_end does not match the deadline': `SELECT COUNT(*) AS n FROM items WHERE
      deadline_end IS NOT (CASE WHEN deadline IS NULL THEN NULL WHEN length(deadline) = 10 THEN deadline || 'T24:00:00' ELSE deadline END)
      OR original_deadline_end IS NOT (CASE WHEN original_deadline IS NULL THEN NULL WHEN length(original_deadline) = 10 THEN original_deadline || 'T24:00:00' ELSE original_deadline END)`,
  'search index differs from the items': `SELECT
      (SELECT COUNT(*) FROM (SELECT rowid, title, ledger_code, person FROM item_search
                             EXCEPT SELECT * FROM item_search_source))
    + (SELECT COUNT(*) FROM (SELECT * FROM item_search_source
                             EXCEPT SELECT rowid, title, ledger_code, person FROM item_search)) AS n`,
};

/** Each broken rule with the number of items breaking it; {} when the ledger is consistent. */
export function brokenInvariants(db: Db): Record<string, number> {
  const broken: Record<string, number> = {};
  for (const [name, sql] of Object.entries(RULES)) {
    const n = (db.prepare(sql).get() as { n: number }).n;
    if (n > 0) broken[name] = n;
  }
  return broken;
}
