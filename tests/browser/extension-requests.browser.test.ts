/**
 * 延期申请 in a real browser: the department asks for an extension on its item's page; the office finds
 * the request above the ledger, opens the item and approves it (or declines it, saying why); the
 * deadline moves only on approval, and every step is in the item's history.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { launchBrowser, type RunningServer, screenshot, startServer, VIEWPORTS } from './harness.ts';
import { type Api, apiAs, openAs, registerItem } from './ledger-helpers.ts';

vi.setConfig({ testTimeout: 120_000, expect: { poll: { timeout: 20_000, interval: 100 } } });

describe('extension requests', () => {
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

  for (const [lang, decision] of [
    ['zh-CN', 'approve'],
    ['en', 'decline'],
  ] as const) {
    it(`the department asks, the office ${decision}s from the ledger's list (${lang})`, async () => {
      const title = `校舍维修资金未落实（延期申请 ${lang}）`;
      const { id } = await registerItem(editor, { title });
      const m = messages[lang];

      // The department asks on its item's page.
      const dept = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
      await dept.page.locator('[data-action="requestExtension"]').click();
      const dialog = dept.page.getByTestId('action-dialog');
      await dialog.locator('input[name="deadline"]').fill('2027-01-31');
      await dialog.locator('textarea[name="reason"]').fill('省级专项资金尚未下达');
      await dialog.getByRole('button', { name: m['action.requestExtension.submit'] }).click();
      await expect
        .poll(() => dept.page.getByTestId('action-done').textContent())
        .toBe(m['action.requestExtension.done']);
      const requests = dept.page.getByTestId('extension-requests');
      await expect.poll(() => requests.locator('tbody tr').getAttribute('data-decision')).toBe('pending');
      expect(await dept.page.getByTestId('extension-requested').textContent()).toBe(
        m['item.extensionRequested'],
      );
      // One request at a time: the button is gone while it waits; the deadline has not moved.
      expect(await dept.page.locator('[data-action="requestExtension"]').count()).toBe(0);
      expect(await dept.page.getByTestId('extension-decision').count()).toBe(0);
      expect((await editor.send('GET', `/api/items/${id}`)).body.item.deadline).toBe('2026-12-31');
      expect(dept.errors).toEqual([]);
      await dept.page.context().close();

      // The office finds it above the ledger and opens the item.
      const office = await openAs(browser, server, 'admin', '/ledger', lang);
      const waiting = office.page.getByTestId('waiting-requests');
      // The oldest three, the rest on asking (the demo's, then this newest one): the table stays in view.
      const showAll = async (pictures = false) => {
        await expect.poll(() => waiting.locator('tbody tr').count()).toBe(3);
        await office.page.getByTestId('ledger-table').waitFor();
        for (const [size, viewport] of pictures ? Object.entries(VIEWPORTS) : []) {
          await office.page.setViewportSize(viewport);
          await screenshot(office.page, `ledger-waiting-requests-folded-${lang}-${size}`);
        }
        await waiting.getByTestId('waiting-requests-all').click();
        await expect.poll(() => waiting.locator('tbody tr').count()).toBeGreaterThan(3);
      };
      await showAll(true);
      const row = waiting.locator('tbody tr').filter({ hasText: title });
      await expect.poll(() => row.count()).toBe(1);
      expect(await row.textContent()).toContain('省级专项资金尚未下达');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await office.page.setViewportSize(viewport);
        await screenshot(office.page, `ledger-waiting-requests-${lang}-${size}`);
      }
      await row.getByRole('link', { name: title }).click();
      const form = office.page.getByTestId('extension-decision');
      await expect.poll(() => form.count()).toBe(1);
      expect(await form.locator('input[name="deadline"]').inputValue()).toBe('2027-01-31');
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await office.page.setViewportSize(viewport);
        await form.scrollIntoViewIfNeeded();
        await screenshot(office.page, `item-extension-request-${lang}-${size}`);
      }
      const decided = office.page.getByTestId('extension-requests').locator('tbody tr');
      const history = office.page.getByTestId('item-history');
      if (decision === 'approve') {
        await form.locator('textarea[name="note"]').fill('同意');
        await form.getByRole('button', { name: m['item.approveExtension'] }).click();
        await expect.poll(() => decided.getAttribute('data-decision')).toBe('approved');
        await expect
          .poll(() => office.page.getByTestId('item-extensions').locator('tbody tr').count())
          .toBe(1);
        expect(await history.locator('li[data-kind="extended"]').count()).toBe(1);
        expect(await history.locator('li[data-kind="extension_approved"] .timeline-kind').textContent()).toBe(
          m['history.extension_approved'],
        );
        expect((await editor.send('GET', `/api/items/${id}`)).body.item.deadline).toBe('2027-01-31');
      } else {
        // Declining needs a reason: without one the server's answer names the field.
        await form.getByRole('button', { name: m['item.declineExtension'] }).click();
        await expect.poll(() => form.locator('[role="alert"]').count()).toBeGreaterThan(0);
        expect(await form.locator('[role="alert"]').textContent()).toContain(`${m['item.decisionNote']}: `);
        await form.locator('textarea[name="note"]').fill('Funds are not the department’s to wait for');
        await form.getByRole('button', { name: m['item.declineExtension'] }).click();
        await expect.poll(() => decided.getAttribute('data-decision')).toBe('declined');
        expect(await decided.textContent()).toContain('Funds are not the department’s to wait for');
        expect(await history.locator('li[data-kind="extension_declined"] .timeline-kind').textContent()).toBe(
          m['history.extension_declined'],
        );
        expect((await editor.send('GET', `/api/items/${id}`)).body.item.deadline).toBe('2026-12-31');
      }
      expect(await history.locator('li[data-kind="extension_requested"] .timeline-kind').textContent()).toBe(
        m['history.extension_requested'],
      );
      expect(await office.page.getByTestId('extension-decision').count()).toBe(0);
      expect(await office.page.getByTestId('extension-requested').count()).toBe(0);
      // Decided: it has left the office's list.
      await office.page.goto(`${server.url}/ledger`);
      await expect.poll(() => office.page.getByTestId('ledger-table').count()).toBe(1);
      await showAll();
      expect(await waiting.locator('tbody tr').filter({ hasText: title }).count()).toBe(0);
      // The refused decline without a reason is the one failed request.
      expect(office.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
      await office.page.context().close();
    });
  }

  for (const lang of ['zh-CN', 'en'] as const)
    it(`the department withdraws its waiting request and may ask again; the office and leaders see no button (${lang})`, async () => {
      const m = messages[lang];
      const { id } = await registerItem(editor, {
        title: `操场围栏破损（撤回申请 ${lang}）`,
        rectificationType: 'immediate',
      });
      const asked = await editor.send('POST', `/api/items/${id}/extension-requests`, {
        deadline: '2027-01-15',
        reason: '材料未到',
      });
      expect(asked.status).toBe(201);
      // The office decides, it does not withdraw; a leader only reads.
      for (const who of ['admin', 'leader'] as const) {
        const other = await openAs(browser, server, who, `/ledger/${id}`, lang);
        await expect
          .poll(() => other.page.getByTestId('extension-requests').locator('tbody tr').count())
          .toBe(1);
        expect(await other.page.getByTestId('extension-withdraw').count()).toBe(0);
        await other.page.context().close();
      }

      const dept = await openAs(browser, server, 'editor-d21', `/ledger/${id}`, lang);
      const withdraw = dept.page.getByTestId('extension-withdraw');
      await expect.poll(() => withdraw.count()).toBe(1);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await dept.page.setViewportSize(viewport);
        await withdraw.scrollIntoViewIfNeeded();
        await screenshot(dept.page, `item-extension-withdraw-${lang}-${size}`);
      }
      await withdraw.getByRole('button', { name: m['item.withdrawRequest'] }).click();
      const row = dept.page.getByTestId('extension-requests').locator('tbody tr');
      await expect.poll(() => row.getAttribute('data-decision')).toBe('withdrawn');
      expect(await row.textContent()).toContain(m['item.decision.withdrawn']);
      expect(await dept.page.getByTestId('extension-requests').getByRole('status').textContent()).toBe(
        m['item.extensionWithdrawn'],
      );
      expect(
        await dept.page
          .getByTestId('item-history')
          .locator('li[data-kind="extension_withdrawn"] .timeline-kind')
          .textContent(),
      ).toBe(m['history.extension_withdrawn']);
      // Gone with the request: the button; back: the way to ask again.
      expect(await withdraw.count()).toBe(0);
      expect(await dept.page.getByTestId('extension-requested').count()).toBe(0);
      expect(await dept.page.locator('[data-action="requestExtension"]').count()).toBe(1);
      expect((await editor.send('GET', `/api/items/${id}`)).body.item.deadline).toBe('2026-12-31');
      expect(dept.errors).toEqual([]);
      await dept.page.context().close();
    });

  it('approves a request for a time of day at that time; a request on an item closed meanwhile waits no more', async () => {
    const admin = await apiAs(server, 'admin');
    const make = (title: string) =>
      registerItem(editor, {
        title,
        source: 'hotline',
        rectificationType: 'immediate',
        deadline: '2026-12-31T18:00',
      });
    const timed = await make('窗口叫号系统故障（按时延期）');
    const asked = await editor.send('POST', `/api/items/${timed.id}/extension-requests`, {
      deadline: '2027-01-02T09:30',
      reason: '备件周末到货',
    });
    expect(asked.status).toBe(201);
    const office = await openAs(browser, server, 'admin', `/ledger/${timed.id}`, 'zh-CN');
    const form = office.page.getByTestId('extension-decision');
    await expect
      .poll(() => form.locator('input[name="deadline"]').getAttribute('type'))
      .toBe('datetime-local');
    expect(await form.locator('input[name="deadline"]').inputValue()).toBe('2027-01-02T09:30');
    await form.getByRole('button', { name: messages['zh-CN']['item.approveExtension'] }).click();
    await expect
      .poll(() =>
        office.page.getByTestId('extension-requests').locator('tbody tr').getAttribute('data-decision'),
      )
      .toBe('approved');
    // Granted as asked: the moment, not the whole day.
    expect((await admin.get(`/api/items/${timed.id}`)).item.deadline).toBe('2027-01-02T09:30:00');
    expect(office.errors).toEqual([]);
    await office.page.context().close();

    // Asked, then the item was rectified and closed before the office decided.
    const closed = await make('窗口叫号系统故障（已销号）');
    const pending = await editor.send('POST', `/api/items/${closed.id}/extension-requests`, {
      deadline: '2027-01-05',
      reason: '备件未到',
    });
    let version = pending.body.item.version;
    for (const [who, body] of [
      [editor, { action: 'rectify', evidence: '已修复' }],
      [admin, { action: 'close' }],
    ] as const) {
      const res = await who.send('POST', `/api/items/${closed.id}/transitions`, { ...body, version });
      expect(res.status).toBe(200);
      version = res.body.item.version;
    }
    const page = await openAs(browser, server, 'admin', `/ledger/${closed.id}`, 'en');
    const row = page.page.getByTestId('extension-requests').locator('tbody tr');
    await expect.poll(() => row.getAttribute('data-decision')).toBe('lapsed');
    expect(await row.textContent()).toContain(messages.en['item.decision.lapsed']);
    expect(await page.page.getByTestId('extension-decision').count()).toBe(0);
    expect(await page.page.getByTestId('extension-requested').count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.page.context().close();
  });
});
