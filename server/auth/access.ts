/**
 * Which API routes need no sign-in, and which a display link may read. Both lists name routes as
 * `'<METHOD> <route pattern>'`, exactly as registered in the Hono app (e.g. 'GET /api/screen/:code').
 *
 * Every other route needs a signed-in user (any role: admin, leader or editor); routes that need
 * particular roles say so with `requireRole(...)` (./require-role.ts). The authorization matrix test
 * (tests/server/authorization-matrix.test.ts) checks every route against these rules.
 */
import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';

/** Open to anyone, signed in or not. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  // Logging out needs no valid session: it clears whatever cookie the browser still holds.
  'POST /api/auth/logout',
  // The public progress page (接受群众监督): aggregated figures of the campaigns opened to the public.
  'GET /api/public',
  'GET /api/public/:campaign',
  // The organisation's name: the sign-in and public pages and the big screen are headed with it.
  'GET /api/organisation',
]);

/**
 * What a display link (meeting-room screen) may read: the big-screen data and nothing else. Add each
 * big-screen endpoint here when it is built. Entries must be GET routes: a display link never changes
 * anything.
 */
export const DISPLAY_READABLE_ROUTES: ReadonlySet<string> = new Set([
  // Who am I: lets the screen check that its link still works and read the link's saved deck.
  'GET /api/auth/me',
  // Everything the big-screen deck shows, in one response (server/routes/screen.ts).
  'GET /api/screen',
]);

for (const route of DISPLAY_READABLE_ROUTES) {
  if (!route.startsWith('GET /api/')) throw new Error(`Display-readable routes must be GET routes: ${route}`);
}

/**
 * The API route that will answer this request, as '<METHOD> <pattern>', or null when none matches
 * (the request will be a 404). That is the first matching route registered for a method: middleware
 * (registered with `use`, method ALL) is not an endpoint, and neither is a catch-all outside /api
 * such as the web app's fallback in main.ts.
 */
export function endpointOf(c: Context): string | null {
  const endpoint = matchedRoutes(c).find((r) => r.method !== 'ALL' && r.path.startsWith('/api/'));
  return endpoint ? `${endpoint.method} ${endpoint.path}` : null;
}
