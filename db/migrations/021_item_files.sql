-- 佐证材料: the files a department or the office attaches to an open item (photos, scans, documents)
-- as evidence of its rectification. The bytes are kept in the database, so a backup holds them. A file
-- taken off the item stays here with who took it off, when and why (nothing is deleted without a trace).
CREATE TABLE item_files (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size > 0),
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  added_at TEXT NOT NULL,
  added_by INTEGER REFERENCES users (id),
  added_by_name TEXT NOT NULL,
  removed_at TEXT,
  removed_by_name TEXT,
  remove_reason TEXT
);
CREATE INDEX item_files_item ON item_files (item_id, id);
