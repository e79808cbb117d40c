/** The session's script-readable cookie: its anti-CSRF token, and whether this browser may be signed in. */

/** The cookie holding the session's anti-CSRF token (server/auth/cookies.ts). */
export const CSRF_COOKIE = 'closeout_csrf';

export function readCookie(name: string, cookies = typeof document === 'undefined' ? '' : document.cookie) {
  for (const part of cookies.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * Whether this browser may be signed in: the CSRF cookie is set with the session cookie and cleared
 * with it. Without it there is no session to ask about, so the app goes straight to the login page
 * instead of making a request it knows will be refused. The server stays the judge: with the cookie,
 * it is asked.
 */
export const maybeSignedIn = () => readCookie(CSRF_COOKIE) !== undefined;
