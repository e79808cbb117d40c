/**
 * The two cookies of a signed-in browser:
 * - `closeout_session`: the session token. HttpOnly (scripts cannot read it), SameSite=Lax (not sent
 *   on cross-site sub-requests; Lax rather than Strict so a link from a mail still opens the app
 *   signed in — state changes are guarded by the CSRF checks anyway).
 * - `closeout_csrf`: the session's anti-CSRF token, readable by the app's scripts, which echo it in
 *   the X-CSRF-Token header. SameSite=Strict.
 * Both are Secure when the request came over HTTPS (directly, or per X-Forwarded-Proto from a proxy).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'closeout_session';
export const CSRF_COOKIE = 'closeout_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Whether the browser reached us over HTTPS: the URL itself, or a reverse proxy's X-Forwarded-Proto. */
export function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE) || undefined;
}

export function setSessionCookies(c: Context, token: string, csrfToken: string, maxAgeSeconds: number): void {
  const secure = isHttps(c);
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    maxAge: maxAgeSeconds,
  });
  setCookie(c, CSRF_COOKIE, csrfToken, { path: '/', sameSite: 'Strict', secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookies(c: Context): void {
  const secure = isHttps(c);
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure });
  deleteCookie(c, CSRF_COOKIE, { path: '/', sameSite: 'Strict', secure });
}
