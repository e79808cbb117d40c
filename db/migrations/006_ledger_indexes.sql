-- The ledger table at a million items (issue 7), two more indexes.
--
-- A search that matches a large part of the ledger (a township's name in every tenth title) is
-- counted by checking each match against the filters; this index, keyed by id and carrying every
-- filter column, answers that check without reading the wide item rows (about 4× faster at 1M).
CREATE INDEX items_search_filters
  ON items (id, campaign_id, domain_id, source, status, department_id, deadline_end, voided_at);

-- The voided items (2 % of the ledger) listed without reading their rows: the index carries every
-- sort and filter column, so a page sorts twenty thousand index entries instead of fetching the items.
DROP INDEX items_voided;
CREATE INDEX items_voided
  ON items (voided_at, registered_at, updated_at, deadline_end, ledger_code, campaign_id, domain_id, source, status, department_id)
  WHERE voided_at IS NOT NULL;

ANALYZE items;
