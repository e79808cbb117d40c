/**
 * Server-side sessions. A session is a random 256-bit token in an HttpOnly cookie; the database keeps
 * only its SHA-256. Every login creates a new session (and token), so a token planted before login
 * is worthless afterwards (no session fixation). Logout deletes the session; a password change or a
 * deactivation deletes every session of the user.
 *
 * Expiry: a session lapses after SESSION_POLICY.idleMs without use, and in any case
 * SESSION_POLICY.absoluteMs after login.
 */
import type { Context } from 'hono';
import type { Db } from '../../db/open.ts';
import {
  deleteExpiredSessions,
  deleteSessionByTokenHash,
  findLiveSession,
  insertSession,
  type SessionWithUser,
  touchSession,
} from '../../db/queries/accounts-sessions.ts';
import type { AppDeps } from '../context.ts';
import { clientIp } from './client-ip.ts';
import { readSessionCookie, setSessionCookies } from './cookies.ts';
import { hashToken, newToken } from './tokens.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const SESSION_POLICY = {
  /** Unused this long, a session ends. */
  idleMs: 8 * HOUR,
  /** Used or not, a session ends this long after login. */
  absoluteMs: 7 * 24 * HOUR,
  /** last_seen_at and the idle expiry are written at most this often, not on every request. */
  touchEveryMs: MINUTE,
};

const iso = (ms: number) => new Date(ms).toISOString();

/** Creates a session for a user, sets its cookies on the response and returns its id. */
export function startSession(
  c: Context,
  deps: AppDeps,
  userId: number,
): { sessionId: number; csrfToken: string } {
  const { db, clock, trustProxy } = deps;
  const now = clock.now().getTime();
  const token = newToken();
  const csrfToken = newToken();
  deleteExpiredSessions(db, iso(now));
  const sessionId = insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    csrfToken,
    createdAt: iso(now),
    expiresAt: iso(now + Math.min(SESSION_POLICY.idleMs, SESSION_POLICY.absoluteMs)),
    clientIp: clientIp(c, trustProxy),
    userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
  });
  setSessionCookies(c, token, csrfToken, SESSION_POLICY.absoluteMs / 1000);
  return { sessionId, csrfToken };
}

/**
 * The live session of a cookie token at `now`, sliding its idle expiry (unless `mayWrite` is false:
 * then a later request slides it); null when there is none.
 */
export function resumeSession(db: Db, token: string, now: Date, mayWrite = true): SessionWithUser | null {
  const at = now.getTime();
  const session = findLiveSession(db, hashToken(token), iso(at));
  if (!session) return null;
  if (mayWrite && at - Date.parse(session.lastSeenAt) >= SESSION_POLICY.touchEveryMs) {
    const expiresAt = Math.min(
      at + SESSION_POLICY.idleMs,
      Date.parse(session.createdAt) + SESSION_POLICY.absoluteMs,
    );
    touchSession(db, session.id, iso(at), iso(expiresAt));
  }
  return session;
}

/** Deletes the session named by the request's cookie, if any (logout, and before a new login). */
export function endCookieSession(c: Context, db: Db): void {
  const token = readSessionCookie(c);
  if (token) deleteSessionByTokenHash(db, hashToken(token));
}
