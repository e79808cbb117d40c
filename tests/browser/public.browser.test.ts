/**
 * The public progress page (接受群众监督) in a real browser, without signing in: nothing until the
 * office opens a campaign; then its figures as the API gives them, the trend, and the tables by domain
 * and department, in both languages; no item or person anywhere on the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import {
  launchBrowser,
  openPage,
  type RunningServer,
  screenshot,
  startServer,
  VIEWPORTS,
} from './harness.ts';
import { type Api, apiAs, openAs } from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

describe('the public progress page', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Api;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows nothing until the office opens a campaign; then its progress to anyone, in both languages', async () => {
    const none = await openPage(browser, `${server.url}/public`, 'zh-CN');
    await expect
      .poll(() => none.page.getByTestId('public-none').textContent())
      .toBe(messages['zh-CN']['public.none']);
    expect(new URL(none.page.url()).pathname).toBe('/public');
    await none.page.context().close();

    // The office opens the campaign in Admin → Campaigns.
    const office = await openAs(browser, server, 'admin', '/admin/campaigns', 'zh-CN');
    const card = office.page.locator('[data-testid="campaigns-admin"] [data-code="C-EFFICIENCY"]');
    await card.getByRole('button', { name: messages['zh-CN']['users.edit'] }).click();
    const dialog = office.page.getByTestId('campaign-dialog');
    await dialog.locator('input[name="publicPage"]').check();
    await screenshot(office.page, 'admin-campaign-public-zh-CN-laptop');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('a.tag').getAttribute('href')).toBe('/public/C-EFFICIENCY');
    expect(office.errors).toEqual([]);
    await office.page.context().close();
    const { campaigns } = await admin.get('/api/campaigns');
    const campaign = campaigns.find((c: { code: string }) => c.code === 'C-EFFICIENCY');
    expect(campaign.publicPage).toBe(true);
    const code = campaign.code;
    const data = await (await fetch(`${server.url}/api/public/${code}`)).json();
    const { items } = await admin.get(`/api/items?campaign=${code}&pageSize=20`);

    for (const lang of ['zh-CN', 'en'] as const) {
      const m = messages[lang];
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        const { page, errors } = await openPage(browser, `${server.url}/public`, lang, viewport);
        await expect
          .poll(() => page.getByTestId('public-title').textContent())
          .toBe(lang === 'en' ? campaign.nameEn : campaign.nameZh);
        const tile = (key: string) => page.getByTestId(`public-${key}`).locator('.tile-value').textContent();
        expect(await tile('registered')).toBe(data.headline.registered.toLocaleString(lang));
        expect(await tile('overdue')).toBe(data.headline.overdue.toLocaleString(lang));
        expect(await page.getByTestId('public-departments').locator('tbody tr').count()).toBe(
          data.departments.length,
        );
        expect(await page.getByTestId('public-domains').locator('tbody tr').count()).toBe(
          data.domains.length,
        );
        await page.getByTestId('trend-chart').locator('.recharts-line').first().waitFor();
        expect(await page.locator('.public-note').textContent()).toBe(m['public.note']);
        // Figures only: no item title, ledger code or person of the campaign.
        const shown = (await page.locator('body').textContent()) ?? '';
        for (const item of items)
          for (const secret of [item.title, item.ledgerCode, item.responsiblePerson].filter(Boolean))
            expect(shown).not.toContain(secret);
        await screenshot(page, `public-${lang}-${size}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    }
  });

  it('asks nothing of a stale session, and fits a phone', async () => {
    // A browser with the cookies of a session that has ended: the page must not send it to sign in.
    const context = await browser.newContext({ locale: 'en', viewport: { width: 390, height: 844 } });
    const host = new URL(server.url).hostname;
    await context.addCookies([
      { name: 'closeout_session', value: 'expired-token', domain: host, path: '/' },
      { name: 'closeout_csrf', value: 'expired-csrf', domain: host, path: '/' },
    ]);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    for (const lang of ['en', 'zh-CN'] as const) {
      await page.goto(`${server.url}/public?lang=${lang}`);
      await page.evaluate((l) => localStorage.setItem('closeout.lang', l), lang);
      await page.reload();
      await page.getByTestId('public-departments').waitFor();
      await page.waitForTimeout(500);
      expect(new URL(page.url()).pathname).toBe('/public');
      // Nothing wider than the phone: the tables stack.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect([lang, overflow]).toEqual([lang, 0]);
      // And no table needs to scroll: the overdue column, the one that matters, is in view.
      const hidden = await page.$$eval('.table-scroll', (boxes) =>
        boxes.map((b) => b.scrollWidth - b.clientWidth),
      );
      await page.getByTestId('public-departments').scrollIntoViewIfNeeded();
      await screenshot(page, `public-${lang}-phone`);
      // The trend's table (folded under the chart), the domains' and the departments'.
      expect([lang, hidden]).toEqual([lang, [0, 0, 0]]);
      // Unfolded, the trend's table fits the phone too.
      await page.getByTestId('trend-table').locator('summary').click();
      expect(
        await page
          .getByTestId('trend-table')
          .locator('.table-scroll')
          .evaluate((b) => b.scrollWidth - b.clientWidth),
      ).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
    }
    // Only what anyone may read: the campaign's progress and the organisation's name heading the page.
    const open = (p: string) => p.startsWith('/api/public') || p === '/api/organisation';
    expect(asked.filter((p) => p.startsWith('/api/') && !open(p))).toEqual([]);
    expect(asked).toContain('/api/organisation');
    await context.close();
  });
});
