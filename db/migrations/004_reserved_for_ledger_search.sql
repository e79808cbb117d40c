-- Placeholder: number 004 belongs to the ledger search migration (004_ledger_search.sql, another
-- branch). It keeps the sequence unbroken on this branch; drop this file when the two are merged.
SELECT 1;
