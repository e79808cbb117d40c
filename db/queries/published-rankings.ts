/** Published (frozen) rankings: the full result as computed, with the profile version it used. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface PublishedRankingMeta {
  id: number;
  period: string;
  asOf: string;
  scope: Record<string, string>;
  profileId: number;
  publishedAt: string;
  publishedBy: number | null;
}

export interface PublishedRanking<R = unknown> extends PublishedRankingMeta {
  result: R;
  /** The bulletin's summary and overdue list as published (migration 023); null before they were kept. */
  bulletin: unknown;
}

interface Raw {
  id: number;
  period: string;
  as_of: string;
  scope: string;
  profile_id: number;
  published_at: string;
  published_by: number | null;
  result?: string;
  bulletin?: string | null;
}

const toMeta = (r: Raw): PublishedRankingMeta => ({
  id: r.id,
  period: r.period,
  asOf: r.as_of,
  scope: JSON.parse(r.scope) as Record<string, string>,
  profileId: r.profile_id,
  publishedAt: r.published_at,
  publishedBy: r.published_by,
});

const whole = (r: Raw): PublishedRanking => ({
  ...toMeta(r),
  result: JSON.parse(r.result!),
  bulletin: r.bulletin ? JSON.parse(r.bulletin) : null,
});

/** The scope as stored: its keys sorted, so the same filters always make the same text. */
export const scopeKey = (scope: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(scope).sort(([a], [b]) => a.localeCompare(b))));

export function findPublishedRanking(
  db: Db,
  period: string,
  scope: Record<string, string>,
): PublishedRanking | null {
  const row = prepared(db, 'SELECT * FROM published_rankings WHERE period = ? AND scope = ?').get(
    period,
    scopeKey(scope),
  ) as Raw | undefined;
  return row ? whole(row) : null;
}

export function getPublishedRanking(db: Db, id: number): PublishedRanking | null {
  const row = prepared(db, 'SELECT * FROM published_rankings WHERE id = ?').get(id) as Raw | undefined;
  return row ? whole(row) : null;
}

export function listPublishedRankings(db: Db): PublishedRankingMeta[] {
  return (
    prepared(
      db,
      'SELECT id, period, as_of, scope, profile_id, published_at, published_by FROM published_rankings ORDER BY published_at DESC, id DESC',
    ).all() as Raw[]
  ).map(toMeta);
}

/** Stores a ranking for a period and scope, replacing an earlier publication of the same (caller audits). */
export function savePublishedRanking(
  db: Db,
  r: {
    period: string;
    asOf: string;
    scope: Record<string, string>;
    profileId: number;
    result: unknown;
    bulletin: unknown;
    publishedAt: string;
    publishedBy: number | null;
  },
): number {
  const row = prepared(
    db,
    `INSERT INTO published_rankings (period, as_of, scope, profile_id, result, bulletin, published_at, published_by)
     VALUES (@period, @as_of, @scope, @profile_id, @result, @bulletin, @published_at, @published_by)
     ON CONFLICT (period, scope) DO UPDATE SET as_of = excluded.as_of, profile_id = excluded.profile_id,
       result = excluded.result, bulletin = excluded.bulletin, published_at = excluded.published_at,
       published_by = excluded.published_by
     RETURNING id`,
  ).get({
    period: r.period,
    as_of: r.asOf,
    scope: scopeKey(r.scope),
    profile_id: r.profileId,
    result: JSON.stringify(r.result),
    bulletin: r.bulletin === null ? null : JSON.stringify(r.bulletin),
    published_at: r.publishedAt,
    published_by: r.publishedBy,
  }) as { id: number };
  return row.id;
}
