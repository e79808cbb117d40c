/**
 * Tracking an item in a real browser: the department plans its timetable (时间表、路线图) — milestones
 * marked done on the item page — and reports its progress (整改进展); the office sees both; a leader
 * reads them without the controls.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { launchBrowser, type RunningServer, screenshot, startServer, VIEWPORTS } from './harness.ts';
import { type Api, apiAs, openAs, registerItem } from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 90_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

describe('milestones on the item page', () => {
  let server: RunningServer;
  let browser: Browser;
  let editor: Api;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    editor = await apiAs(server, 'editor-d21');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`lets the department plan milestones and mark one done, recorded in the history (${lang})`, async () => {
      const { id } = await registerItem(editor, { title: `食堂采购台账不全（阶段目标 ${lang}）` });
      const m = messages[lang];
      const { page, errors } = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
      const panel = page.getByTestId('milestones-panel');
      await expect.poll(() => panel.locator('p.muted').textContent()).toBe(m['item.noMilestones']);

      const form = page.getByTestId('milestone-form');
      for (const [title, due] of [
        ['补齐采购台账', '2026-11-25'],
        ['建立索证索票制度', '2026-12-15'],
      ] as const) {
        await form.locator('input[name="title"]').fill(title);
        await form.locator('input[name="dueOn"]').fill(due);
        await form.getByRole('button', { name: m['item.milestoneAdd'] }).click();
        await expect.poll(() => panel.locator('tbody tr').filter({ hasText: title }).count()).toBe(1);
      }
      // The form is cleared for the next one.
      expect(await form.locator('input[name="title"]').inputValue()).toBe('');
      const rows = panel.locator('tbody tr');
      await rows.first().getByRole('button', { name: m['item.milestoneMarkDone'] }).click();
      await expect.poll(() => rows.first().getByRole('button').count()).toBe(0);
      const saved = await editor.send('GET', `/api/items/${id}`);
      expect(
        saved.body.milestones.map((x: { title: string; doneAt: string | null }) => [
          x.title,
          x.doneAt !== null,
        ]),
      ).toEqual([
        ['补齐采购台账', true],
        ['建立索证索票制度', false],
      ]);
      const history = page.getByTestId('item-history');
      await expect.poll(() => history.locator('li[data-kind="milestone_done"]').count()).toBe(1);
      expect(await history.locator('li[data-kind="milestone_added"]').count()).toBe(2);
      expect(await history.locator('li[data-kind="milestone_done"] .timeline-kind').textContent()).toBe(
        m['history.milestone_done'],
      );
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await panel.scrollIntoViewIfNeeded();
        await screenshot(page, `item-milestones-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();

      // A leader reads the timetable, without the controls.
      const leader = await openAs(browser, server, 'leader', `/ledger/${id}`, lang);
      const read = leader.page.getByTestId('milestones-panel');
      await expect.poll(() => read.locator('tbody tr').count()).toBe(2);
      expect(await read.getByRole('button').count()).toBe(0);
      expect(await leader.page.getByTestId('milestone-form').count()).toBe(0);
      await leader.page.context().close();
    });
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`lets the department attach evidence files, download them as they were, and take one off with a reason (${lang})`, async () => {
      const m = messages[lang];
      const { id } = await registerItem(editor, { title: `食堂后厨改造（佐证材料 ${lang}）` });
      const { page, errors } = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
      const panel = page.getByTestId('files-panel');
      await expect.poll(() => panel.locator('p.muted').textContent()).toBe(m['files.none']);
      const photo = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
      const input = panel.getByTestId('file-input');
      for (const [name, buffer] of [
        ['后厨改造前后对比.png', photo],
        ['验收记录.pdf', Buffer.from('%PDF-1.4 验收记录')],
      ] as const) {
        await input.setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
        await expect
          .poll(() => panel.getByTestId('files-done').textContent())
          .toBe(m['files.added'].replace('{name}', name));
      }
      const links = panel.locator('.item-file a');
      expect(await links.allTextContents()).toEqual(['后厨改造前后对比.png', '验收记录.pdf']);
      expect(await panel.locator('.item-file').first().textContent()).toContain('5 KB');
      // Downloaded, it is the file that was added.
      const [download] = await Promise.all([page.waitForEvent('download'), links.first().click()]);
      expect(download.suggestedFilename()).toBe('后厨改造前后对比.png');
      expect(fs.readFileSync((await download.path())!)).toEqual(photo);
      // A program is refused, naming what may be added.
      await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: photo });
      await expect.poll(() => panel.getByTestId('action-error').textContent()).toContain('setup.exe');
      expect(await links.count()).toBe(2);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await panel.scrollIntoViewIfNeeded();
        await screenshot(page, `item-files-${lang}-${size}`);
      }
      // Taken off with a reason: gone from the list, in the history with the reason.
      await panel
        .getByRole('button', { name: m['files.removeNamed'].replace('{name}', '后厨改造前后对比.png') })
        .click();
      const dialog = page.getByTestId('remove-file-dialog');
      await dialog.locator('textarea[name="reason"]').fill('照片不清晰');
      await dialog.getByRole('button', { name: m['files.remove'] }).click();
      await expect.poll(() => links.allTextContents()).toEqual(['验收记录.pdf']);
      expect(await panel.getByTestId('files-done').textContent()).toBe(
        m['files.removed'].replace('{name}', '后厨改造前后对比.png'),
      );
      const history = page.getByTestId('item-history');
      await expect
        .poll(() => history.locator('li[data-kind="file_removed"]').textContent())
        .toContain('照片不清晰');
      expect(await history.locator('li[data-kind="file_added"] .timeline-kind').first().textContent()).toBe(
        m['history.file_added'],
      );
      expect(errors.filter((e) => !e.includes('400 (Bad Request)'))).toEqual([]);
      await page.context().close();
      // A leader reads and downloads, adds and takes off nothing.
      const leader = await openAs(browser, server, 'leader', `/ledger/${id}`, lang);
      const seen = leader.page.getByTestId('files-panel');
      await expect.poll(() => seen.locator('.item-file a').allTextContents()).toEqual(['验收记录.pdf']);
      expect(await seen.getByTestId('file-input').count()).toBe(0);
      expect(await seen.getByRole('button').count()).toBe(0);
      await leader.page.context().close();
      // Reported rectified, the office verifies with the files in front of it.
      const version = (await editor.send('GET', `/api/items/${id}`)).body.item.version;
      const rectified = await editor.send('POST', `/api/items/${id}/transitions`, {
        action: 'rectify',
        version,
        evidence: '后厨已改造完成',
      });
      expect(rectified.status).toBe(200);
      const office = await openAs(browser, server, 'admin', `/ledger/${id}`, lang);
      await office.page.locator('[data-testid="item-actions"] button[data-action="close"]').click();
      const close = office.page.getByTestId('action-dialog').getByTestId('close-files');
      await expect.poll(() => close.locator('a').allTextContents()).toEqual(['验收记录.pdf']);
      expect(await close.locator('a').getAttribute('href')).toMatch(
        new RegExp(`^/api/items/${id}/files/\\d+$`),
      );
      await office.page.context().close();
    });
  }

  it('lets the department report progress, newest first, dated and in the history; a leader reads it', async () => {
    const { id } = await registerItem(editor, {
      title: '校园周边交通秩序混乱（整改进展）',
      source: 'public_complaint',
    });
    for (const lang of ['zh-CN', 'en'] as const) {
      const m = messages[lang];
      const { page, errors } = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
      const panel = page.getByTestId('progress-panel');
      const form = page.getByTestId('progress-form');
      const notes = lang === 'zh-CN' ? ['已与交警大队对接', '上下学时段增派护学岗'] : [];
      if (lang === 'zh-CN') {
        await expect.poll(() => panel.locator('p.muted').textContent()).toBe(m['item.noProgress']);
        for (const note of notes) {
          await form.locator('textarea[name="note"]').fill(note);
          await form.getByRole('button', { name: m['item.progressReport'] }).click();
          await expect.poll(() => panel.locator('li').filter({ hasText: note }).count()).toBe(1);
        }
        expect(await form.locator('textarea[name="note"]').inputValue()).toBe('');
      }
      // Newest first.
      await expect
        .poll(() => panel.locator('li .prose').allTextContents())
        .toEqual(['上下学时段增派护学岗', '已与交警大队对接']);
      const history = page.getByTestId('item-history');
      expect(await history.locator('li[data-kind="progress_reported"]').count()).toBe(2);
      expect(
        await history.locator('li[data-kind="progress_reported"] .timeline-kind').first().textContent(),
      ).toBe(m['history.progress_reported']);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await panel.scrollIntoViewIfNeeded();
        await screenshot(page, `item-progress-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
    // A note that is one long link wraps inside its panel.
    const link = `https://example.gov.cn/${'a'.repeat(300)}`;
    expect((await editor.send('POST', `/api/items/${id}/progress`, { note: link })).status).toBe(201);
    const leader = await openAs(browser, server, 'leader', `/ledger/${id}`, 'zh-CN');
    await expect.poll(() => leader.page.getByTestId('progress-panel').locator('li').count()).toBe(3);
    expect(await leader.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(
      0,
    );
    expect(await leader.page.getByTestId('progress-form').count()).toBe(0);
    await leader.page.context().close();

    // A long-running item: the latest five, the rest on asking (and folded again).
    for (const n of [4, 5, 6, 7]) {
      expect((await editor.send('POST', `/api/items/${id}/progress`, { note: `第${n}次进展` })).status).toBe(
        201,
      );
    }
    const folded = await openAs(browser, server, 'leader', `/ledger/${id}`, 'zh-CN');
    const panel = folded.page.getByTestId('progress-panel');
    await expect
      .poll(() => panel.locator('li .prose').allTextContents())
      .toEqual(['第7次进展', '第6次进展', '第5次进展', '第4次进展', link]);
    const more = folded.page.getByTestId('progress-all');
    expect([await more.textContent(), await more.getAttribute('aria-expanded')]).toEqual([
      '显示全部7条进展',
      'false',
    ]);
    await more.click();
    await expect.poll(() => panel.locator('li').count()).toBe(7);
    expect(await panel.locator('li .prose').last().textContent()).toBe('已与交警大队对接');
    expect([await more.textContent(), await more.getAttribute('aria-expanded')]).toEqual([
      '只显示最近5条',
      'true',
    ]);
    await more.click();
    await expect.poll(() => panel.locator('li').count()).toBe(5);
    await folded.page.context().close();
  });
});
