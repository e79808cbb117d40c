-- Reads of the figures made shorter, and the rankings' other inputs recorded as changes (docs/performance.md, issue 8).
--
-- The deadline split at T per department: the items whose deadline has not passed at T, read
-- department by department in one index range each, so grouping them by department needs no sort.
-- 1M items (61k not yet due), grouped by department: 31–41 → 12–15 ms; one department's own figures
-- read one short range instead of every department's.
CREATE INDEX items_figure_department_deadline
  ON items (department_id, deadline_end, closed_at, campaign_id, domain_id, source)
  WHERE voided_at IS NULL AND deadline_end IS NOT NULL;

-- figure_rollups summed per department, for the questions that do not narrow by campaign, domain or
-- source (the ranking, the summary, a department's figures): a row per department instead of one per
-- department × campaign × domain × source (1M items: 30k rows, 8–12 ms). Kept by triggers on
-- figure_rollups itself, which add each change of a rollup row.
CREATE TABLE figure_rollups_by_department (
  department_id INTEGER PRIMARY KEY,
  registered INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  ever_closed INTEGER NOT NULL,
  ever_reopened INTEGER NOT NULL,
  extended INTEGER NOT NULL,
  complaints INTEGER NOT NULL,
  with_deadline INTEGER NOT NULL,
  open_with_deadline INTEGER NOT NULL,
  on_time INTEGER NOT NULL
);
INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  SELECT department_id, SUM(registered), SUM(closed), SUM(ever_closed), SUM(ever_reopened), SUM(extended), SUM(complaints), SUM(with_deadline), SUM(open_with_deadline), SUM(on_time) FROM figure_rollups WHERE registered <> 0 GROUP BY department_id;

CREATE TRIGGER figure_rollups_insert_maintains_figure_rollups AFTER INSERT ON figure_rollups
BEGIN
  INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (NEW.department_id, NEW.registered, NEW.closed, NEW.ever_closed, NEW.ever_reopened, NEW.extended, NEW.complaints, NEW.with_deadline, NEW.open_with_deadline, NEW.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
END;
CREATE TRIGGER figure_rollups_update_maintains_figure_rollups AFTER UPDATE ON figure_rollups
BEGIN
  INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (NEW.department_id, NEW.registered - OLD.registered, NEW.closed - OLD.closed, NEW.ever_closed - OLD.ever_closed, NEW.ever_reopened - OLD.ever_reopened, NEW.extended - OLD.extended, NEW.complaints - OLD.complaints, NEW.with_deadline - OLD.with_deadline, NEW.open_with_deadline - OLD.open_with_deadline, NEW.on_time - OLD.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
END;
CREATE TRIGGER figure_rollups_delete_maintains_figure_rollups AFTER DELETE ON figure_rollups
BEGIN
  INSERT INTO figure_rollups_by_department (department_id, registered, closed, ever_closed, ever_reopened, extended, complaints, with_deadline, open_with_deadline, on_time)
  VALUES (OLD.department_id, -OLD.registered, -OLD.closed, -OLD.ever_closed, -OLD.ever_reopened, -OLD.extended, -OLD.complaints, -OLD.with_deadline, -OLD.open_with_deadline, -OLD.on_time)
  ON CONFLICT DO UPDATE SET registered = registered + excluded.registered, closed = closed + excluded.closed, ever_closed = ever_closed + excluded.ever_closed, ever_reopened = ever_reopened + excluded.ever_reopened, extended = extended + excluded.extended, complaints = complaints + excluded.complaints, with_deadline = with_deadline + excluded.with_deadline, open_with_deadline = open_with_deadline + excluded.open_with_deadline, on_time = on_time + excluded.on_time;
END;

-- A ranking also reads the public appraisals and the peer groups' names (db/queries/ranking.ts), which
-- the rankings remembered by moment (db/figure-memo.ts) keep with the figures: a change to either is
-- recorded as changing everything, as a department change is (migration 008). Both change rarely.
CREATE TRIGGER appraisals_insert_records_figure_changes AFTER INSERT ON appraisals
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER appraisals_update_records_figure_changes AFTER UPDATE ON appraisals
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER appraisals_delete_records_figure_changes AFTER DELETE ON appraisals
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER peer_groups_insert_records_figure_changes AFTER INSERT ON peer_groups
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER peer_groups_update_records_figure_changes AFTER UPDATE ON peer_groups
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER peer_groups_delete_records_figure_changes AFTER DELETE ON peer_groups
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
