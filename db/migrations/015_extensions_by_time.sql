-- "Since the last review" lists the deadlines extended between two moments (db/queries/review-events.ts):
-- by approval time, not by item, so the window is read from the index rather than every extension.
CREATE INDEX deadline_extensions_approved_at ON deadline_extensions (approved_at, item_id);
