import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messages } from '../../web/i18n/messages.ts';
import { translate } from '../../web/i18n/use-t.ts';
import { parseCsv } from '../helpers/csv.ts';
import {
  launchBrowser,
  type RunningServer,
  SCREENSHOTS,
  screenshot,
  startServer,
  VIEWPORTS,
} from './harness.ts';
import { apiAs } from './ledger-helpers.ts';
import {
  apiClient,
  chineseOutsideData,
  count,
  DEMO_ORGANISATION,
  fixed,
  inDemoCounty,
  latinWords,
  openSignedIn,
  shownText,
  switchLanguage,
} from './views-helpers.ts';

interface Row {
  department: { code: string };
  ranked: boolean;
  overallRank: number | null;
  score: number;
}

// One server process computes every figure; a view's first load waits on several reports at once.
vi.setConfig({ testTimeout: 180_000, expect: { poll: { timeout: 30_000, interval: 100 } } });

describe('bulletin in a real browser', () => {
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

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`lists a week's ranking, best and worst, and every overdue item, and prints to A4 (${lang})`, async () => {
      const query = '?asOf=2026-11-15';
      const { page, errors } = await openSignedIn(browser, server.url, `/bulletin${query}`, lang);
      const sheet = page.getByTestId('bulletin');
      await sheet.getByTestId('bulletin-ranking').waitFor();
      const ranking = await get(`/api/figures/ranking${query}`);
      const ranked: Row[] = ranking.rows.filter((r: Row) => r.ranked);
      const rows = sheet.getByTestId('bulletin-ranking').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(ranked.length);
      expect(await rows.first().getAttribute('data-code')).toBe(ranked[0]!.department.code);
      // The departments not ranked are named by code, not by score: they are in no order of merit.
      const notRanked = ranking.rows.filter((r: Row) => !r.ranked);
      expect(notRanked.length).toBeGreaterThan(1);
      const said = (await sheet.getByTestId('bulletin-not-ranked').textContent())!;
      const name = (r: Row & { department: { nameZh: string; nameEn: string } }) =>
        lang === 'en' ? r.department.nameEn : r.department.nameZh;
      const byPosition = [...notRanked].sort((a, b) => said.indexOf(name(a)) - said.indexOf(name(b)));
      expect(byPosition.map((r: Row) => r.department.code)).toEqual(
        notRanked.map((r: Row) => r.department.code).sort(),
      );
      // The tab's title, which "save as PDF" takes for the file's name: the bulletin and its day.
      const day = lang === 'en' ? 'Nov 15, 2026' : '2026年11月15日';
      await expect
        .poll(() => page.title())
        .toBe(
          `${translate(lang, 'bulletin.titleOf', { org: DEMO_ORGANISATION[lang] })} ${day} · ${messages[lang]['app.name']}`,
        );

      const best = sheet.getByTestId('bulletin-best').locator('li');
      expect(await best.first().getAttribute('data-code')).toBe(ranked[0]!.department.code);
      expect(await best.first().textContent()).toContain(fixed(lang, ranked[0]!.score, 2));
      const worst = sheet.getByTestId('bulletin-worst').locator('li');
      // In rank order, the worst last, as the big screen's ranking slide lists them.
      expect(await worst.last().getAttribute('data-code')).toBe(ranked.at(-1)!.department.code);
      expect(await worst.first().getAttribute('data-code')).toBe(ranked.at(-5)!.department.code);

      const summary = await get(`/api/figures/summary${query}`);
      const overdue = sheet.getByTestId('bulletin-overdue').locator('tbody tr');
      await expect.poll(() => overdue.count()).toBe(summary.figures.overdue);
      // Counts in the prose: 公文 writes 5874个, without a thousands separator; English keeps 5,874.
      const prose = (n: number) => (lang === 'en' ? count(lang, n) : String(n));
      expect(await sheet.getByTestId('bulletin-overdue-total').textContent()).toContain(
        prose(summary.figures.overdue),
      );
      const summaryText = (await sheet.getByTestId('bulletin-summary').textContent())!;
      expect(summary.figures.registered).toBeGreaterThan(999);
      expect(summaryText).toContain(
        lang === 'en'
          ? `${count(lang, summary.figures.registered)} items`
          : `共登记问题${summary.figures.registered}个`,
      );
      if (lang === 'zh-CN') expect(summaryText).not.toMatch(/\d,\d/);
      if (lang === 'zh-CN') expect(latinWords(await sheet.innerText())).toEqual([]);
      expect(errors).toEqual([]);
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `bulletin-${lang}-${size}`);
      }

      // Printed: no navigation, no filters, A4 pages.
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.shell-header').isVisible()).toBe(false);
      expect(await page.locator('.filter-bar').isVisible()).toBe(false);
      expect(await sheet.isVisible()).toBe(true);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const pdfPath = path.join(SCREENSHOTS, `bulletin-${lang}.pdf`);
      await page.pdf({ path: pdfPath, format: 'A4', preferCSSPageSize: true });
      const pdf = fs.readFileSync(pdfPath, 'latin1');
      const pages = pdf.match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThan(1);
      // A4 is 210 × 297 mm = 595.3 × 841.9 points.
      const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
      expect(Number(box?.[1])).toBeCloseTo(595.3, 0);
      expect(Number(box?.[2])).toBeCloseTo(841.9, 0);
      if (fs.existsSync('/usr/bin/pdftoppm')) {
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '90',
          '-f',
          '1',
          '-l',
          '2',
          pdfPath,
          pdfPath.replace(/\.pdf$/, '-page'),
        ]);
      }
      await page.context().close();
    });
  }

  it('with a peer-group filter, calls the rank the rank in the group, never 全县排名', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const { page, errors } = await openSignedIn(
        browser,
        server.url,
        '/bulletin?campaign=C-EFFICIENCY&peerGroup=economic&asOf=2026-11-15',
        lang,
      );
      const table = page.getByTestId('bulletin-ranking');
      await table.locator('tbody tr').first().waitFor();
      const headers = await table.locator('thead th').allTextContents();
      expect(headers[0]).toBe(lang === 'en' ? 'Rank in the group' : '本组排名');
      expect(headers).not.toContain(messages[lang]['ranking.groupRank']);
      expect(await page.getByTestId('bulletin').textContent()).not.toContain(
        inDemoCounty(lang, 'ranking.overallRank'),
      );
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `bulletin-peer-group-${lang}-${size}`);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('switching the language changes every label, both ways', async () => {
    const { page, errors } = await openSignedIn(browser, server.url, '/bulletin?asOf=2026-11-15', 'en');
    const sheet = page.getByTestId('bulletin');
    await sheet.getByTestId('bulletin-overdue').waitFor();
    expect(await chineseOutsideData(page)).toEqual([]);

    await switchLanguage(page, 'en', '问题整改销号工作通报');
    await sheet.getByTestId('bulletin-overdue').waitFor();
    expect(latinWords(await shownText(page))).toEqual([]);

    await switchLanguage(page, 'zh-CN', 'Bulletin on rectification progress');
    expect(await chineseOutsideData(page)).toEqual([]);
    expect(await sheet.innerText()).toContain('Ranking of departments');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  // Last: it makes a scoring profile version of its own (and restores the weights after).
  it("quotes a published week's bulletin as it was published, whatever was changed since", async () => {
    const admin = await apiAs(server, 'admin');
    const published = await admin.send('POST', '/api/rankings/published', {
      period: '2026-W46',
      asOf: '2026-11-15',
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const frozen = (await get(`/api/rankings/published/${published.body.id}`)).result;
    // The weekly review of that week says it was published, and that its table matches.
    const review = await openSignedIn(browser, server.url, '/weekly?asOf=2026-11-15', 'zh-CN');
    const note = review.page.getByTestId('ranking-published');
    await expect.poll(() => note.textContent()).toBe('2026年第46周的排名已发布，与下表一致。 查看通报');
    // Then the office weighs closure more and on-time less: the live ranking of that week changes.
    const original = (await get('/api/profiles')).profiles.find((p: { active: boolean }) => p.active).config;
    const reweighted = structuredClone(original);
    reweighted.components.closureRate.weight += 10;
    reweighted.components.onTimeRate.weight -= 10;
    const saved = await admin.send('POST', '/api/profiles', { config: reweighted, note: '测试：调整权重' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    try {
      const live = await get('/api/figures/ranking?asOf=2026-11-15');
      const scores = (r: { rows: Row[] }) =>
        r.rows.filter((x) => x.ranked).map((x) => [x.department.code, x.score]);
      expect(scores(live)).not.toEqual(scores(frozen));
      // The review now says how many departments its table shows otherwise, and where the published one is.
      const before = new Map(
        frozen.rows.map((x: Row) => [x.department.code, `${x.score.toFixed(2)} ${x.overallRank}`]),
      );
      const differing = live.rows.filter(
        (x: Row) => before.get(x.department.code) !== `${x.score.toFixed(2)} ${x.overallRank}`,
      ).length;
      expect(differing).toBeGreaterThan(0);
      await review.page.reload();
      await expect
        .poll(() => note.textContent())
        .toBe(
          `2026年第46周的排名已发布；此后台账或评分方案有变化，下表按现在的数据计算，有 ${differing} 个部门的得分或名次与发布时不同。以通报中发布的排名为准。 查看通报`,
        );
      await note.getByRole('link').click();
      await review.page.waitForURL(
        (url) => url.pathname === '/bulletin' && url.search === '?asOf=2026-11-15',
      );
      expect(review.errors).toEqual([]);
      await review.page.context().close();

      // And the ledger changes: an item overdue that week turns out to have been registered twice.
      const kept = (await get(`/api/rankings/published/${published.body.id}`)).bulletin;
      const twice = kept.overdue.items[0];
      const { item } = await get(`/api/items/${twice.id}`);
      const voided = await admin.send('POST', `/api/items/${twice.id}/void`, {
        version: item.version,
        reason: '测试：重复登记',
      });
      expect(voided.status, JSON.stringify(voided.body)).toBe(200);
      const summaryNow = (await get('/api/figures/summary?asOf=2026-11-15')).figures;
      expect([summaryNow.registered, summaryNow.overdue]).toEqual([
        kept.summary.figures.registered - 1,
        kept.summary.figures.overdue - 1,
      ]);

      const { page, errors } = await openSignedIn(browser, server.url, '/bulletin?asOf=2026-11-15', 'zh-CN');
      const sheet = page.getByTestId('bulletin');
      await expect
        .poll(() => sheet.getByTestId('bulletin-published').textContent())
        .toBe(
          `本通报以2026年第46周发布时的情况为准（评分方案第${frozen.profile.version}版）：总体情况、排名和逾期清单均为发布时的数据，此后数据变化不影响本通报。`,
        );
      // The summary line and the overdue list are the week's as published, the voided item still in them.
      expect(await sheet.getByTestId('bulletin-summary').textContent()).toContain(
        `共登记问题${kept.summary.figures.registered}个`,
      );
      expect(await sheet.getByTestId('bulletin-overdue-total').textContent()).toBe(
        `逾期事项共${kept.overdue.total}个，按逾期天数从长到短排列。`,
      );
      expect(await sheet.getByTestId('bulletin-overdue').locator('tbody tr').first().textContent()).toContain(
        twice.ledgerCode,
      );
      const shown = await sheet
        .getByTestId('bulletin-ranking')
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-code'), r.children[3]?.textContent]));
      expect(shown).toEqual(
        frozen.rows
          .filter((x: Row) => x.ranked)
          .map((x: Row) => [x.department.code, fixed('zh-CN', x.score, 2)]),
      );
      // Its download holds the ranking shown, as published, not the week computed again.
      const download = async () => {
        const href = await page.getByTestId('ranking-export-csv').getAttribute('href');
        const [, ...rows] = parseCsv(await (await page.request.get(`${server.url}${href}`)).text());
        return { href, scores: rows.map((r) => [r[3], Number(r[6])]) };
      };
      const file = await download();
      expect(file.href).toContain(`published=${published.body.id}`);
      expect(file.scores).toEqual(frozen.rows.map((x: Row) => [x.department.code, x.score]));
      expect(file.scores).not.toEqual(live.rows.map((x: Row) => [x.department.code, x.score]));
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await screenshot(page, `bulletin-published-zh-CN-${size}`);
      }
      // Another week, not published: computed as it is now, without the mark.
      await page.goto(`${server.url}/bulletin?asOf=2026-11-08`);
      await sheet.getByTestId('bulletin-ranking').waitFor();
      expect(await sheet.getByTestId('bulletin-published').count()).toBe(0);
      expect((await download()).href).not.toContain('published=');
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      await admin.send('POST', '/api/profiles', { config: original, note: '测试：恢复权重' });
    }
  });

  it('says so when no department is ranked, rather than leaving best and worst blank', async () => {
    // A domain of the other campaign: no items, so no department is ranked.
    const { page, errors } = await openSignedIn(
      browser,
      server.url,
      '/bulletin?campaign=C-CONDUCT&domain=first-inquiry',
      'en',
    );
    const sheet = page.getByTestId('bulletin');
    await expect
      .poll(() => sheet.getByTestId('bulletin-best').textContent())
      .toContain('No department is ranked in this scope.');
    expect(await sheet.getByTestId('bulletin-worst').textContent()).toContain(
      'No department is ranked in this scope.',
    );
    // Nothing overdue: "no overdue items" follows on the first page, not alone on a second.
    await expect.poll(() => sheet.textContent()).toContain(messages.en['weekly.redListEmpty']);
    await page.emulateMedia({ media: 'print' });
    const pdf = Buffer.from(await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
