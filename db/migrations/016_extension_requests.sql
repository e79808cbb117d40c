-- 延期申请: a department asks the supervision office to extend its item's deadline, with a reason; the
-- office approves (the extension is then recorded in deadline_extensions, linked here) or declines it,
-- with its note. Figures never read requests: only an approved extension moves a deadline.
CREATE TABLE extension_requests (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  requested_at TEXT NOT NULL,
  requested_by INTEGER REFERENCES users (id),
  requested_by_name TEXT NOT NULL,
  -- The deadline when the request was made, and the one asked for.
  old_deadline TEXT NOT NULL,
  new_deadline TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  decision TEXT CHECK (decision IN ('approved', 'declined')),
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id),
  decided_by_name TEXT,
  decision_note TEXT,
  extension_id INTEGER REFERENCES deadline_extensions (id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK ((decision = 'approved') = (extension_id IS NOT NULL))
);
-- One request awaiting a decision per item; the office's list of them, oldest first.
CREATE UNIQUE INDEX extension_requests_pending ON extension_requests (item_id) WHERE decision IS NULL;
CREATE INDEX extension_requests_waiting ON extension_requests (requested_at) WHERE decision IS NULL;
CREATE INDEX extension_requests_item ON extension_requests (item_id, requested_at);
