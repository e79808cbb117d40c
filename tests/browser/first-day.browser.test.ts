import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  type RunningServer,
  screenshot,
  startServer,
  VIEWPORTS,
} from './harness.ts';
import { type Api, apiAs, type Lang, openAs } from './ledger-helpers.ts';

/**
 * A real office's first day: a database without demo data (CLOSEOUT_DEMO=0), its first admin from the
 * environment, then one department with one item and one department with none — what the pages show
 * before the ledger has grown.
 */
describe('the first day on an empty database, in a real browser', { timeout: 90_000 }, () => {
  let server: RunningServer;
  let browser: Browser;
  let api: Api;

  beforeAll(async () => {
    server = await startServer({
      CLOSEOUT_DEMO: '0',
      CLOSEOUT_ADMIN_USER: 'admin',
      CLOSEOUT_ADMIN_PASSWORD: DEMO_PASSWORD,
    });
    browser = await launchBrowser();
    api = await apiAs(server, 'admin');
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

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`Admin's departments and campaigns say what to add when there are none (${lang})`, async () => {
      const { page, errors } = await openAs(browser, server, 'admin', '/admin/departments', lang);
      const departments = page.getByTestId('departments-admin-table').getByTestId('departments-none');
      await departments.waitFor();
      expect(await departments.textContent()).toBe(
        lang === 'en'
          ? 'No department yet: add each department that owns problems, with the other names the ledgers give it as aliases.'
          : '还没有部门：请逐个新增负责整改的部门，并把各单位台账中对它的其他叫法填为别名。',
      );
      await page.goto(`${server.url}/admin/campaigns`);
      const campaigns = page.getByTestId('campaigns-none');
      await campaigns.waitFor();
      expect(await campaigns.textContent()).toBe(
        lang === 'en'
          ? 'No campaign yet. Every item of the ledger belongs to a campaign: add one, then register items or import the ledger.'
          : '还没有专项活动。台账中的每个事项都属于一个专项活动：请先新增，再登记事项或导入台账。',
      );
      await screenshot(page, `first-day-admin-campaigns-${lang}`);
      await done(page, errors);
    });
  }

  it('the import page says a campaign is to be added first when there is none to choose', async () => {
    const { page, errors } = await openAs(browser, server, 'admin', '/ledger/import', 'zh-CN');
    const hint = page.getByTestId('import-no-campaign');
    await hint.waitFor();
    expect(await hint.textContent()).toBe(
      '还没有专项活动：请先新增本台账所属的专项活动，或在表中加“专项活动”列。 管理 → 专项活动',
    );
    await screenshot(page, 'first-day-import-zh-CN');
    await hint.getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/campaigns');
    await done(page, errors);
  });

  describe('with one department holding one item', () => {
    beforeAll(async () => {
      const writes = [
        api.send('POST', '/api/campaigns', {
          code: 'C1',
          nameZh: '2026年问题整改',
          nameEn: '2026 rectification',
          kind: 'special_rectification',
          startsOn: '2026-01-01',
        }),
      ];
      for (const [code, nameZh, nameEn, kind] of [
        ['JYJ', '县教育局', 'Education Bureau', 'county_department'],
        ['SX1', '实验小学', 'Experimental Primary School', 'school'],
      ])
        writes.push(api.send('POST', '/api/departments', { code, nameZh, nameEn, kind, peerGroup: kind }));
      for (const w of await Promise.all(writes)) expect(w.status).toBe(201);
      const item = await api.send('POST', '/api/items', {
        title: '部分学校存在大班额问题',
        campaign: 'C1',
        source: 'inspection_feedback',
        rectificationType: 'phased',
        department: 'JYJ',
        responsiblePerson: '李明',
        deadline: '2026-12-31',
      });
      expect(item.status).toBe(201);
    });

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`the weekly trend shows the first week's closure rate, a line of one point (${lang})`, async () => {
        const { page, errors } = await openAs(browser, server, 'admin', '/weekly', lang);
        const chart = page.getByTestId('trend-chart');
        await chart.locator('.recharts-line').first().waitFor({ state: 'attached' });
        // This week: 1 registered, 0 closed (0%); no week before it has an item, and nothing is due
        // (on-time rate —): one dot, for the closure rate.
        await expect.poll(() => chart.locator('circle.lone-dot').count()).toBe(1);
        for (const [size, viewport] of Object.entries(VIEWPORTS)) {
          await page.setViewportSize(viewport);
          await screenshot(page, `first-day-weekly-${lang}-${size}`);
        }
        await done(page, errors);
      });
    }

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`with none ranked, the weekly ranking says why and the bulletin prints no empty table (${lang})`, async () => {
        const { page, errors } = await openAs(browser, server, 'admin', '/weekly', lang);
        const none = page.getByTestId('ranking-table').getByTestId('none-ranked');
        await none.waitFor();
        expect(await none.textContent()).toBe(
          lang === 'en'
            ? 'No department is ranked yet: a department is ranked once it has 5 due items.'
            : '暂无部门参与排名：部门到期事项达到5个才参与排名。',
        );
        await page.goto(`${server.url}/bulletin`);
        const sheet = page.getByTestId('bulletin');
        await sheet.getByTestId('bulletin-best').waitFor();
        expect(await page.getByTestId('bulletin-ranking').count()).toBe(0);
        // Both departments are listed apart, not ranked: the one with an item (nothing due yet) too.
        expect(await sheet.textContent()).toContain(
          lang === 'en' ? 'Education Bureau and Experimental Primary School' : '县教育局和实验小学',
        );
        // One item: said in the singular.
        expect(await sheet.textContent()).toContain(
          lang === 'en'
            ? '1 item registered, 0 closed (closure rate 0.0%); on-time rate —; 0 overdue; 1 still open.'
            : '共登记问题1个，已销号0个，销号率0.0%；按期办结率—；逾期未销号0个；尚未销号1个。',
        );
        await page.emulateMedia({ media: 'print' });
        await screenshot(page, `first-day-bulletin-print-${lang}`);
        await done(page, errors);
      });
    }

    const openScreen = (lang: Lang, slides: string) =>
      openAs(
        browser,
        server,
        'admin',
        `/big-screen?slides=${slides}&interval=3600`,
        lang,
        VIEWPORTS.projector,
      );

    it('the big screen draws the first week on its trend slide', async () => {
      const { page, errors } = await openScreen('zh-CN', 'trend');
      const chart = page.getByTestId('trend-chart');
      await chart.locator('.recharts-line').first().waitFor({ state: 'attached' });
      await expect.poll(() => chart.locator('circle.lone-dot').count()).toBe(1);
      await screenshot(page, 'first-day-screen-trend');
      await done(page, errors);
    });

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`the big screen's ranking slide says no department is ranked instead of "top 0" (${lang})`, async () => {
        const { page, errors } = await openScreen(lang, 'ranking');
        const none = page.getByTestId('ranking-none');
        await none.waitFor();
        expect(await none.textContent()).toBe(
          lang === 'en' ? 'No department is ranked yet' : '暂无部门参与排名',
        );
        expect(await page.locator('.bs-rank-col').count()).toBe(0);
        // Why (both departments have nothing due), and no key to rank moves that none has made.
        expect(await page.getByTestId('ranking-note').textContent()).toBe(
          lang === 'en'
            ? '2 departments have fewer than 5 due items, the least to be ranked.'
            : '2个部门到期事项不足5个，暂不参与排名。',
        );
        await screenshot(page, `first-day-screen-ranking-${lang}`);
        await done(page, errors);
      });
    }

    for (const lang of ['zh-CN', 'en'] as const) {
      it(`a department without items is told so, not which component loses it most points (${lang})`, async () => {
        const { page, errors } = await openAs(browser, server, 'admin', '/department/SX1', lang);
        const actions = page.getByTestId('score-actions');
        await actions.waitFor();
        expect((await actions.textContent())?.trim()).toBe(
          lang === 'en'
            ? 'The department has no items in this scope yet: there is nothing to raise its score with.'
            : '本部门在此范围内还没有事项，暂无提分建议。',
        );
        await screenshot(page, `first-day-department-${lang}`);
        await done(page, errors);
      });
    }
  });
});
