-- The ledger table (GET /api/items) stays fast at a million items: search through a trigram index,
-- and for every sort an index that a page walks in order while it checks the filters from the index
-- itself, so neither a deep page nor a broad filter reads the wide item rows.

-- Search (title, ledger code, person): a trigram index over lower-cased copies. SQLite's lower() and
-- LIKE fold ASCII letters only, so a phrase match here is exactly `LIKE '%q%'` on the item. Each copy
-- ends with two U+0001 marks, so every character is the start of a trigram: a query of one or two
-- characters is the doclists of the trigrams it begins (item_search_terms), not a scan.
CREATE VIEW item_search_source AS
  SELECT id, lower(title) || char(1, 1) AS title, lower(ledger_code) || char(1, 1) AS ledger_code,
         lower(coalesce(responsible_person, '')) || char(1, 1) AS person
  FROM items;
CREATE VIRTUAL TABLE item_search USING fts5(title, ledger_code, person, tokenize = 'trigram case_sensitive 1');
CREATE VIRTUAL TABLE item_search_terms USING fts5vocab(item_search, instance);
INSERT INTO item_search (rowid, title, ledger_code, person) SELECT * FROM item_search_source;

CREATE TRIGGER items_insert_maintains_item_search AFTER INSERT ON items BEGIN
  INSERT INTO item_search (rowid, title, ledger_code, person) SELECT * FROM item_search_source WHERE id = new.id;
END;
CREATE TRIGGER items_update_maintains_item_search AFTER UPDATE OF id, title, ledger_code, responsible_person ON items BEGIN
  DELETE FROM item_search WHERE rowid = old.id;
  INSERT INTO item_search (rowid, title, ledger_code, person) SELECT * FROM item_search_source WHERE id = new.id;
END;
CREATE TRIGGER items_delete_maintains_item_search AFTER DELETE ON items BEGIN
  DELETE FROM item_search WHERE rowid = old.id;
END;

-- The table lists the items in force (voided_at IS NULL): one index of them per sort, carrying every
-- filter column (voided_at too, so a page never reads a row to check it). Each sort's ORDER BY
-- (ITEM_SORTS) is its index's leading columns, id included as the tie-break. Partial, not led by
-- voided_at: twenty thousand distinct void times would make ANALYZE rate "voided_at IS NULL" as
-- matching fifty rows, and the planner would trust that.
CREATE INDEX items_list_registered
  ON items (registered_at, id, campaign_id, domain_id, source, status, department_id, deadline_end, voided_at)
  WHERE voided_at IS NULL;
CREATE INDEX items_list_deadline
  ON items (deadline_end IS NULL, deadline_end, id, campaign_id, domain_id, source, status, department_id, voided_at)
  WHERE voided_at IS NULL;
CREATE INDEX items_list_updated
  ON items (updated_at, id, campaign_id, domain_id, source, status, department_id, deadline_end, voided_at)
  WHERE voided_at IS NULL;
CREATE INDEX items_list_code
  ON items (ledger_code, campaign_id, domain_id, source, status, department_id, deadline_end, voided_at)
  WHERE voided_at IS NULL;
-- A lead department's items (seek, then sort a few thousand); it carries every filter column too, so
-- a count within a department never reads a row.
CREATE INDEX items_list_department
  ON items (department_id, status, campaign_id, domain_id, source, deadline_end, voided_at) WHERE voided_at IS NULL;
-- What a count of the broad filters seeks (the planner skips through the columns before the one asked).
CREATE INDEX items_list_count
  ON items (campaign_id, source, status, domain_id, deadline_end, voided_at) WHERE voided_at IS NULL;
-- The voided items, few: found without reading the others, then sorted.
CREATE INDEX items_voided ON items (voided_at) WHERE voided_at IS NOT NULL;

ANALYZE items;
