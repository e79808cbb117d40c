/** The built web app (dist/web) served beside /api: hashed assets cached for good, the page never. */
import fs from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/**
 * Vite names each asset after a hash of its content, so a name never changes meaning and the browser
 * may keep it for a year without asking again (a week's next review then loads no script at all, and
 * Chromium reuses the scripts' compiled code). index.html names the current assets, so it is asked for
 * every time.
 */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const PAGE_CACHE = 'no-cache';

/** Serves `webRoot` (a Vite build); false when it has not been built. */
// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its variables
export function serveWebApp(app: Hono<any>, webRoot: string): boolean {
  const indexPath = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexPath)) return false;
  // The page names the build's current assets: read again when the app is rebuilt under a running
  // server (the old page's assets are gone then, and every page would stay blank until a restart).
  let page = { mtimeMs: -1, html: '' };
  const indexHtml = () => {
    const mtimeMs = fs.statSync(indexPath, { throwIfNoEntry: false })?.mtimeMs;
    // Mid-build the file may be missing for a moment: the last page read serves meanwhile.
    if (mtimeMs !== undefined && mtimeMs !== page.mtimeMs)
      page = { mtimeMs, html: fs.readFileSync(indexPath, 'utf8') };
    return page.html;
  };
  indexHtml();
  // serveStatic's onFound runs after its response is made, too late to add a header: set it here.
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', ASSET_CACHE);
  });
  app.use('/assets/*', serveStatic({ root: path.relative(process.cwd(), webRoot) }));
  // A missing asset (an old page asking for a script since replaced) is not the app's page.
  app.get('/assets/*', (c) => c.notFound());
  // Nor is an API address no route answers (the API's own 404, app.notFound).
  app.get('/api', (c) => c.notFound());
  app.get('/api/*', (c) => c.notFound());
  app.get('*', (c) => c.html(indexHtml(), 200, { 'Cache-Control': PAGE_CACHE }));
  return true;
}
