/**
 * The app on a phone (390×844, 360×740, as opened from a WeChat link) and a tablet (768×1024), in a
 * real browser on the real server with the demo county: no page is wider than the screen (a phone
 * browser would otherwise zoom the whole page out), the actions a department liaison and a leader
 * take are on screen, tall enough for a finger, and work.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { type DemoAccount, launchBrowser, type RunningServer, screenshot, startServer } from './harness.ts';
import { type Api, apiAs, type Lang, registerItem, signIn } from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 120_000, expect: { poll: { timeout: 30_000, interval: 100 } } });

const PHONES = {
  phone390: { width: 390, height: 844 },
  phone360: { width: 360, height: 740 },
} as const;
const TABLET = { width: 768, height: 1024 } as const;
const LANGS: Lang[] = ['zh-CN', 'en'];

/** A finger's target: the least height of a primary action on a phone. */
const TOUCH = 40;

/**
 * A page signed in as a demo account on a phone's browser: a mobile viewport (a page wider than it is
 * zoomed out, as a phone does) with touch.
 */
async function openOnPhone(
  browser: Browser,
  server: RunningServer,
  account: DemoAccount | null,
  path: string,
  lang: Lang,
  viewport: { width: number; height: number },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: lang,
    viewport,
    isMobile: true,
    hasTouch: true,
  });
  await context.addInitScript((l) => localStorage.setItem('closeout.lang', l), lang);
  if (account) await signIn(context, server, account);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}${path}`);
  return { page, errors };
}

/** How wide the page is laid out, and how wide its content: equal when nothing overflows the screen. */
const widths = (page: Page) =>
  page.evaluate(() => ({ viewport: window.innerWidth, content: document.documentElement.scrollWidth }));

/** Where an element is on the screen. */
async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`${selector} is not shown`);
  return b;
}

describe('the app on a phone', () => {
  let server: RunningServer;
  let browser: Browser;
  let editor: Api;
  /** An open item of the liaison's own department (县教育局, D21). */
  let ownItem: { id: number; ledgerCode: string; title: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    editor = await apiAs(server, 'editor-d21');
    ownItem = (await editor.get('/api/items?department=D21&status=in_progress&sort=code&pageSize=1'))
      .items[0];
    // The demo's 县教育局 has nothing overdue: an item registered after its deadline (10 days before
    // the fixed now) is overdue at once.
    const late = await editor.send('POST', '/api/items', {
      title: '校外培训机构收费公示不全（手机测试）',
      campaign: 'C-EFFICIENCY',
      source: 'self_inspection',
      rectificationType: 'immediate',
      responsiblePerson: '李敏',
      deadline: '2026-11-10',
    });
    expect(late.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of LANGS) {
    it(`the header fits a phone and a tablet, its navigation a finger's height and working (${lang})`, async () => {
      const m = messages[lang];
      for (const [name, viewport] of Object.entries({ ...PHONES, tablet: TABLET })) {
        const { page, errors } = await openOnPhone(browser, server, 'admin', '/ledger', lang, viewport);
        await page.locator('h1').filter({ hasText: m['ledger.title'] }).waitFor();
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        const nav = page.getByRole('navigation', { name: m['nav.label'] });
        const menu = page.getByRole('button', { name: m['nav.menu'] });
        if (name === 'tablet') expect(await menu.isVisible()).toBe(false);
        else {
          // On a phone the header is one row: the navigation and the account wait behind the menu.
          expect((await box(page, '.shell-header')).height).toBeLessThanOrEqual(64);
          expect([await nav.isVisible(), await page.locator('.logout').isVisible()]).toEqual([false, false]);
          expect((await menu.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH);
          await screenshot(page, `phone-header-closed-${lang}-${name}`);
          await menu.tap();
          expect(await menu.getAttribute('aria-expanded')).toBe('true');
        }
        const links = nav.getByRole('link');
        // The admin's seven views, every one inside the screen and tall enough to tap.
        expect(await links.count()).toBe(7);
        for (const link of await links.all()) {
          const b = (await link.boundingBox())!;
          expect(b.x).toBeGreaterThanOrEqual(0);
          expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
          expect(b.height).toBeGreaterThanOrEqual(TOUCH);
        }
        for (const selector of ['.lang-switch', '.logout']) {
          const b = await box(page, selector);
          expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
          expect(b.height).toBeGreaterThanOrEqual(TOUCH);
        }
        await screenshot(page, `phone-header-${lang}-${name}`);
        await nav.getByRole('link', { name: m['nav.department'] }).tap();
        await page.waitForURL((url) => url.pathname === '/department');
        // The page opened folds the menu again.
        if (name !== 'tablet') await expect.poll(() => nav.isVisible()).toBe(false);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  /** The signed-in views, each with what shows it has rendered. */
  const VIEWS = [
    { path: '/weekly', account: 'leader', ready: '[data-testid="ranking-table"] tbody tr' },
    { path: '/department/D21', account: 'leader', ready: '[data-testid="benchmark-table"] tbody tr' },
    { path: '/bulletin', account: 'leader', ready: '[data-testid="bulletin-ranking"] tbody tr' },
    { path: '/departments', account: 'leader', ready: '[data-testid="departments-table"] tbody tr' },
  ] as const;

  for (const lang of LANGS) {
    it(`the weekly review, department view, bulletin and department list fit a phone; their tables scroll within the page (${lang})`, async () => {
      for (const [name, viewport] of Object.entries(PHONES)) {
        for (const view of VIEWS) {
          const { page, errors } = await openOnPhone(
            browser,
            server,
            view.account,
            view.path,
            lang,
            viewport,
          );
          await page.locator(view.ready).first().waitFor();
          await page.waitForTimeout(300);
          expect({ view: view.path, ...(await widths(page)) }).toEqual({
            view: view.path,
            viewport: viewport.width,
            content: viewport.width,
          });
          await screenshot(page, `phone-${view.path.split('/')[1]}-${lang}-${name}`);
          expect(errors).toEqual([]);
          await page.context().close();
        }
      }
    });

    it(`the item page on a phone: its fields, then its history, each the screen's width; the deadline read whole (${lang})`, async () => {
      const m = messages[lang];
      for (const [name, viewport] of Object.entries({ ...PHONES, tablet: TABLET })) {
        const { page, errors } = await openOnPhone(
          browser,
          server,
          'editor-d21',
          `/ledger/${ownItem.id}`,
          lang,
          viewport,
        );
        await page.getByTestId('item-fields').waitFor();
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        const fields = await box(page, 'section[aria-labelledby="item-fields"]');
        const history = await box(page, 'section[aria-labelledby="item-history-title"]');
        // One column: the page's padding (12px on a phone, 24px on a tablet) each side of every panel.
        const side = viewport.width < 560 ? 12 : 24;
        expect(fields.width).toBe(viewport.width - 2 * side);
        expect(history.width).toBe(viewport.width - 2 * side);
        expect(history.y).toBeGreaterThan(fields.y + fields.height);
        const deadline = page.getByTestId('field-deadline');
        expect(await deadline.locator('dt').textContent()).toBe(m['items.deadline']);
        const value = (await deadline.locator('dd').boundingBox())!;
        expect(value.x + value.width).toBeLessThanOrEqual(viewport.width - side);
        // The day on one line, not a character a line: 2027年2月4日 is wider than 4 characters.
        expect(value.width).toBeGreaterThan(120);
        await screenshot(page, `phone-item-${lang}-${name}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  for (const lang of LANGS) {
    it(`a liaison finds its department's overdue items on a phone: the checks in the first screen, each item a card (${lang})`, async () => {
      const m = messages[lang];
      const expected = (await editor.get('/api/items?department=D21&overdue=true&pageSize=50')).items as {
        id: number;
        ledgerCode: string;
        title: string;
      }[];
      expect(expected.map((i) => i.title)).toContain('校外培训机构收费公示不全（手机测试）');
      for (const [name, viewport] of Object.entries(PHONES)) {
        const { page, errors } = await openOnPhone(browser, server, 'editor-d21', '/ledger', lang, viewport);
        await page.locator('[data-testid="ledger-table"] tbody tr').first().waitFor();
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        // The selects wait behind "more filters"; the search and the checks are in the first screen.
        const own = page.getByLabel(m['ledger.ownOnly']);
        const overdue = page.getByLabel(m['ledger.overdueOnly']);
        for (const check of [own, overdue]) {
          const b = (await check.boundingBox())!;
          expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
        }
        const checkRow = await box(page, '.filter-checks .inline-check');
        expect(checkRow.height).toBeGreaterThanOrEqual(TOUCH);
        expect(await page.locator('select[name="campaign"]').isVisible()).toBe(false);
        await own.tap();
        await page.waitForURL((url) => url.searchParams.get('department') === 'D21');
        await overdue.tap();
        await page.waitForURL((url) => url.searchParams.get('overdue') === 'true');
        const rows = page.locator('[data-testid="ledger-table"] tbody tr');
        await expect
          .poll(() => rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-ledger-code'))))
          .toEqual(expected.map((i) => i.ledgerCode));
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        // Each item a card the screen's width, its title a link a finger can tap, its days overdue shown.
        const card = (await rows.first().boundingBox())!;
        expect(card.x).toBeGreaterThanOrEqual(0);
        expect(card.x + card.width).toBeLessThanOrEqual(viewport.width);
        const title = rows.first().locator('.item-title a');
        expect((await title.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH);
        // The ledger code whole (C-EFFICIENCY-2026-006001 is wider than half a 360px card).
        const code = rows.first().locator('td.code');
        expect(await code.textContent()).toBe(expected[0]!.ledgerCode);
        expect(await code.evaluate((td) => td.scrollWidth <= td.clientWidth)).toBe(true);
        const days = rows.first().locator('td.overdue');
        expect(await days.isVisible()).toBe(true);
        expect((await days.boundingBox())!.x + (await days.boundingBox())!.width).toBeLessThanOrEqual(
          viewport.width,
        );
        // The other selects are a tap away, and say how many of them are set.
        const more = page.getByTestId('more-filters');
        expect(await more.textContent()).toBe(m['ledger.moreFilters']);
        expect((await more.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH);
        await more.tap();
        await page.locator('select[name="light"]').selectOption('red');
        await page.waitForURL((url) => url.searchParams.get('light') === 'red');
        expect(await more.textContent()).toBe(m['ledger.fewerFilters']);
        await more.tap();
        expect(await more.textContent()).toBe(
          m['ledger.moreFiltersSet'].replace('{n}', new Intl.NumberFormat(lang).format(1)),
        );
        await screenshot(page, `phone-ledger-${lang}-${name}`);
        await title.tap();
        await page.waitForURL((url) => url.pathname === `/ledger/${expected[0]!.id}`);
        await page.getByTestId('item-fields').waitFor();
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  /** Everything of an element inside the screen (the page scrolled to it). */
  async function onScreen(locator: ReturnType<Page['locator']>, viewport: { width: number; height: number }) {
    await locator.scrollIntoViewIfNeeded();
    const b = (await locator.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
    return b;
  }

  /** A dialog whole on the screen, its fields and buttons a finger's height. */
  async function dialogFits(page: Page, viewport: { width: number; height: number }) {
    const dialog = page.getByTestId('action-dialog');
    const b = (await dialog.boundingBox())!;
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
    expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
    for (const control of await dialog.locator('button, input').all()) {
      expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH);
    }
    return dialog;
  }

  for (const [run, lang] of LANGS.entries()) {
    it(`a liaison works an item on a phone: progress, an extension asked for and withdrawn, rectified with evidence (${lang})`, async () => {
      const m = messages[lang];
      for (const [n, [name, viewport]] of Object.entries(PHONES).entries()) {
        // A fresh open item of the department's for each run: the steps change it.
        const { id, version } = await registerItem(editor, {
          title: `食堂食品安全台账不全（手机 ${lang} ${name}）`,
        });
        expect(
          (
            await editor.send('POST', `/api/items/${id}/transitions`, {
              action: 'start',
              version,
            })
          ).status,
        ).toBe(200);
        const { page, errors } = await openOnPhone(
          browser,
          server,
          'editor-d21',
          `/ledger/${id}`,
          lang,
          viewport,
        );
        const actions = page.getByTestId('item-actions');
        await actions.locator('button').first().waitFor();
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        expect(
          await actions.locator('button').evaluateAll((b) => b.map((x) => x.getAttribute('data-action'))),
        ).toEqual(['rectify', 'requestExtension', 'edit']);
        for (const button of await actions.locator('button').all()) {
          const b = await onScreen(button, viewport);
          expect(b.height).toBeGreaterThanOrEqual(TOUCH);
        }

        // 整改进展: written on the page, the button a finger's height.
        const note = `已完成第${run * 2 + n + 1}次自查`;
        const progress = page.getByTestId('progress-form');
        await progress.locator('textarea').fill(note);
        const report = progress.locator('button[type="submit"]');
        expect((await onScreen(report, viewport)).height).toBeGreaterThanOrEqual(TOUCH);
        await report.tap();
        await expect
          .poll(() => page.getByTestId('progress-notes').locator('li').first().textContent())
          .toContain(note);

        // 申请延期: the dialog whole on the screen.
        await actions.locator('[data-action="requestExtension"]').tap();
        let dialog = await dialogFits(page, viewport);
        await dialog.locator('input[name="deadline"]').fill('2027-01-31');
        await dialog.locator('textarea[name="reason"]').fill('食堂改造工程未完工');
        await dialog.getByRole('button', { name: m['action.requestExtension.submit'] }).tap();
        const row = page.getByTestId('extension-requests').locator('tbody tr');
        await expect.poll(() => row.getAttribute('data-decision')).toBe('pending');
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        // The request read down the screen: the deadline asked for whole, not scrolled out of view.
        const asked = row.locator('td').nth(1);
        expect(await asked.textContent()).toContain(
          new Intl.DateTimeFormat(lang, {
            year: 'numeric',
            month: lang === 'en' ? 'short' : 'long',
            day: 'numeric',
          }).format(new Date(2027, 0, 31)),
        );
        expect(
          await row.evaluate((tr) => {
            const scroller = tr.closest('.table-scroll')!;
            return { needsSideways: scroller.scrollWidth > scroller.clientWidth };
          }),
        ).toEqual({ needsSideways: false });
        await onScreen(asked, viewport);

        // 撤回: the button a finger's height.
        const withdraw = page
          .getByTestId('extension-withdraw')
          .getByRole('button', { name: m['item.withdrawRequest'] });
        expect((await onScreen(withdraw, viewport)).height).toBeGreaterThanOrEqual(TOUCH);
        await withdraw.tap();
        await expect.poll(() => row.getAttribute('data-decision')).toBe('withdrawn');

        // 整改完成 with evidence.
        await actions.locator('[data-action="rectify"]').tap();
        dialog = await dialogFits(page, viewport);
        await dialog.locator('textarea[name="evidence"]').fill('已建立食堂食品安全台账并公示');
        await dialog.locator('button[type="submit"]').tap();
        await expect.poll(() => page.getByTestId('item-status').textContent()).toBe(m['status.rectified']);
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        await screenshot(page, `phone-item-actions-${lang}-${name}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  /** How many lines an element's text takes. */
  const lines = (locator: ReturnType<Page['locator']>) =>
    locator.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)))
        .size;
    });

  for (const lang of LANGS) {
    it(`a department's score and ranks on a phone each on one line, its benchmark figures whole (${lang})`, async () => {
      const m = messages[lang];
      for (const [name, viewport] of Object.entries(PHONES)) {
        const { page, errors } = await openOnPhone(
          browser,
          server,
          'editor-d21',
          '/department',
          lang,
          viewport,
        );
        const head = page.getByTestId('department-head');
        await head.waitFor();
        await page.getByTestId('benchmark-table').locator('tbody tr').first().waitFor();
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        // The editor's own department, ranked in the demo: 第4名（共9个） is one line, not three.
        const figures = [
          head.getByTestId('department-score').getByTestId('value'),
          head.getByTestId('department-rank').locator('.tile-value'),
          head.getByTestId('department-overall-rank').locator('.tile-value'),
        ];
        for (const figure of figures) {
          expect({ text: await figure.textContent(), lines: await lines(figure) }).toEqual({
            text: await figure.textContent(),
            lines: 1,
          });
          const b = (await figure.boundingBox())!;
          expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
        }
        expect(await head.getByTestId('department-rank').locator('.tile-label').textContent()).toBe(
          m['department.rankInGroup'],
        );
        // The score explains itself on a tap, in a dialog that fits the screen.
        await head.getByTestId('department-score').tap();
        const panel = page.getByTestId('score-panel');
        await panel.waitFor();
        const p = (await panel.boundingBox())!;
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x + p.width).toBeLessThanOrEqual(viewport.width);
        expect(p.y + Math.min(p.height, viewport.height)).toBeLessThanOrEqual(viewport.height);
        await page.keyboard.press('Escape');
        // A figure of the benchmarks whole: 35.0天 / 35.0 days on one line.
        // (Under a figure behind the median, a line of its own says so.)
        const cells = page.getByTestId('benchmark-table').locator('td.num');
        // The demo profile's five components, each with five figures (its own, the median, the best quarter, points, points lost).
        expect(await cells.count()).toBe(5 * 5);
        for (const cell of await cells.all()) {
          const figure =
            (await cell.locator('.cell-figure').count()) > 0 ? cell.locator('.cell-figure') : cell;
          expect({ text: await figure.textContent(), lines: await lines(figure) }).toEqual({
            text: await figure.textContent(),
            lines: 1,
          });
        }
        await screenshot(page, `phone-department-${lang}-${name}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  for (const lang of LANGS) {
    it(`the weekly ranking on a phone: a department's name stays in view beside its score as the table scrolls (${lang})`, async () => {
      for (const [name, viewport] of Object.entries(PHONES)) {
        const { page, errors } = await openOnPhone(browser, server, 'leader', '/weekly', lang, viewport);
        const table = page.getByTestId('ranking-table');
        const first = table.locator('tbody tr').first();
        await first.waitFor();
        await page.waitForTimeout(300);
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        await table.scrollIntoViewIfNeeded();
        const scroller = page.locator('.table-scroll', { has: table });
        const inView = async (cell: ReturnType<Page['locator']>) => {
          const s = (await scroller.boundingBox())!;
          const c = (await cell.boundingBox())!;
          return c.x >= s.x - 0.5 && c.x + c.width <= s.x + s.width + 0.5;
        };
        const department = first.locator('td').nth(2);
        const score = first.getByTestId('score');
        expect(await inView(department)).toBe(true);
        // Scrolled to the score, then to the table's end (the trend): the name still beside them.
        for (const cell of [score, first.locator('td.trend-cell')]) {
          await scroller.evaluate(
            (el, x) => el.scrollTo({ left: x }),
            await cell.evaluate((c) => (c as HTMLElement).offsetLeft),
          );
          await page.waitForTimeout(100);
          expect({ department: await inView(department), cell: await inView(cell) }).toEqual({
            department: true,
            cell: true,
          });
        }
        expect((await scroller.evaluate((el) => el.scrollLeft)) > 0).toBe(true);
        await screenshot(page, `phone-weekly-ranking-${lang}-${name}`);
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  /**
   * Text shown under 14px, as "font-size: text": but for the charts' own labels (SVG) and what is only
   * for screen readers.
   */
  const smallText = (page: Page) =>
    page.evaluate(() => {
      const small = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim();
        const el = node.parentElement;
        if (!text || !el || el.closest('svg, .sr-only, .recharts-wrapper, #recharts_measurement_span'))
          continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const size = Number.parseFloat(getComputedStyle(el).fontSize);
        if (size < 14) small.add(`${size}px: ${text.slice(0, 12)}`);
      }
      return [...small];
    });

  for (const lang of LANGS) {
    it(`no text under 14px on a phone: the ledger, an item, the department view, the weekly review, the bulletin, the department list (${lang})`, async () => {
      const pages = [
        { account: 'editor-d21', path: '/ledger', ready: '[data-testid="ledger-table"] tbody tr' },
        { account: 'admin', path: `/ledger/${ownItem.id}`, ready: '[data-testid="item-fields"]' },
        { account: 'editor-d21', path: '/department', ready: '[data-testid="benchmark-table"] tbody tr' },
        { account: 'leader', path: '/weekly', ready: '[data-testid="ranking-table"] tbody tr' },
        { account: 'leader', path: '/bulletin', ready: '[data-testid="bulletin-ranking"] tbody tr' },
        { account: 'leader', path: '/departments', ready: '[data-testid="departments-table"] tbody tr' },
      ] as const;
      for (const view of pages) {
        const { page, errors } = await openOnPhone(
          browser,
          server,
          view.account,
          view.path,
          lang,
          PHONES.phone360,
        );
        await page.locator(view.ready).first().waitFor();
        await page.waitForTimeout(500);
        expect({ path: view.path, small: await smallText(page) }).toEqual({ path: view.path, small: [] });
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  for (const lang of LANGS) {
    it(`a leader's figure and score panels on a phone: nearly the screen's width, their close button whole (${lang})`, async () => {
      const m = messages[lang];
      const viewport = PHONES.phone360;
      const { page, errors } = await openOnPhone(browser, server, 'leader', '/weekly', lang, viewport);
      await page.getByTestId('ranking-table').locator('tbody tr').first().waitFor();
      const panels = [
        // A headline figure: its definition, parts and items.
        () => page.locator('.headline .tile').first().tap(),
        // A department's score: its components.
        () => page.getByTestId('ranking-table').getByTestId('score').first().locator('button').tap(),
      ];
      for (const open of panels) {
        await open();
        const dialog = page.locator('dialog[open]');
        await dialog.waitFor();
        const b = (await dialog.boundingBox())!;
        // 8px of the page each side, not 24: 344px of a 360px screen for the panel's tables.
        expect({ x: b.x, width: b.width }).toEqual({ x: 8, width: viewport.width - 16 });
        expect(b.y + b.height).toBeLessThanOrEqual(viewport.height);
        const close = dialog.getByRole('button', { name: m['explain.close'], exact: true });
        expect(await lines(close)).toBe(1);
        expect((await close.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH);
        await close.tap();
        await dialog.waitFor({ state: 'detached' });
      }
      expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  for (const lang of LANGS) {
    it(`an overdue item's supervision sheet on a phone: a fact a row, the screen's width; printed as before (${lang})`, async () => {
      const m = messages[lang];
      const admin = await apiAs(server, 'admin');
      const overdue = (await admin.get('/api/items?overdue=true&sort=code&pageSize=1')).items[0];
      for (const [name, viewport] of Object.entries(PHONES)) {
        const { page, errors } = await openOnPhone(
          browser,
          server,
          'admin',
          `/ledger/${overdue.id}/sheet`,
          lang,
          viewport,
        );
        const table = page.locator('.sheet-table');
        await table.waitFor();
        expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
        // Every row a name and its value, side by side: the source under the ledger code, not beside it.
        const code = table.locator('th', { hasText: m['items.code'] });
        const source = table.locator('th', { hasText: m['filters.source'] });
        const c = (await code.boundingBox())!;
        const s = (await source.boundingBox())!;
        expect(s.x).toBe(c.x);
        expect(s.y).toBeGreaterThan(c.y);
        for (const cell of await table.locator('th, td').all()) {
          const b = (await cell.boundingBox())!;
          expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
        }
        const back = page.getByRole('link', { name: m['sheet.back'] });
        expect((await back.boundingBox())!.height).toBeGreaterThanOrEqual(TOUCH);
        await screenshot(page, `phone-sheet-${lang}-${name}`);
        // Printed: the A4 sheet's table, two facts a row.
        await page.emulateMedia({ media: 'print' });
        expect(await table.evaluate((t) => getComputedStyle(t).display)).toBe('table');
        expect(errors).toEqual([]);
        await page.context().close();
      }
    });
  }

  it("a liaison's waiting extension request above the ledger reads down a phone, its deadline asked for in view", async () => {
    const { id } = await registerItem(editor, { title: '学校饮水设施检测不及时（手机延期申请）' });
    const asked = await editor.send('POST', `/api/items/${id}/extension-requests`, {
      deadline: '2027-02-28',
      reason: '检测机构排期已满',
    });
    expect(asked.status).toBe(201);
    try {
      for (const lang of LANGS) {
        const m = messages[lang];
        for (const viewport of Object.values(PHONES)) {
          const { page, errors } = await openOnPhone(
            browser,
            server,
            'editor-d21',
            '/ledger',
            lang,
            viewport,
          );
          const panel = page.getByTestId('waiting-requests');
          const row = panel.locator('tbody tr').first();
          await row.waitFor();
          expect(await widths(page)).toEqual({ viewport: viewport.width, content: viewport.width });
          expect(
            await row.evaluate((tr) => {
              const scroller = tr.closest('.table-scroll')!;
              return { needsSideways: scroller.scrollWidth > scroller.clientWidth };
            }),
          ).toEqual({ needsSideways: false });
          const deadline = row.locator('td').nth(2);
          expect(await deadline.textContent()).toContain(
            new Intl.DateTimeFormat(lang, {
              year: 'numeric',
              month: lang === 'en' ? 'short' : 'long',
              day: 'numeric',
            }).format(new Date(2027, 1, 28)),
          );
          // Each fact under its column's name.
          expect(await deadline.evaluate((td) => getComputedStyle(td, '::before').content)).toBe(
            JSON.stringify(m['item.requestedDeadline']),
          );
          const b = (await deadline.boundingBox())!;
          expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
          expect(errors).toEqual([]);
          await page.context().close();
        }
      }
    } finally {
      // Withdrawn again, the department's ledger as the other tests expect it.
      const request = asked.body.extensionRequests.at(-1).id;
      expect(
        (await editor.send('POST', `/api/items/${id}/extension-requests/${request}/withdraw`)).status,
      ).toBe(200);
    }
  });

  it('an item the office sent back says why at its top on a phone, above the steps; gone once reported again', async () => {
    const admin = await apiAs(server, 'admin');
    const { id, version } = await registerItem(editor, { title: '学校课后服务收费公示不全（手机退回）' });
    const rectified = await editor.send('POST', `/api/items/${id}/transitions`, {
      action: 'rectify',
      version,
      evidence: '已在学校官网公示',
    });
    const rejected = await admin.send('POST', `/api/items/${id}/transitions`, {
      action: 'reject',
      version: rectified.body.item.version,
      note: '公示照片不清晰，请补充收费文件',
    });
    expect(rejected.status).toBe(200);
    const office = (await admin.get('/api/auth/me')).user.displayName; // 县委督查室 in the demo
    for (const lang of LANGS) {
      const m = messages[lang];
      const viewport = PHONES.phone360;
      const { page, errors } = await openOnPhone(
        browser,
        server,
        'editor-d21',
        `/ledger/${id}`,
        lang,
        viewport,
      );
      const notice = page.getByTestId('sent-back');
      await notice.waitFor();
      // The history, where the note also is, comes last on a phone: the note is read in the first screen.
      const at = lang === 'en' ? 'Nov 20, 2026, 10:00' : '2026年11月20日 10:00';
      expect(await notice.textContent()).toBe(
        `${m['item.sentBack'].replace('{by}', office).replace('{at}', at)}公示照片不清晰，请补充收费文件`,
      );
      const box = (await notice.boundingBox())!;
      const actions = (await page.getByTestId('item-actions').boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(actions.y);
      expect(actions.y + actions.height).toBeLessThanOrEqual(viewport.height);
      await screenshot(page, `phone-item-sent-back-${lang}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
    // Reported rectified again: the office's note is history, no longer the item's news.
    const again = await editor.send('POST', `/api/items/${id}/transitions`, {
      action: 'rectify',
      version: rejected.body.item.version,
      evidence: '已补充收费文件',
    });
    expect(again.status).toBe(200);
    const { page } = await openOnPhone(
      browser,
      server,
      'editor-d21',
      `/ledger/${id}`,
      'zh-CN',
      PHONES.phone360,
    );
    await page.getByTestId('item-status').waitFor();
    expect(await page.getByTestId('item-status').textContent()).toBe(messages['zh-CN']['status.rectified']);
    expect(await page.getByTestId('sent-back').count()).toBe(0);
    await page.context().close();
  });
});
