import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { launchBrowser, type RunningServer, screenshot, startServer, VIEWPORTS } from './harness.ts';
import { apiAs, registerItem } from './ledger-helpers.ts';
import {
  apiClient,
  chineseOutsideData,
  count,
  fixed,
  inDemoCounty,
  latinWords,
  openSignedIn,
  percent,
  shownText,
  switchLanguage,
} from './views-helpers.ts';

interface Row {
  department: { code: string; peerGroup: string; nameZh: string; nameEn: string };
  ranked: boolean;
  rank: number | null;
  overallRank: number | null;
  rankedInGroup: number;
  score: number;
  points: Record<string, number>;
  lost: Record<string, number>;
  values: Record<string, number | null>;
  figures: {
    lights: { red: number; yellow: number; green: number };
    overdue: number;
    closed: number;
    registered: number;
  };
}

/** The median of a list of numbers, computed here independently of the app. */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// One server process computes every figure; a view's first load waits on several reports at once.
vi.setConfig({ testTimeout: 180_000, expect: { poll: { timeout: 30_000, interval: 100 } } });

describe('department view in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let get: Awaited<ReturnType<typeof apiClient>>;
  let rows: Row[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    get = await apiClient(server);
    rows = (await get('/api/figures/ranking')).rows;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // D22 (Health Commission) has overdue items in the demo data; D21 (education) has none.
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows a department's score, rank, peers and open items as the API has them (${lang})`, async () => {
      const row = rows.find((r) => r.department.code === 'D22')!;
      expect(row.figures.overdue).toBeGreaterThan(0);
      const { page, errors } = await openSignedIn(browser, server.url, '/department/D22', lang);
      const head = page.getByTestId('department-head');
      await head.waitFor();
      expect(await head.locator('h2').textContent()).toBe(
        lang === 'en' ? row.department.nameEn : row.department.nameZh,
      );
      expect(await page.getByTestId('department-score').getByTestId('value').textContent()).toBe(
        fixed(lang, row.score, 2),
      );
      const rankText = await page.getByTestId('department-rank').textContent();
      expect(rankText).toContain(
        lang === 'en' ? `${row.rank} of ${row.rankedInGroup}` : `第${row.rank}名（共${row.rankedInGroup}个）`,
      );

      // The closure rate against the peer group's median, computed here from the API's rows.
      const peers = rows.filter((r) => r.ranked && r.department.peerGroup === row.department.peerGroup);
      const peerMedian = median(peers.map((r) => r.values.closureRate!));
      const closure = page.locator('[data-testid="benchmark-table"] tr[data-component="closureRate"] td');
      expect(await closure.nth(0).textContent()).toContain(percent(lang, row.values.closureRate!));
      expect(await closure.nth(1).textContent()).toBe(percent(lang, peerMedian));
      await page.getByTestId('components-chart').locator('.recharts-bar-rectangle').first().waitFor();

      // Warning lights: the API's counts, and the red list is the department's overdue items.
      for (const light of ['red', 'yellow', 'green'] as const) {
        expect(await page.getByTestId(`light-${light}`).getByTestId('value').textContent()).toBe(
          count(lang, row.figures.lights[light]),
        );
      }
      const red = await get('/api/figures/items?figure=red&department=D22&pageSize=10');
      expect(red.total).toBe(row.figures.lights.red);
      const listed = page.getByTestId('light-items').locator('tbody tr');
      await expect.poll(() => listed.count()).toBe(Math.min(10, red.total));
      expect(await listed.first().getAttribute('data-ledger-code')).toBe(red.items[0].ledgerCode);

      // What would raise the score: closing the overdue items comes with its item list.
      const action = page.getByTestId('score-actions').locator('li[data-kind="closeOverdue"]');
      expect(await action.textContent()).toContain(count(lang, row.figures.overdue));
      // Its gain in points to 0.01, as the score beside it (50.29 + 4.26, not + 4.3).
      expect(await action.locator('.gain').textContent()).toMatch(
        lang === 'en' ? /^\+\d+\.\d\d points$/ : /^\+\d+\.\d\d分$/,
      );
      // And, last, its other open items, not due soon: closing them early raises the closure rate.
      expect(row.figures.lights.green).toBeGreaterThan(0);
      const early = page.getByTestId('score-actions').locator('li').last();
      expect(await early.getAttribute('data-kind')).toBe('closeOpen');
      expect(await early.locator('.action-title').textContent()).toContain(
        count(lang, row.figures.lights.green),
      );
      expect(await early.textContent()).toContain(messages[lang]['raise.perOpenItem'].split('{points}')[0]);

      await page
        .getByTestId('rank-history')
        .locator('.recharts-line path')
        .first()
        .waitFor({ state: 'attached' });
      // Both charts are named for screen readers; the history says its latest week in words.
      const history = page.getByRole('application', { name: messages[lang]['department.history'] });
      expect(await history.locator('desc').textContent()).toContain(fixed(lang, row.score, 2));
      // The rank in the group and the county-wide rank, each a line of its own.
      expect(
        await page.getByTestId('rank-history').locator('.recharts-legend-item-text').allTextContents(),
      ).toEqual([
        messages[lang]['department.rankInGroup'],
        inDemoCounty(lang, 'ranking.overallRank'),
        messages[lang]['department.score'],
      ]);
      // The office's actions on its items in the last 14 days, the latest five, then all on asking.
      const office = await get('/api/departments/D22/office-actions');
      expect(office.total).toBeGreaterThan(5); // the demo's last two weeks
      const panel = page.getByTestId('office-actions');
      expect(await panel.locator('h2').textContent()).toBe(
        messages[lang]['department.officeActions']
          .replace('{days}', count(lang, 14))
          .replace('{n}', count(lang, office.total)),
      );
      const kinds = (list: { kind: string }[]) => list.map((a) => a.kind);
      expect(
        await panel.locator('li').evaluateAll((li) => li.map((x) => x.getAttribute('data-kind'))),
      ).toEqual(kinds(office.actions.slice(0, 5)));
      expect(await panel.locator('li .office-action-kind').first().textContent()).toBe(
        messages[lang][`history.${office.actions[0].kind}` as keyof (typeof messages)['en']],
      );
      await panel.getByTestId('office-actions-all').click();
      await expect.poll(() => panel.locator('li').count()).toBe(office.actions.length);
      const benchmarksTitle = (await page.locator('#benchmarks-title').textContent())!;
      expect(await page.getByRole('application', { name: benchmarksTitle }).count()).toBe(1);
      expect(errors).toEqual([]);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(300);
        await screenshot(page, `department-view-${lang}-${size}`);
      }
      if (lang === 'zh-CN') expect(latinWords(await page.locator('body').innerText())).toEqual([]);
      await page.context().close();
    });
  }

  it('lists the first five overdue items to close, and opens all of them from the line below (zh-CN)', async () => {
    const lang = 'zh-CN';
    const row = rows.find((r) => r.figures.overdue > 5);
    expect(row, 'a department with more than five overdue items in the demo data').toBeDefined();
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      `/department/${row!.department.code}`,
      lang,
    );
    const action = page.getByTestId('score-actions').locator('li[data-kind="closeOverdue"]');
    await expect.poll(() => action.locator('tbody tr').count()).toBe(5);
    const more = action.getByTestId('raise-more');
    expect(await more.textContent()).toBe(
      messages[lang]['raise.more']
        .replace('{n}', count(lang, row!.figures.overdue - 5))
        .replace('{total}', count(lang, row!.figures.overdue)),
    );
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await more.scrollIntoViewIfNeeded();
      await screenshot(page, `department-view-raise-more-${lang}-${size}`);
    }
    await more.click();
    const panel = page.getByTestId('figure-panel');
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, row!.figures.overdue));
    // The list can be taken away as a file: the same figure, part and scope.
    const href = (await panel.getByTestId('figure-export-xlsx').getAttribute('href'))!;
    expect(href).toBe(
      `/api/exports/figure-items.xlsx?department=${row!.department.code}&figure=overdue&part=numerator&lang=zh-CN`,
    );
    const file = await page.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toContain(encodeURIComponent('逾期未销号'));
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `figure-panel-export-${lang}-${size}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a light opens exactly its items; the score opens its rules', async () => {
    const lang = 'en';
    const row = rows.find((r) => r.department.code === 'D22')!;
    const { page, errors } = await openSignedIn(browser, server.url, '/department/D22', lang);
    await page.getByTestId('department-head').waitFor();
    await page.getByTestId('light-green').click();
    const panel = page.getByTestId('figure-panel');
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, row.figures.lights.green));
    const tile = await page.getByTestId('light-green').getByTestId('value').textContent();
    expect(await panel.getByTestId('numerator-count').textContent()).toBe(tile);
    expect(await panel.getByTestId('figure-export-csv').textContent()).toBe(messages.en['explain.exportCsv']);
    // The list fits the panel's width, as its parts do (a long English status wraps at its spaces).
    const [list, box] = [
      (await panel.getByTestId('drilldown-items').boundingBox())!,
      (await panel.locator('.parts').boundingBox())!,
    ];
    expect(list.x + list.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `figure-panel-export-en-${size}`);
    }
    await page.setViewportSize(VIEWPORTS.laptop);
    // Every item listed belongs to the department.
    const departments = await panel
      .getByTestId('drilldown-items')
      .locator('tbody tr td:nth-child(3)')
      .allTextContents();
    expect(new Set(departments)).toEqual(new Set([row.department.nameEn]));
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    await page.getByTestId('department-score').click();
    const scorePanel = page.getByTestId('score-panel');
    await expect.poll(() => scorePanel.locator('tfoot').textContent()).toContain(fixed(lang, row.score, 2));
    await screenshot(page, 'department-view-score-en');

    // A component's figure opens its numerator, denominator and items for this department alone.
    const closure = scorePanel.locator('tr[data-component="closureRate"]').getByTestId('component-value');
    expect(await closure.textContent()).toBe(percent(lang, row.values.closureRate!));
    await closure.click();
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, row.figures.closed));
    await expect
      .poll(() => panel.getByTestId('denominator-count').textContent())
      .toBe(count(lang, row.figures.registered));
    const listed = await panel
      .getByTestId('drilldown-items')
      .locator('tbody tr td:nth-child(3)')
      .allTextContents();
    expect(new Set(listed)).toEqual(new Set([row.department.nameEn]));
    await screenshot(page, 'department-view-score-component-en');
    // Escape closes the component's panel only; the score's stays open.
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await scorePanel.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => scorePanel.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('switching the language changes every label, both ways', async () => {
    const { page, errors } = await openSignedIn(browser, server.url, '/department/D22', 'zh-CN');
    await page.getByTestId('components-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await page
      .getByTestId('rank-history')
      .locator('.recharts-line path')
      .first()
      .waitFor({ state: 'attached' });
    expect(latinWords(await shownText(page))).toEqual([]);

    await switchLanguage(page, 'zh-CN', 'Department view');
    expect(await chineseOutsideData(page)).toEqual([]);
    for (const label of ['Rank and score over time', 'Open items by warning light', 'Peer median']) {
      expect(await page.locator('body').innerText()).toContain(label);
    }
    // Chart axes and legends are labels too.
    expect(await page.getByTestId('rank-history').innerText()).toContain('Rank in peer group');

    await switchLanguage(page, 'en', '部门情况');
    expect(latinWords(await shownText(page))).toEqual([]);
    expect(await page.getByTestId('rank-history').innerText()).toContain('组内排名');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('with a peer-group filter, says the rank is the rank in the group, never the overall rank', async () => {
    const query = '?campaign=C-EFFICIENCY&peerGroup=economic&asOf=2026-11-15';
    const scoped: Row[] = (await get(`/api/figures/ranking${query}`)).rows;
    const row = scoped.find((r) => r.department.code === 'D19')!;
    expect(row.ranked).toBe(true);
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openSignedIn(browser, server.url, `/department/D19${query}`, lang);
      const rank = page.getByTestId('department-rank');
      await rank.waitFor();
      expect(await rank.textContent()).toContain(
        lang === 'en' ? `${row.rank} of ${row.rankedInGroup}` : `第${row.rank}名（共${row.rankedInGroup}个）`,
      );
      // Every department listed is of the group: a second tile calling the same rank "overall" would lie.
      expect(await page.getByTestId('department-overall-rank').count()).toBe(0);
      expect(await page.getByTestId('department-head').textContent()).not.toContain(
        inDemoCounty(lang, 'department.overallRank'),
      );
      // Nor a county-wide rank line in the history: within one group it is the group's.
      await page.getByTestId('rank-history').locator('.recharts-legend-item-text').first().waitFor();
      expect(
        await page.getByTestId('rank-history').locator('.recharts-legend-item-text').allTextContents(),
      ).not.toContain(inDemoCounty(lang, 'ranking.overallRank'));
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `department-view-peer-group-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("shows points and points lost to the score's 0.01, so they add up to the score (en)", async () => {
    const lang = 'en';
    const row = rows.find((r) => r.department.code === 'D29')!;
    const { page, errors } = await openSignedIn(browser, server.url, '/department/D29', lang);
    const table = page.getByTestId('benchmark-table');
    await table.locator('tbody tr').first().waitFor();
    let shownPoints = 0;
    for (const tr of await table.locator('tbody tr').all()) {
      const c = (await tr.getAttribute('data-component'))!;
      const cells = tr.locator('td');
      expect(await cells.nth(3).textContent()).toMatch(new RegExp(`^${fixed(lang, row.points[c]!, 2)} of `));
      expect(await cells.nth(4).textContent()).toBe(
        row.lost[c]! > 0 ? `−${fixed(lang, row.lost[c]!, 2)}` : '0',
      );
      shownPoints += Math.round(row.points[c]! * 100);
    }
    expect(shownPoints / 100).toBeCloseTo(row.score, 2);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await table.scrollIntoViewIfNeeded();
      await screenshot(page, `department-view-points-${lang}-${size}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a department not ranked leads with the reason, its score small and muted, not as a headline', async () => {
    const row = rows.find((r) => r.department.code === 'D20')!;
    expect(row.ranked).toBe(false);
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openSignedIn(browser, server.url, '/department/D20', lang);
      const head = page.getByTestId('department-head');
      await head.waitFor();
      const text = (await head.locator('.head-figures').textContent())!;
      // The reason comes first, then the score "for reference only".
      expect(text.indexOf(messages[lang]['department.notRanked'])).toBeLessThan(
        text.indexOf(fixed(lang, row.score, 2)),
      );
      expect(await page.getByTestId('department-score').textContent()).toContain(
        messages[lang]['department.scoreNotRanked'],
      );
      const value = page.getByTestId('department-score').getByTestId('value');
      expect(await value.textContent()).toBe(fixed(lang, row.score, 2));
      const [size, color, body] = await value.evaluate((el) => [
        getComputedStyle(el).fontSize,
        getComputedStyle(el).color,
        getComputedStyle(document.body).color,
      ]);
      expect(Number.parseFloat(size!)).toBeLessThanOrEqual(18);
      expect(color).not.toBe(body);
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `department-view-not-ranked-${lang}-${name}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('a department editor lands on its own department', async () => {
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/department?peerGroup=social',
      'zh-CN',
      VIEWPORTS.laptop,
      'editor-d21',
    );
    await expect.poll(() => new URL(page.url()).pathname).toBe('/department/D21');
    expect(new URL(page.url()).searchParams.get('peerGroup')).toBe('social');
    const d21 = rows.find((r) => r.department.code === 'D21')!;
    await expect
      .poll(() => page.getByTestId('department-head').locator('h2').textContent())
      .toBe(d21.department.nameZh);
    // Signing in without a place to go back to ("/") lands there too.
    await page.goto(`${server.url}/`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/department/D21');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('picking another department changes the URL and the figures, keeping the filters', async () => {
    const lang = 'en';
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/department?campaign=C-EFFICIENCY',
      lang,
    );
    await page.locator('select[name="department"]').waitFor();
    await page.locator('select[name="department"]').selectOption('D21');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/department/D21');
    expect(new URL(page.url()).searchParams.get('campaign')).toBe('C-EFFICIENCY');
    const scoped = (await get('/api/figures/ranking?campaign=C-EFFICIENCY')).rows.find(
      (r: Row) => r.department.code === 'D21',
    );
    await expect
      .poll(() => page.getByTestId('department-score').getByTestId('value').textContent())
      .toBe(fixed(lang, scoped.score, 2));
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

// Its own server: the items it registers would change the figures the tests above compare.
describe("the department view's advice, once the department has done its part", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('says which listed items the department reported rectified: they wait on the office, not on it', async () => {
    const editor = await apiAs(server, 'editor-d21');
    const admin = await apiAs(server, 'admin');
    // Due within the warning days (NOW is 20 November): one reported rectified, one not yet.
    const waiting = await registerItem(editor, { title: '课后服务收费标准未公开', deadline: '2026-11-24' });
    const open = await registerItem(editor, { title: '食堂收费公示不及时', deadline: '2026-11-25' });
    // Overdue (the office registers it late), reported rectified.
    const late = await admin.send('POST', '/api/items', {
      title: '校车安全隐患整改',
      campaign: 'C-EFFICIENCY',
      source: 'supervision_check',
      rectificationType: 'phased',
      department: 'D21',
      deadline: '2026-11-10',
    });
    expect(late.status).toBe(201);
    for (const item of [waiting, late.body.item]) {
      const done = await editor.send('POST', `/api/items/${item.id}/transitions`, {
        action: 'rectify',
        version: item.version,
        evidence: '已整改，附照片',
      });
      expect(done.status).toBe(200);
    }
    const code = async (id: number) => (await editor.get(`/api/items/${id}`)).item.ledger_code as string;
    const [waitingCode, openCode, lateCode] = [
      await code(waiting.id),
      await code(open.id),
      await code(late.body.item.id),
    ];
    for (const lang of ['zh-CN', 'en'] as const) {
      const m = messages[lang];
      const { page, errors } = await openSignedIn(
        browser,
        server.url,
        '/department/D21',
        lang,
        VIEWPORTS.laptop,
        'editor-d21',
      );
      const status = (kind: string, ledgerCode: string) =>
        page
          .getByTestId('score-actions')
          .locator(`li[data-kind="${kind}"] tr[data-ledger-code="${ledgerCode}"] td.status-cell`)
          .textContent();
      await expect.poll(() => status('dueSoon', waitingCode)).toBe(m['status.rectified']);
      await expect.poll(() => status('dueSoon', openCode)).toBe(m['status.assigned']);
      await expect.poll(() => status('closeOverdue', lateCode)).toBe(m['status.rectified']);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.getByTestId('score-actions').scrollIntoViewIfNeeded();
        await screenshot(page, `department-view-raise-status-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  // Last: it publishes a week and voids an item of it.
  it("of a published week, says the department's score and rank are as published, and what was published once the data changed", async () => {
    const admin = await apiAs(server, 'admin');
    const published = await admin.send('POST', '/api/rankings/published', {
      period: '2026-W46',
      asOf: '2026-11-15',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    type Published = Row & { figures: { overdue: number } };
    const then = (published.body.result.rows as Published[]).find((r) => r.ranked && r.figures.overdue > 0)!;
    const code = then.department.code;
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      `/department/${code}?asOf=2026-11-15`,
      'zh-CN',
    );
    const note = page.getByTestId('department-published');
    await expect
      .poll(() => note.textContent())
      .toBe('2026年第46周的排名已发布，本部门得分和名次与发布时一致。 查看通报');

    // One of its items overdue that week turns out to have been registered twice.
    const { items } = await admin.get(
      `/api/figures/items?asOf=2026-11-15&figure=overdue&department=${code}&pageSize=1`,
    );
    const { item } = await admin.get(`/api/items/${items[0].id}`);
    const voided = await admin.send('POST', `/api/items/${item.id}/void`, {
      version: item.version,
      reason: '重复登记',
    });
    expect(voided.status, JSON.stringify(voided.body)).toBe(200);
    await page.reload();
    await expect
      .poll(() => note.textContent())
      .toBe(
        `2026年第46周的排名已发布，发布时本部门得分${fixed('zh-CN', then.score, 2)}分、全县第${then.overallRank}名；此后数据有变化，本页按现在的数据计算。以通报中发布的排名为准。 查看通报`,
      );
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `department-published-zh-CN-${size}`);
    }
    await note.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === '/bulletin' && url.search === '?asOf=2026-11-15');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
