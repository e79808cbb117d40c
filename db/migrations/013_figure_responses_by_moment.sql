-- First-response hours at T depend on T only through which responses are before it, max(first response,
-- registration) < T (db/queries/figures-fast.ts). They are the same at every T after the latest such
-- moment before T, so they are remembered by that moment, read through this index, rather than by T:
-- in use T is the current minute, and each new minute read all 342k responses again (1M items:
-- 117–157 ms, most of the first ranking or summary of a minute).
CREATE INDEX figure_responses_by_moment ON figure_responses (max(first_response_at, registered_at));
