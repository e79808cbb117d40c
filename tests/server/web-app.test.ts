import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { serveWebApp } from '../../server/web-app.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';

function builtApp(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-web-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Closeout</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-Ab12.js'), 'console.log(1)');
  return root;
}

describe('the built web app', () => {
  it('lets the browser keep a hashed asset for good, and asks for the page every time', async () => {
    const app = new Hono();
    expect(serveWebApp(app, builtApp())).toBe(true);

    const asset = await app.request('/assets/index-Ab12.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // Any other address is the app's page (its router shows the view), never kept without asking.
    const page = await app.request('/weekly?campaign=2026');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Closeout</title>');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves the page of a build made while it runs, not the one it started with', async () => {
    const app = new Hono();
    const root = builtApp();
    serveWebApp(app, root);
    expect(await (await app.request('/weekly')).text()).toContain('<title>Closeout</title>');
    const index = path.join(root, 'index.html');
    fs.writeFileSync(index, '<!doctype html><title>Closeout 2</title><script src="/assets/index-Cd34.js">');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(index, later, later);
    expect(await (await app.request('/weekly')).text()).toContain('index-Cd34.js');
    // While a build has removed the page for a moment, the last one read serves.
    fs.rmSync(index);
    expect(await (await app.request('/ledger')).text()).toContain('index-Cd34.js');
  });

  it('answers a missing asset 404, not with the page, and not to be kept', async () => {
    const app = new Hono();
    serveWebApp(app, builtApp());
    const missing = await app.request('/assets/gone-Zz99.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBeNull();
  });

  it("answers an unknown API address 404 in the API's shape, not with the page", async () => {
    const { db, users } = seedAccounts();
    const app = createApp({ db, clock: fixedClock(NOW) });
    serveWebApp(app, builtApp());
    const leader = openSession(db, users.leader);
    // Unsigned, any API address is 401 (docs/security.md), known or not.
    const unsigned = await call(app, 'GET', '/api/nope');
    expect(unsigned.status).toBe(401);
    for (const [path, session] of [
      ['/api/nope', leader],
      ['/api/items/', leader],
      ['/api', leader],
    ] as const) {
      const res = await call(app, 'GET', path, { session, headers: { 'accept-language': 'en' } });
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.json()).toEqual({
        error: { code: 'not_found', message: 'No such address', details: {} },
      });
    }
  });

  it('serves nothing when the app has not been built', () => {
    const app = new Hono();
    expect(serveWebApp(app, fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-web-')))).toBe(false);
  });
});
