/**
 * What the weekly review, department view and bulletin browser tests share: signing in (the API
 * answers 401 without a session), reading the API as the signed-in user, and the formats the views
 * must show, stated here with Intl rather than taken from the app's own formatting code.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { VIEWPORTS } from './harness.ts';

export const DEMO_USER = { username: 'leader', password: 'closeout-demo' };

/** Signs a browser context in through the API; its cookies then go with every page and request. */
export async function signInContext(context: BrowserContext, url: string): Promise<void> {
  const res = await context.request.post(`${url}/api/auth/login`, { data: DEMO_USER });
  if (res.status() === 404) return; // a server without accounts: nothing to sign in to
  if (!res.ok()) throw new Error(`sign-in failed: ${res.status()} ${await res.text()}`);
}

/** A signed-in page in a language, collecting console errors, like harness.openPage. */
export async function openSignedIn(
  browser: Browser,
  url: string,
  path: string,
  lang: 'zh-CN' | 'en',
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: lang, viewport });
  await context.addInitScript((l) => localStorage.setItem('closeout.lang', l), lang);
  await signInContext(context, url);
  const page = await context.newPage();
  // Under load (two cores, several servers and browsers) a first load can wait on many reports.
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}${path}`);
  return { page, errors };
}

/** GET an API path as the demo leader. */
export async function apiClient(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_USER),
  });
  const cookie = login.ok
    ? login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ')
    : '';
  // biome-ignore lint/suspicious/noExplicitAny: API JSON read by the tests
  return async (path: string): Promise<any> => {
    const res = await fetch(`${url}${path}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

export const count = (lang: string, n: number) => new Intl.NumberFormat(lang).format(n);
export const fixed = (lang: string, n: number, digits: number) =>
  new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
export const percent = (lang: string, rate: number | null) =>
  rate === null
    ? '—'
    : new Intl.NumberFormat(lang, {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(rate);

/** Latin words of three letters or more in a text: in Chinese, only the language switch may have one. */
export function latinWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]).filter((w) => w !== 'English');
}
