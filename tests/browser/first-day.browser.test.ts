import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, screenshot, startServer } from './harness.ts';
import { openAs } from './ledger-helpers.ts';

/**
 * A real office's first day: a database without demo data (CLOSEOUT_DEMO=0), its first admin from the
 * environment — what the pages show before anything is registered.
 */
describe('the first day on an empty database, in a real browser', { timeout: 90_000 }, () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({
      CLOSEOUT_DEMO: '0',
      CLOSEOUT_ADMIN_USER: 'admin',
      CLOSEOUT_ADMIN_PASSWORD: DEMO_PASSWORD,
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const done = async (page: Page, errors: string[]) => {
    expect(errors).toEqual([]);
    await page.context().close();
  };

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`the department list says there are no departments and leads the admin to register them (${lang})`, async () => {
      const { page, errors } = await openAs(browser, server, 'admin', '/departments', lang);
      const none = page.getByTestId('departments-none');
      await none.waitFor();
      expect(await none.textContent()).toContain(
        lang === 'en' ? 'No departments are registered yet.' : '还没有登记部门。',
      );
      expect(await page.getByTestId('departments-table').count()).toBe(0);
      await screenshot(page, `first-day-departments-${lang}`);
      await none.getByRole('link', { name: lang === 'en' ? 'Admin → Departments' : '管理 → 部门' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/departments');
      await done(page, errors);
    });
  }
});
