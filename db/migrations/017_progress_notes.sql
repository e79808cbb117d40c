-- 整改进展: dated notes of how an open item's rectification is going, reported by its department or the
-- office (跟踪督办). Kept, never edited or deleted; figures never read them. The ledger export carries
-- each item's latest.
CREATE TABLE progress_notes (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items (id),
  noted_at TEXT NOT NULL,
  author_id INTEGER REFERENCES users (id),
  author_name TEXT NOT NULL,
  note TEXT NOT NULL CHECK (length(note) > 0)
);
CREATE INDEX progress_notes_item ON progress_notes (item_id, noted_at, id);
