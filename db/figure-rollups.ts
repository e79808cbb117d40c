/**
 * Shared pieces of the figure rollups (db/migrations/005_figure_rollups.sql, 009, 011): the SQL that rebuilds
 * them from items (after a bulk build, see db/derived.ts) and the expression of an item's latest event.
 * The statements mirror the migration's initial fill; tests check rebuilt tables equal trigger-kept ones.
 * NOT INDEXED: after a bulk build the planner would walk a partial list index and read each item's
 * row out of order; one pass over the table is twice as fast (1M items: 23 → 13.5 s).
 */

/**
 * The latest moment at which an item's state changed (registered, closed, reopened, extended); from
 * any T after it, the item's own columns are its state at T. Written exactly as in the index
 * items_figure_last_event so that SQLite uses it.
 */
export const LAST_EVENT_SQL = (i: string) =>
  `max(${i}.registered_at, ifnull(${i}.state_changed_at, ''), ifnull(${i}.first_closed_at, ''), ifnull(${i}.first_reopened_at, ''), ifnull(${i}.first_extended_at, ''))`;

/** When a first response counts (before T): written exactly as in the index figure_responses_by_moment. */
export const RESPONSE_MOMENT_SQL = (r: string) => `max(${r}.first_response_at, ${r}.registered_at)`;

export const REBUILD_FIGURE_ROLLUPS = [
  `DELETE FROM figure_rollups`,
  `INSERT INTO figure_rollups (department_id, campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
    SELECT ifnull(i.department_id, 0), i.campaign_id, ifnull(i.domain_id, 0), i.source, SUM(1), SUM(i.closed_at IS NOT NULL), SUM(i.first_closed_at IS NOT NULL), SUM(i.first_reopened_at IS NOT NULL), SUM(i.first_extended_at IS NOT NULL), SUM(i.source IN ('public_complaint', 'hotline')), SUM(i.deadline_end IS NOT NULL), SUM(i.deadline_end IS NOT NULL AND i.closed_at IS NULL), SUM(ifnull(i.closed_at <= i.deadline_end, 0))
    FROM items i NOT INDEXED WHERE i.voided_at IS NULL GROUP BY 1, 2, 3, 4`,
  // Rows that count nothing (every counter counts some of the registered items) are left out, as
  // they are of figure_rollups.
  `DELETE FROM figure_rollups_by_department`,
  `INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
    SELECT department_id, SUM(registered), SUM(closed), SUM(ever_closed), SUM(ever_reopened), SUM(extended), SUM(complaints), SUM(with_deadline), SUM(open_with_deadline), SUM(on_time) FROM figure_rollups WHERE registered <> 0 GROUP BY department_id`,
  `DELETE FROM figure_rollups_by_kind`,
  `INSERT INTO figure_rollups_by_kind (campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
    SELECT campaign_id, domain_id, source, SUM(registered), SUM(closed), SUM(ever_closed), SUM(ever_reopened), SUM(extended), SUM(complaints), SUM(with_deadline), SUM(open_with_deadline), SUM(on_time) FROM figure_rollups WHERE registered <> 0 GROUP BY campaign_id, domain_id, source`,
  `DELETE FROM figure_days_to_close_by_department`,
  `INSERT INTO figure_days_to_close_by_department (department_id, days, campaign_id, items)
    SELECT ifnull(i.department_id, 0), CAST(julianday(substr(i.closed_at, 1, 10)) - julianday(substr(i.registered_at, 1, 10)) AS INTEGER), i.campaign_id, COUNT(*)
    FROM items i NOT INDEXED WHERE i.voided_at IS NULL AND i.closed_at IS NOT NULL GROUP BY 1, 2, 3`,
  `DELETE FROM figure_days_to_close_by_kind`,
  `INSERT INTO figure_days_to_close_by_kind (campaign_id, domain_id, source, days, items)
    SELECT i.campaign_id, ifnull(i.domain_id, 0), i.source, CAST(julianday(substr(i.closed_at, 1, 10)) - julianday(substr(i.registered_at, 1, 10)) AS INTEGER), COUNT(*)
    FROM items i NOT INDEXED WHERE i.voided_at IS NULL AND i.closed_at IS NOT NULL GROUP BY 1, 2, 3, 4`,
  `DELETE FROM figure_responses`,
  `INSERT INTO figure_responses (item_id, department_id, campaign_id, domain_id, source, registered_at, first_response_at, hours)
    SELECT i.id, ifnull(i.department_id, 0), i.campaign_id, ifnull(i.domain_id, 0), i.source, i.registered_at, i.first_response_at, (julianday(i.first_response_at) - julianday(i.registered_at)) * 24
    FROM items i NOT INDEXED WHERE i.voided_at IS NULL AND i.first_response_at IS NOT NULL AND i.source IN ('public_complaint', 'hotline')`,
];
