-- "Since the last review" lists the extensions asked for between two moments (db/queries/review-events.ts):
-- by the time they were asked, whatever became of them, so the window is read from the index.
CREATE INDEX extension_requests_requested_at ON extension_requests (requested_at, item_id);
