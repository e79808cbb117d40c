import { hc } from 'hono/client';
import type { AppType } from '../../server/app.ts';
import { currentLang } from '../i18n/lang.ts';

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

export const api = hc<AppType>('/', {
  headers: () => ({ 'x-closeout-lang': currentLang() }),
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
