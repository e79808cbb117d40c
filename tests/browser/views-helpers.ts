/**
 * What the weekly review, department view and bulletin browser tests share: a signed-in page (the API
 * answers 401 without a session), reading the API as the signed-in user, and the formats the views
 * must show, stated here with Intl rather than taken from the app's own formatting code.
 */
import type { Browser, Page } from 'playwright-core';
import {
  type DemoAccount,
  login,
  openPage,
  type RunningServer,
  signedInFetch,
  VIEWPORTS,
} from './harness.ts';

/** A page in a language, signed in through the login page (harness.login), collecting console errors. */
export async function openSignedIn(
  browser: Browser,
  url: string,
  path: string,
  lang: 'zh-CN' | 'en',
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
  account: DemoAccount = 'leader',
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, `${url}${path}`, lang, viewport);
  // Under load (two cores, several servers and browsers) a first load can wait on many reports.
  page.setDefaultTimeout(60_000);
  await login(page, account);
  return { page, errors };
}

/** GET an API path as the demo leader; the JSON is read loosely, as the tests compare it with the page. */
export async function apiClient(server: RunningServer) {
  const get = await signedInFetch(server);
  // biome-ignore lint/suspicious/noExplicitAny: API JSON read by the tests
  return (path: string) => get<any>(path);
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
