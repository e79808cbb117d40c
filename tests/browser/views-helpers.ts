/**
 * What the weekly review, department view and bulletin browser tests share: a signed-in page (the API
 * answers 401 without a session), reading the API as the signed-in user, and the formats the views
 * must show, stated here with Intl rather than taken from the app's own formatting code.
 */
import type { Browser, Page } from 'playwright-core';
import { type MessageKey, messages } from '../../web/i18n/messages.ts';
import { translate } from '../../web/i18n/use-t.ts';
import { type DemoAccount, openPage, type RunningServer, signedInFetch, VIEWPORTS } from './harness.ts';
import { signIn } from './ledger-helpers.ts';

/** The demo's organisation (单位信息, as scripts/demo fills it): 示范县 / Demo County, ranking a county. */
export const DEMO_ORGANISATION = { 'zh-CN': '示范县', en: 'Demo County' } as const;

/** A message naming the overall rank, as the demo county's pages say it ("全县排名", "Rank in the county"). */
export const inDemoCounty = (lang: 'zh-CN' | 'en', key: MessageKey) =>
  translate(lang, key, { area: lang === 'en' ? 'county' : '县' });

/**
 * A page in a language, signed in (signIn: the sign-in page itself is login.browser.test.ts's),
 * collecting console errors.
 */
export async function openSignedIn(
  browser: Browser,
  url: string,
  path: string,
  lang: 'zh-CN' | 'en',
  viewport: { width: number; height: number } = VIEWPORTS.laptop,
  account: DemoAccount = 'leader',
): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openPage(browser, `${url}${path}`, lang, viewport, (context) =>
    signIn(context, { url }, account),
  );
  // Under load (two cores, several servers and browsers) a first load can wait on many reports.
  page.setDefaultTimeout(60_000);
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

/** Latin words Chinese text uses as they are: the language switch, and "PDF" (打印或另存为PDF). */
// File formats keep their names in Chinese too (导出 Excel, 打印或另存为PDF).
const LATIN_IN_CHINESE = new Set(['English', 'PDF', 'Excel', 'CSV']);

/** Latin words of three letters or more in a text: in Chinese there should be none but those above. */
export function latinWords(text: string): string[] {
  return [...text.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]).filter((w) => !LATIN_IN_CHINESE.has(w));
}

/**
 * What stays Chinese in an English view: the data (item titles, people's names, the signed-in user's,
 * what people wrote such as a reason) and the switch to Chinese.
 */
const CHINESE_DATA = '.item-title, .person, .user-text, .lang-switch';

/** The page's text as shown, without the off-screen span Recharts measures label widths in (last in the body). */
export async function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const text = document.body.innerText;
    const measured = document.getElementById('recharts_measurement_span')?.innerText ?? '';
    const at = measured ? text.lastIndexOf(measured) : -1;
    return at < 0 ? text : text.slice(0, at) + text.slice(at + measured.length);
  });
}

/** Runs of Chinese characters a page shows outside its data: in English there should be none. */
export async function chineseOutsideData(page: Page): Promise<string[]> {
  const data = await page.evaluate(
    (selector) => [...document.querySelectorAll(selector)].map((e) => (e as HTMLElement).innerText),
    CHINESE_DATA,
  );
  let rest = await shownText(page);
  for (const d of data) rest = rest.replace(d, ' ');
  // Han characters and Chinese punctuation (、。「」，：；（）！？), not symbols such as ＝.
  return [...rest.matchAll(/[\u3400-\u9fff\u3000-\u303f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f]+/g)].map(
    (m) => m[0],
  );
}

/** Presses the language switch and waits for the heading to read `heading`. */
export async function switchLanguage(page: Page, from: 'zh-CN' | 'en', heading: string): Promise<void> {
  await page.getByRole('button', { name: messages[from]['lang.switchLabel'] }).click();
  await page.locator('h1').filter({ hasText: heading }).waitFor();
  // Charts and late panels re-render after the heading.
  await page.waitForTimeout(500);
}
