/**
 * The views at a province's scale, as a provincial supervision office uses them: 400 departments (the
 * demo generator's ten counties of 40) with few items each, so that the pages have a province's rows
 * and lists while the server stays quick. What the county's 40 departments never show: ranks of three
 * digits, department lists a screen long and longer, a big-screen pass through hundreds of departments.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { checkLayout } from './big-screen-checks.ts';
import {
  launchBrowser,
  type RunningServer,
  screenshot,
  signedInFetch,
  startServer,
  VIEWPORTS,
} from './harness.ts';
import { apiClient, openSignedIn } from './views-helpers.ts';

const DEPARTMENTS = 400;
const SIZES = { '720p': { width: 1280, height: 720 }, '1080p': { width: 1920, height: 1080 } } as const;

/** A province ledger in a file of its own: 400 departments, 20 items each. */
function provinceDb(dir: string): string {
  const file = path.join(dir, 'province.db');
  const db = openDatabase(file);
  try {
    generateDemo(db, {
      seed: 7,
      anchor: '2026-11-20',
      departments: DEPARTMENTS,
      items: DEPARTMENTS * 20,
      tz: 'Asia/Shanghai',
    });
    // One campaign open to the public, as an office would open it (Admin → Campaigns).
    db.prepare("UPDATE campaigns SET public_page = 1 WHERE code = 'C-EFFICIENCY'").run();
  } finally {
    db.close();
  }
  return file;
}

async function openScreen(browser: Browser, server: RunningServer, lang: 'zh-CN' | 'en', query: string) {
  const context = await browser.newContext({ locale: lang, viewport: SIZES['1080p'] });
  const page = await context.newPage();
  await page.goto(`${server.url}/big-screen?lang=${lang}&${query}#display=demo-display-link`);
  await page.getByTestId('big-screen-stage').waitFor();
  return page;
}

const counter = async (page: Page) =>
  (await page.getByTestId('slide-counter').textContent())!.split('/').map((n) => Number(n.trim()));

describe('a province of 400 departments', () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-province-'));
    server = await startServer({ CLOSEOUT_DB: provinceDb(dir) });
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`big screen: the ranking's bottom ten, ranked in the hundreds, fit their cells (${lang})`, async () => {
      const page = await openScreen(browser, server, lang, 'slides=ranking&interval=3600');
      const bottom = page.locator('.bs-is-bottom .bs-rank-no');
      await expect.poll(() => bottom.count()).toBe(10);
      expect(Number((await bottom.last().textContent())!.replace(/\D/g, ''))).toBeGreaterThan(99);
      for (const size of ['720p', '1080p'] as const) {
        await page.setViewportSize(SIZES[size]);
        await expect.poll(async () => (await checkLayout(page)).problems, { message: size }).toEqual([]);
      }
      await screenshot(page, `province-screen-ranking-${lang}`);
      await page.context().close();
    });
  }

  it('big screen: the pass through the departments is bounded, the best 20 and then the worst 20', async () => {
    const ranking: { ranked: boolean; department: { code: string } }[] = (
      await (
        await fetch(`${server.url}/api/screen`, { headers: { authorization: 'Bearer demo-display-link' } })
      ).json()
    ).ranking.filter((r: { ranked: boolean }) => r.ranked);
    expect(ranking.length).toBeGreaterThan(300);
    // The whole deck: 40 departments in rounds of 8, the five other slides before each round.
    const deck = await openScreen(browser, server, 'zh-CN', 'interval=3600');
    await expect.poll(() => counter(deck)).toEqual([1, 5 * 5 + 40]);
    await deck.context().close();

    const page = await openScreen(browser, server, 'zh-CN', 'slides=departments&interval=3600');
    await expect.poll(() => counter(page)).toEqual([1, 40]);
    expect(await page.getByTestId('big-screen-stage').getAttribute('data-slide-id')).toBe(
      `department:${ranking[0]!.department.code}`,
    );
    // One step back from the first: the last ranked department, numbered among all the ranked.
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.getByTestId('big-screen-stage').getAttribute('data-slide-id'))
      .toBe(`department:${ranking.at(-1)!.department.code}`);
    expect(await page.getByTestId('big-screen-stage').textContent()).toContain(
      `${ranking.length}/${ranking.length}`,
    );
    expect((await checkLayout(page)).problems).toEqual([]);
    await screenshot(page, 'province-screen-last-department');
    // A deck that asks for more shows more.
    await page.goto(
      `${server.url}/big-screen?slides=departments&departments=100&interval=3600#display=demo-display-link`,
    );
    await expect.poll(() => counter(page)).toEqual([1, 100]);
    await page.context().close();
  });

  it('weekly review: the rank moves show the 10 biggest, the rest on asking', async () => {
    const api = await apiClient(server);
    const moves = (await api('/api/figures/changes')).rankMoves as { change: number }[];
    expect(moves.length).toBeGreaterThan(20);
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', 'zh-CN', VIEWPORTS.laptop);
    const listed = page.getByTestId('rank-moves').locator('li');
    await expect.poll(() => listed.count()).toBe(10);
    const biggest = Math.max(...moves.map((m) => Math.abs(m.change)));
    expect(await page.getByTestId('rank-moves').textContent()).toContain(String(biggest));
    await screenshot(page, 'province-weekly-changes');
    await page.getByTestId('rank-moves-all').click();
    await expect.poll(() => listed.count()).toBe(moves.length);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`weekly review: the ranking shows its top and bottom 10, all on asking, and finds a department (${lang})`, async () => {
      const api = await apiClient(server);
      const rows = (await api('/api/figures/ranking')).rows as {
        ranked: boolean;
        overallRank: number;
        department: { code: string; nameZh: string; nameEn: string };
      }[];
      const ranked = rows.filter((r) => r.ranked).sort((a, b) => a.overallRank - b.overallRank);
      expect(ranked.length).toBeGreaterThan(300);
      const { page, errors } = await openSignedIn(browser, server.url, '/weekly', lang, VIEWPORTS.projector);
      const table = page.getByTestId('ranking-table');
      const codes = () =>
        table
          .locator('tbody tr[data-code]')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')));
      const code = (r: (typeof ranked)[number]) => r.department.code;
      await expect.poll(codes).toEqual([...ranked.slice(0, 10), ...ranked.slice(-10)].map(code));
      // The table and what follows it within a few screens, not 20,000 pixels down.
      const below = await page.getByTestId('improvement').boundingBox();
      expect(below!.y).toBeLessThan(6000);
      await screenshot(page, `province-weekly-ranking-${lang}`);

      // Education bureaus, found by a word of their name, in rank order.
      const word = lang === 'en' ? 'education' : '教育';
      // How many it found is said in a live region on the page before the search, so it is announced.
      const found = page.locator('.ranking-tools [role="status"]');
      expect(await found.textContent()).toBe('');
      await page.locator('input[name="ranking-search"]').fill(word);
      const education = ranked.filter((r) =>
        (lang === 'en' ? r.department.nameEn.toLowerCase() : r.department.nameZh).includes(word),
      );
      expect(education.length).toBeGreaterThan(5);
      await expect.poll(codes).toEqual(education.map(code));
      expect(await found.textContent()).toContain(String(education.length));
      await page.locator('input[name="ranking-search"]').fill('');

      await page.getByTestId('ranking-all').click();
      await expect.poll(codes).toEqual(ranked.map(code));
      await page.getByTestId('ranking-ends').click();
      await expect.poll(() => table.locator('tbody tr[data-code]').count()).toBe(20);
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  /** The options a select shows (not hidden, nor in a hidden group), as their values. */
  const shownOptions = (page: Page, select: string) =>
    page
      .locator(select)
      .evaluate((s: HTMLSelectElement) =>
        [...s.options]
          .filter(
            (o) => !o.hidden && !(o.parentElement instanceof HTMLOptGroupElement && o.parentElement.hidden),
          )
          .map((o) => o.value),
      );

  it('department pickers of 400 are narrowed by what is typed: the department view, the ledger, a new item', async () => {
    const api = await apiClient(server);
    const departments = (await api('/api/departments')).departments as {
      code: string;
      nameZh: string;
      nameEn: string;
    }[];
    expect(departments.length).toBe(DEPARTMENTS);
    const education = departments.filter((d) => d.nameZh.includes('教育')).map((d) => d.code);
    expect(education.length).toBe(10);
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/department/K01-D01',
      'zh-CN',
      VIEWPORTS.laptop,
      'admin',
    );

    // Department view: the picker's options narrow to the ten education bureaus; choosing one opens it.
    const picker = 'select[name="department"]';
    await page.locator(picker).waitFor();
    expect((await shownOptions(page, picker)).length).toBe(DEPARTMENTS);
    await page.getByRole('textbox', { name: '查找部门' }).fill('教育');
    await expect.poll(() => shownOptions(page, picker)).toEqual(expect.arrayContaining(education));
    expect((await shownOptions(page, picker)).sort()).toEqual([...education].sort());
    await page.locator(picker).selectOption(education[3]!);
    await page.waitForURL((u) => u.pathname === `/department/${education[3]}`);
    await screenshot(page, 'province-department-find');

    // Ledger: the lead department filter, by a word of the English name.
    await page.goto(`${server.url}/ledger`);
    await page.locator(picker).waitFor();
    await page.getByRole('textbox', { name: '查找部门' }).fill('K03-D0');
    await expect
      .poll(() => shownOptions(page, picker))
      .toEqual(['', ...departments.filter((d) => d.code.startsWith('K03-D0')).map((d) => d.code)]);
    await page.locator(picker).selectOption('K03-D05');
    await page.waitForURL((u) => u.searchParams.get('department') === 'K03-D05');

    // A new item: participants found by two searches in turn all stay chosen and are sent.
    await page.goto(`${server.url}/ledger/new`);
    const participants = 'select[name="participants"]';
    await page.locator(participants).waitFor();
    const find = page.getByRole('textbox', { name: '查找部门' }).last();
    await find.fill('K02-D21');
    await expect.poll(() => shownOptions(page, participants)).toEqual(['K02-D21']);
    await page.locator(participants).selectOption(['K02-D21']);
    await find.fill('K09-D21');
    await expect.poll(() => shownOptions(page, participants)).toEqual(['K09-D21']);
    await page.locator(`${participants} option[value="K09-D21"]`).click({ modifiers: ['Control'] });
    await find.press('Enter'); // narrows, never sends the form
    expect(page.url()).toContain('/ledger/new');
    expect(
      await page
        .locator('form')
        .first()
        .evaluate((f: HTMLFormElement) => new FormData(f).getAll('participants')),
    ).toEqual(['K02-D21', 'K09-D21']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('tables of 400 departments are narrowed by what is typed: the department list, Admin → Departments', async () => {
    const api = await apiClient(server);
    const departments = (await api('/api/departments')).departments as { code: string; nameEn: string }[];
    const bureaus = departments.filter((d) => d.nameEn.startsWith('Education Bureau')).map((d) => d.code);
    expect(bureaus.length).toBe(10);
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/departments',
      'en',
      VIEWPORTS.laptop,
      'admin',
    );
    for (const [path, table] of [
      ['/departments', 'departments-table'],
      ['/admin/departments', 'departments-admin-table'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      const rows = page.getByTestId(table).locator('tr[data-code]');
      await expect.poll(() => rows.count()).toBe(DEPARTMENTS);
      await page.getByRole('textbox', { name: 'Find a department' }).fill('education bureau');
      await expect
        .poll(() => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code'))))
        .toEqual(bureaus);
    }
    // A department's parent, among 399 others.
    await page.getByTestId('departments-admin-table').locator('tr[data-code] button').first().click();
    const form = page.getByTestId('department-form');
    await form.getByRole('textbox', { name: 'Find a department' }).fill('k07-d3');
    await expect
      .poll(() => shownOptions(page, '[data-testid="department-form"] select[name="parent"]'))
      .toEqual(['', ...departments.filter((d) => d.code.startsWith('K07-D3')).map((d) => d.code)]);
    await form.locator('select[name="parent"]').selectOption('K07-D31');
    expect(await form.locator('select[name="parent"]').inputValue()).toBe('K07-D31');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('Admin → Users: 400 liaisons narrowed by name or department, the form to add one right below', async () => {
    const asAdmin = await signedInFetch(server, 'admin');
    const { users } = await asAdmin<{ users: { username: string; departmentNameEn: string | null }[] }>(
      '/api/users',
    );
    expect(users.length).toBeGreaterThan(DEPARTMENTS);
    const liaisons = users
      .filter((u) => u.departmentNameEn === 'Education Bureau, County 5')
      .map((u) => u.username);
    expect(liaisons.length).toBeGreaterThan(0);
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/admin',
      'en',
      VIEWPORTS.laptop,
      'admin',
    );
    const rows = page.getByTestId('users-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(users.length);
    await page.getByRole('textbox', { name: 'Find a user (name or department)' }).fill('education county 5');
    await expect.poll(() => rows.count()).toBe(liaisons.length);
    expect(await rows.first().textContent()).toContain(liaisons[0]);
    const form = await page.locator('form:has(input[name="displayName"])').boundingBox();
    expect(form!.y).toBeLessThan(1500);
    await screenshot(page, 'province-admin-users');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('public page: the departments of a province narrowed by name', async () => {
    const progress = (await (await fetch(`${server.url}/api/public/C-EFFICIENCY`)).json()) as {
      departments: { code: string | null; nameZh: string }[];
    };
    expect(progress.departments.length).toBeGreaterThan(300);
    const bureaus = progress.departments.filter((d) => d.nameZh.includes('教育')).map((d) => d.nameZh);
    expect(bureaus.length).toBeGreaterThan(5);
    const context = await browser.newContext({ locale: 'zh-CN', viewport: VIEWPORTS.laptop });
    const page = await context.newPage();
    await page.goto(`${server.url}/public/C-EFFICIENCY`);
    const rows = page.getByTestId('public-departments').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(progress.departments.length);
    await page.getByRole('textbox', { name: '查找部门' }).fill('教育');
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(bureaus);
    await screenshot(page, 'province-public');
    await context.close();
  });

  it('ledger: a page typed is opened, the last of many included', async () => {
    const { page, errors } = await openSignedIn(browser, server.url, '/ledger', 'en', VIEWPORTS.laptop);
    const status = page.getByTestId('pager-status');
    await expect.poll(() => status.textContent()).toMatch(/^1–50 of /);
    const total = Number((await status.textContent())!.split(' of ')[1]!.replace(/,/g, ''));
    const pages = Math.ceil(total / 50);
    expect(pages).toBeGreaterThan(100);
    const jump = page.getByRole('spinbutton', { name: /Page/ });
    await jump.fill('12');
    await jump.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('page') === '12');
    await expect.poll(() => status.textContent()).toMatch(/^551–600 of /);
    // Past the end: the last page.
    await jump.fill(String(pages * 10));
    await jump.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('page') === String(pages));
    await expect.poll(() => status.textContent()).toContain(`–${total.toLocaleString('en')} of`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
