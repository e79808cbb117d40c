/**
 * What the ledger, import and admin-data browser tests share: a page signed in as a demo account in a
 * language (collecting console errors), and the API as a demo account — reads, and writes with the
 * session's CSRF token, to change the data behind a page the way another user would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, type DemoAccount, type RunningServer, VIEWPORTS } from './harness.ts';

export type Lang = 'zh-CN' | 'en';

/** A session's cookies (the session and its CSRF token) by server and account. */
const sessions = new Map<string, { name: string; value: string }[]>();

/**
 * Signs the context in as `account`: with the cookies of the session this server gave the account
 * before, while it still answers /api/auth/me (a test may have signed it out), else through the API's
 * sign-in. A session shared by the contexts of a file, as a person's tabs share one: each sign-in's
 * scrypt took ≈ 0.4 s of the server, hundreds of times a run.
 */
export async function signIn(
  context: BrowserContext,
  server: Pick<RunningServer, 'url'>,
  account: DemoAccount,
) {
  const key = `${server.url} ${account}`;
  const kept = sessions.get(key);
  const cookie = kept?.map((c) => `${c.name}=${c.value}`).join('; ');
  const alive = cookie && (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).ok;
  if (alive && kept) {
    await context.addCookies(kept.map((c) => ({ ...c, url: server.url })));
    return;
  }
  const res = await context.request.post(`${server.url}/api/auth/login`, {
    data: { username: account, password: DEMO_PASSWORD },
  });
  if (!res.ok()) throw new Error(`sign-in as ${account} failed: ${res.status()} ${await res.text()}`);
  const signedIn = await context.cookies(server.url);
  sessions.set(
    key,
    signedIn.map((c) => ({ name: c.name, value: c.value })),
  );
}

/** Signs in (signIn) and returns a page in that browser context, at `path`. */
export async function openAs(
  browser: Browser,
  server: RunningServer,
  account: DemoAccount,
  path: string,
  lang: Lang,
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: lang, viewport, acceptDownloads: true });
  await context.addInitScript((l) => localStorage.setItem('closeout.lang', l), lang);
  await signIn(context, server, account);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

export interface Api {
  // biome-ignore lint/suspicious/noExplicitAny: API JSON read by the tests
  get(path: string): Promise<any>;
  // biome-ignore lint/suspicious/noExplicitAny: API JSON read by the tests
  send(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
}

/** The API signed in as a demo account (session cookie and CSRF token, like the web app). */
export async function apiAs(server: RunningServer, account: DemoAccount): Promise<Api> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`sign-in as ${account} failed: ${login.status}`);
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = cookies.find((c) => c.startsWith('closeout_csrf='))?.split('=')[1] ?? '';
  const cookie = cookies.join('; ');
  return {
    async get(path) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    async send(method, path, body) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': decodeURIComponent(csrf),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
  };
}

/** The defaults of an item a test registers: the demo's efficiency campaign, phased, due at the year's end. */
const NEW_ITEM = {
  campaign: 'C-EFFICIENCY',
  source: 'self_inspection',
  rectificationType: 'phased',
  responsiblePerson: '王芳',
  deadline: '2026-12-31',
};

/**
 * An item registered through the API by `api` (an editor registers its own department's), with the
 * defaults above unless given; fails unless it is created. Its id and version.
 */
export async function registerItem(
  api: Api,
  item: { title: string } & Partial<typeof NEW_ITEM>,
): Promise<{ id: number; version: number }> {
  const created = await api.send('POST', '/api/items', { ...NEW_ITEM, ...item });
  if (created.status !== 201)
    throw new Error(`register ${item.title}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.item;
}

/** The ledger codes of the table's rows, in order. */
export const tableCodes = (page: Page, testId = 'ledger-table') =>
  page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ledger-code')));

/** Latin words of three letters or more: in a Chinese page only codes and the language switch may have them. */
export function latinWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]).filter((w) => w !== 'English');
}
