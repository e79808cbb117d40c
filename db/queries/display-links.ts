/** Display links: revocable read-only links for meeting-room screens. Only the token's hash is stored. */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface DisplayLinkRow {
  id: number;
  name: string;
  deck: Record<string, unknown> | null;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  lastUsedAt: string | null;
}

interface RawLink {
  id: number;
  name: string;
  deck: string | null;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  last_used_at: string | null;
}

const SELECT_LINK = `
  SELECT l.id, l.name, l.deck, l.created_at, c.username AS created_by, l.revoked_at,
         r.username AS revoked_by, l.last_used_at
  FROM display_links l
  LEFT JOIN users c ON c.id = l.created_by
  LEFT JOIN users r ON r.id = l.revoked_by`;

const toLink = (r: RawLink): DisplayLinkRow => ({
  id: r.id,
  name: r.name,
  deck: r.deck === null ? null : (JSON.parse(r.deck) as Record<string, unknown>),
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  lastUsedAt: r.last_used_at,
});

/** Live links first, newest first. */
export function listDisplayLinks(db: Db): DisplayLinkRow[] {
  return (prepared(db, `${SELECT_LINK} ORDER BY l.revoked_at IS NOT NULL, l.id DESC`).all() as RawLink[]).map(
    toLink,
  );
}

export function getDisplayLink(db: Db, id: number): DisplayLinkRow | null {
  const row = prepared(db, `${SELECT_LINK} WHERE l.id = ?`).get(id) as RawLink | undefined;
  return row ? toLink(row) : null;
}

/** The link of a token hash, if it has not been revoked. */
export function findLiveDisplayLink(db: Db, tokenHash: string): DisplayLinkRow | null {
  const row = prepared(db, `${SELECT_LINK} WHERE l.token_hash = ? AND l.revoked_at IS NULL`).get(tokenHash) as
    | RawLink
    | undefined;
  return row ? toLink(row) : null;
}

export interface NewDisplayLink {
  name: string;
  tokenHash: string;
  /** Stored as JSON text; the routes validate it (server/screen/saved-deck.ts). */
  deck: object | null;
  createdAt: string;
  createdBy: number | null;
}

export function insertDisplayLink(db: Db, link: NewDisplayLink): number {
  return Number(
    prepared(
      db,
      `INSERT INTO display_links (name, token_hash, deck, created_at, created_by)
         VALUES (@name, @tokenHash, @deck, @createdAt, @createdBy)`,
    ).run({ ...link, deck: link.deck === null ? null : JSON.stringify(link.deck) }).lastInsertRowid,
  );
}

/** Replaces a live link's deck; false when the link was revoked or does not exist. */
export function updateDisplayLinkDeck(db: Db, id: number, deck: object | null): boolean {
  return (
    prepared(db, 'UPDATE display_links SET deck = ? WHERE id = ? AND revoked_at IS NULL').run(
      deck === null ? null : JSON.stringify(deck),
      id,
    ).changes === 1
  );
}

/** Revokes a live link; false when it was already revoked or does not exist. */
export function revokeDisplayLink(db: Db, id: number, at: string, by: number): boolean {
  return (
    prepared(
      db,
      'UPDATE display_links SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
    ).run(at, by, id).changes === 1
  );
}

export function touchDisplayLink(db: Db, id: number, at: string): void {
  prepared(db, 'UPDATE display_links SET last_used_at = ? WHERE id = ?').run(at, id);
}
