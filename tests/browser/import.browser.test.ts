/**
 * Importing a ledger file in a real browser: an xlsx built here (title row, Chinese headers, a column
 * the suggestion does not know), the column mapping changed and saved, the dry-run report row by row
 * (a rejected row names its column and reason and blocks the commit), then a clean file committed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { launchBrowser, type RunningServer, screenshot, startServer, VIEWPORTS } from './harness.ts';
import { type Api, apiAs, openAs } from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

const HEADER = ['序号', '台账编号', '问题名称', '问题来源', '牵头单位', '整改时限', '第一责任人', '情况简述'];
const GOOD_ROWS = [
  [
    1,
    'BT-001',
    '学校周边停车收费不规范',
    '群众投诉',
    '县教育局',
    '2026-12-31',
    '王芳',
    '家长反映校门口临时停车收费',
  ],
  [
    2,
    'BT-002',
    '窗口办事排队时间长',
    '12345',
    '县行政审批服务局',
    '2026年12月15日',
    '李强',
    '高峰时段排队超过一小时',
  ],
  [3, 'BT-003', '校外培训机构违规招生', '督查', '教育局', '长期坚持', '赵六', '暗访发现'],
];
const BAD_ROW = [4, 'BT-004', '食堂卫生不达标', '督查', '县不存在局', '2026-12-20', '孙丽', '抽查发现'];

async function workbook(rows: (string | number)[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(['XX县作风建设问题整改台账']);
  sheet.mergeCells('A1:H1');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-')), '台账.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

describe('importing a ledger file in a real browser', () => {
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

  const choose = async (page: Page, file: string) => {
    await page.locator('input[type="file"][name="file"]').setInputFiles(file);
    await page.locator('form.import-step button[type="submit"]').click();
    await page.getByTestId('import-columns').waitFor();
  };
  const summary = (page: Page, key: string) =>
    page.locator(`[data-testid="import-summary"] li[data-key="${key}"] .summary-value`).textContent();

  it('reports a rejected row with its column and reason, and commits nothing until the file is clean', async () => {
    const zh = messages['zh-CN'];
    const { page, errors } = await openAs(browser, server, 'admin', '/ledger/import', 'zh-CN');
    await choose(page, await workbook([...GOOD_ROWS, BAD_ROW]));

    // The suggestion maps the known headers; 情况简述 is left out until mapped by hand.
    const row = (letter: string) =>
      page.locator(`[data-testid="import-columns"] tr[data-column="${letter}"]`);
    expect(await row('C').locator('select').inputValue()).toBe('title');
    expect(await row('E').locator('select').inputValue()).toBe('department');
    expect(await row('H').locator('select').inputValue()).toBe('');
    await row('H').locator('select').selectOption('description');
    expect(await row('H').textContent()).toContain(zh['import.changed']);
    await page.locator('.mapping-save input').fill('浏览器测试表');
    await page.getByRole('button', { name: zh['import.saveMapping'] }).click();
    await expect
      .poll(() => page.locator('.mapping-save [role="status"]').textContent())
      .toContain('浏览器测试表');
    const saved = await admin.get('/api/imports/mappings');
    expect(saved.mappings.map((m: { name: string }) => m.name)).toContain('浏览器测试表');

    await page.getByTestId('dry-run').click();
    await page.getByTestId('import-report').waitFor();
    await expect.poll(() => summary(page, 'create')).toBe('3');
    expect(await summary(page, 'reject')).toBe('1');
    // The report opens on the rejected rows: row 6 of the sheet, column E, the unknown name.
    const rejected = page.locator('[data-testid="import-rows"] tr[data-action="reject"]');
    await expect.poll(() => rejected.count()).toBe(1);
    expect(await rejected.getAttribute('data-row')).toBe('6');
    expect(await rejected.locator('.row-error').textContent()).toMatch(/^第6行E列“牵头单位”：.*县不存在局/);
    expect(await page.getByTestId('commit').isDisabled()).toBe(true);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.getByTestId('import-report').evaluate((e) => e.scrollIntoView());
      await screenshot(page, `import-report-zh-CN-${size}`);
    }
    expect((await admin.get('/api/items?q=BT-00')).total).toBe(0);

    // The clean file, with the saved mapping: created, then committed as one batch.
    await page.setViewportSize(VIEWPORTS.laptop);
    await page.locator('input[type="file"][name="file"]').setInputFiles(await workbook(GOOD_ROWS));
    await page.locator('form.import-step button[type="submit"]').click();
    await page.getByTestId('import-columns').waitFor();
    await page.locator('select[name="saved-mapping"]').selectOption('浏览器测试表');
    await expect.poll(() => row('H').locator('select').inputValue()).toBe('description');
    await page.getByTestId('dry-run').click();
    await expect.poll(() => summary(page, 'create')).toBe('3');
    expect(await summary(page, 'reject')).toBe('0');
    await page.getByTestId('commit').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toContain('新增 3 个事项');
    const imported = await admin.get('/api/items?q=BT-00&sort=code');
    expect(imported.items.map((i: { ledgerCode: string }) => i.ledgerCode)).toEqual([
      'BT-001',
      'BT-002',
      'BT-003',
    ]);
    const detail = await admin.get(`/api/items/${imported.items[0].id}`);
    expect(detail.item.description).toBe('家长反映校门口临时停车收费');
    // Recorded under the name people know the admin by, as the item's closures show it.
    expect(detail.history[0]).toMatchObject({ kind: 'imported', actorName: '县委督查室' });
    expect(detail.history[0].importBatchId).toEqual(expect.any(Number));
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await page.context().close();
  });

  it('says there is nothing to import when the same file comes again (en)', async () => {
    const en = messages.en;
    const { page, errors } = await openAs(browser, server, 'admin', '/ledger/import', 'en');
    await choose(page, await workbook(GOOD_ROWS));
    await page.getByTestId('dry-run').click();
    await expect.poll(() => summary(page, 'unchanged')).toBe('3');
    expect(await page.getByTestId('commit').isDisabled()).toBe(true);
    expect(await page.getByTestId('import-report').textContent()).toContain(en['import.nothingToDo']);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.getByTestId('import-report').evaluate((e) => e.scrollIntoView());
      await screenshot(page, `import-report-en-${size}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists an item written over several rows as one, its rows below as its continuation', async () => {
    // Row 3's problem merged down over rows 3–5, one measure per row (整改措施 in column H).
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow(['XX县作风建设问题整改台账']);
    sheet.mergeCells('A1:H1');
    sheet.addRow([...HEADER.slice(0, 7), '整改措施']);
    sheet.addRow([
      1,
      'BT-101',
      '食堂采购台账不全',
      '督查',
      '县教育局',
      '2026-12-31',
      '王芳',
      '1.补齐采购台账',
    ]);
    sheet.addRow([null, null, null, null, null, null, null, '2.建立索证索票制度']);
    sheet.addRow([null, null, null, null, null, null, null, '3.每月公示食堂账目']);
    for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'G']) sheet.mergeCells(`${c}3:${c}5`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-')), '措施分行.xlsx');
    await book.xlsx.writeFile(file);
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openAs(browser, server, 'admin', '/ledger/import', lang);
      await choose(page, file);
      await page.getByTestId('dry-run').click();
      await expect.poll(() => summary(page, 'create')).toBe('1');
      expect(await summary(page, 'skip')).toBe('2');
      const skipped = page.locator('[data-testid="import-rows"] tr[data-action="skip"]');
      expect(await skipped.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual([
        '4',
        '5',
      ]);
      expect(await skipped.first().locator('.muted').textContent()).toBe(
        messages[lang]['import.skipped.continuation'].replace('{row}', '3'),
      );
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.getByTestId('import-report').evaluate((e) => e.scrollIntoView());
        await screenshot(page, `import-continuation-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('shows a reopening in the dry run: every changed field from its value to the new one, with its warning', async () => {
    // BT-001 (imported above) is verified and closed here; the office's sheet still says 整改中, and
    // gives it a later deadline and another lead department.
    const [found] = (await admin.get('/api/items?q=BT-001')).items;
    let version = (await admin.get(`/api/items/${found.id}`)).item.version;
    for (const body of [{ action: 'rectify', evidence: '已整改' }, { action: 'close' }]) {
      const res = await admin.send('POST', `/api/items/${found.id}/transitions`, { ...body, version });
      expect(res.status).toBe(200);
      version = res.body.item.version;
    }
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow([...HEADER, '整改状态']);
    const row0 = [...GOOD_ROWS[0]!];
    row0[4] = '县民政局';
    row0[5] = '2027年3月31日';
    sheet.addRow([...row0, '整改中']);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-import-')), '台账.xlsx');
    await book.xlsx.writeFile(file);
    // Rectified and closed by the server's fixed clock: 2026-11-20 10:00 in Asia/Shanghai.
    const expected = {
      'zh-CN': [
        '牵头部门：县教育局 → 县民政局',
        '整改期限：2026年12月31日 → 2027年3月31日',
        '整改状态：已销号 → 整改中',
        '整改完成时间：2026年11月20日 10:00 → （空）',
        '整改佐证：已整改 → （空）',
        '销号时间：2026年11月20日 10:00 → （空）',
      ],
      en: [
        'Lead department: Education Bureau → Civil Affairs Bureau',
        'Deadline: Dec 31, 2026 → Mar 31, 2027',
        'Status: Closed → In progress',
        'Rectified: Nov 20, 2026, 10:00 → (empty)',
        'Evidence: 已整改 → (empty)',
        'Closed: Nov 20, 2026, 10:00 → (empty)',
      ],
    } as const;
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openAs(browser, server, 'admin', '/ledger/import', lang);
      await choose(page, file);
      await page.getByTestId('dry-run').click();
      await expect.poll(() => summary(page, 'update')).toBe('1');
      const row = page.locator('[data-testid="import-report"] tr[data-action="update"]');
      expect(await row.locator('.row-changes li').allTextContents()).toEqual(expected[lang]);
      expect(await row.getByTestId('row-status-change').textContent()).toBe(expected[lang][2]);
      expect(await row.textContent()).toContain(lang === 'en' ? 'Reopens' : '将重新打开');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await row.scrollIntoViewIfNeeded();
        await screenshot(page, `import-report-reopening-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('is for admins only', async () => {
    const { page } = await openAs(browser, server, 'leader', '/ledger/import', 'en');
    await expect
      .poll(() => page.locator('.import-page [role="alert"]').textContent())
      .toBe(messages.en['admin.onlyAdmins']);
    await page.context().close();
  });
});
