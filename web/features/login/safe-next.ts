/**
 * Where to go after signing in: the `next` parameter of /login, if it is a path inside this app.
 * Anything else (another site, a protocol-relative '//host', the login page itself) goes home, so a
 * crafted link cannot use the login page to send someone elsewhere.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login#')) return fallback;
  return next;
}

/** The /login address after a 401 with this error code: an ended session is said so. */
export const loginPathAfter401 = (path: string, code: string | undefined) =>
  loginPath(path, code === 'session_expired' ? code : undefined);

/** The /login address that comes back to `path` afterwards. */
export function loginPath(path: string, reason?: string): string {
  const params = new URLSearchParams();
  const next = safeNext(path, '');
  if (next && next !== '/') params.set('next', next);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
