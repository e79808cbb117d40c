-- A department may withdraw its own waiting extension request (撤回): the request keeps who withdrew it
-- and when, as a decision. SQLite cannot change a CHECK in place: the table is made again with the
-- new one and its rows copied (nothing references it).
CREATE TABLE extension_requests_new (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  requested_at TEXT NOT NULL,
  requested_by INTEGER REFERENCES users (id),
  requested_by_name TEXT NOT NULL,
  old_deadline TEXT NOT NULL,
  new_deadline TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  -- The office's approval or refusal, or the department's withdrawal ('withdrawn', decided_* then
  -- naming who withdrew it).
  decision TEXT CHECK (decision IN ('approved', 'declined', 'withdrawn')),
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id),
  decided_by_name TEXT,
  decision_note TEXT,
  extension_id INTEGER REFERENCES deadline_extensions (id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK ((decision = 'approved') = (extension_id IS NOT NULL))
);
INSERT INTO extension_requests_new SELECT * FROM extension_requests;
DROP TABLE extension_requests;
ALTER TABLE extension_requests_new RENAME TO extension_requests;
CREATE UNIQUE INDEX extension_requests_pending ON extension_requests (item_id) WHERE decision IS NULL;
CREATE INDEX extension_requests_waiting ON extension_requests (requested_at) WHERE decision IS NULL;
CREATE INDEX extension_requests_item ON extension_requests (item_id, requested_at);
