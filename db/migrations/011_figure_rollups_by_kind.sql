-- figure_rollups summed per campaign, domain and source (issue 8, docs/performance.md): for the
-- questions that narrow by no department and group by domain, by source or not at all (the breakdowns,
-- a campaign's headline figures): 85 rows at 1M instead of figure_rollups' 31k (12 ms a read). Kept,
-- with figure_rollups_by_department (migration 009), by the triggers on figure_rollups, which now add
-- each change of a rollup row to both sums.
CREATE TABLE figure_rollups_by_kind (
  campaign_id INTEGER NOT NULL,
  domain_id INTEGER NOT NULL,
  source TEXT NOT NULL,
  registered INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  ever_closed INTEGER NOT NULL,
  ever_reopened INTEGER NOT NULL,
  extended INTEGER NOT NULL,
  complaints INTEGER NOT NULL,
  with_deadline INTEGER NOT NULL,
  open_with_deadline INTEGER NOT NULL,
  on_time INTEGER NOT NULL,
  PRIMARY KEY (campaign_id, domain_id, source)
) WITHOUT ROWID;
INSERT INTO figure_rollups_by_kind (campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT campaign_id, domain_id, source, SUM(registered), SUM(closed), SUM(ever_closed), SUM(ever_reopened), SUM(extended), SUM(complaints), SUM(with_deadline), SUM(open_with_deadline), SUM(on_time) FROM figure_rollups WHERE registered <> 0 GROUP BY campaign_id, domain_id, source;

DROP TRIGGER figure_rollups_insert_maintains_figure_rollups;
DROP TRIGGER figure_rollups_update_maintains_figure_rollups;
DROP TRIGGER figure_rollups_delete_maintains_figure_rollups;
CREATE TRIGGER figure_rollups_insert_maintains_figure_rollups AFTER INSERT ON figure_rollups
BEGIN
  INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (NEW.department_id, NEW.registered, NEW.closed, NEW.ever_closed, NEW.ever_reopened, NEW.extended, NEW.complaints, NEW.with_deadline, NEW.open_with_deadline, NEW.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_rollups_by_kind (campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (NEW.campaign_id, NEW.domain_id, NEW.source, NEW.registered, NEW.closed, NEW.ever_closed, NEW.ever_reopened, NEW.extended, NEW.complaints, NEW.with_deadline, NEW.open_with_deadline, NEW.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
END;
CREATE TRIGGER figure_rollups_update_maintains_figure_rollups AFTER UPDATE ON figure_rollups
BEGIN
  INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (NEW.department_id, NEW.registered - OLD.registered, NEW.closed - OLD.closed, NEW.ever_closed - OLD.ever_closed, NEW.ever_reopened - OLD.ever_reopened, NEW.extended - OLD.extended, NEW.complaints - OLD.complaints, NEW.with_deadline - OLD.with_deadline, NEW.open_with_deadline - OLD.open_with_deadline, NEW.on_time - OLD.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_rollups_by_kind (campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (NEW.campaign_id, NEW.domain_id, NEW.source, NEW.registered - OLD.registered, NEW.closed - OLD.closed, NEW.ever_closed - OLD.ever_closed, NEW.ever_reopened - OLD.ever_reopened, NEW.extended - OLD.extended, NEW.complaints - OLD.complaints, NEW.with_deadline - OLD.with_deadline, NEW.open_with_deadline - OLD.open_with_deadline, NEW.on_time - OLD.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
END;
CREATE TRIGGER figure_rollups_delete_maintains_figure_rollups AFTER DELETE ON figure_rollups
BEGIN
  INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (OLD.department_id, -OLD.registered, -OLD.closed, -OLD.ever_closed, -OLD.ever_reopened, -OLD.extended, -OLD.complaints, -OLD.with_deadline, -OLD.open_with_deadline, -OLD.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
  INSERT INTO figure_rollups_by_kind (campaign_id, domain_id, source, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (OLD.campaign_id, OLD.domain_id, OLD.source, -OLD.registered, -OLD.closed, -OLD.ever_closed, -OLD.ever_reopened, -OLD.extended, -OLD.complaints, -OLD.with_deadline, -OLD.open_with_deadline, -OLD.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
END;
