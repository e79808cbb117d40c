/** Server-side sessions. Rows hold the SHA-256 of the cookie token, never the token. */
import type { SessionUser, UserRole } from '../../server/auth/principal.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface NewSession {
  tokenHash: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  clientIp: string | null;
  userAgent: string | null;
}

export function insertSession(db: Db, s: NewSession): number {
  return Number(
    prepared(
      db,
      `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client_ip, user_agent)
         VALUES (@tokenHash, @userId, @csrfToken, @createdAt, @createdAt, @expiresAt, @clientIp, @userAgent)`,
    ).run(s).lastInsertRowid,
  );
}

/** A live session with its (active) user, as found by its token hash. */
export interface SessionWithUser {
  id: number;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  user: SessionUser;
}

/**
 * The session of a token hash, if it has not expired at `now` and its user is still active; null
 * otherwise (an unknown token, an expired session, a deactivated user).
 */
export function findLiveSession(db: Db, tokenHash: string, now: string): SessionWithUser | null {
  const row = prepared(
    db,
    `SELECT s.id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
              u.id AS user_id, u.username, u.display_name, u.role, u.department_id
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = ? AND s.expires_at > ? AND u.active = 1`,
  ).get(tokenHash, now) as
    | {
        id: number;
        csrf_token: string;
        created_at: string;
        last_seen_at: string;
        expires_at: string;
        user_id: number;
        username: string;
        display_name: string;
        role: UserRole;
        department_id: number | null;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      departmentId: row.department_id,
    },
  };
}

export function touchSession(db: Db, id: number, lastSeenAt: string, expiresAt: string): void {
  prepared(db, 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?').run(
    lastSeenAt,
    expiresAt,
    id,
  );
}

export function deleteSession(db: Db, id: number): void {
  prepared(db, 'DELETE FROM sessions WHERE id = ?').run(id);
}

export function deleteSessionByTokenHash(db: Db, tokenHash: string): void {
  prepared(db, 'DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
}

/** Ends every session of a user; returns how many there were. */
export function deleteSessionsOfUser(db: Db, userId: number): number {
  return prepared(db, 'DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
}

export function deleteExpiredSessions(db: Db, now: string): number {
  return prepared(db, 'DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
}

export function countSessionsOfUser(db: Db, userId: number): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?').get(userId) as { n: number })
    .n;
}
