import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { launchBrowser, type RunningServer, screenshot, startServer, VIEWPORTS } from './harness.ts';
import {
  apiClient,
  chineseOutsideData,
  count,
  fixed,
  inDemoCounty,
  latinWords,
  openSignedIn,
  percent,
  switchLanguage,
} from './views-helpers.ts';

type Lang = 'zh-CN' | 'en';

// One server process computes every figure; a view's first load waits on several reports at once.
vi.setConfig({ testTimeout: 180_000, expect: { poll: { timeout: 30_000, interval: 100 } } });

describe('weekly review in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let get: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    get = await apiClient(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const tile = (page: Page, key: string) => page.getByTestId(`headline-${key}`).getByTestId('value');

  /** The six headline tiles must read exactly the API's figures, formatted for the language. */
  async function expectHeadline(page: Page, lang: Lang, query: string) {
    const { figures } = await get(`/api/figures/summary${query}`);
    const days = (n: number) => (lang === 'en' ? `${fixed(lang, n, 1)} days` : `${fixed(lang, n, 1)}天`);
    const expected: Record<string, string> = {
      registered: count(lang, figures.registered),
      closed: count(lang, figures.closed),
      closureRate: percent(lang, figures.closureRate),
      onTimeRate: percent(lang, figures.onTimeRate),
      overdue: count(lang, figures.overdue),
      medianDaysToClose: days(figures.timeToClose.medianDays),
    };
    for (const [key, text] of Object.entries(expected))
      await expect.poll(() => tile(page, key).textContent()).toBe(text);
    return figures;
  }

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`shows the API's figures, ranking and red list (${lang})`, async () => {
      const { page, errors } = await openSignedIn(browser, server.url, '/weekly', lang);
      await page.getByTestId('ranking-table').waitFor();
      const figures = await expectHeadline(page, lang, '');

      // Headline change since last week: registered rose by the API's difference.
      const summary = await get('/api/figures/summary');
      const rise = summary.figures.registered - summary.previous.registered;
      expect(await page.getByTestId('headline-registered').getByTestId('change').textContent()).toContain(
        `+${count(lang, rise)}`,
      );
      // A rise in registrations is neither good nor bad: grey, as on the big screen, not a green ▲.
      expect(rise).toBeGreaterThan(0);
      expect(await page.getByTestId('headline-registered').getByTestId('change').getAttribute('class')).toBe(
        'change change-neutral',
      );

      // Ranking: every ranked department in the API's order with its score; the rest apart.
      const ranking = await get('/api/figures/ranking');
      const ranked = ranking.rows.filter((r: { ranked: boolean }) => r.ranked);
      const rows = page.getByTestId('ranking-table').locator('tbody tr[data-code]');
      await expect.poll(() => rows.count()).toBe(ranked.length);
      expect(await rows.first().getAttribute('data-code')).toBe(ranked[0].department.code);
      const last = ranked.at(-1);
      const lastRow = page.locator(`[data-testid="ranking-table"] tr[data-code="${last.department.code}"]`);
      expect(await lastRow.getByTestId('score').textContent()).toBe(fixed(lang, last.score, 2));
      // The bare number is named with its department for a screen reader.
      const lastName = lang === 'en' ? last.department.nameEn : last.department.nameZh;
      const scoreName = lang === 'en' ? `${lastName}: score ` : `${lastName}得分`;
      expect(await lastRow.getByTestId('score').getByRole('button').getAttribute('aria-label')).toBe(
        `${scoreName}${fixed(lang, last.score, 2)}`,
      );
      const notRanked = ranking.rows
        .filter((r: { ranked: boolean }) => !r.ranked)
        .map((r: { department: { code: string } }) => r.department.code);
      expect(
        await page
          .getByTestId('not-ranked')
          .locator('li')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))),
      ).toEqual(notRanked);

      // Red list: the overdue total, longest overdue first.
      const overdue = await get('/api/figures/items?figure=overdue&pageSize=10');
      expect(overdue.total).toBe(figures.overdue);
      const redList = page.getByTestId('red-list');
      await expect
        .poll(() => redList.getByTestId('red-list-total').textContent())
        .toContain(count(lang, overdue.total));
      expect(await redList.locator('tbody tr').first().getAttribute('data-ledger-code')).toBe(
        overdue.items[0].ledgerCode,
      );

      // Beside it, the departments holding them, most first, from the ranking's rows; they add up to the total.
      const holding = ranking.rows
        .filter((r: { figures: { overdue: number } }) => r.figures.overdue > 0)
        .sort(
          (a: { figures: { overdue: number }; department: { code: string } }, b: typeof a) =>
            b.figures.overdue - a.figures.overdue || a.department.code.localeCompare(b.department.code),
        );
      const byDepartment = page.getByTestId('overdue-by-department');
      expect(
        await byDepartment
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-department'))),
      ).toEqual(holding.slice(0, 10).map((r: { department: { code: string } }) => r.department.code));
      expect(await byDepartment.getByTestId('overdue-by-department-total').textContent()).toContain(
        count(lang, overdue.total),
      );
      expect(
        holding.reduce((n: number, r: { figures: { overdue: number } }) => n + r.figures.overdue, 0),
      ).toBe(overdue.total);

      // Breakdown: one row per source the API reports.
      const bySource = await get('/api/figures/breakdown?by=source');
      expect(await page.getByTestId('breakdown-source').locator('tbody tr').count()).toBe(
        bySource.groups.length,
      );

      // Since last review: the API's counts.
      const changes = await get('/api/figures/changes');
      await expect
        .poll(() => page.getByTestId('newly-overdue').textContent())
        .toContain(count(lang, changes.newlyOverdue.total));
      expect(await page.getByTestId('newly-closed').textContent()).toContain(
        count(lang, changes.newlyClosed.total),
      );
      // And the extensions granted and asked for, reopenings and voids made meanwhile, each with its
      // count (the requests with those waiting too) and first items.
      for (const kind of ['extended', 'requested', 'reopened', 'voided'] as const) {
        const events = changes.events[kind];
        const list = page.getByTestId(`changes-${kind}`);
        expect(await list.locator('h3').textContent()).toBe(
          messages[lang][`changes.${kind}`]
            .replace('{n}', count(lang, events.total))
            .replace('{waiting}', count(lang, events.waiting ?? 0)),
        );
        expect(await list.locator('li .code').allTextContents()).toEqual(
          events.items.slice(0, 5).map((e: { ledgerCode: string }) => e.ledgerCode),
        );
      }
      await page.getByTestId('changes-panel').scrollIntoViewIfNeeded();
      await screenshot(page, `weekly-review-changes-${lang}`);
      await page.evaluate(() => window.scrollTo(0, 0));

      await page.getByTestId('trend-chart').locator('.recharts-line').first().waitFor();
      // Named for screen readers, and the latest week said in words.
      const chart = page.getByRole('application', { name: messages[lang]['weekly.trend'] });
      expect(await chart.count()).toBe(1);
      expect(await chart.locator('desc').textContent()).toContain(percent(lang, figures.closureRate));
      expect(errors).toEqual([]);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(300);
        await screenshot(page, `weekly-review-${lang}-${size}`);
      }
      await page.context().close();
    });
  }

  it('asks for the ranking and the headline alongside "who is signed in", and once each', async () => {
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', 'en');
    await page.getByTestId('ranking-table').waitFor();
    const sent: string[] = [];
    let sentBeforeMeAnswered: string[] | undefined;
    page.on('request', (r) => {
      const { pathname, search } = new URL(r.url());
      if (pathname.startsWith('/api/')) sent.push(pathname + search);
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/me') sentBeforeMeAnswered ??= [...sent];
    });
    // A fresh load of the page (signing in above was a navigation inside the app).
    await page.goto(`${server.url}/weekly?campaign=C-EFFICIENCY`);
    await expectHeadline(page, 'en', '?campaign=C-EFFICIENCY');
    await expect.poll(() => page.getByTestId('ranking-table').locator('tbody tr').count()).toBeGreaterThan(0);

    // Asked for by the page's first script (which keeps what it sent in closeoutEarlyResponses); the
    // app took every answer instead of asking again.
    const untaken = await page.evaluate(
      () => (window as { closeoutEarlyResponses?: Map<string, unknown> }).closeoutEarlyResponses?.size,
    );
    expect(untaken).toBe(0);
    expect(sent.filter((p) => p === '/api/auth/me')).toEqual(['/api/auth/me']);
    const figures = (name: string) => sent.filter((p) => p.startsWith(`/api/figures/${name}?`));
    for (const name of ['ranking', 'summary']) {
      expect(figures(name)).toEqual([`/api/figures/${name}?campaign=C-EFFICIENCY`]);
      expect(sentBeforeMeAnswered).toContain(`/api/figures/${name}?campaign=C-EFFICIENCY`);
    }
    // The rest waits for the view, which waits for "who is signed in".
    expect(sentBeforeMeAnswered?.some((p) => p.startsWith('/api/figures/series'))).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('puts the filters in the URL, and the figures follow them', async () => {
    const lang = 'en';
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', lang);
    await page.getByTestId('ranking-table').waitFor();
    const all = await expectHeadline(page, lang, '');
    // A rank change reads in words too (for screen readers), singular or plural alike.
    const moved = (await get('/api/figures/ranking')).rows.find(
      (r: { overallRankChange: number | null }) => r.overallRankChange !== null && r.overallRankChange !== 0,
    );
    const spoken = page
      .getByTestId('ranking-table')
      .locator(`tr[data-code="${moved.department.code}"] .rank-change .sr-only`);
    expect(await spoken.textContent()).toBe(
      `Rank ${moved.overallRankChange > 0 ? 'up' : 'down'} by ${Math.abs(moved.overallRankChange)}`,
    );

    await page.locator('select[name="campaign"]').selectOption('C-EFFICIENCY');
    await expect.poll(() => new URL(page.url()).searchParams.get('campaign')).toBe('C-EFFICIENCY');
    const campaign = await expectHeadline(page, lang, '?campaign=C-EFFICIENCY');
    expect(campaign.registered).toBeLessThan(all.registered);

    // Two years of weeks to pick from (a campaign's first weeks too): the last ends 2024-11-24.
    expect(await page.locator('select[name="asOf"] option').last().getAttribute('value')).toBe('2024-11-24');
    await page.locator('select[name="asOf"]').selectOption('2026-11-08');
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe('2026-11-08');
    await expectHeadline(page, lang, '?campaign=C-EFFICIENCY&asOf=2026-11-08');
    // A figure's panel is as of the same day (T is the next midnight, the 8th the last day counted).
    await page.getByTestId('headline-closureRate').click();
    await expect
      .poll(() => page.getByTestId('panel-as-of').textContent())
      .toBe(messages[lang]['explain.asOf'].replace('{day}', 'Nov 8, 2026'));
    await page.keyboard.press('Escape');

    // The ranking downloads for the same filters: a CSV row per department of the ranking shown.
    const csvHref = await page.getByTestId('ranking-export-csv').getAttribute('href');
    expect(csvHref).toBe('/api/exports/ranking.csv?asOf=2026-11-08&campaign=C-EFFICIENCY&lang=en');
    const csv = await page.request.get(`${server.url}${csvHref}`);
    expect(csv.status()).toBe(200);
    const ranked = await get('/api/figures/ranking?campaign=C-EFFICIENCY&asOf=2026-11-08');
    const lines = (await csv.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(ranked.rows.length + 1);
    expect(await page.getByTestId('ranking-export-xlsx').getAttribute('href')).toBe(
      '/api/exports/ranking.xlsx?asOf=2026-11-08&campaign=C-EFFICIENCY&lang=en',
    );

    // The other views keep the filters.
    const departmentHref = await page
      .locator('nav.shell-nav a', { hasText: 'Department view' })
      .getAttribute('href');
    expect(departmentHref).toBe('/department?campaign=C-EFFICIENCY&asOf=2026-11-08');
    // The big screen keeps what its deck accepts: the campaign.
    const screenHref = await page.locator('nav.shell-nav a', { hasText: 'Big screen' }).getAttribute('href');
    expect(screenHref).toBe('/big-screen?campaign=C-EFFICIENCY');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens an item of the red list, whose back link returns to the view with its filters', async () => {
    const view = '/weekly?peerGroup=social';
    const { page, errors } = await openSignedIn(browser, server.url, view, 'en');
    const overdue = await get('/api/figures/items?figure=overdue&peerGroup=social&pageSize=10');
    const first = overdue.items[0];
    const row = page.getByTestId('red-list').locator(`tbody tr[data-ledger-code="${first.ledgerCode}"]`);
    await row.getByRole('link', { name: first.title }).click();
    await page.waitForURL(`**/ledger/${first.id}`);
    await expect.poll(() => page.locator('.item-page h1').textContent()).toContain(first.title);
    await page.getByRole('link', { name: `← ${messages.en['item.backTo']}` }).click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === view);
    await page.getByTestId('red-list').waitFor();
    // So does an item newly overdue since the last review.
    const changes = await get('/api/figures/changes?peerGroup=social');
    const changed = changes.newlyOverdue.items[0];
    await page.getByTestId('changes-panel').getByRole('link', { name: changed.title }).first().click();
    await page.waitForURL(`**/ledger/${changed.id}`);
    await page.getByRole('link', { name: `← ${messages.en['item.backTo']}` }).click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === view);
    // The keyboard's first stop skips the navigation: the next Tab is in the page.
    await page.reload();
    await page.getByTestId('red-list').locator('tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(messages.en['nav.skip']);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.shell-header, main')?.tagName)).toBe(
      'MAIN',
    );
    // Paged by keyboard to the end: the Next button keeps the focus and does nothing more.
    const pager = page.getByTestId('red-list').getByRole('navigation');
    await pager.getByRole('button', { name: messages.en['pager.next'] }).focus();
    const status = () => pager.getByTestId('pager-status').textContent();
    const pages = Math.ceil(overdue.total / 10);
    for (let p = 2; p <= pages; p++) {
      await page.keyboard.press('Enter');
      await expect.poll(status).toMatch(new RegExp(`^${(p - 1) * 10 + 1}–`));
    }
    const last = `${(pages - 1) * 10 + 1}–${overdue.total} of ${overdue.total}`;
    expect(await status()).toBe(last);
    await page.keyboard.press('Enter');
    expect(await status()).toBe(last);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(messages.en['pager.next']);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('opens a bookmarked view with its filters', async () => {
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/weekly?peerGroup=social&source=hotline',
      'zh-CN',
    );
    await page.getByTestId('ranking-table').waitFor();
    await expectHeadline(page, 'zh-CN', '?peerGroup=social&source=hotline');
    expect(await page.locator('select[name="peerGroup"]').inputValue()).toBe('social');
    const ranking = await get('/api/figures/ranking?peerGroup=social&source=hotline');
    const rows = page.getByTestId('ranking-table').locator('tbody tr[data-code]');
    await expect
      .poll(() => rows.count())
      .toBe(ranking.rows.filter((r: { ranked: boolean }) => r.ranked).length);
    for (const r of ranking.rows) expect(r.department.peerGroup).toBe('social');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('since the last review: item titles are shown whole at 1366 wide, wrapping rather than cut (en)', async () => {
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      const { page, errors } = await openSignedIn(browser, server.url, '/weekly', 'en', viewport);
      const panel = page.getByTestId('changes-panel');
      await panel.locator('.item-title').first().waitFor();
      const titles = panel.locator('.change-items .item-title');
      expect(await titles.count()).toBeGreaterThan(5);
      // No title is cut: each shows all of its text (a cut one is wider inside than its box).
      const cut = await titles.evaluateAll((els) =>
        els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
      );
      expect(cut).toEqual([]);
      await panel.scrollIntoViewIfNeeded();
      await screenshot(page, `weekly-review-changes-titles-en-${size}`);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("the ranking's English headers wrap at 1366 wide, so its departments' names need not (en)", async () => {
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', 'en', VIEWPORTS.laptop);
    const table = page.getByTestId('ranking-table');
    const rows = table.locator('tbody tr[data-code]');
    await expect.poll(() => rows.count()).toBe(37);
    const wrapped = await table
      .locator('.department-link')
      .evaluateAll((els) => els.filter((el) => el.getClientRects().length > 1).length);
    // With every header on one line ("Rank in the county" over a column of one- and two-digit ranks),
    // 17 of the 37 names took two lines; with the headers wrapping, 7 (the longest names) do.
    expect(wrapped).toBeLessThanOrEqual(9);
    await screenshot(page, 'weekly-review-ranking-headers-en-laptop');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('with a peer-group filter, heads the rank column as the rank in the group, not the overall rank', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openSignedIn(
        browser,
        server.url,
        '/weekly?campaign=C-EFFICIENCY&peerGroup=economic&asOf=2026-11-15',
        lang,
      );
      const table = page.getByTestId('ranking-table');
      await table.locator('tbody tr[data-code]').first().waitFor();
      const headers = await table.locator('thead tr:last-child th').allTextContents();
      expect(headers[0]).toContain(lang === 'en' ? 'Rank in the group' : '本组排名');
      expect(headers.join(' ')).not.toContain(inDemoCounty(lang, 'ranking.overallRank'));
      // The group's rank is that rank: no second column saying it again.
      expect(headers.join(' ')).not.toContain(messages[lang]['ranking.groupRank']);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await table.scrollIntoViewIfNeeded();
        await screenshot(page, `weekly-review-peer-group-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it("shows the points lost per component to the score's 0.01 (zh-CN)", async () => {
    const lang = 'zh-CN';
    const { rows } = await get('/api/figures/ranking');
    const d29 = rows.find((r: { department: { code: string } }) => r.department.code === 'D29');
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', lang);
    const cells = page.locator('[data-testid="ranking-table"] tr[data-code="D29"] td.lost');
    await cells.first().waitFor();
    const expected = Object.entries(d29.lost as Record<string, number>)
      .filter(([c]) => c !== 'appraisal')
      .map(([, l]) => (l > 0 ? `−${fixed(lang, l, 2)}` : '0'));
    expect(await cells.allTextContents()).toEqual(expected);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.getByTestId('ranking-table').scrollIntoViewIfNeeded();
      await screenshot(page, `weekly-review-points-${lang}-${size}`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a figure explains itself: definition, numerator and denominator, and exactly its items', async () => {
    const lang = 'en';
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', lang);
    await page.getByTestId('ranking-table').waitFor();
    const { figures } = await get('/api/figures/summary');

    // Click: the closure rate shows closed / registered with the API's counts.
    await page.getByTestId('headline-closureRate').click();
    const panel = page.getByTestId('figure-panel');
    await expect.poll(() => panel.locator('h2').textContent()).toBe('Closure rate');
    expect(await panel.textContent()).toContain('Closed ÷ registered.');
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, figures.closed));
    await expect
      .poll(() => panel.getByTestId('denominator-count').textContent())
      .toBe(count(lang, figures.registered));
    await expect
      .poll(() => panel.getByTestId('pager-status').textContent())
      .toBe(`1–20 of ${count(lang, figures.closed)}`);
    expect(await panel.getByTestId('drilldown-items').locator('tbody tr').count()).toBe(20);
    // The denominator's list pages through every registered item.
    await panel.getByTestId('part-denominator').click();
    await expect
      .poll(() => panel.getByTestId('pager-status').textContent())
      .toBe(`1–20 of ${count(lang, figures.registered)}`);
    await panel.getByRole('button', { name: 'Next ›' }).click();
    await expect
      .poll(() => panel.getByTestId('pager-status').textContent())
      .toBe(`21–40 of ${count(lang, figures.registered)}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    // Keyboard: Enter on the focused overdue tile opens its items, as many as the tile says.
    await page.getByTestId('headline-overdue').focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, figures.overdue));
    const tileText = await tile(page, 'overdue').textContent();
    expect(await panel.getByTestId('numerator-count').textContent()).toBe(tileText);
    await screenshot(page, 'weekly-review-drilldown-en');
    await panel.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => panel.count()).toBe(0);

    // Time to close shows its median and 90th percentile, the mean beside them.
    await page.getByTestId('headline-medianDaysToClose').click();
    const { medianDays, p90Days, meanDays } = figures.timeToClose;
    await expect
      .poll(() => panel.getByTestId('time-to-close-figures').textContent())
      .toBe(
        `Median ${fixed(lang, medianDays, 1)} days · 90th percentile ${fixed(lang, p90Days, 1)} days · mean ${fixed(lang, meanDays, 1)} days`,
      );
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    // Space works too, on a breakdown cell scoped to one source.
    const bySource = await get('/api/figures/breakdown?by=source');
    const hotline = bySource.groups.find((g: { key: string }) => g.key === 'hotline');
    const cell = page.locator(
      '[data-testid="breakdown-source"] tr[data-key="hotline"] button[data-figure="overdue"]',
    );
    expect(await cell.textContent()).toBe(count(lang, hotline.figures.overdue));
    await cell.focus();
    await page.keyboard.press('Space');
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, hotline.figures.overdue));
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);

    // Points lost open the department's score at their component: its row marked, its figure focused,
    // so Enter opens that component's items; the closure rate opens that department's items too.
    const top = (await get('/api/figures/ranking')).rows[0];
    const lostCell = page.locator(
      `[data-testid="ranking-table"] tr[data-code="${top.department.code}"] td.lost[data-component="onTimeRate"] button`,
    );
    await lostCell.focus();
    await page.keyboard.press('Enter');
    const scorePanel = page.getByTestId('score-panel');
    await expect.poll(() => scorePanel.locator('h2').textContent()).toContain(top.department.nameEn);
    expect(await scorePanel.locator('tr.is-focus').getAttribute('data-component')).toBe('onTimeRate');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.dataset.component))
      .toBe('onTimeRate');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, top.figures.onTime));
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.count()).toBe(0);
    expect(await scorePanel.count()).toBe(1);
    await scorePanel.locator('tr[data-component="closureRate"]').getByTestId('component-value').click();
    await expect
      .poll(() => panel.getByTestId('numerator-count').textContent())
      .toBe(count(lang, top.figures.closed));
    // The denominator is a request of its own, which may answer after the numerator's.
    await expect
      .poll(() => panel.getByTestId('denominator-count').textContent())
      .toBe(count(lang, top.figures.registered));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('since the last review: each count opens every item behind it, page by page', async () => {
    const lang = 'en';
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', lang);
    const changes = await get('/api/figures/changes');
    const panel = page.getByTestId('figure-panel');
    for (const [testId, figure] of [
      ['newly-overdue', 'newlyOverdue'],
      ['newly-closed', 'newlyClosed'],
    ] as const) {
      const changed = changes[figure];
      expect(changed.total).toBeGreaterThan(0); // the demo data has both in its last week
      const total = count(lang, changed.total);
      const button = page.getByTestId(testId);
      await expect.poll(() => button.textContent()).toContain(total);
      await button.click();
      await expect.poll(() => panel.getByTestId('numerator-count').textContent()).toBe(total);
      const shown = Math.min(20, changed.total);
      await expect.poll(() => panel.getByTestId('pager-status').textContent()).toBe(`1–${shown} of ${total}`);
      // The API's list, longest overdue first.
      const items = await get(`/api/figures/items?figure=${figure}&pageSize=20`);
      expect(items.total).toBe(changed.total);
      const rows = panel.getByTestId('drilldown-items').locator('tbody tr');
      expect(await rows.count()).toBe(shown);
      expect(await rows.first().getAttribute('data-ledger-code')).toBe(items.items[0].ledgerCode);
      if (changed.total > 20) {
        await panel.getByRole('button', { name: 'Next ›' }).click();
        await expect
          .poll(() => panel.getByTestId('pager-status').textContent())
          .toBe(`21–${Math.min(40, changed.total)} of ${total}`);
      }
      if (figure === 'newlyOverdue') await screenshot(page, 'weekly-review-newly-overdue-en');
      await page.keyboard.press('Escape');
      await expect.poll(() => panel.count()).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('sorts the ranking by a column', async () => {
    const { page } = await openSignedIn(browser, server.url, '/weekly', 'en');
    const table = page.getByTestId('ranking-table');
    await table.waitFor();
    const ranking = await get('/api/figures/ranking');
    const ranked = ranking.rows.filter((r: { ranked: boolean }) => r.ranked);
    await table.getByRole('button', { name: /On time/ }).click();
    const mostLost = Math.max(...ranked.map((r: { lost: { onTimeRate: number } }) => r.lost.onTimeRate));
    const first = await table.locator('tbody tr').first().getAttribute('data-code');
    expect(
      ranked.find((r: { department: { code: string } }) => r.department.code === first).lost.onTimeRate,
    ).toBe(mostLost);
    expect(await table.locator('th[aria-sort="descending"]').textContent()).toContain('On time');
    await page.context().close();
  });

  it('shows a rate without a denominator as a dash, and empty lists as empty', async () => {
    // A domain of the other campaign: no items at all in this scope.
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/weekly?campaign=C-CONDUCT&domain=first-inquiry',
      'en',
    );
    await expect.poll(() => tile(page, 'registered').textContent()).toBe('0');
    expect(await tile(page, 'closureRate').textContent()).toBe('—');
    expect(await tile(page, 'onTimeRate').textContent()).toBe('—');
    expect(await tile(page, 'medianDaysToClose').textContent()).toBe('—');
    await expect.poll(() => page.getByTestId('red-list').textContent()).toContain('No overdue items.');
    expect(await page.getByTestId('overdue-by-department').textContent()).toContain(
      messages.en['weekly.noOverdueDepartments'],
    );
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says what went wrong when the API refuses a filter', async () => {
    const { page } = await openSignedIn(browser, server.url, '/weekly?campaign=NO-SUCH', 'en');
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.textContent()).toContain('No campaign "NO-SUCH"');
    expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await page.context().close();
  });

  it("says so when a page's code cannot be loaded, and keeps the rest of the app", async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page } = await openSignedIn(browser, server.url, '/weekly', lang);
      await page.getByTestId('ranking-table').waitFor();
      // The ledger page's code is gone (a new version installed since this page was opened).
      await page.route(/ledger-page-.*\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
      await page.getByRole('link', { name: messages[lang]['nav.ledger'], exact: true }).click();
      const alert = page.getByTestId('page-unavailable');
      await expect.poll(() => alert.locator('p').textContent()).toBe(messages[lang]['state.pageUnavailable']);
      expect(await alert.getByRole('button').textContent()).toBe(messages[lang]['state.reloadPage']);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `page-unavailable-${lang}-${size}`);
      }
      // The navigation still works: back to the weekly review.
      await page.getByRole('link', { name: messages[lang]['nav.weekly'], exact: true }).click();
      await page.getByTestId('ranking-table').waitFor();
      await page.context().close();
    }
  });

  it('switching the language changes every visible label', async () => {
    const { page, errors } = await openSignedIn(browser, server.url, '/weekly', 'en');
    await page.getByTestId('ranking-table').waitFor();
    await page.getByTestId('trend-chart').locator('.recharts-line').first().waitFor();
    const english = await page.locator('body').innerText();
    for (const label of ['Weekly review', 'Department ranking', 'Points lost per component', 'By source']) {
      expect(english).toContain(label);
    }
    await page.getByRole('button', { name: messages.en['lang.switchLabel'] }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('领导周例会');
    await page.waitForTimeout(500);
    const chinese = await page.locator('body').innerText();
    expect(latinWords(chinese)).toEqual([]);
    for (const label of ['部门排名', '各项失分', '按问题来源', '红灯清单']) expect(chinese).toContain(label);
    // Chart legends are labels too.
    expect(await page.getByTestId('trend-chart').innerText()).toContain('按期办结率');

    // And back: in English only the data (item titles, people) stays Chinese.
    await switchLanguage(page, 'zh-CN', 'Weekly review');
    expect(await chineseOutsideData(page)).toEqual([]);
    expect(await page.getByTestId('trend-chart').innerText()).toContain('On-time rate');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
