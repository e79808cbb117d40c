/**
 * API answers carry signed-in data, so no browser or proxy cache may keep them: `Cache-Control:
 * no-store` unless a route chose its own caching.
 */
import { createMiddleware } from 'hono/factory';

export const noStore = createMiddleware(async (c, next) => {
  await next();
  if (!c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
});
