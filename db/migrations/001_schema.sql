-- Closeout schema, version 1.
--
-- Time convention (see docs/metrics.md): every domain moment is the organisation's local wall time
-- (CLOSEOUT_TZ) as ISO text 'YYYY-MM-DDTHH:MM:SS'; days are 'YYYY-MM-DD'. A deadline is a day
-- ('YYYY-MM-DD') or a moment ('YYYY-MM-DDTHH:MM:SS'); its *_end column is the moment it passes:
-- the day's 'T24:00:00' (which sorts after every real time of that day and before the next day), or
-- the moment itself. Audit columns named created_at / at are UTC instants ('...Z').

-- Facts about this database, e.g. which demo seed filled it.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE peer_groups (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('county_department', 'school', 'township', 'office')),
  peer_group_id INTEGER NOT NULL REFERENCES peer_groups (id),
  parent_id INTEGER REFERENCES departments (id),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX departments_peer_group ON departments (peer_group_id);

-- Other names a department goes by in offices' spreadsheets, for import matching.
CREATE TABLE department_aliases (
  alias TEXT PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments (id)
);

CREATE TABLE campaigns (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('special_rectification', 'inspection_feedback', 'efficiency_year', 'other')),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  -- JSON array of {"name_zh", "name_en", "starts_on", "ends_on"}
  phases TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE domains (
  id INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  code TEXT NOT NULL UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'editor')),
  department_id INTEGER REFERENCES departments (id),
  password_hash TEXT,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  CHECK (role <> 'editor' OR department_id IS NOT NULL)
);

CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  ledger_code TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL CHECK (length(title) > 0),
  description TEXT NOT NULL DEFAULT '',
  campaign_id INTEGER NOT NULL REFERENCES campaigns (id),
  domain_id INTEGER REFERENCES domains (id),
  source TEXT NOT NULL CHECK (
    source IN ('inspection_feedback', 'self_inspection', 'public_complaint', 'supervision_check', 'look_back', 'hotline')
  ),
  department_id INTEGER REFERENCES departments (id),
  responsible_person TEXT,
  registered_at TEXT NOT NULL,
  assigned_at TEXT,
  rectification_type TEXT NOT NULL CHECK (rectification_type IN ('immediate', 'phased', 'long_term')),
  handling_mode TEXT CHECK (handling_mode IN ('immediate', 'proactive', 'on_site', 'tracked', 'public')),
  measures TEXT NOT NULL DEFAULT '',
  -- NULL deadline: a long-term item without a date (长期坚持); it is never due.
  original_deadline TEXT,
  original_deadline_end TEXT,
  deadline TEXT,
  deadline_end TEXT,
  status TEXT NOT NULL CHECK (status IN ('registered', 'assigned', 'in_progress', 'rectified', 'closed')),
  first_response_at TEXT,
  rectified_at TEXT,
  evidence TEXT,
  -- The closure in force now (status = 'closed'), mirrored from item_closures.
  closed_at TEXT,
  verified_by INTEGER REFERENCES users (id),
  first_closed_at TEXT,
  first_reopened_at TEXT,
  first_extended_at TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  extension_count INTEGER NOT NULL DEFAULT 0,
  urge_count INTEGER NOT NULL DEFAULT 0,
  -- Latest closure, reopening or extension. For any T after it, the columns above are the item's
  -- state at T; before it, figures read item_closures and deadline_extensions.
  state_changed_at TEXT,
  voided_at TEXT,
  void_reason TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK ((voided_at IS NULL) = (void_reason IS NULL)),
  CHECK ((deadline IS NULL) = (deadline_end IS NULL)),
  CHECK ((original_deadline IS NULL) = (original_deadline_end IS NULL))
);
CREATE INDEX items_department ON items (department_id, registered_at);
CREATE INDEX items_campaign ON items (campaign_id, registered_at);
CREATE INDEX items_registered ON items (registered_at);
CREATE INDEX items_open_deadline ON items (deadline_end) WHERE status <> 'closed' AND voided_at IS NULL;

-- Participating (co-)departments: shown on the item, never counted in figures.
CREATE TABLE item_departments (
  item_id INTEGER NOT NULL REFERENCES items (id),
  department_id INTEGER NOT NULL REFERENCES departments (id),
  PRIMARY KEY (item_id, department_id)
);

CREATE TABLE milestones (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  title TEXT NOT NULL,
  due_on TEXT NOT NULL,
  done_at TEXT
);
CREATE INDEX milestones_item ON milestones (item_id);

-- One row per closure (销号); reopened_at is set when a look-back reopens it.
CREATE TABLE item_closures (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  closed_at TEXT NOT NULL,
  verified_by INTEGER REFERENCES users (id),
  evidence TEXT,
  reopened_at TEXT,
  reopen_reason TEXT,
  CHECK (reopened_at IS NULL OR reopened_at >= closed_at)
);
CREATE INDEX item_closures_item ON item_closures (item_id, closed_at);

CREATE TABLE deadline_extensions (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  approved_at TEXT NOT NULL,
  approved_by INTEGER REFERENCES users (id),
  old_deadline TEXT,
  new_deadline TEXT NOT NULL,
  new_deadline_end TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0)
);
CREATE INDEX deadline_extensions_item ON deadline_extensions (item_id, approved_at);

-- 催办: a logged reminder about a late item.
CREATE TABLE urgings (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  urged_at TEXT NOT NULL,
  urged_by INTEGER REFERENCES users (id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX urgings_item ON urgings (item_id, urged_at);

CREATE TABLE import_batches (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  rows_created INTEGER NOT NULL DEFAULT 0,
  rows_updated INTEGER NOT NULL DEFAULT 0
);

-- Append-only history of every change to an item: who, when, what, before and after.
CREATE TABLE item_history (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  at TEXT NOT NULL,
  -- Local wall time of the event in the ledger (differs from "at" for imported or back-dated events).
  effective_at TEXT NOT NULL,
  actor_id INTEGER REFERENCES users (id),
  actor_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  before TEXT,
  after TEXT,
  note TEXT,
  import_batch_id INTEGER REFERENCES import_batches (id)
);
CREATE INDEX item_history_item ON item_history (item_id, id);
CREATE TRIGGER item_history_no_update BEFORE UPDATE ON item_history
BEGIN
  SELECT RAISE(ABORT, 'item_history is append-only');
END;
CREATE TRIGGER item_history_no_delete BEFORE DELETE ON item_history
BEGIN
  SELECT RAISE(ABORT, 'item_history is append-only');
END;

-- External scores and ranks (民主评议, 政府工作考核) per department per period.
CREATE TABLE appraisals (
  id INTEGER PRIMARY KEY,
  department_id INTEGER NOT NULL REFERENCES departments (id),
  kind TEXT NOT NULL CHECK (kind IN ('public_appraisal', 'work_assessment')),
  period TEXT NOT NULL,
  score REAL NOT NULL,
  rank INTEGER,
  out_of INTEGER,
  UNIQUE (department_id, kind, period)
);

-- Versioned: a change is a new row with the next version; the row with active = 1 is in force.
CREATE TABLE scoring_profiles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  config TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  note TEXT,
  UNIQUE (name, version)
);
CREATE UNIQUE INDEX scoring_profiles_one_active ON scoring_profiles (active) WHERE active = 1;

-- A frozen ranking: the full result as computed, with the profile version it used.
CREATE TABLE published_rankings (
  id INTEGER PRIMARY KEY,
  period TEXT NOT NULL,
  as_of TEXT NOT NULL,
  scope TEXT NOT NULL,
  profile_id INTEGER NOT NULL REFERENCES scoring_profiles (id),
  result TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by INTEGER REFERENCES users (id),
  UNIQUE (period, scope)
);

-- Every change outside the item history (departments, users, profiles, publishing, ...).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id INTEGER REFERENCES users (id),
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT,
  before TEXT,
  after TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- A saved column mapping for importing an office's spreadsheet: source header → Closeout field.
CREATE TABLE import_mappings (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  mapping TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id)
);
