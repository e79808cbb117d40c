/**
 * The ledger in a real browser on the real server with the demo county: the table equals the API for
 * the same search and filters (kept in the URL), the item page shows its history, the workflow by
 * role (an admin closes, an editor cannot and is told why a stale step failed), and an export
 * downloads exactly the table's rows.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { parseCsv } from '../helpers/csv.ts';
import { launchBrowser, type RunningServer, screenshot, startServer, VIEWPORTS } from './harness.ts';
import {
  type Api,
  apiAs,
  type Lang,
  latinWords,
  openAs,
  registerItem,
  tableCodes,
} from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

describe('the ledger in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let admin: Api;
  let editor: Api;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    admin = await apiAs(server, 'admin');
    editor = await apiAs(server, 'editor-d21');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The API's first page of ledger codes for a query, as the table asks for it (50 a page). */
  const apiCodes = async (query: string, page = 1) =>
    (
      (await admin.get(`/api/items?${query}${query ? '&' : ''}pageSize=50&page=${page}`)).items as {
        ledgerCode: string;
      }[]
    ).map((i) => i.ledgerCode);

  const waitForTable = async (page: Page, query: string, pageNo = 1) => {
    const expected = await apiCodes(query, pageNo);
    await expect.poll(() => tableCodes(page)).toEqual(expected);
    return expected;
  };

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`lists the API's items with their warning lights told by icon and word (${lang})`, async () => {
      const { page, errors } = await openAs(browser, server, 'admin', '/ledger', lang);
      await waitForTable(page, '');
      const total = (await admin.get('/api/items?pageSize=1')).total as number;
      await expect
        .poll(() => page.getByTestId('ledger-total').textContent())
        .toContain(new Intl.NumberFormat(lang).format(total));
      // A light is a shape and a word, not a colour alone.
      const red = page.locator('[data-testid="ledger-table"] .light-red').first();
      await page.goto(`${server.url}/ledger?light=red`);
      await waitForTable(page, 'light=red');
      expect(await red.textContent()).toBe(`●${messages[lang]['light.red']}`);
      if (lang === 'zh-CN') {
        const text = ((await page.locator('main').textContent()) ?? '').replace(/[A-Z]{2}-\d{4}-\d+/g, '');
        expect(latinWords(text)).toEqual(['Excel', 'CSV']);
      }
      expect(errors).toEqual([]);
      await page.goto(`${server.url}/ledger`);
      await waitForTable(page, '');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(200);
        await screenshot(page, `ledger-${lang}-${size}`);
      }
      await page.context().close();
    });
  }

  it('puts the search and the filters in the URL, and the rows follow them', async () => {
    const { page, errors } = await openAs(browser, server, 'leader', '/ledger', 'en');
    await waitForTable(page, '');
    // The yellow light is named by the profile's warning days.
    await expect
      .poll(() => page.locator('select[name="light"] option[value="yellow"]').textContent())
      .toBe('▲ Yellow · Due within 7 days');

    // Search by a ledger code: exactly that item.
    const [one] = await apiCodes('sort=code');
    await page.locator('input[name="q"]').fill(one!);
    await page.locator('input[name="q"]').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(one);
    await waitForTable(page, `q=${encodeURIComponent(one!)}`);
    expect(await tableCodes(page)).toEqual([one]);

    // A place name in the titles, then a status filter on top of it.
    await page.locator('input[name="q"]').fill('城关镇');
    await page.getByRole('button', { name: messages.en['ledger.searchButton'] }).click();
    await waitForTable(page, `q=${encodeURIComponent('城关镇')}`);
    await page.locator('select[name="status"]').selectOption('in_progress');
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('in_progress');
    await waitForTable(page, `q=${encodeURIComponent('城关镇')}&status=in_progress`);

    // Clearing keeps nothing (from the keyboard: the focus stays on the button, now inactive);
    // then the overdue filter, a department and the sort by deadline.
    await page.getByRole('button', { name: messages.en['filters.reset'] }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toBe(`${server.url}/ledger`);
    // The URL changes first; the button turns inactive when the page has re-rendered.
    await expect
      .poll(() =>
        page.evaluate(() => [
          document.activeElement?.textContent,
          document.activeElement?.getAttribute('aria-disabled'),
        ]),
      )
      .toEqual([messages.en['filters.reset'], 'true']);
    await page.locator('input[name="overdue"]').check();
    await page.locator('select[name="department"]').selectOption('D21');
    await page.locator('select[name="sort"]').selectOption('deadline');
    await expect
      .poll(() => Object.fromEntries(new URL(page.url()).searchParams))
      .toEqual({ overdue: 'true', department: 'D21', sort: 'deadline' });
    await waitForTable(page, 'overdue=true&department=D21&sort=deadline');

    // Clearing the filters keeps the sort. Paging: page 2 is in the URL too, and back returns to page 1.
    await page.getByRole('button', { name: messages.en['filters.reset'] }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?sort=deadline');
    await waitForTable(page, 'sort=deadline');
    await page.getByRole('button', { name: messages.en['pager.next'] }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    await waitForTable(page, 'sort=deadline', 2);
    await page.goBack();
    await waitForTable(page, 'sort=deadline');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("gives a department's liaison one click to its own items, and a leader none", async () => {
    const { page, errors } = await openAs(browser, server, 'editor-d21', '/ledger', 'zh-CN');
    await waitForTable(page, '');
    const own = page.locator('input[name="own"]');
    await own.check();
    await expect.poll(() => new URL(page.url()).search).toBe('?department=D21');
    await waitForTable(page, 'department=D21');
    // The department filter says the same, and choosing another department unticks the box.
    expect(await page.locator('select[name="department"]').inputValue()).toBe('D21');
    await page.locator('select[name="department"]').selectOption('D22');
    await expect.poll(() => own.isChecked()).toBe(false);
    await own.check();
    await own.uncheck();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await waitForTable(page, '');
    expect(errors).toEqual([]);
    await page.context().close();
    const leader = await openAs(browser, server, 'leader', '/ledger', 'zh-CN');
    await waitForTable(leader.page, '');
    expect(await leader.page.locator('input[name="own"]').count()).toBe(0);
    await leader.page.context().close();
  });

  it('shows an item with every field and its history, who did what and when', async () => {
    const [first] = (await admin.get('/api/items?status=in_progress&sort=code&pageSize=1')).items;
    const detail = await admin.get(`/api/items/${first.id}`);
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openAs(
        browser,
        server,
        'leader',
        `/ledger?status=in_progress&sort=code`,
        lang,
      );
      await page.locator(`[data-testid="ledger-table"] tr[data-ledger-code="${first.ledgerCode}"] a`).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/ledger/${first.id}`);
      const history = page.getByTestId('item-history').locator(':scope > li');
      await expect.poll(() => history.count()).toBe(detail.history.length);
      const firstEvent = history.first();
      expect(await firstEvent.textContent()).toContain(detail.history[0].actorName);
      expect(await firstEvent.getAttribute('data-kind')).toBe('registered');
      // The assignment reads as status before → after.
      const assigned = page.locator(
        '[data-testid="item-history"] li[data-kind="assigned"] li[data-field="status"]',
      );
      expect(await assigned.textContent()).toContain(messages[lang]['status.registered']);
      expect(await assigned.textContent()).toContain(messages[lang]['status.assigned']);
      expect(await page.getByTestId('item-head').textContent()).toContain(detail.item.title);
      // A leader reads only.
      expect(await page.getByTestId('item-actions').count()).toBe(0);
      await page.getByTestId('read-only').waitFor();
      // Back to the list keeps its filters.
      await page.getByRole('link', { name: messages[lang]['item.back'] }).click();
      await expect.poll(() => new URL(page.url()).search).toBe('?status=in_progress&sort=code');
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('lets an admin verify and close a rectified item; the status and history change', async () => {
    const [item] = (await admin.get('/api/items?status=rectified&sort=code&pageSize=1')).items;
    const before = await admin.get(`/api/items/${item.id}`);
    for (const lang of ['en', 'zh-CN'] as const) {
      const { page, errors } = await openAs(browser, server, 'admin', `/ledger/${item.id}`, lang);
      await page.getByTestId('item-actions').waitFor();
      if (lang === 'en') {
        for (const [size, viewport] of Object.entries(VIEWPORTS)) {
          await page.setViewportSize(viewport);
          await screenshot(page, `item-rectified-${lang}-${size}`);
        }
        await page.context().close();
        continue;
      }
      await page.locator('[data-testid="item-actions"] button[data-action="close"]').click();
      const dialog = page.getByTestId('action-dialog');
      await dialog.locator('textarea[name="evidence"]').fill('现场核查，整改到位');
      await screenshot(page, `item-close-dialog-${lang}`);
      await dialog.locator('button[type="submit"]').click();
      await expect
        .poll(() => page.getByTestId('item-status').textContent())
        .toBe(messages[lang]['status.closed']);
      await expect
        .poll(() => page.getByTestId('action-done').textContent())
        .toBe(messages[lang]['action.close.done']);
      const history = page.getByTestId('item-history').locator(':scope > li');
      await expect.poll(() => history.count()).toBe(before.history.length + 1);
      expect(await history.last().getAttribute('data-kind')).toBe('closed');
      expect(await page.getByTestId('item-closures').textContent()).toContain('现场核查，整改到位');
      // The closure's column says what it holds: the verifier's note (or the evidence, without one).
      expect(await page.getByTestId('item-closures').locator('th').nth(2).textContent()).toBe(
        messages[lang]['item.closureBasis'],
      );
      // What is possible now: reopen (look-back), not close again.
      expect(await page.locator('button[data-action="reopen"]').count()).toBe(1);
      expect(await page.locator('button[data-action="close"]').count()).toBe(0);
      const after = await admin.get(`/api/items/${item.id}`);
      expect(after.item.status).toBe('closed');
      expect(after.item.version).toBe(before.item.version + 1);

      // A look-back finds it rebounded: reopened with a new deadline in the same step.
      await page.locator('button[data-action="reopen"]').click();
      await dialog.locator('textarea[name="note"]').fill('回头看发现问题反弹');
      await dialog.locator('input[name="deadline"]').fill('2027-06-30');
      expect(await dialog.textContent()).toContain(messages[lang]['action.reopen.deadlineHint']);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `item-reopen-dialog-${lang}-${size}`);
      }
      await dialog.locator('button[type="submit"]').click();
      await expect
        .poll(() => page.getByTestId('item-status').textContent())
        .toBe(messages[lang]['status.in_progress']);
      await expect
        .poll(() => page.getByTestId('item-extensions').textContent())
        .toContain('回头看发现问题反弹');
      const reopened = (await admin.get(`/api/items/${item.id}`)).item;
      expect([reopened.reopen_count, reopened.deadline]).toEqual([1, '2027-06-30']);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("shows the reasons an import records by itself in the reader's language, a person's as written", async () => {
    // An item reopened and extended with the words an import records (server/domain/import-reasons.ts).
    const created = await admin.send('POST', '/api/items', {
      title: '导入原因的显示（浏览器测试）',
      campaign: 'C-EFFICIENCY',
      source: 'look_back',
      rectificationType: 'phased',
      department: 'D21',
      deadline: '2026-12-31',
    });
    const id = created.body.item.id;
    let version = created.body.item.version;
    for (const body of [
      { action: 'rectify', evidence: '已整改' },
      { action: 'close' },
      { action: 'reopen', note: '导入台账：整改状态为“整改中”' },
    ]) {
      const res = await admin.send('POST', `/api/items/${id}/transitions`, { ...body, version });
      expect(res.status).toBe(200);
      version = res.body.item.version;
    }
    const extended = await admin.send('POST', `/api/items/${id}/extensions`, {
      version,
      deadline: '2027-01-31',
      reason: '导入台账记载的延期',
    });
    expect(extended.status).toBe(200);
    for (const [lang, reopened, extension] of [
      ['en', 'Imported ledger: status "In progress"', 'Extension recorded in an imported ledger'],
      ['zh-CN', '导入台账：整改状态为“整改中”', '导入台账记载的延期'],
    ] as const) {
      const { page, errors } = await openAs(browser, server, 'admin', `/ledger/${id}`, lang);
      await expect.poll(() => page.getByTestId('item-closures').textContent()).toContain(reopened);
      expect(await page.getByTestId('item-extensions').textContent()).toContain(extension);
      const notes = await page.getByTestId('item-history').locator('.timeline-note').allTextContents();
      expect(notes).toEqual(['已整改', reopened, extension]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("keeps the editor to its own department's steps, and says clearly why a stale step failed", async () => {
    // An item of the editor's own department (D21), registered by the editor: assigned.
    const { id, version } = await registerItem(editor, {
      title: '校外培训机构违规收费（浏览器测试）',
      source: 'public_complaint',
    });
    const lang: Lang = 'zh-CN';
    const { page, errors } = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
    const actions = () =>
      page
        .locator('[data-testid="item-actions"] button')
        .evaluateAll((b) => b.map((x) => x.getAttribute('data-action')));
    // A complaint not answered yet: the department records its first response too.
    await expect.poll(actions).toEqual(['start', 'rectify', 'requestExtension', 'respond', 'edit']);

    // Meanwhile the supervision office starts it: the editor's page still shows version 1.
    const started = await admin.send('POST', `/api/items/${id}/transitions`, {
      action: 'start',
      version,
    });
    expect(started.status).toBe(200);
    await page.locator('button[data-action="start"]').click();
    await page.getByTestId('action-dialog').locator('button[type="submit"]').click();
    const error = page.getByTestId('action-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('conflict');
    expect(await error.textContent()).toContain(messages[lang]['item.error.conflict']);
    expect(await error.textContent()).toContain('事项已被他人修改，请刷新后重试');
    await screenshot(page, 'item-conflict-zh-CN');
    await error.getByRole('button', { name: messages[lang]['item.reload'] }).click();
    await expect
      .poll(() => page.getByTestId('item-status').textContent())
      .toBe(messages[lang]['status.in_progress']);
    await expect.poll(actions).toEqual(['rectify', 'requestExtension', 'respond', 'edit']);

    // Rectified: verifying is the supervision office's, so the editor has nothing but edit.
    await page.locator('button[data-action="rectify"]').click();
    await page.getByTestId('action-dialog').locator('textarea[name="evidence"]').fill('已退还违规收费');
    await page.getByTestId('action-dialog').locator('button[type="submit"]').click();
    await expect
      .poll(() => page.getByTestId('item-status').textContent())
      .toBe(messages[lang]['status.rectified']);
    await expect.poll(actions).toEqual(['respond', 'edit']);
    expect(await page.locator('button[data-action="close"]').count()).toBe(0);

    // Another department's item: read only, and the page says why.
    const other = (await editor.get('/api/items?status=in_progress&pageSize=50')).items.find(
      (i: { departmentCode: string }) => i.departmentCode !== 'D21',
    );
    await page.goto(`${server.url}/ledger/${other.id}`);
    await page.getByTestId('read-only').waitFor();
    expect(await page.getByTestId('read-only').textContent()).toBe(
      messages[lang]['item.readOnlyOtherDepartment'],
    );
    // The browser logs the refused request itself; nothing else may fail.
    expect(errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await page.context().close();
  });

  it('tells an admin that a step is no longer possible when the item moved on (illegal transition)', async () => {
    const [item] = (await admin.get('/api/items?status=rectified&sort=code&pageSize=1')).items;
    const { page, errors } = await openAs(browser, server, 'admin', `/ledger/${item.id}`, 'en');
    await page.locator('button[data-action="urge"]').waitFor();
    const detail = await admin.get(`/api/items/${item.id}`);
    expect(
      (
        await admin.send('POST', `/api/items/${item.id}/transitions`, {
          action: 'close',
          version: detail.item.version,
        })
      ).status,
    ).toBe(200);
    await page.locator('button[data-action="urge"]').click();
    await page.getByTestId('action-dialog').locator('button[type="submit"]').click();
    const error = page.getByTestId('action-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('illegal_transition');
    expect(await error.textContent()).toContain(messages.en['item.error.illegal']);
    expect(await error.textContent()).toContain('Cannot urge an item that is closed; allowed: reopen');
    await error.getByRole('button', { name: messages.en['item.reload'] }).click();
    await expect.poll(() => page.getByTestId('item-status').textContent()).toBe(messages.en['status.closed']);
    expect(await page.locator('button[data-action="urge"]').count()).toBe(0);
    expect(errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await page.context().close();
  });

  /** A deadline as the English page writes it: Jul 15, 2026 (with the time of a moment). */
  const usDate = (date: string) => {
    const day = new Intl.DateTimeFormat('en-US', {
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${date.slice(0, 10)}T00:00:00Z`));
    return date.length > 10 ? `${day}, ${date.slice(11, 16)}` : day;
  };

  it('lets an admin edit, extend and urge an overdue item; the original deadline stays visible', async () => {
    const [item] = (await admin.get('/api/items?overdue=true&status=in_progress&sort=code&pageSize=1')).items;
    const en = messages.en;
    const { page, errors } = await openAs(browser, server, 'admin', `/ledger/${item.id}`, 'en');
    const dialog = page.getByTestId('action-dialog');
    const history = page.getByTestId('item-history').locator(':scope > li');
    const before = (await admin.get(`/api/items/${item.id}`)).history.length;
    await expect.poll(() => history.count()).toBe(before);

    await page.locator('button[data-action="edit"]').click();
    await dialog.locator('input[name="responsiblePerson"]').fill('周建国');
    await dialog.locator('select[name="handlingMode"]').selectOption('tracked');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('action-done').textContent()).toBe(en['action.edit.done']);
    const edited = page.locator('[data-testid="item-history"] > li[data-kind="edited"]').last();
    expect(await edited.locator('li[data-field="responsible_person"]').textContent()).toContain(
      `${item.responsiblePerson}→changed to周建国`,
    );
    expect(await edited.locator('li[data-field="handling_mode"]').textContent()).toContain('Tracked');

    await page.locator('button[data-action="extend"]').click();
    // An earlier day is refused: said with the field's label, the field marked and focused.
    const deadlineInput = dialog.locator('input[name="deadline"]');
    await deadlineInput.fill('2020-01-01');
    await dialog.locator('textarea[name="reason"]').fill('需协调上级部门资金');
    await dialog.locator('button[type="submit"]').click();
    await expect
      .poll(() => dialog.getByTestId('action-error').locator('.action-error-message').textContent())
      .toBe(`${en['action.extend.deadline']}: must be after the current deadline (${usDate(item.deadline)})`);
    expect(await deadlineInput.getAttribute('aria-invalid')).toBe('true');
    expect(await deadlineInput.evaluate((el) => el === document.activeElement)).toBe(true);
    await deadlineInput.fill('2027-01-31');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('action-done').textContent()).toBe(en['action.extend.done']);
    expect(await page.getByTestId('field-deadline').textContent()).toContain('Jan 31, 2027');
    const original = (await admin.get(`/api/items/${item.id}`)).item.original_deadline as string;
    expect(await page.getByTestId('field-original-deadline').textContent()).not.toContain('Jan 31, 2027');
    expect(original).not.toBe('2027-01-31');
    expect(await page.getByTestId('item-extensions').textContent()).toContain('需协调上级部门资金');
    // No longer overdue: the light follows the new deadline.
    expect(await page.getByTestId('item-head').textContent()).not.toContain(en['light.red']);

    await page.locator('button[data-action="urge"]').click();
    expect(await dialog.locator('textarea[name="note"]').inputValue()).toBe(en['action.urge.defaultNote']);
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('action-done').textContent()).toBe(en['action.urge.done']);
    // The dialog gone with its action, focus is back on the button that opened it.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-action')))
      .toBe('urge');
    await expect.poll(() => history.count()).toBe(before + 3);
    expect(await page.getByTestId('item-urgings').textContent()).toContain(en['action.urge.defaultNote']);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `item-en-${size}`);
    }
    // The refused extension's 400 is the only error the page met.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    await page.context().close();
  });

  it("registers an item of the editor's own department from the form", async () => {
    const zh = messages['zh-CN'];
    const { page, errors } = await openAs(browser, server, 'editor-d21', '/ledger', 'zh-CN');
    await page.getByRole('link', { name: zh['ledger.create'] }).click();
    const form = page.getByTestId('create-form');
    await form.locator('input[name="title"]').fill('学校食堂从业人员健康证过期');
    await form.locator('select[name="source"]').selectOption('self_inspection');
    await form.locator('input[name="responsiblePerson"]').fill('陈静');
    await form.locator('input[name="deadline"]').fill('2026-12-25');
    await screenshot(page, 'create-item-zh-CN');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/ledger\/\d+$/);
    await expect.poll(() => page.getByTestId('item-status').textContent()).toBe(zh['status.assigned']);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const created = await admin.get(`/api/items/${id}`);
    expect(created.item).toMatchObject({
      title: '学校食堂从业人员健康证过期',
      department_code: 'D21',
      responsible_person: '陈静',
      deadline: '2026-12-25',
      source: 'self_inspection',
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  for (const lang of ['zh-CN', 'en'] as const)
    it(`the department records its first response to a complaint from the item page (${lang})`, async () => {
      const m = messages[lang];
      const created = await editor.send('POST', '/api/items', {
        title: `12345热线：学校周边道路积水（首次响应 ${lang}）`,
        campaign: 'C-EFFICIENCY',
        source: 'hotline',
        rectificationType: 'immediate',
        deadline: '2026-11-25',
      });
      const id = created.body.item.id;
      const { page, errors } = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
      await page.locator('button[data-action="respond"]').click();
      const dialog = page.getByTestId('action-dialog');
      expect(await dialog.textContent()).toContain(m['action.respond.confirm']);
      await dialog.locator('textarea[name="note"]').fill('已电话答复反映人，正在协调排水');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `item-respond-${lang}-${size}`);
      }
      await dialog.getByRole('button', { name: m['action.respond.submit'] }).click();
      await expect.poll(() => page.getByTestId('action-done').textContent()).toBe(m['action.respond.done']);
      // Recorded once: the action is gone, the moment is on the item and in its history.
      expect(await page.locator('button[data-action="respond"]').count()).toBe(0);
      expect((await editor.send('GET', `/api/items/${id}`)).body.item.first_response_at).toBe(
        '2026-11-20T10:00:00',
      );
      const history = page.getByTestId('item-history').locator('li[data-kind="responded"]');
      expect(await history.locator('.timeline-kind').textContent()).toBe(m['history.responded']);
      expect(await history.textContent()).toContain('已电话答复反映人，正在协调排水');
      expect(errors).toEqual([]);
      await page.context().close();
    });

  it('urges at once the overdue items the filters list, saying how many, and only while the list holds that many', async () => {
    const title = '批量催办测试';
    for (const [n, deadline] of [
      ['一', '2026-11-16'],
      ['二', '2026-11-18'],
      ['三', '2026-12-31'], // not due yet
    ])
      await registerItem(editor, { title: `${title}${n}`, deadline });
    const urgings = async () =>
      Object.fromEntries(
        (await admin.send('GET', `/api/items?q=${encodeURIComponent(title)}&pageSize=10`)).body.items.map(
          (i: { title: string; urgeCount: number }) => [i.title.slice(-1), i.urgeCount],
        ),
      );
    const { page, errors } = await openAs(
      browser,
      server,
      'admin',
      `/ledger?q=${encodeURIComponent(title)}`,
      'zh-CN',
    );
    const button = page.getByTestId('urge-overdue');
    await expect.poll(() => button.textContent()).toBe('催办逾期事项（2）');
    await button.click();
    const dialog = page.getByTestId('urge-overdue-dialog');
    expect(await dialog.locator('p').first().textContent()).toContain('列出的 2 个逾期事项将逐一催办');
    // Meanwhile one more overdue item the search finds is registered: the office saw 2, so none is urged.
    await registerItem(editor, { title: `${title}四`, deadline: '2026-11-17' });
    await dialog.locator('button[type="submit"]').click();
    const refused = dialog.getByTestId('action-error');
    await expect
      .poll(() => refused.locator('.action-error-message').textContent())
      .toBe('列表已有变化：现在是 3 个事项，不是 2 个；请刷新后重试');
    expect(await urgings()).toEqual({ 一: 0, 二: 0, 三: 0, 四: 0 });
    await refused.getByRole('button', { name: '重新统计逾期事项' }).click();
    await expect.poll(() => button.textContent()).toBe('催办逾期事项（3）');
    await button.click();
    await dialog.locator('textarea[name="note"]').fill('请于本周五前报告进展');
    await dialog.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.getByTestId('urge-overdue-done').textContent())
      .toBe('已催办 3 个逾期事项。');
    expect(await dialog.count()).toBe(0);
    expect(await urgings()).toEqual({ 一: 1, 二: 1, 三: 0, 四: 1 });
    // The table shows the urgings without a reload.
    await expect
      .poll(() => page.locator('tbody tr td:last-child').allTextContents())
      .toEqual(expect.arrayContaining(['1', '1', '1']));
    // Neither a leader nor a department sees the button.
    for (const account of ['leader', 'editor-d21'] as const) {
      const other = await openAs(browser, server, account, `/ledger?q=${encodeURIComponent(title)}`, 'en');
      await other.page.getByTestId('ledger-table').waitFor();
      expect(await other.page.getByTestId('urge-overdue').count()).toBe(0);
      await other.page.context().close();
    }
    // The refused request is the one error the browser logs.
    expect(errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await page.context().close();
  });

  it('prints a supervision sheet for an overdue item', async () => {
    const [item] = (await admin.get('/api/items?overdue=true&sort=deadline&pageSize=1')).items;
    // The department's latest word on it is on the sheet, dated.
    expect(
      (await admin.send('POST', `/api/items/${item.id}/progress`, { note: '设备已招标，待安装' })).status,
    ).toBe(201);
    const { page, errors } = await openAs(browser, server, 'admin', `/ledger/${item.id}`, 'zh-CN');
    await page.getByRole('link', { name: messages['zh-CN']['sheet.open'] }).click();
    const sheet = page.getByTestId('supervision-sheet');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain(item.ledgerCode);
    expect(await sheet.textContent()).toContain(item.title);
    expect(await page.getByTestId('sheet-progress').textContent()).toBe(
      '2026年11月20日 10:00：设备已招标，待安装',
    );
    // How often it was extended, reopened and urged, and the last urging (one just now).
    expect((await admin.send('POST', `/api/items/${item.id}/urgings`, { note: '请本周内销号' })).status).toBe(
      200,
    );
    const counts = (await admin.get(`/api/items/${item.id}`)).item;
    await page.reload();
    await expect
      .poll(() => page.getByTestId('sheet-counts').textContent())
      .toBe(
        `延期${counts.extension_count}次 · 重新整改${counts.reopen_count}次 · 催办${counts.urge_count}次；最近一次催办：2026年11月20日 10:00`,
      );
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.shell-header').isVisible()).toBe(false);
    await screenshot(page, 'supervision-sheet-zh-CN');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('exports the filtered ledger: the downloaded file holds the rows of the table, every page', async () => {
    const query = 'department=D21&sort=deadline';
    const all: string[] = [];
    for (let p = 1; ; p++) {
      const codes = await apiCodes(query, p);
      all.push(...codes);
      if (codes.length < 50) break;
    }
    const { page, errors } = await openAs(browser, server, 'leader', `/ledger?${query}`, 'zh-CN');
    const shown = await waitForTable(page, query);

    // Excel opening a CSV drops the zeros of a code like 001: the link says so, and what to take instead.
    expect(await page.getByTestId('export-csv').getAttribute('title')).toBe(
      messages['zh-CN']['export.csvHint'],
    );
    expect(await page.getByTestId('export-xlsx').getAttribute('title')).toBeNull();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe('台账-2026-11-20.csv');
    const [header, ...rows] = parseCsv(fs.readFileSync((await csv.path())!, 'utf8'));
    expect(header![0]).toBe('台账编号');
    expect(rows.map((r) => r[0])).toEqual(all);
    expect(rows.slice(0, shown.length).map((r) => r[0])).toEqual(shown);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('台账-2026-11-20.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const sheet = workbook.worksheets[0]!;
    // Two rows say what the file is, then the header and the items.
    expect([1, 2, 3].map((n) => sheet.getRow(n).getCell(1).value)).toEqual([
      // Headed with the organisation's name, as the office heads its sheets.
      expect.stringMatching(/^示范县整改台账（截至2026年11月20日 \d\d:\d\d）$/),
      `牵头部门：县教育局 · 共${all.length}个`,
      '台账编号',
    ]);
    const codes: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 3) codes.push(String(row.getCell(1).value));
    });
    expect(codes).toEqual(all);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
