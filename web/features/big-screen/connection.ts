/**
 * What the screen can show, from the state of its data query. The deck keeps its last good data
 * through network failures and server errors (it is `stale` until a refresh succeeds), but a refusal
 * from the access layer ends the show: a revoked link must not keep projecting the figures.
 */
import { ApiRequestError } from '../../api/client.ts';

export type Connection =
  | { kind: 'loading' }
  | { kind: 'live' }
  /** The last refresh failed (server away, network down, server error): last good data, marked. */
  | { kind: 'stale' }
  /** Never loaded yet, and the server cannot be reached: retrying. */
  | { kind: 'unreachable' }
  /** The display link was revoked (or never existed). */
  | { kind: 'revoked' }
  /** No display link and no session. */
  | { kind: 'signed-out' }
  /** Any other refusal (403, unknown campaign…), with the server's message. */
  | { kind: 'refused'; message: string };

/** Refusals that no retry can cure: polling stops and the message stays. */
export function isFinalRefusal(error: unknown): boolean {
  return (
    error instanceof ApiRequestError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![408, 429].includes(error.status)
  );
}

export function connectionOf(state: { hasData: boolean; error: unknown }): Connection {
  const { hasData, error } = state;
  if (error === null || error === undefined) return hasData ? { kind: 'live' } : { kind: 'loading' };
  if (isFinalRefusal(error)) {
    const e = error as ApiRequestError;
    if (e.status === 401)
      return e.code === 'display_link_invalid' ? { kind: 'revoked' } : { kind: 'signed-out' };
    return { kind: 'refused', message: e.message };
  }
  return hasData ? { kind: 'stale' } : { kind: 'unreachable' };
}
