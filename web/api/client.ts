import { hc } from 'hono/client';
import type { AppType } from '../../server/app.ts';
import { currentLang } from '../i18n/lang.ts';
import { takeEarly } from './early-responses.ts';
import { CSRF_COOKIE, readCookie } from './session-cookie.ts';

/** An API failure, carrying the server's error code and its message in the user's language. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** The header that echoes the session's anti-CSRF token. */
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

type UnauthenticatedListener = (code: string) => void;
const unauthenticatedListeners = new Set<UnauthenticatedListener>();

/**
 * Calls `listener` whenever the API answers 401 to a signed-in request (the session ended or was never
 * there), so the app can send the user to the login page. Not for a failed login itself, nor for a
 * display link's requests (they carry their own Authorization header). Returns the unsubscribe.
 */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/**
 * fetch for the API: sends the CSRF token on every state-changing request (docs/security.md), takes
 * a GET's answer from the page's first requests when one is on its way, and reports a 401 to the
 * onUnauthenticated listeners.
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const headers = new Headers(init.headers);
  if (!SAFE_METHODS.has(method)) {
    const token = readCookie(CSRF_COOKIE);
    if (token) headers.set(CSRF_HEADER, token);
  }
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  // The page's first requests went with the session's cookie: a request with its own credentials asks itself.
  const early = method === 'GET' && !headers.has('authorization') ? takeEarly(url) : undefined;
  const res = await (early ?? fetch(input, { ...init, headers }));
  if (res.status === 401 && !url.includes('/api/auth/login') && !headers.has('authorization')) {
    const code = (
      (await res
        .clone()
        .json()
        .catch(() => null)) as { error?: { code?: string } } | null
    )?.error?.code;
    for (const listener of unauthenticatedListeners) listener(code ?? 'unauthenticated');
  }
  return res;
}

export const api = hc<AppType>('/', {
  headers: () => ({ 'x-closeout-lang': currentLang() }),
  fetch: apiFetch,
});

/** Awaits a typed client call and returns its JSON, throwing ApiRequestError when the response is not ok. */
export async function unwrap<T>(
  request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
): Promise<T> {
  const res = await request;
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { code: string; message: string; details?: Record<string, unknown> };
    } | null;
    throw new ApiRequestError(
      res.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `HTTP ${res.status}`,
      body?.error?.details,
    );
  }
  return res.json();
}
