/**
 * Real parts for browser tests: the real server (a child process on a fresh SQLite file with demo
 * data, at a fixed moment) and Debian's Chromium driven by playwright-core. A missing browser is a
 * failure, never a skip.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { spawnServer } from '../../scripts/built-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIXED_NOW = '2026-11-20T02:00:00Z'; // a Friday, 10:00 in Asia/Shanghai
export const SCREENSHOTS = path.resolve('screenshots');

export interface RunningServer {
  url: string;
  dbPath: string;
  /**
   * Stops the server and removes the folder the harness made for it (its database, unless
   * `CLOSEOUT_DB` named another); `keepData` leaves it, for a server started again on it.
   */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface StartOptions {
  /**
   * Listen on this port instead of a free one: with `CLOSEOUT_DB` set to a stopped server's `dbPath`, this
   * restarts that server where its pages expect it (the big screen's recovery test).
   */
  port?: number;
}

export async function startServer(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningServer> {
  if (!fs.existsSync('dist/web/index.html'))
    throw new Error('dist/web is missing: run `npm run build` first');
  const port = options.port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-browser-'));
  const dbPath = env.CLOSEOUT_DB ?? path.join(dir, 'closeout.db');
  const child = spawnServer(
    { PORT: String(port), CLOSEOUT_HOST: '127.0.0.1', CLOSEOUT_DB: dbPath, CLOSEOUT_NOW: FIXED_NOW, ...env },
    ['ignore', 'pipe', 'pipe'],
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start in 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dbPath,
    stop: ({ keepData = false } = {}) =>
      new Promise<void>((resolve) => {
        const stopped = () => {
          if (!keepData) fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return stopped();
        child.once('exit', stopped);
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium fonts-noto-cjk\``,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const VIEWPORTS = {
  laptop: { width: 1366, height: 768 },
  projector: { width: 1920, height: 1080 },
} as const;

/**
 * Opens a page in a language, collecting console errors and failed requests; `prepare` readies its
 * browser context first (signs it in).
 */
export async function openPage(
  browser: Browser,
  url: string,
  lang: 'zh-CN' | 'en',
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: lang, viewport });
  await context.addInitScript((l) => localStorage.setItem('closeout.lang', l), lang);
  await prepare?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** The demo accounts (README, demo only): a password for each is set when the server fills a demo database. */
export const DEMO_PASSWORD = 'closeout-demo';
export type DemoAccount = 'admin' | 'leader' | 'editor-d21';

/**
 * Signs in through the login page, as a person would. Call it on any page: a page behind sign-in
 * sends the browser to /login?next=…, which brings it back after signing in; anywhere else it goes
 * to /login first. Waits until the app has left the login page.
 */
export async function login(
  page: Page,
  account: DemoAccount = 'leader',
  password = DEMO_PASSWORD,
): Promise<void> {
  const username = page.locator('input[name="username"]');
  try {
    await username.waitFor({ timeout: 5000 });
  } catch {
    await page.goto(new URL('/login', page.url()).href);
  }
  await username.fill(account);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/login');
  // The URL changes first; the login form leaves when the page it led to has rendered.
  await page.locator('#login-title').waitFor({ state: 'detached' });
}

/** A GET helper for the API, signed in as a demo account through the login endpoint (for Node's fetch). */
export async function signedInFetch(server: RunningServer, account: DemoAccount = 'leader') {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`sign-in as ${account} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return async <T>(path: string): Promise<T> => {
    const answer = await fetch(`${server.url}${path}`, { headers: { cookie } });
    if (!answer.ok) throw new Error(`GET ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json() as Promise<T>;
  };
}
