/**
 * CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE), in two layers:
 *
 * 1. **Same origin.** A browser tells where a request comes from: `Sec-Fetch-Site` (modern browsers)
 *    and `Origin`. A request that a browser marks as cross-site or same-site-but-other-origin, or
 *    whose Origin names another host, is refused. This covers requests without a session too, such
 *    as the login itself (login CSRF). Clients that send neither header (curl, scripts) pass this
 *    layer; they carry no ambient cookies a forger could ride on.
 * 2. **Session token (synchronizer token).** A request made with a session cookie must carry the
 *    session's own CSRF token in the `X-CSRF-Token` header. The token is random per session, stored
 *    with the session, and given to the app's scripts in the `closeout_csrf` cookie; a forging site
 *    can neither read that cookie nor set a custom header on a cross-site request. The header is
 *    compared with the token in the database, not with the cookie, so a cookie planted by a sibling
 *    subdomain does not help either.
 */
import type { Context } from 'hono';
import { CSRF_HEADER } from './cookies.ts';
import { safeEqual } from './tokens.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

/** Layer 1: false when the browser says the request comes from another origin. */
export function isSameOrigin(c: Context, trustProxy = false): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false; // 'null' (sandboxed frames, some redirects) or garbage
  }
  const host =
    (trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined) ??
    c.req.header('host') ??
    new URL(c.req.url).host;
  return originHost.toLowerCase() === host.toLowerCase();
}

/** Layer 2: whether the request echoes the session's CSRF token. */
export function carriesCsrfToken(c: Context, sessionCsrfToken: string): boolean {
  const sent = c.req.header(CSRF_HEADER);
  return sent !== undefined && safeEqual(sent, sessionCsrfToken);
}
