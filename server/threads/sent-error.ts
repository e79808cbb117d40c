/**
 * An error as it crosses a thread boundary: API errors whole, others by message and SQLite code (what
 * a worker throws reaches the main thread cloned; a better-sqlite3 error would arrive as a plain object
 * with only its code). The main thread's error handler then answers it as if it had been thrown there.
 */
import { ApiError } from '../errors.ts';

export type SentError =
  | { api: Pick<ApiError, 'status' | 'code' | 'text' | 'details'> }
  | { message: string; code: string | undefined };

/** In the worker: what to post for an error. */
export function sent(error: unknown): SentError {
  if (error instanceof ApiError)
    return { api: { status: error.status, code: error.code, text: error.text, details: error.details } };
  const e = error as { message?: unknown; code?: unknown };
  return { message: String(e?.message ?? error), code: typeof e?.code === 'string' ? e.code : undefined };
}

/** On the main thread: the error to throw for what a worker posted. */
export function revive(error: SentError): Error {
  if ('api' in error) {
    const { status, code, text, details } = error.api;
    return new ApiError(status, code, text, details);
  }
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/**
 * Why a worker stopped, with the SQLite code if any. What a worker threw reaches the main thread
 * cloned: a better-sqlite3 error arrives as a plain object with only its code.
 */
export function workerStopped(what: string, exitCode: number, failure: unknown): Error {
  const { message, code } = (failure ?? {}) as { message?: unknown; code?: unknown };
  const why = `${what} worker stopped (exit code ${exitCode})${message ? `: ${String(message)}` : ''}`;
  return Object.assign(new Error(why), typeof code === 'string' ? { code } : {});
}
