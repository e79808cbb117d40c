-- A published week's bulletin (通报) is reprinted as it was issued: beside the ranking, publishing keeps
-- the sheet's summary line and its overdue list as they stood then (JSON: {"summary", "overdue"}).
-- Rankings published before this have none: their bulletin gives those two as the ledger says now.
ALTER TABLE published_rankings ADD COLUMN bulletin TEXT;
