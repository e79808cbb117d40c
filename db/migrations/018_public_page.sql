-- 接受群众监督: the office may open a campaign's aggregated progress to the public (a page anyone can
-- read, with counts and rates only: no item, no title, no person). Off until the office turns it on.
ALTER TABLE campaigns ADD COLUMN public_page INTEGER NOT NULL DEFAULT 0 CHECK (public_page IN (0, 1));
