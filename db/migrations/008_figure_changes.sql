-- Which moments a write can have changed (docs/performance.md, "Figures remembered by moment").
-- The figures at a moment T are a function of the data at T: a write whose every effect is at or after
-- a moment X leaves the figures of any T before X as they were. Each write records its X here, the
-- earliest per data version (each write bumps it, db/migrations/003_data_version.sql; a trigger may
-- see it before or after its own bump), and a process that computed figures at T under data version V
-- may answer them again later if every row from V on holds an X after T ('' = everything). The server
-- empties the table when it starts (nothing remembered outlives a process).
-- Writes that touch no column the figures read record nothing (an urging, a description edit).
--
-- Two parts of the rollups' answer (db/queries/figures-fast.ts) have their own, narrower column
-- (NULL = unchanged): first-response hours (responses_from, the same kind of moment), and the
-- days-to-close histograms, which do not depend on T (closed_from = '' when a write changed them).
CREATE TABLE figure_changes (
  version INTEGER PRIMARY KEY,
  affected_from TEXT NOT NULL,
  responses_from TEXT,
  closed_from TEXT
);

-- Items: the moment it was registered for anything that reshapes the item over its whole life (its
-- department, campaign, domain, source, registration, first deadline, voiding, or its closure or
-- deadline edited without a new event); else the earliest of the event times that changed.
CREATE TRIGGER items_insert_records_figure_changes AFTER INSERT ON items
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, NEW.registered_at, CASE WHEN NEW.first_response_at IS NOT NULL THEN NEW.registered_at END,
    CASE WHEN NEW.closed_at IS NOT NULL THEN '' END
  FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;
CREATE TRIGGER items_delete_records_figure_changes AFTER DELETE ON items
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, OLD.registered_at, CASE WHEN OLD.first_response_at IS NOT NULL THEN OLD.registered_at END,
    CASE WHEN OLD.closed_at IS NOT NULL THEN '' END
  FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;
CREATE TRIGGER items_update_records_figure_changes AFTER UPDATE OF department_id, campaign_id, domain_id, source, registered_at, original_deadline_end, deadline_end, closed_at, first_response_at, first_closed_at, first_reopened_at, first_extended_at, state_changed_at, voided_at ON items
WHEN OLD.department_id IS NOT NEW.department_id OR OLD.campaign_id IS NOT NEW.campaign_id
  OR OLD.domain_id IS NOT NEW.domain_id OR OLD.source IS NOT NEW.source OR OLD.registered_at IS NOT NEW.registered_at
  OR OLD.original_deadline_end IS NOT NEW.original_deadline_end OR OLD.deadline_end IS NOT NEW.deadline_end
  OR OLD.closed_at IS NOT NEW.closed_at OR OLD.first_response_at IS NOT NEW.first_response_at
  OR OLD.first_closed_at IS NOT NEW.first_closed_at OR OLD.first_reopened_at IS NOT NEW.first_reopened_at
  OR OLD.first_extended_at IS NOT NEW.first_extended_at OR OLD.state_changed_at IS NOT NEW.state_changed_at
  OR OLD.voided_at IS NOT NEW.voided_at
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, CASE
    WHEN (OLD.department_id IS NOT NEW.department_id OR OLD.campaign_id IS NOT NEW.campaign_id
      OR OLD.domain_id IS NOT NEW.domain_id OR OLD.source IS NOT NEW.source
      OR OLD.registered_at IS NOT NEW.registered_at OR OLD.voided_at IS NOT NEW.voided_at) OR OLD.original_deadline_end IS NOT NEW.original_deadline_end
      OR (OLD.state_changed_at IS NEW.state_changed_at
          AND (OLD.closed_at IS NOT NEW.closed_at OR OLD.deadline_end IS NOT NEW.deadline_end))
      THEN min(OLD.registered_at, NEW.registered_at)
    -- min() of several arguments is NULL if any is: an unchanged or absent time counts as '9999'.
    ELSE min(
      CASE WHEN OLD.state_changed_at IS NOT NEW.state_changed_at
        THEN min(ifnull(OLD.state_changed_at, '9999'), ifnull(NEW.state_changed_at, '9999')) ELSE '9999' END,
      CASE WHEN OLD.first_response_at IS NOT NEW.first_response_at
        THEN min(ifnull(OLD.first_response_at, '9999'), ifnull(NEW.first_response_at, '9999')) ELSE '9999' END,
      CASE WHEN OLD.first_closed_at IS NOT NEW.first_closed_at
        THEN min(ifnull(OLD.first_closed_at, '9999'), ifnull(NEW.first_closed_at, '9999')) ELSE '9999' END,
      CASE WHEN OLD.first_reopened_at IS NOT NEW.first_reopened_at
        THEN min(ifnull(OLD.first_reopened_at, '9999'), ifnull(NEW.first_reopened_at, '9999')) ELSE '9999' END,
      CASE WHEN OLD.first_extended_at IS NOT NEW.first_extended_at
        THEN min(ifnull(OLD.first_extended_at, '9999'), ifnull(NEW.first_extended_at, '9999')) ELSE '9999' END)
    END,
    CASE
      WHEN OLD.first_response_at IS NULL AND NEW.first_response_at IS NULL THEN NULL
      WHEN (OLD.department_id IS NOT NEW.department_id OR OLD.campaign_id IS NOT NEW.campaign_id
      OR OLD.domain_id IS NOT NEW.domain_id OR OLD.source IS NOT NEW.source
      OR OLD.registered_at IS NOT NEW.registered_at OR OLD.voided_at IS NOT NEW.voided_at) THEN min(OLD.registered_at, NEW.registered_at)
      WHEN OLD.first_response_at IS NOT NEW.first_response_at
        THEN min(ifnull(OLD.first_response_at, '9999'), ifnull(NEW.first_response_at, '9999'))
    END,
    CASE WHEN (OLD.closed_at IS NOT NULL OR NEW.closed_at IS NOT NULL)
      AND ((OLD.department_id IS NOT NEW.department_id OR OLD.campaign_id IS NOT NEW.campaign_id
      OR OLD.domain_id IS NOT NEW.domain_id OR OLD.source IS NOT NEW.source
      OR OLD.registered_at IS NOT NEW.registered_at OR OLD.voided_at IS NOT NEW.voided_at) OR OLD.closed_at IS NOT NEW.closed_at) THEN '' END
  FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;

-- Closures: the earliest of the closing and reopening times written or removed.
CREATE TRIGGER item_closures_insert_records_figure_changes AFTER INSERT ON item_closures
BEGIN
  INSERT INTO figure_changes (version, affected_from)
  SELECT version, min(NEW.closed_at, ifnull(NEW.reopened_at, '9999')) FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;
CREATE TRIGGER item_closures_delete_records_figure_changes AFTER DELETE ON item_closures
BEGIN
  INSERT INTO figure_changes (version, affected_from)
  SELECT version, min(OLD.closed_at, ifnull(OLD.reopened_at, '9999')) FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;
CREATE TRIGGER item_closures_update_records_figure_changes AFTER UPDATE ON item_closures
BEGIN
  INSERT INTO figure_changes (version, affected_from)
  SELECT version, CASE
    WHEN OLD.item_id IS NOT NEW.item_id OR OLD.closed_at IS NOT NEW.closed_at
      THEN min(OLD.closed_at, NEW.closed_at, ifnull(OLD.reopened_at, '9999'), ifnull(NEW.reopened_at, '9999'))
    WHEN OLD.reopened_at IS NOT NEW.reopened_at
      THEN min(ifnull(OLD.reopened_at, '9999'), ifnull(NEW.reopened_at, '9999'))
    ELSE '9999' END FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;

-- Extensions count from their approval; one not approved changes nothing.
CREATE TRIGGER deadline_extensions_insert_records_figure_changes AFTER INSERT ON deadline_extensions
BEGIN
  INSERT INTO figure_changes (version, affected_from)
  SELECT version, ifnull(NEW.approved_at, '9999') FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;
CREATE TRIGGER deadline_extensions_delete_records_figure_changes AFTER DELETE ON deadline_extensions
BEGIN
  INSERT INTO figure_changes (version, affected_from)
  SELECT version, ifnull(OLD.approved_at, '9999') FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;
CREATE TRIGGER deadline_extensions_update_records_figure_changes AFTER UPDATE ON deadline_extensions
BEGIN
  INSERT INTO figure_changes (version, affected_from)
  SELECT version, min(ifnull(OLD.approved_at, '9999'), ifnull(NEW.approved_at, '9999')) FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = min(affected_from, excluded.affected_from),
    responses_from = coalesce(min(responses_from, excluded.responses_from), responses_from, excluded.responses_from),
    closed_from = coalesce(min(closed_from, excluded.closed_from), closed_from, excluded.closed_from);
END;

-- Departments (peer groups scope the figures): everything.
CREATE TRIGGER departments_insert_records_figure_changes AFTER INSERT ON departments
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER departments_update_records_figure_changes AFTER UPDATE ON departments
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;
CREATE TRIGGER departments_delete_records_figure_changes AFTER DELETE ON departments
BEGIN
  INSERT INTO figure_changes (version, affected_from, responses_from, closed_from)
  SELECT version, '', '', '' FROM data_version WHERE 1
  ON CONFLICT DO UPDATE SET affected_from = '', responses_from = '', closed_from = '';
END;

-- The weekly flow counts closures and reopenings by when they happened (db/queries/figures.ts getFlow).
CREATE INDEX item_closures_closed_at ON item_closures (closed_at, item_id);
CREATE INDEX item_closures_reopened_at ON item_closures (reopened_at, item_id) WHERE reopened_at IS NOT NULL;
