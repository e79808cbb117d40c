-- Figure rollups (docs/performance.md, issue 8): counters per lead department × campaign × domain ×
-- source over every non-voided item, from the item's own current columns, kept by triggers in the same
-- transaction as every write to items (ledger API, import, demo generator, restore all write items).
-- The figures read them for any T, correcting only the items with an event at or after T
-- (db/queries/figures-fast.ts). 0 stands for "no department" / "no domain" (key columns are NOT NULL).
--
-- What does not depend on T lives here; the deadline split at T is read from items_figure_deadline;
-- days to close are a histogram (integers, so medians stay exact); first-response hours are kept per
-- item (a fraction, so they cannot be bucketed without changing the figure).

CREATE TABLE figure_rollups (
  department_id INTEGER NOT NULL,
  campaign_id INTEGER NOT NULL,
  domain_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  registered INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  ever_closed INTEGER NOT NULL,
  ever_reopened INTEGER NOT NULL,
  extended INTEGER NOT NULL,
  complaints INTEGER NOT NULL,
  -- Items with a deadline; of those, open ones, and closed ones whose closure is on or before it.
  with_deadline INTEGER NOT NULL,
  open_with_deadline INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  PRIMARY KEY (department_id, campaign_id, domain_id, source)
) WITHOUT ROWID;

-- Closed items by whole days from the registered day to the closed day, twice: keyed for the
-- department questions (ranking, department and peer-group scopes) and for the domain and source
-- ones (breakdowns). A key of all four would hold nearly a row per item at province scale.
CREATE TABLE figure_days_to_close_by_department (
  department_id INTEGER NOT NULL,
  days INTEGER NOT NULL,
  campaign_id INTEGER NOT NULL,
  items INTEGER NOT NULL,
  PRIMARY KEY (department_id, days, campaign_id)
) WITHOUT ROWID;
CREATE TABLE figure_days_to_close_by_kind (
  campaign_id INTEGER NOT NULL,
  domain_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  days INTEGER NOT NULL,
  items INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, domain_id, source, days)
) WITHOUT ROWID;

-- Answered complaint items with their first-response hours, computed once on write.
CREATE TABLE figure_responses (
  department_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  campaign_id INTEGER NOT NULL,
  domain_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  registered_at TEXT NOT NULL,
  first_response_at TEXT NOT NULL,
  hours REAL NOT NULL,
  PRIMARY KEY (department_id, item_id)
) WITHOUT ROWID;

-- The deadline split at T: items whose deadline has not passed at T, read in one range.
CREATE INDEX items_figure_deadline ON items (deadline_end, closed_at, department_id, campaign_id, domain_id, source)
  WHERE voided_at IS NULL AND deadline_end IS NOT NULL;
-- Items whose state at T may differ from their columns: the latest event at or after T.
CREATE INDEX items_figure_last_event ON items (
  max(registered_at, ifnull(state_changed_at, ''), ifnull(first_closed_at, ''), ifnull(first_reopened_at, ''), ifnull(first_extended_at, ''))
) WHERE voided_at IS NULL;

INSERT INTO figure_rollups (department_id, campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT ifnull(i.department_id, 0), i.campaign_id, ifnull(i.domain_id, 0), i.source, SUM(1), SUM(i.closed_at IS NOT NULL), SUM(i.first_closed_at IS NOT NULL), SUM(i.first_reopened_at IS NOT NULL), SUM(i.first_extended_at IS NOT NULL), SUM(i.source IN ('public_complaint', 'hotline')), SUM(i.deadline_end IS NOT NULL), SUM(i.deadline_end IS NOT NULL AND i.closed_at IS NULL), SUM(ifnull(i.closed_at <= i.deadline_end, 0))
  FROM items i WHERE i.voided_at IS NULL GROUP BY 1, 2, 3, 4;

INSERT INTO figure_days_to_close_by_department (department_id, days, campaign_id, items)
  SELECT ifnull(i.department_id, 0), CAST(julianday(substr(i.closed_at, 1, 10)) - julianday(substr(i.registered_at, 1, 10)) AS INTEGER), i.campaign_id, COUNT(*)
  FROM items i WHERE i.voided_at IS NULL AND i.closed_at IS NOT NULL GROUP BY 1, 2, 3;

INSERT INTO figure_days_to_close_by_kind (campaign_id, domain_id, source, days, items)
  SELECT i.campaign_id, ifnull(i.domain_id, 0), i.source, CAST(julianday(substr(i.closed_at, 1, 10)) - julianday(substr(i.registered_at, 1, 10)) AS INTEGER), COUNT(*)
  FROM items i WHERE i.voided_at IS NULL AND i.closed_at IS NOT NULL GROUP BY 1, 2, 3, 4;

INSERT INTO figure_responses (item_id, department_id, campaign_id, domain_id, source, registered_at, first_response_at, hours)
  SELECT i.id, ifnull(i.department_id, 0), i.campaign_id, ifnull(i.domain_id, 0), i.source, i.registered_at, i.first_response_at, (julianday(i.first_response_at) - julianday(i.registered_at)) * 24
  FROM items i WHERE i.voided_at IS NULL AND i.first_response_at IS NOT NULL AND i.source IN ('public_complaint', 'hotline');

CREATE TRIGGER items_insert_maintains_figure_rollups AFTER INSERT ON items
BEGIN
  INSERT INTO figure_rollups (department_id, campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT ifnull(NEW.department_id, 0), NEW.campaign_id, ifnull(NEW.domain_id, 0), NEW.source, (1), (NEW.closed_at IS NOT NULL), (NEW.first_closed_at IS NOT NULL), (NEW.first_reopened_at IS NOT NULL), (NEW.first_extended_at IS NOT NULL), (NEW.source IN ('public_complaint', 'hotline')), (NEW.deadline_end IS NOT NULL), (NEW.deadline_end IS NOT NULL AND NEW.closed_at IS NULL), (ifnull(NEW.closed_at <= NEW.deadline_end, 0))
  WHERE NEW.voided_at IS NULL
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_days_to_close_by_department (department_id, days, campaign_id, items)
  SELECT ifnull(NEW.department_id, 0), CAST(julianday(substr(NEW.closed_at, 1, 10)) - julianday(substr(NEW.registered_at, 1, 10)) AS INTEGER), NEW.campaign_id, 1
  WHERE NEW.voided_at IS NULL AND NEW.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  INSERT INTO figure_days_to_close_by_kind (campaign_id, domain_id, source, days, items)
  SELECT NEW.campaign_id, ifnull(NEW.domain_id, 0), NEW.source, CAST(julianday(substr(NEW.closed_at, 1, 10)) - julianday(substr(NEW.registered_at, 1, 10)) AS INTEGER), 1
  WHERE NEW.voided_at IS NULL AND NEW.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  INSERT INTO figure_responses (item_id, department_id, campaign_id, domain_id, source, registered_at, first_response_at, hours)
  SELECT NEW.id, ifnull(NEW.department_id, 0), NEW.campaign_id, ifnull(NEW.domain_id, 0), NEW.source, NEW.registered_at, NEW.first_response_at, (julianday(NEW.first_response_at) - julianday(NEW.registered_at)) * 24
  WHERE NEW.voided_at IS NULL AND NEW.first_response_at IS NOT NULL AND NEW.source IN ('public_complaint', 'hotline');
END;
CREATE TRIGGER items_update_maintains_figure_rollups AFTER UPDATE OF department_id, campaign_id, domain_id, source, registered_at, closed_at, deadline_end, first_closed_at, first_reopened_at, first_extended_at, first_response_at, voided_at ON items
BEGIN
  INSERT INTO figure_rollups (department_id, campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT ifnull(OLD.department_id, 0), OLD.campaign_id, ifnull(OLD.domain_id, 0), OLD.source, -(1), -(OLD.closed_at IS NOT NULL), -(OLD.first_closed_at IS NOT NULL), -(OLD.first_reopened_at IS NOT NULL), -(OLD.first_extended_at IS NOT NULL), -(OLD.source IN ('public_complaint', 'hotline')), -(OLD.deadline_end IS NOT NULL), -(OLD.deadline_end IS NOT NULL AND OLD.closed_at IS NULL), -(ifnull(OLD.closed_at <= OLD.deadline_end, 0))
  WHERE OLD.voided_at IS NULL
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_days_to_close_by_department (department_id, days, campaign_id, items)
  SELECT ifnull(OLD.department_id, 0), CAST(julianday(substr(OLD.closed_at, 1, 10)) - julianday(substr(OLD.registered_at, 1, 10)) AS INTEGER), OLD.campaign_id, -1
  WHERE OLD.voided_at IS NULL AND OLD.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  INSERT INTO figure_days_to_close_by_kind (campaign_id, domain_id, source, days, items)
  SELECT OLD.campaign_id, ifnull(OLD.domain_id, 0), OLD.source, CAST(julianday(substr(OLD.closed_at, 1, 10)) - julianday(substr(OLD.registered_at, 1, 10)) AS INTEGER), -1
  WHERE OLD.voided_at IS NULL AND OLD.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  INSERT INTO figure_rollups (department_id, campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT ifnull(NEW.department_id, 0), NEW.campaign_id, ifnull(NEW.domain_id, 0), NEW.source, (1), (NEW.closed_at IS NOT NULL), (NEW.first_closed_at IS NOT NULL), (NEW.first_reopened_at IS NOT NULL), (NEW.first_extended_at IS NOT NULL), (NEW.source IN ('public_complaint', 'hotline')), (NEW.deadline_end IS NOT NULL), (NEW.deadline_end IS NOT NULL AND NEW.closed_at IS NULL), (ifnull(NEW.closed_at <= NEW.deadline_end, 0))
  WHERE NEW.voided_at IS NULL
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_days_to_close_by_department (department_id, days, campaign_id, items)
  SELECT ifnull(NEW.department_id, 0), CAST(julianday(substr(NEW.closed_at, 1, 10)) - julianday(substr(NEW.registered_at, 1, 10)) AS INTEGER), NEW.campaign_id, 1
  WHERE NEW.voided_at IS NULL AND NEW.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  INSERT INTO figure_days_to_close_by_kind (campaign_id, domain_id, source, days, items)
  SELECT NEW.campaign_id, ifnull(NEW.domain_id, 0), NEW.source, CAST(julianday(substr(NEW.closed_at, 1, 10)) - julianday(substr(NEW.registered_at, 1, 10)) AS INTEGER), 1
  WHERE NEW.voided_at IS NULL AND NEW.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  DELETE FROM figure_responses WHERE department_id = ifnull(OLD.department_id, 0) AND item_id = OLD.id;
  INSERT INTO figure_responses (item_id, department_id, campaign_id, domain_id, source, registered_at, first_response_at, hours)
  SELECT NEW.id, ifnull(NEW.department_id, 0), NEW.campaign_id, ifnull(NEW.domain_id, 0), NEW.source, NEW.registered_at, NEW.first_response_at, (julianday(NEW.first_response_at) - julianday(NEW.registered_at)) * 24
  WHERE NEW.voided_at IS NULL AND NEW.first_response_at IS NOT NULL AND NEW.source IN ('public_complaint', 'hotline');
END;
CREATE TRIGGER items_delete_maintains_figure_rollups AFTER DELETE ON items
BEGIN
  INSERT INTO figure_rollups (department_id, campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT ifnull(OLD.department_id, 0), OLD.campaign_id, ifnull(OLD.domain_id, 0), OLD.source, -(1), -(OLD.closed_at IS NOT NULL), -(OLD.first_closed_at IS NOT NULL), -(OLD.first_reopened_at IS NOT NULL), -(OLD.first_extended_at IS NOT NULL), -(OLD.source IN ('public_complaint', 'hotline')), -(OLD.deadline_end IS NOT NULL), -(OLD.deadline_end IS NOT NULL AND OLD.closed_at IS NULL), -(ifnull(OLD.closed_at <= OLD.deadline_end, 0))
  WHERE OLD.voided_at IS NULL
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_days_to_close_by_department (department_id, days, campaign_id, items)
  SELECT ifnull(OLD.department_id, 0), CAST(julianday(substr(OLD.closed_at, 1, 10)) - julianday(substr(OLD.registered_at, 1, 10)) AS INTEGER), OLD.campaign_id, -1
  WHERE OLD.voided_at IS NULL AND OLD.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  INSERT INTO figure_days_to_close_by_kind (campaign_id, domain_id, source, days, items)
  SELECT OLD.campaign_id, ifnull(OLD.domain_id, 0), OLD.source, CAST(julianday(substr(OLD.closed_at, 1, 10)) - julianday(substr(OLD.registered_at, 1, 10)) AS INTEGER), -1
  WHERE OLD.voided_at IS NULL AND OLD.closed_at IS NOT NULL
  ON CONFLICT DO UPDATE SET items = items + excluded.items;
  DELETE FROM figure_responses WHERE department_id = ifnull(OLD.department_id, 0) AND item_id = OLD.id;
END;
