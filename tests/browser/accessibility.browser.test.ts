/**
 * Accessibility in a real browser, in both languages: what axe-core (run in the page, offline) finds,
 * and what it cannot see — names, titles, fields tied to their errors.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MessageKey, messages } from '../../web/i18n/messages.ts';
import { type DemoAccount, launchBrowser, type RunningServer, startServer, VIEWPORTS } from './harness.ts';
import { type Api, apiAs, type Lang, openAs } from './ledger-helpers.ts';
import { fixed, inDemoCounty, percent } from './views-helpers.ts';

vi.setConfig({ testTimeout: 120_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  nodes: string[];
}

/** axe-core's violations on the page as it is, each with the elements it names (rules: all, or these). */
async function axeViolations(page: Page, rules?: string[]): Promise<Violation[]> {
  // Through the debugging protocol, not a <script>: the app's CSP allows no inline script.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (only) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is the global the script above defined
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
    });
    return result.violations.map((v: { id: string; nodes: { target: string[] }[] }) => ({
      id: v.id,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, rules ?? null);
}

const LANGS: Lang[] = ['zh-CN', 'en'];

describe('accessibility', () => {
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

  /** The tables on the page with no name: no caption, aria-label or aria-labelledby. */
  const unnamedTables = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('table')]
        .filter(
          (t) =>
            !t.caption?.textContent?.trim() &&
            !t.hasAttribute('aria-label') &&
            !t.hasAttribute('aria-labelledby'),
        )
        .map(
          (t) => t.dataset.testid ?? t.closest('[data-testid]')?.getAttribute('data-testid') ?? t.className,
        ),
    );

  /** The page loaded: its data shown, nothing still loading. */
  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
  }

  it('the yellow light reads at 4.5:1 or more, in the ledger and the department view', async () => {
    for (const lang of LANGS) {
      const { page } = await openAs(browser, server, 'admin', '/ledger?light=yellow', lang);
      await page.locator('[data-testid="ledger-table"] .light-yellow').first().waitFor();
      expect(await axeViolations(page, ['color-contrast'])).toEqual([]);
      await page.goto(`${server.url}/department/D21`);
      await page.getByTestId('tab-yellow').waitFor();
      expect(await axeViolations(page, ['color-contrast'])).toEqual([]);
      await page.context().close();
    }
  });

  it('the language switch is named by the word it shows, then by what it does', async () => {
    for (const lang of LANGS) {
      const m = messages[lang];
      const { page } = await openAs(browser, server, 'leader', '/departments', lang);
      const button = page.locator('.lang-switch');
      await button.waitFor();
      expect(await button.evaluate((b) => b.textContent)).toBe(
        `${m['lang.switch']} ${m['lang.switchLabel']}`,
      );
      // The word is in the language it names, so a screen reader says it in that language's voice.
      expect(await button.locator('span').first().getAttribute('lang')).toBe(lang === 'en' ? 'zh-CN' : 'en');
      expect(
        await page
          .getByRole('button', { name: `${m['lang.switch']} ${m['lang.switchLabel']}`, exact: true })
          .count(),
      ).toBe(1);
      expect(await axeViolations(page, ['label-content-name-mismatch'])).toEqual([]);
      await page.context().close();
    }
  });

  it("the supervision sheet's title names the item's ledger code (a saved PDF is named after it)", async () => {
    const { items } = await admin.get('/api/items?overdue=true&pageSize=1');
    const item = items[0];
    for (const lang of LANGS) {
      const m = messages[lang];
      const { page } = await openAs(browser, server, 'admin', `/ledger/${item.id}/sheet`, lang);
      await page.getByTestId('supervision-sheet').waitFor();
      await expect.poll(() => page.title()).toBe(`${m['sheet.title']} ${item.ledgerCode} · ${m['app.name']}`);
      await page.context().close();
    }
  });
  it("each admin section's page title names the section, in both languages", async () => {
    const sections: [string, MessageKey][] = [
      ['/admin', 'adminNav.accounts'],
      ['/admin/departments', 'adminNav.departments'],
      ['/admin/campaigns', 'adminNav.campaigns'],
      ['/admin/appraisals', 'adminNav.appraisals'],
      ['/admin/profiles', 'adminNav.profiles'],
      ['/admin/rankings', 'adminNav.rankings'],
      ['/admin/audit', 'adminNav.audit'],
    ];
    for (const lang of LANGS) {
      const m = messages[lang];
      const { page } = await openAs(browser, server, 'admin', '/account', lang);
      for (const [path, label] of sections) {
        await page.goto(`${server.url}${path}`);
        await expect.poll(() => page.title()).toBe(`${m[label]} · ${m['admin.title']} · ${m['app.name']}`);
      }
      await page.context().close();
    }
  });

  it('a field the server refuses is described by the error, which leaves with the error', async () => {
    const [item] = (await admin.get('/api/items?overdue=true&status=in_progress&sort=code&pageSize=1')).items;
    const { page } = await openAs(browser, server, 'admin', `/ledger/${item.id}`, 'en');
    const dialog = page.getByTestId('action-dialog');
    await page.locator('button[data-action="extend"]').click();
    const deadline = dialog.locator('input[name="deadline"]');
    // A form's dialog opens at its first field.
    await expect.poll(() => deadline.evaluate((e) => e === document.activeElement)).toBe(true);
    await deadline.fill('2020-01-01');
    await dialog.locator('textarea[name="reason"]').fill('需协调上级部门资金');
    await dialog.locator('button[type="submit"]').click();
    const error = dialog.getByTestId('action-error');
    await error.waitFor();
    expect(await deadline.getAttribute('aria-invalid')).toBe('true');
    const errorId = await error.getAttribute('id');
    expect(errorId).toBeTruthy();
    expect(await deadline.getAttribute('aria-describedby')).toBe(errorId);
    expect(await error.getAttribute('role')).toBe('alert');
    // Closed and opened again, the form starts clean: the field no longer points at an error.
    await dialog.locator('.close-button').click();
    await page.locator('button[data-action="extend"]').click();
    expect(await dialog.locator('input[name="deadline"]').getAttribute('aria-describedby')).toBeNull();
    expect(await dialog.locator('input[name="deadline"]').getAttribute('aria-invalid')).toBeNull();
    await page.context().close();
  });

  it('says what was done in a live region that was on the page before it, so a screen reader announces it', async () => {
    const { page } = await openAs(browser, server, 'admin', '/admin', 'en');
    await page.getByTestId('users-table').waitFor();
    // The regions known before the action; a message must appear inside one of them.
    await page.evaluate(() => {
      (window as unknown as { known: Set<Element> }).known = new Set(
        document.querySelectorAll('[role="status"]'),
      );
    });
    const inKnownRegion = (text: string) =>
      page.evaluate((t) => {
        const known = (window as unknown as { known: Set<Element> }).known;
        const region = [...document.querySelectorAll('[role="status"]')].find((e) =>
          e.textContent?.includes(t),
        );
        return region ? known.has(region) : 'not shown';
      }, text);
    const user = page.locator('form[aria-labelledby="add-user-title"]');
    await user.locator('input[name="username"]').fill('a11y-liaison');
    await user.locator('input[name="displayName"]').fill('Liaison');
    await user.getByLabel('Role').selectOption('leader');
    await user.locator('input[name="password"]').fill('a liaison secret');
    await user.locator('button[type="submit"]').click();
    await expect.poll(() => inKnownRegion('User a11y-liaison created.')).toBe(true);
    const link = page.locator('form[aria-labelledby="add-link-title"]');
    await link.locator('input[name="linkName"]').fill('Announced screen');
    await link.locator('button[type="submit"]').click();
    await expect.poll(() => inKnownRegion('Announced screen')).toBe(true);
    await page.context().close();
  });

  it("the account page says a refused password with the field's label, in the page's language, tied to the field", async () => {
    const { page } = await openAs(browser, server, 'leader', '/account', 'zh-CN');
    const current = page.locator('input[name="currentPassword"]');
    const repeat = page.locator('input[name="confirmPassword"]');
    await current.fill('not the password');
    await page.locator('input[name="newPassword"]').fill('a new leader secret');
    await repeat.fill('a different one');
    await page.locator('form button[type="submit"]').click();
    // The two new passwords differ: said, and tied to the second one, which has the focus.
    const mismatch = page.getByRole('alert');
    await expect.poll(() => mismatch.textContent()).toBe('两次输入的新密码不一致。');
    expect(await repeat.getAttribute('aria-invalid')).toBe('true');
    expect(await repeat.getAttribute('aria-describedby')).toBe(await mismatch.getAttribute('id'));
    expect(await repeat.evaluate((el) => el === document.activeElement)).toBe(true);
    // The current password is wrong: the server names the field; the page says it in Chinese with the
    // field's label (not the API's "currentPassword"), marks the field and focuses it.
    await repeat.fill('a new leader secret');
    await page.locator('form button[type="submit"]').click();
    const error = page.getByTestId('action-error');
    await expect
      .poll(() => error.locator('.action-error-message').textContent())
      .toBe('当前密码：当前密码不正确');
    expect(await error.textContent()).not.toContain('currentPassword');
    // Styled as an error here too (its style came with the ledger's pages only): a red (#c62828) frame.
    expect(await error.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe('rgb(198, 40, 40)');
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    expect(await current.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect(await current.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await repeat.getAttribute('aria-invalid')).toBeNull();
    await page.context().close();
  });
  it('the trend and rank-history charts have their figures in a table, opened from the keyboard', async () => {
    const { weeks } = await admin.get('/api/figures/series');
    const row = (await admin.get('/api/figures/ranking')).rows.find(
      (r: { department: { code: string } }) => r.department.code === 'D22',
    );
    for (const lang of LANGS) {
      const m = messages[lang];
      const weekOf = (day: string) =>
        m['trend.weekOf'].replace(
          '{day}',
          new Intl.DateTimeFormat(lang, {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            timeZone: 'UTC',
          }).format(new Date(`${day}T00:00:00Z`)),
        );
      const { page } = await openAs(browser, server, 'leader', '/weekly', lang);
      const trend = page.getByTestId('trend-table');
      const summary = trend.locator('summary');
      await summary.waitFor();
      expect(await summary.textContent()).toBe(m['chart.showTable']);
      expect(await trend.locator('table').isVisible()).toBe(false);
      await summary.focus();
      await page.keyboard.press('Enter');
      await trend.locator('table').waitFor();
      expect(await trend.locator('caption').textContent()).toBe(m['weekly.trend']);
      expect(await trend.locator('thead th[scope="col"]').allTextContents()).toEqual([
        m['chart.week'],
        m['figure.closureRate'],
        m['figure.onTimeRate'],
      ]);
      expect(await trend.locator('tbody tr').count()).toBe(weeks.length);
      const last = weeks.at(-1);
      const lastRow = trend.locator('tbody tr').last();
      expect(await lastRow.locator('th[scope="row"]').textContent()).toBe(weekOf(last.weekStart));
      expect(await lastRow.locator('td').allTextContents()).toEqual([
        percent(lang, last.closureRate),
        percent(lang, last.onTimeRate),
      ]);

      await page.goto(`${server.url}/department/D22`);
      const history = page.getByTestId('rank-history-table');
      await history.locator('summary').click();
      expect(await history.locator('caption').textContent()).toBe(m['department.history']);
      expect(await history.locator('thead th').allTextContents()).toEqual([
        m['chart.week'],
        m['department.rankInGroup'],
        inDemoCounty(lang, 'ranking.overallRank'),
        m['department.score'],
      ]);
      // The latest week is this week's ranking: rank in the group, county-wide rank, the score as the
      // page shows it, to 0.01.
      expect(await history.locator('tbody tr').last().locator('td').allTextContents()).toEqual([
        String(row.rank),
        String(row.overallRank),
        fixed(lang, row.score, 2),
      ]);
      await page.context().close();
    }
  });
  it('after a ledger action, focus goes back to its button, or to what was done when the button has gone', async () => {
    const [item] = (await admin.get('/api/items?status=in_progress&overdue=true&sort=code&pageSize=1')).items;
    const { page } = await openAs(browser, server, 'admin', `/ledger/${item.id}`, 'zh-CN');
    const m = messages['zh-CN'];
    const dialog = page.locator('dialog[open]');
    const focused = () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('data-action') ??
          document.activeElement?.getAttribute('data-testid') ??
          document.activeElement?.tagName,
      );
    // Urged: the urge button is still there, and has the focus again.
    await page.locator('button[data-action="urge"]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.locator('textarea').first().fill('请尽快整改');
    await dialog.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('action-done').textContent()).toBe(m['action.urge.done']);
    await expect.poll(focused).toBe('urge');
    // Reported rectified: the button left with the item's state; focus is on the line saying it is done.
    await page.locator('button[data-action="rectify"]').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.locator('textarea[name="evidence"]').fill('已整改，见现场照片');
    await dialog.locator('button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('action-done').textContent()).toBe(m['action.rectify.done']);
    expect(await page.locator('button[data-action="rectify"]').count()).toBe(0);
    await expect.poll(focused).toBe('action-done');
    await page.context().close();
  });

  it('tab lists work from the keyboard: arrows move and select, only the selected tab is a Tab stop, the panel is named by it', async () => {
    const { page } = await openAs(browser, server, 'leader', '/department/D22', 'en');
    const tabs = page.locator('[role="tablist"]').first();
    const selected = () => tabs.locator('[role="tab"][aria-selected="true"]').getAttribute('data-testid');
    await page.getByTestId('tab-red').waitFor();
    // D22 has overdue items: the red tab is selected first.
    expect(await selected()).toBe('tab-red');
    expect(
      await tabs.locator('[role="tab"]').evaluateAll((ts) => ts.map((t) => t.getAttribute('tabindex'))),
    ).toEqual(['0', '-1', '-1']);
    await page.getByTestId('tab-red').focus();
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('tab-yellow');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-yellow');
    await page.keyboard.press('End');
    expect(await selected()).toBe('tab-green');
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('tab-red');
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toBe('tab-green');
    const panel = page.locator('[role="tabpanel"]').first();
    expect(await panel.getAttribute('aria-labelledby')).toBe(
      await page.getByTestId('tab-green').getAttribute('id'),
    );
    expect(await page.getByTestId('tab-green').getAttribute('aria-controls')).toBe(
      await panel.getAttribute('id'),
    );

    // A figure's explanation: its numerator and denominator are tabs too.
    await page.goto(`${server.url}/weekly`);
    await page.getByTestId('headline-closureRate').click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByTestId('part-denominator').waitFor();
    await dialog.getByTestId('part-numerator').focus();
    await page.keyboard.press('ArrowRight');
    expect(await dialog.getByTestId('part-denominator').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'part-denominator',
    );
    expect(await dialog.locator('[role="tabpanel"]').getAttribute('aria-labelledby')).toBe(
      await dialog.getByTestId('part-denominator').getAttribute('id'),
    );
    await page.context().close();
  });

  it('a change coloured good or bad says so in words: to a screen reader, and on the big screen to the eye', async () => {
    for (const lang of LANGS) {
      const m = messages[lang];
      const { page } = await openAs(browser, server, 'leader', '/weekly', lang);
      const changes = page.locator('[data-testid^="headline-"] [data-testid="change"]');
      await expect.poll(() => changes.count()).toBe(6);
      const seen = await changes.evaluateAll((cs) =>
        cs.map((c) => [c.className, c.querySelector('.sr-only')?.textContent?.trim() ?? null]),
      );
      const expected = seen.map(([cls]) =>
        cls === 'change change-good'
          ? m['change.tone.good']
          : cls === 'change change-bad'
            ? m['change.tone.bad']
            : null,
      );
      expect(seen.map(([, word]) => word)).toEqual(expected);
      // The demo week has both: fewer overdue items (good) and a longer median time to close (bad).
      expect(seen.map(([cls]) => cls)).toContain('change change-good');
      expect(seen.map(([cls]) => cls)).toContain('change change-bad');

      // The big screen says it on screen, for the hall: whether up is good depends on the figure.
      await page.goto(`${server.url}/big-screen?slides=headline&interval=3600`);
      const tiles = page.locator('.bs-sl-headline .bs-tile-change');
      await expect.poll(() => tiles.count()).toBe(6);
      const shown = await tiles.evaluateAll((ts) =>
        ts.map((c) => [c.className, c.querySelector('[data-testid="tone-word"]')?.textContent ?? null]),
      );
      expect(shown.map(([, word]) => word)).toEqual(
        shown.map(([cls]) =>
          cls?.endsWith('bs-tone-good')
            ? m['change.tone.good']
            : cls?.endsWith('bs-tone-bad')
              ? m['change.tone.bad']
              : null,
        ),
      );
      // The demo week: more closed, a higher closure rate and fewer overdue items are better; a longer
      // median time to close is worse.
      expect(shown.filter(([, word]) => word === m['change.tone.good'])).toHaveLength(3);
      expect(shown.filter(([, word]) => word === m['change.tone.bad'])).toHaveLength(1);
      await page.context().close();
    }
  });

  it('Chinese data in the English interface is marked as Chinese, so a screen reader says it in a Chinese voice', async () => {
    const [item] = (await admin.get('/api/items?overdue=true&sort=code&pageSize=1')).items;
    for (const lang of LANGS) {
      const marked = lang === 'en' ? 'zh-CN' : null;
      const { page } = await openAs(browser, server, 'leader', '/weekly', lang);
      const redList = page.getByTestId('red-list');
      await redList.locator('td.item-title').first().waitFor();
      // Every title and person of the red list; the page's own words are not marked.
      const langs = async (cells: string) => [
        ...new Set(await redList.locator(cells).evaluateAll((els) => els.map((e) => e.getAttribute('lang')))),
      ];
      expect(await langs('td.item-title')).toEqual([marked]);
      expect(await langs('td.person')).toEqual([marked]);
      expect(await page.locator('.account-name .person').getAttribute('lang')).toBe(marked);
      expect(await page.locator('h1').getAttribute('lang')).toBeNull();
      await page.goto(`${server.url}/ledger?overdue=true`);
      await page.locator('[data-testid="ledger-table"] td.item-title').first().waitFor();
      expect(
        await page.locator('[data-testid="ledger-table"] td.item-title').first().getAttribute('lang'),
      ).toBe(marked);
      await page.goto(`${server.url}/ledger/${item.id}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe(item.title);
      expect(await page.locator('h1').getAttribute('lang')).toBe(marked);
      await page.context().close();
    }
  });

  it("the browser's own form checks speak the interface's language, not the browser's", async () => {
    for (const lang of LANGS) {
      const m = messages[lang];
      const { page } = await openAs(browser, server, 'admin', '/ledger/new', lang);
      const form = page.locator('form').filter({ has: page.locator('input[name="title"]') });
      await form.locator('button[type="submit"]').click();
      expect(
        await form.locator('input[name="title"]').evaluate((e: HTMLInputElement) => e.validationMessage),
      ).toBe(m['validation.required']);
      expect(
        await form.locator('select[name="source"]').evaluate((e: HTMLSelectElement) => e.validationMessage),
      ).toBe(m['validation.choose']);
      // Typed into, the field's message goes with its reason.
      await form.locator('input[name="title"]').fill('路灯不亮');
      expect(
        await form.locator('input[name="title"]').evaluate((e: HTMLInputElement) => e.validationMessage),
      ).toBe('');

      await page.goto(`${server.url}/account`);
      const password = page.locator('input[name="newPassword"]');
      await page.locator('input[name="currentPassword"]').fill('anything');
      await password.fill('short');
      await page.locator('input[name="confirmPassword"]').fill('short');
      await page.locator('form button[type="submit"]').click();
      expect(await password.evaluate((e: HTMLInputElement) => e.validationMessage)).toBe(
        m['validation.tooShort'].replace('{min}', '10').replace('{n}', '5'),
      );
      // Put right, the form goes to its own check (two passwords differing), not stopped by a stale message.
      await password.fill('long enough now');
      await page.locator('form button[type="submit"]').click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe(m['account.mismatch']);
      await page.context().close();
    }
  });

  it('a page opened from the navigation takes the focus to its content; a filter changed leaves it', async () => {
    const { page } = await openAs(browser, server, 'leader', '/weekly', 'zh-CN');
    const active = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
    await page.getByTestId('ranking-table').waitFor();
    // The first load: focus stays at the page's start (the skip link is the first Tab stop).
    expect(await active()).toBe('BODY');
    const ledgerLink = page.locator('.shell-nav a[href^="/ledger"]');
    await ledgerLink.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('ledger-table').waitFor();
    await expect.poll(active).toBe('main');
    // The next Tab stop is in the page, not the navigation's next link.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.getElementById('main')!.contains(document.activeElement))).toBe(
      true,
    );
    // A filter changes the search, not the page: focus stays on the filter.
    const overdueOnly = page.locator('input[name="overdue"], input[type="checkbox"]').first();
    await overdueOnly.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => new URL(page.url()).search).toContain('overdue=true');
    expect(await overdueOnly.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.context().close();
  });

  it('the sign-in form ties its error to the field it is about, and puts the focus there', async () => {
    const m = messages['zh-CN'];
    const context = await browser.newContext({ locale: 'zh-CN', viewport: VIEWPORTS.laptop });
    await context.addInitScript(() => localStorage.setItem('closeout.lang', 'zh-CN'));
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    const username = page.locator('input[name="username"]');
    const password = page.locator('input[name="password"]');
    const alert = page.getByRole('alert');
    const isFocused = (field: typeof username) => field.evaluate((e) => e === document.activeElement);
    await page.locator('form button[type="submit"]').click();
    // Nothing typed: the name is missing first.
    await expect.poll(() => alert.textContent()).toBe(m['login.required']);
    const errorId = await alert.getAttribute('id');
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    expect(await username.getAttribute('aria-describedby')).toBe(errorId);
    expect(await isFocused(username)).toBe(true);
    // A name, no password: the password is the one.
    await username.fill('leader');
    await page.locator('form button[type="submit"]').click();
    expect(await username.getAttribute('aria-invalid')).toBeNull();
    expect(await password.getAttribute('aria-describedby')).toBe(errorId);
    expect(await isFocused(password)).toBe(true);
    // A wrong password: said, tied to the password (emptied), which has the focus again.
    await password.fill('not the password');
    await page.locator('form button[type="submit"]').click();
    await expect.poll(() => alert.textContent()).toBe('用户名或密码不正确');
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await password.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    await expect.poll(() => isFocused(password)).toBe(true);
    expect(await username.getAttribute('aria-invalid')).toBeNull();
    await context.close();
  });

  it('the tables of the weekly review, department view, departments list, ledger and bulletin are named', async () => {
    for (const lang of LANGS) {
      const m = messages[lang];
      const named: [string, string[]][] = [
        ['/weekly', [m['weekly.ranking'], m['weekly.redList'], m['weekly.byDomain'], m['weekly.bySource']]],
        ['/department/D22', [m['department.components'], `${m['department.openItems']} · ${m['light.red']}`]],
        ['/departments', [m['departments.title']]],
        ['/ledger', [m['ledger.title']]],
        ['/bulletin', [m['bulletin.ranking'], m['bulletin.overdue']]],
      ];
      const { page } = await openAs(browser, server, 'leader', '/account', lang);
      for (const [path, names] of named) {
        await page.goto(`${server.url}${path}`);
        for (const name of names) await page.getByRole('table', { name, exact: true }).waitFor();
        await settled(page);
        // And no table on the page without a name.
        expect(await unnamedTables(page), path).toEqual([]);
      }
      await page.context().close();
    }
  });

  /** Every page, as the account that uses it; a path with a "#display" token is the big screen's. */
  const PAGES: [string, DemoAccount | null][] = [
    ['/login', null],
    ['/departments', 'leader'],
    ['/weekly', 'leader'],
    ['/department/D22', 'leader'],
    ['/department', 'editor-d21'],
    ['/bulletin', 'leader'],
    ['/ledger', 'admin'],
    ['/ledger/new', 'admin'],
    ['/ledger/import', 'admin'],
    ['/ledger/1', 'admin'],
    ['/ledger/1/sheet', 'admin'],
    ['/admin', 'admin'],
    ['/admin/organisation', 'admin'],
    ['/admin/departments', 'admin'],
    ['/admin/campaigns', 'admin'],
    ['/admin/appraisals', 'admin'],
    ['/admin/profiles', 'admin'],
    ['/admin/rankings', 'admin'],
    ['/admin/audit', 'admin'],
    ['/account', 'leader'],
    ['/public', null],
    ...['headline', 'ranking', 'trend', 'red-list', 'domains', 'departments'].map((slide): [string, null] => [
      `/big-screen?slides=${slide}&interval=3600#display=demo-display-link`,
      null,
    ]),
  ];

  for (const lang of LANGS) {
    it(`axe finds nothing on any page, nor in an open dialog (${lang})`, async () => {
      const found: Record<string, Violation[]> = {};
      const contexts = new Map<DemoAccount | null, BrowserContext>();
      for (const [path, account] of PAGES) {
        let context = contexts.get(account);
        if (!context) {
          context = account
            ? (await openAs(browser, server, account, '/account', lang)).page.context()
            : await browser.newContext({ locale: lang, viewport: VIEWPORTS.laptop });
          if (!account) await context.addInitScript((l) => localStorage.setItem('closeout.lang', l), lang);
          contexts.set(account, context);
        }
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`);
        await settled(page);
        const violations = await axeViolations(page);
        // And every table named (axe asks only that a caption, where there is one, be a real caption).
        const unnamed = await unnamedTables(page);
        if (unnamed.length > 0) violations.push({ id: 'table-without-name', nodes: unnamed });
        if (violations.length > 0) found[path] = violations;
        await page.close();
      }
      // Dialogs: a figure's explanation, a score's, and a ledger action's form.
      const weekly = await contexts.get('leader')!.newPage();
      await weekly.goto(`${server.url}/weekly`);
      await settled(weekly);
      await weekly.locator('button.explainable').first().click();
      await weekly.locator('dialog[open]').waitFor();
      await settled(weekly);
      found['/weekly figure dialog'] = await axeViolations(weekly);
      const unnamedInDialog = await unnamedTables(weekly);
      if (unnamedInDialog.length > 0)
        found['/weekly figure dialog'].push({ id: 'table-without-name', nodes: unnamedInDialog });
      const { items } = await admin.get('/api/items?overdue=true&pageSize=1');
      const item = await contexts.get('admin')!.newPage();
      await item.goto(`${server.url}/ledger/${items[0].id}`);
      await item.locator('button[data-action="extend"]').click();
      await item.locator('dialog[open]').waitFor();
      found['/ledger/:id extend dialog'] = await axeViolations(item);
      for (const context of contexts.values()) await context.close();
      expect(Object.fromEntries(Object.entries(found).filter(([, v]) => v.length > 0))).toEqual({});
      // 29 pages and two dialogs, each loaded and checked: ≈ 100 s on this machine, more under load.
    }, 300_000);
  }
});
