/** The address of the client, for per-client login throttling. */
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The peer address of the connection; behind a reverse proxy (trustProxy), the address that proxy
 * appended last to X-Forwarded-For — the only entry the client cannot forge. 'unknown' when neither
 * is available (in-process test requests).
 */
export function clientIp(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as NodeBindings | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
