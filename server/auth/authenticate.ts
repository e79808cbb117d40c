/**
 * The access middleware every /api request passes, before any route:
 *
 * 1. finds who is asking (`c.var.principal`, and `c.var.user` for a signed-in user);
 * 2. applies the CSRF checks to state-changing requests (./csrf.ts);
 * 3. lets public routes through, refuses anonymous requests to the rest (401), and confines display
 *    links to the display-readable routes (403) (./access.ts).
 *
 * Role checks for signed-in users are per route, with `requireRole` (./require-role.ts).
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findLiveDisplayLink, touchDisplayLink } from '../../db/queries/display-links.ts';
import type { AppEnv } from '../context.ts';
import { noSuchAddress } from '../errors.ts';
import { DISPLAY_READABLE_ROUTES, endpointOf, PUBLIC_ROUTES } from './access.ts';
import { clearSessionCookies, readSessionCookie } from './cookies.ts';
import { carriesCsrfToken, isSameOrigin, isStateChanging } from './csrf.ts';
import { csrfRejected, displayNotAllowed, unauthenticated } from './errors.ts';
import type { Principal } from './principal.ts';
import { resumeSession } from './session.ts';
import { hashToken } from './tokens.ts';

/** A display link's last use is written at most this often. */
const DISPLAY_TOUCH_MS = 5 * 60_000;

function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Who is asking: a display link (Authorization: Bearer), else the session cookie's user, else anonymous. */
export function resolvePrincipal(c: Context<AppEnv>): Principal {
  const { db, clock, writeGate } = c.var.deps;
  const now = clock.now();
  // Last use is not worth waiting for an import's commit: a later request writes it.
  const mayWrite = !writeGate.busy;
  const bearer = bearerToken(c);
  if (bearer !== undefined) {
    const link = findLiveDisplayLink(db, hashToken(bearer));
    if (!link) return { kind: 'anonymous', reason: 'display_link_invalid' };
    if (mayWrite && (!link.lastUsedAt || now.getTime() - Date.parse(link.lastUsedAt) >= DISPLAY_TOUCH_MS))
      touchDisplayLink(db, link.id, now.toISOString());
    return { kind: 'display', display: { id: link.id, name: link.name, deck: link.deck } };
  }
  const token = readSessionCookie(c);
  if (token === undefined) return { kind: 'anonymous', reason: 'none' };
  const session = resumeSession(db, token, now, mayWrite);
  if (!session) return { kind: 'anonymous', reason: 'session_expired' };
  return { kind: 'user', user: session.user, sessionId: session.id, csrfToken: session.csrfToken };
}

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const principal = resolvePrincipal(c);
  c.set('principal', principal);
  c.set('user', principal.kind === 'user' ? principal.user : null);
  // A cookie that no longer names a session is cleared, so the browser stops sending it.
  if (principal.kind === 'anonymous' && principal.reason === 'session_expired') clearSessionCookies(c);

  if (isStateChanging(c.req.method)) {
    if (!isSameOrigin(c, c.var.deps.trustProxy)) throw csrfRejected('origin');
    if (principal.kind === 'user' && !carriesCsrfToken(c, principal.csrfToken)) throw csrfRejected('token');
  }

  const endpoint = endpointOf(c);
  // No route: answered before anything reads the body (which an upload path could make 50 MB).
  if (endpoint === null) throw noSuchAddress();
  if (!PUBLIC_ROUTES.has(endpoint)) {
    if (principal.kind === 'anonymous') throw unauthenticated(principal.reason);
    if (principal.kind === 'display' && !DISPLAY_READABLE_ROUTES.has(endpoint)) throw displayNotAllowed();
  }
  await next();
});
