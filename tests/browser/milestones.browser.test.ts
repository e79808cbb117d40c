/**
 * Tracking an item in a real browser: the department plans its timetable (时间表、路线图) — milestones
 * marked done on the item page — and reports its progress (整改进展); the office sees both; a leader
 * reads them without the controls.
 */
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
