/**
 * The supervision office's reference data in a real browser: a department's aliases for import, a
 * campaign's new domain, appraisal rows pasted from a spreadsheet, a scoring profile previewed and
 * saved as a new version, and the published rankings — each checked against the API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import {
  FIXED_NOW,
  launchBrowser,
  openPage,
  type RunningServer,
  screenshot,
  startServer,
  VIEWPORTS,
} from './harness.ts';
import { type Api, apiAs, openAs } from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

describe('admin data in a real browser', () => {
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

  it("edits a department's aliases, which import then matches", async () => {
    const zh = messages['zh-CN'];
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/departments', 'zh-CN');
    const row = page.locator('[data-testid="departments-admin-table"] tr[data-code="D21"]');
    await row.getByRole('button', { name: zh['users.edit'] }).click();
    const dialog = page.getByTestId('department-dialog');
    const aliases = dialog.locator('textarea[name="aliases"]');
    await expect.poll(() => aliases.inputValue()).toContain('教育局');
    await aliases.fill(`${await aliases.inputValue()}\n县教体局（测试）`);
    await screenshot(page, 'admin-department-dialog-zh-CN');
    await dialog.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('.admin-section [role="status"]:not(:empty)').textContent())
      .toContain('县教育局');
    const { department } = await admin.get('/api/departments/D21');
    expect(department.aliases).toContain('县教体局（测试）');
    expect(department.aliases).toContain('教育局');
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `admin-departments-zh-CN-${size}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('adds a peer group, which a department can then be put in', async () => {
    const en = messages.en;
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/departments', 'en');
    await page.getByRole('button', { name: en['adminData.addPeerGroup'] }).click();
    const dialog = page.getByTestId('peer-group-dialog');
    await dialog.locator('input[name="code"]').fill('schools');
    await dialog.locator('input[name="nameZh"]').fill('学校');
    await dialog.locator('input[name="nameEn"]').fill('Schools');
    await dialog.locator('button[type="submit"]').click();
    const table = page.getByTestId('peer-groups-table');
    await expect.poll(() => page.getByTestId('peer-groups-message').textContent()).toBe('Schools saved.');
    await expect
      .poll(() => table.locator('tr[data-code="schools"] td').allTextContents())
      .toEqual(['schools', '学校', 'Schools', en['users.edit']]);
    const reference = await admin.get('/api/reference');
    expect(reference.peerGroups.at(-1)).toMatchObject({ code: 'schools', nameEn: 'Schools' });
    // Renamed: the dialog opens with its names and without a code (codes never change).
    await table.locator('tr[data-code="schools"]').getByRole('button', { name: en['users.edit'] }).click();
    await expect.poll(() => dialog.locator('input[name="nameEn"]').inputValue()).toBe('Schools');
    expect(await dialog.locator('input[name="code"]').count()).toBe(0);
    await dialog.locator('input[name="nameEn"]').fill('All schools');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('peer-groups-message').textContent()).toBe('All schools saved.');
    await expect
      .poll(() => table.locator('tr[data-code="schools"] td').allTextContents())
      .toEqual(['schools', '学校', 'All schools', en['users.edit']]);
    await page.getByRole('button', { name: en['adminData.addDepartment'] }).click();
    const options = page.getByTestId('department-dialog').locator('select[name="peerGroup"] option');
    await expect.poll(() => options.allTextContents()).toContain('All schools');
    await page.getByTestId('department-dialog').getByRole('button', { name: en['users.cancel'] }).click();
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, `admin-peer-groups-en-${size}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('adds a domain to a campaign', async () => {
    const en = messages.en;
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/campaigns', 'en');
    const card = page.locator('[data-testid="campaigns-admin"] [data-code="C-EFFICIENCY"]');
    await card.getByRole('button', { name: en['adminData.addDomain'] }).click();
    const dialog = page.getByTestId('domain-dialog');
    await dialog.locator('input[name="code"]').fill('canteen');
    await dialog.locator('input[name="nameZh"]').fill('食堂管理');
    await dialog.locator('input[name="nameEn"]').fill('Canteens');
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('.chip').allTextContents()).toContain('Canteens');
    const reference = await admin.get('/api/reference');
    expect(reference.domains).toContainEqual(
      expect.objectContaining({ code: 'canteen', campaignCode: 'C-EFFICIENCY' }),
    );
    await screenshot(page, 'admin-campaigns-en-laptop');
    // A domain named in Chinese only: the English name may be left empty and is then the Chinese one.
    await card.getByRole('button', { name: en['adminData.addDomain'] }).click();
    await dialog.locator('input[name="code"]').fill('tutoring');
    await dialog.locator('input[name="nameZh"]').fill('有偿补课');
    expect(await dialog.textContent()).toContain(en['adminData.nameEnHint']);
    await dialog.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('.chip').allTextContents()).toContain('有偿补课');
    expect((await admin.get('/api/reference')).domains).toContainEqual(
      expect.objectContaining({ code: 'tutoring', nameZh: '有偿补课', nameEn: '有偿补课' }),
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('imports appraisal rows pasted from a spreadsheet, naming a bad line first', async () => {
    const zh = messages['zh-CN'];
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/appraisals', 'zh-CN');
    const text = page.locator('textarea[name="appraisal-rows"]');
    await text.fill(
      '部门\t类别\t期间\t得分\t名次\t总数\n县教育局\t民主评议\t2030\t82.5\t22\t40\n县不存在局\t民主评议\t2030\t70\t30\t40',
    );
    await expect
      .poll(() => page.getByTestId('appraisal-preview').locator('li').allTextContents())
      .toEqual(['第 3 行：找不到该部门（县不存在局）']);
    // The same department, kind and period twice: named by the lines the office sees, not refused
    // later by the server counting the rows it was sent.
    await text.fill(
      '部门\t类别\t期间\t得分\t名次\t总数\n县教育局\t民主评议\t2030\t82.5\t22\t40\nD21\t民主评议\t2030\t80\t23\t40',
    );
    await expect
      .poll(() => page.getByTestId('appraisal-preview').locator('li').allTextContents())
      .toEqual(['第 3 行：与第 2 行是同一部门、同一类别和同一期间（D21）']);
    await text.fill(
      '部门\t类别\t期间\t得分\t名次\t总数\n县教育局\t民主评议\t2030\t82.5\t22\t40\nD11\t政府工作考核\t2030\t91\t8\t40',
    );
    await page.getByRole('button', { name: zh['appraisals.submit'].replace('{n}', '2') }).click();
    await expect
      .poll(() => page.locator('.appraisal-import [role="status"]:not(:empty)').textContent())
      .toBe(zh['appraisals.imported'].replace('{n}', '2'));
    const { appraisals } = await admin.get('/api/appraisals?period=2030');
    expect(appraisals).toEqual([
      expect.objectContaining({
        departmentCode: 'D21',
        kind: 'public_appraisal',
        score: 82.5,
        rank: 22,
        outOf: 40,
      }),
      expect.objectContaining({
        departmentCode: 'D11',
        kind: 'work_assessment',
        score: 91,
        rank: 8,
        outOf: 40,
      }),
    ]);
    await expect.poll(() => page.getByTestId('appraisals-table').textContent()).toContain('第22名（共40个）');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reads an appraisal CSV as Excel on Chinese Windows saves it (GBK), periods and scores as typed', async () => {
    const zh = messages['zh-CN'];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-appraisals-'));
    const file = path.join(dir, '民主评议.csv');
    fs.writeFileSync(
      file,
      iconv.encode(
        '部门,类别,期间,得分,名次,总数\r\n县教育局,民主评议,2031年上半年,８２.５分,第22名,40\r\n',
        'gbk',
      ),
    );
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/appraisals', 'zh-CN');
    await page.locator('.appraisal-import input[type="file"]').setInputFiles(file);
    await expect
      .poll(() => page.getByTestId('appraisal-preview').textContent())
      .toContain(zh['appraisals.ready'].replace('{n}', '1'));
    await page.getByRole('button', { name: zh['appraisals.submit'].replace('{n}', '1') }).click();
    await expect
      .poll(() => page.locator('.appraisal-import [role="status"]:not(:empty)').textContent())
      .toBe(zh['appraisals.imported'].replace('{n}', '1'));
    const { appraisals } = await admin.get('/api/appraisals?period=2031-H1');
    expect(appraisals).toEqual([
      expect.objectContaining({
        departmentCode: 'D21',
        kind: 'public_appraisal',
        score: 82.5,
        rank: 22,
        outOf: 40,
      }),
    ]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('previews a scoring change with the rank moves, then saves it as a new version', async () => {
    const en = messages.en;
    const before = await admin.get('/api/profiles');
    const active = before.profiles.find((p: { active: boolean }) => p.active);
    // The seeded profile is dated by the server's clock (pinned here), not the machine's.
    expect(before.profiles.find((p: { version: number }) => p.version === 1).createdAt).toBe(
      FIXED_NOW.replace('Z', '.000Z'),
    );
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page } = await openAs(browser, server, 'admin', '/admin/profiles', lang);
      await page.getByTestId('profile-editor').waitFor();
      // The seeded profile, named "default" in the API, in words, with no note of its own.
      const editing =
        lang === 'en' ? 'New version of “Default” (now version 1)' : '“默认方案”的新版本（当前为第 1 版）';
      expect(await page.locator('#profile-editing').textContent()).toBe(editing);
      expect(await page.locator('tr.active-row td').first().textContent()).toBe(
        (lang === 'en' ? 'Default' : '默认方案') + messages[lang]['profiles.inForce'],
      );
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `admin-profiles-${lang}-${size}`);
      }
      // A target on the worse side of its floor: the server's message, and the field marked and focused.
      const reopenTarget = page.locator('input[name="components.reopenRate.target"]');
      await reopenTarget.fill('30');
      await page.getByTestId('preview-profile').click();
      await expect
        .poll(() => page.getByTestId('action-error').textContent())
        .toContain(
          lang === 'en'
            ? 'The target of Reopen rate must be below its floor (lower is better)'
            : '重新整改率越低越好，目标须低于下限',
        );
      await expect.poll(() => reopenTarget.getAttribute('aria-invalid')).toBe('true');
      expect(await reopenTarget.evaluate((el) => el === document.activeElement)).toBe(true);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `admin-profile-refused-${lang}-${size}`);
      }
      await page.context().close();
    }
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/profiles', 'en');
    await page.locator('input[name="components.closureRate.weight"]').fill('20');
    await page.locator('input[name="components.onTimeRate.weight"]').fill('35');
    await expect.poll(() => page.getByTestId('weight-total').textContent()).toContain('100 points');
    await page.getByTestId('preview-profile').click();
    const preview = page.getByTestId('preview-table');
    const ranking = await admin.get('/api/figures/ranking');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(ranking.rows.length);
    await page.getByTestId('profile-preview').scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-profile-preview-en-laptop');

    // A change after the preview must be previewed again before it can be saved.
    await page.locator('input[name="components.reopenRate.floor"]').fill('25');
    await expect.poll(() => page.getByTestId('save-profile').isDisabled()).toBe(true);
    expect(await page.getByTestId('profile-preview').textContent()).toContain(en['profiles.previewStale']);
    await page.getByTestId('preview-profile').click();
    await expect.poll(() => page.getByTestId('save-profile').isDisabled()).toBe(false);
    await page.locator('.profile-preview input').nth(1).fill('Weights on time over closure');
    await page.getByTestId('save-profile').click();
    await expect
      .poll(() => page.getByTestId('profile-saved').textContent())
      .toBe(
        // The API's "default" in words.
        en['profiles.saved'].replace('{name}', 'Default').replace('{version}', String(active.version + 1)),
      );
    const after = await admin.get('/api/profiles');
    const now = after.profiles.find((p: { active: boolean }) => p.active);
    expect(now.version).toBe(active.version + 1);
    expect(now.config.components.closureRate.weight).toBe(20);
    expect(now.config.components.onTimeRate.weight).toBe(35);
    expect(now.config.components.reopenRate.floor).toBe(0.25);
    expect(now.note).toBe('Weights on time over closure');
    await expect
      .poll(() => page.getByTestId('profile-versions').locator('tbody tr').count())
      .toBe(after.profiles.length);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('lists the published rankings and shows one as it was frozen', async () => {
    const published = await admin.send('POST', '/api/rankings/published', {
      period: '2026-W46',
      asOf: '2026-11-15',
      campaign: 'C-EFFICIENCY',
    });
    expect(published.status).toBe(201);
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/rankings', 'zh-CN');
    const row = page.locator(`[data-testid="published-table"] tr[data-id="${published.body.id}"]`);
    await expect.poll(() => row.textContent()).toContain('行政效能提升年');
    // The ISO week as Chinese offices write it; the code stays the period's key.
    expect(await row.textContent()).toContain('2026年第46周');
    expect(await row.textContent()).toContain('2026年11月15日');
    await row.getByRole('button', { name: messages['zh-CN']['published.view'] }).click();
    const dialog = page.getByTestId('published-dialog');
    await expect.poll(() => dialog.locator('tbody tr').count()).toBe(published.body.result.rows.length);
    await screenshot(page, 'admin-published-zh-CN-laptop');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("publishes a week's ranking from the page, and asks before replacing it", async () => {
    const en = messages.en;
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/rankings', 'en');
    const form = page.getByTestId('publish-form');
    // The last whole week before the pinned now (Friday 20 November), named by its ISO week.
    await expect.poll(() => form.locator('select[name="asOf"]').inputValue()).toBe('2026-11-15');
    expect(await form.locator('input[name="period"]').inputValue()).toBe('2026-W46');
    // Named by the week, as the server requires: not a box to type another name in.
    expect(await form.locator('input[name="period"]').getAttribute('readonly')).not.toBeNull();
    await form.locator('select[name="campaign"]').selectOption('C-CONDUCT');
    await form.locator('select[name="asOf"]').selectOption('2026-11-08');
    expect(await form.locator('input[name="period"]').inputValue()).toBe('2026-W45');
    const publish = form.getByRole('button', { name: en['published.publish'] });
    await publish.click();
    const done = en['published.done'].replace('{period}', 'Week 45, 2026');
    await expect.poll(() => form.locator('[role="status"]:not(:empty)').textContent()).toBe(done);
    const saved = (await admin.get('/api/rankings/published')).published.filter(
      (p: { period: string }) => p.period === '2026-W45',
    );
    expect(saved).toMatchObject([{ asOf: '2026-11-09T00:00:00', scope: { campaign: 'C-CONDUCT' } }]);
    await expect
      .poll(() => page.locator(`[data-testid="published-table"] tr[data-id="${saved[0].id}"]`).count())
      .toBe(1);
    // The same week and campaign again: refused, then replaced when asked.
    await publish.click();
    await expect
      .poll(() => form.getByTestId('action-error').getAttribute('data-code'))
      .toBe('already_published');
    await screenshot(page, 'admin-publish-again-en-laptop');
    const replace = form.getByRole('button', {
      name: en['published.replace'].replace('{period}', 'Week 45, 2026'),
    });
    // Another campaign is another publication: the offer to replace goes with the refusal.
    await form.locator('select[name="campaign"]').selectOption('');
    await expect.poll(() => replace.count()).toBe(0);
    expect(await form.getByTestId('action-error').count()).toBe(0);
    await form.locator('select[name="campaign"]').selectOption('C-CONDUCT');
    await publish.click();
    await replace.click();
    await expect.poll(() => form.locator('[role="status"]:not(:empty)').textContent()).toBe(done);
    const again = (await admin.get('/api/rankings/published')).published.filter(
      (p: { period: string }) => p.period === '2026-W45',
    );
    // Replaced in place; the operations log keeps when the earlier one was published.
    expect(again).toMatchObject([{ id: saved[0].id }]);
    const log = await admin.get('/api/audit?entity=published_ranking');
    expect(log.entries[0]).toMatchObject({
      action: 'ranking.republish',
      entityId: String(saved[0].id),
      before: { publishedAt: saved[0].publishedAt },
    });
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `admin-rankings-en-${size}`);
    }
    // The refused second publication is the one error the browser logs.
    expect(errors.filter((e) => !e.includes('409 (Conflict)'))).toEqual([]);
    await page.context().close();
  });

  it('shows a leader the notice instead of the data forms', async () => {
    const { page } = await openAs(browser, server, 'leader', '/admin/departments', 'en');
    await expect
      .poll(() => page.locator('.admin-page [role="alert"]').textContent())
      .toBe(messages.en['admin.onlyAdmins']);
    expect(await page.getByTestId('departments-admin-table').count()).toBe(0);
    await page.context().close();
  });

  it('keeps the operations log within the page when a value is long JSON (a scoring profile version)', async () => {
    const { profiles } = await admin.get('/api/profiles');
    const active = profiles.find((p: { active: boolean }) => p.active);
    const config = structuredClone(active.config);
    // The config differs at its start: before and after are shown 80 characters long, without a space.
    config.minDueItems = config.minDueItems === 5 ? 6 : 5;
    const saved = await admin.send('POST', '/api/profiles', {
      name: active.name,
      config,
      note: 'Due items to be ranked changed',
    });
    expect(saved.status).toBe(201);
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openAs(
        browser,
        server,
        'admin',
        '/admin/audit?entity=scoring_profile',
        lang,
      );
      const table = page.getByTestId('audit-table');
      await expect
        .poll(() => table.locator('tbody tr').first().getAttribute('data-action'))
        .toBe('profile.create_version');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        const widths = await page.evaluate(() => {
          const table = document.querySelector('[data-testid="audit-table"]')!;
          return {
            page: document.documentElement.scrollWidth,
            window: window.innerWidth,
            table: Math.ceil(table.getBoundingClientRect().right),
            section: Math.ceil(table.closest('section')!.getBoundingClientRect().right),
          };
        });
        expect([size, widths.page]).toEqual([size, widths.window]);
        expect(widths.table).toBeLessThanOrEqual(widths.section);
        await screenshot(page, `admin-audit-profile-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows who changed what in the operations log, filtered by kind (${lang})`, async () => {
      const m = messages[lang];
      const nameEn = `Audit Office ${lang}`;
      // Only the English name changes; everything else is sent as it is.
      const { department: d } = await admin.get('/api/departments/D40');
      const { peerGroups } = await admin.get('/api/reference');
      const { departments } = await admin.get('/api/departments');
      const changed = await admin.send('PUT', '/api/departments/D40', {
        nameZh: d.nameZh,
        nameEn,
        kind: d.kind,
        peerGroup: peerGroups.find((g: { id: number }) => g.id === d.peerGroupId).code,
        parent: departments.find((x: { id: number }) => x.id === d.parentId)?.code ?? null,
        active: d.active,
        aliases: d.aliases,
      });
      expect(changed.status).toBe(200);
      const { page, errors } = await openAs(browser, server, 'admin', '/admin/audit', lang);
      const table = page.getByTestId('audit-table');
      // Unfiltered: the admin's own sign-in is there.
      await expect.poll(() => table.locator('tr[data-action="session.login"]').count()).toBeGreaterThan(0);
      await page.locator('select[name="entity"]').selectOption('department');
      await expect.poll(() => new URL(page.url()).search).toBe('?entity=department');
      // Filtered: no other kind of entry left, the latest this change (the unfiltered list may begin
      // with it too).
      const row = table.locator('tbody tr').first();
      await expect
        .poll(async () => [
          await row.getAttribute('data-action'),
          await table.locator('tbody tr:not([data-action^="department."])').count(),
        ])
        .toEqual(['department.update', 0]);
      const text = await row.textContent();
      expect(text).toContain(m['audit.action.department.update']);
      expect(text).toContain('admin');
      expect(text).toContain(m['audit.field.nameEn']);
      expect(text).toContain(nameEn);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `admin-audit-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  // Last: it renames the organisation the other tests' pages are headed with (restored at the end).
  it("names the organisation: the bulletin, the rank's area, the header, the sign-in page and the big screen follow", async () => {
    const zh = messages['zh-CN'];
    const { page, errors } = await openAs(browser, server, 'admin', '/admin/organisation', 'zh-CN');
    const form = page.getByTestId('organisation-form');
    // The demo county, as the demo fills it.
    await expect.poll(() => form.locator('input[name="nameZh"]').inputValue()).toBe('示范县');
    await form.locator('input[name="nameZh"]').fill('示范市');
    await form.locator('input[name="nameEn"]').fill('Demo City');
    await form.locator('input[name="areaZh"]').fill('市');
    await form.locator('input[name="areaEn"]').fill('city');
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.getByTestId('organisation-saved').textContent())
      .toBe(zh['organisation.saved']);
    // The header names it at once, without a reload.
    await expect.poll(() => page.locator('.shell-header .brand-org').textContent()).toBe('示范市');
    await screenshot(page, 'admin-organisation-zh-CN-laptop');
    expect(await admin.get('/api/organisation')).toEqual({
      organisation: { nameZh: '示范市', nameEn: 'Demo City', areaZh: '市', areaEn: 'city' },
    });
    const audit = await admin.get('/api/audit?entity=organisation');
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['organisation.update']);

    await page.goto(`${server.url}/bulletin`);
    await expect
      .poll(() => page.locator('.bulletin-sheet h1').textContent())
      .toBe('示范市问题整改销号工作通报');
    const rankHeader = page.locator('[data-testid="bulletin-ranking"] thead th').first();
    await expect.poll(() => rankHeader.textContent()).toBe('全市排名');
    expect(await page.title()).toMatch(/^示范市问题整改销号工作通报 /);
    expect(errors).toEqual([]);
    await page.context().close();

    const english = await openAs(browser, server, 'leader', '/bulletin', 'en', VIEWPORTS.projector);
    await expect
      .poll(() => english.page.locator('.bulletin-sheet h1').textContent())
      .toBe('Demo City: bulletin on rectification progress');
    await expect
      .poll(() => english.page.locator('[data-testid="bulletin-ranking"] thead th').first().textContent())
      .toBe('Rank in the city');
    await screenshot(english.page, 'bulletin-organisation-en-projector');
    await english.page.context().close();

    // Before anyone signs in: the sign-in page and the big screen opened by a display link.
    const signIn = await openPage(browser, `${server.url}/login`, 'zh-CN');
    await expect.poll(() => signIn.page.locator('.auth-header .brand-org').textContent()).toBe('示范市');
    await signIn.page.goto(`${server.url}/big-screen#display=demo-display-link`);
    await expect.poll(() => signIn.page.locator('.bs-screen-brand').textContent()).toBe('示范市');
    expect(signIn.errors).toEqual([]);
    await signIn.page.context().close();

    // Unnamed, the pages say what they said before there was a name.
    const unnamed = await admin.send('PUT', '/api/organisation', {
      nameZh: '',
      nameEn: '',
      areaZh: '县',
      areaEn: 'county',
    });
    expect(unnamed.status).toBe(200);
    const plain = await openAs(browser, server, 'leader', '/bulletin', 'zh-CN');
    await expect
      .poll(() => plain.page.locator('.bulletin-sheet h1').textContent())
      .toBe(zh['bulletin.title']);
    await expect
      .poll(() => plain.page.locator('[data-testid="bulletin-ranking"] thead th').first().textContent())
      .toBe('全县排名');
    expect(await plain.page.locator('.shell-header .brand-org').count()).toBe(0);
    await plain.page.context().close();
    await admin.send('PUT', '/api/organisation', {
      nameZh: '示范县',
      nameEn: 'Demo County',
      areaZh: '县',
      areaEn: 'county',
    });
  });
});
