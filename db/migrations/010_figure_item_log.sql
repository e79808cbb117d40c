-- The items' recent writes, for the deadline split kept in memory (db/queries/not-yet-due.ts,
-- docs/performance.md, issue 8). The items whose deadline has not passed at T are counted from the
-- items' current columns alone; a process that counted them once brings its counts up to date by
-- taking out each logged item as it was and adding it as it is, instead of reading every such item
-- again (1M items: 61k of them).
--
-- Each row is one write of an item: the columns the count reads, before (old_*) and after (new_*);
-- an insert has no old_deadline_end and a delete no new_deadline_end, which the count never counts.
-- The ids only grow (AUTOINCREMENT), so "every row after id N" is exact; only the last 20,000 rows are
-- kept, and a count older than that is made again. The server empties the table when it starts.
-- Bulk writes suspend these triggers and record "everything changed" (db/derived.ts) instead.
CREATE TABLE figure_item_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  old_department_id INTEGER,
  old_campaign_id INTEGER,
  old_domain_id INTEGER,
  old_source TEXT,
  old_deadline_end TEXT,
  old_closed_at TEXT,
  old_voided_at TEXT,
  new_department_id INTEGER,
  new_campaign_id INTEGER,
  new_domain_id INTEGER,
  new_source TEXT,
  new_deadline_end TEXT,
  new_closed_at TEXT,
  new_voided_at TEXT
);

CREATE TRIGGER figure_item_log_keeps_recent AFTER INSERT ON figure_item_log
BEGIN
  DELETE FROM figure_item_log WHERE id <= NEW.id - 20000;
END;

CREATE TRIGGER items_insert_logs_figure_items AFTER INSERT ON items
WHEN NEW.deadline_end IS NOT NULL
BEGIN
  INSERT INTO figure_item_log (new_department_id, new_campaign_id, new_domain_id, new_source, new_deadline_end, new_closed_at, new_voided_at)
  VALUES (NEW.department_id, NEW.campaign_id, NEW.domain_id, NEW.source, NEW.deadline_end, NEW.closed_at, NEW.voided_at);
END;
CREATE TRIGGER items_delete_logs_figure_items AFTER DELETE ON items
WHEN OLD.deadline_end IS NOT NULL
BEGIN
  INSERT INTO figure_item_log (old_department_id, old_campaign_id, old_domain_id, old_source, old_deadline_end, old_closed_at, old_voided_at)
  VALUES (OLD.department_id, OLD.campaign_id, OLD.domain_id, OLD.source, OLD.deadline_end, OLD.closed_at, OLD.voided_at);
END;
CREATE TRIGGER items_update_logs_figure_items AFTER UPDATE OF department_id, campaign_id, domain_id, source, deadline_end, closed_at, voided_at ON items
WHEN (OLD.deadline_end IS NOT NULL OR NEW.deadline_end IS NOT NULL)
  AND (OLD.department_id IS NOT NEW.department_id OR OLD.campaign_id IS NOT NEW.campaign_id
    OR OLD.domain_id IS NOT NEW.domain_id OR OLD.source IS NOT NEW.source
    OR OLD.deadline_end IS NOT NEW.deadline_end OR OLD.closed_at IS NOT NEW.closed_at
    OR OLD.voided_at IS NOT NEW.voided_at)
BEGIN
  INSERT INTO figure_item_log (old_department_id, old_campaign_id, old_domain_id, old_source, old_deadline_end, old_closed_at, old_voided_at,
    new_department_id, new_campaign_id, new_domain_id, new_source, new_deadline_end, new_closed_at, new_voided_at)
  VALUES (OLD.department_id, OLD.campaign_id, OLD.domain_id, OLD.source, OLD.deadline_end, OLD.closed_at, OLD.voided_at,
    NEW.department_id, NEW.campaign_id, NEW.domain_id, NEW.source, NEW.deadline_end, NEW.closed_at, NEW.voided_at);
END;
