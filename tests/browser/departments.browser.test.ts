import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  login,
  openPage,
  type RunningServer,
  screenshot,
  signedInFetch,
  startServer,
  VIEWPORTS,
} from './harness.ts';

describe('departments page in a real browser', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let api: { departments: { code: string; nameZh: string; nameEn: string; items: number }[] };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await (await signedInFetch(server, 'leader'))('/api/departments');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows every department with its item count from the database (${lang})`, async () => {
      const { page, errors } = await openPage(browser, `${server.url}/departments`, lang);
      await login(page, 'leader');
      expect(new URL(page.url()).pathname).toBe('/departments');
      const table = page.getByTestId('departments-table');
      await table.waitFor();
      expect(api.departments).toHaveLength(40);
      const rows = table.locator('tbody tr[data-code]');
      expect(await rows.count()).toBe(40);
      const edu = api.departments.find((d) => d.code === 'D21')!;
      const eduRow = table.locator('tr[data-code="D21"]');
      await expect.poll(() => eduRow.textContent()).toContain(lang === 'en' ? edu.nameEn : edu.nameZh);
      expect(await eduRow.locator('td').nth(2).textContent()).toBe(edu.items.toLocaleString(lang));
      const heading = await page.locator('h1').textContent();
      expect(heading).toBe(lang === 'en' ? 'Department list' : '部门一览');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `departments-${lang}-${size}`);
      }
      // The name opens the department view; the item count opens its ledger.
      await eduRow.getByRole('link', { name: lang === 'en' ? edu.nameEn : edu.nameZh }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/department/D21');
      await page.goBack();
      await eduRow.locator('td').nth(2).getByRole('link').click();
      await expect.poll(() => page.url()).toBe(`${server.url}/ledger?department=D21`);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it('switches language with the header button and remembers it', async () => {
    // A browser set to Chinese with nothing remembered yet.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: VIEWPORTS.laptop });
    const page = await context.newPage();
    await page.goto(`${server.url}/departments`);
    await login(page, 'leader');
    await page.getByTestId('departments-table').waitFor();
    expect(await page.locator('h1').textContent()).toBe('部门一览');
    await page.getByRole('button', { name: '切换为英文' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Department list');
    await page.reload();
    await page.getByTestId('departments-table').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Department list');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.context().close();
  });
});
