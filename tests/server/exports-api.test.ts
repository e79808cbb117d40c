/**
 * The export routes over HTTP: the ledger export holds exactly the table's rows for the same filters
 * and sort, in the request's language, with formula-like text neutralised; the ranking export holds
 * the ranking's rows.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { writeExport } from '../../server/export/table.ts';
import { rankingColumns } from '../../server/routes/exports.ts';
import { call, NOW, openSession, type TestSession } from '../helpers/accounts.ts';
import { parseCsv } from '../helpers/csv.ts';
import { demoDb } from '../helpers/db.ts';

type App = ReturnType<typeof createApp>;

describe('GET /api/exports', () => {
  let db: Db;
  let app: App;
  let leader: TestSession;
  let admin: TestSession;

  beforeAll(() => {
    db = demoDb({ items: 400 });
    app = createApp({ db, clock: fixedClock(NOW) });
    const id = (name: string) =>
      db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(name) as number;
    leader = openSession(db, id('leader'));
    admin = openSession(db, id('admin'));
  });

  const get = (path: string, lang = 'en', session = leader) =>
    call(app, 'GET', path, { session, headers: { 'accept-language': lang } });

  /** Every ledger code the table lists for a query, page after page, in the table's order. */
  async function tableCodes(query: string): Promise<string[]> {
    const codes: string[] = [];
    for (let page = 1; ; page++) {
      const res = await get(`/api/items?${query}&page=${page}&pageSize=100`);
      const body = (await res.json()) as { total: number; items: { ledgerCode: string }[] };
      codes.push(...body.items.map((i) => i.ledgerCode));
      if (codes.length >= body.total) return codes;
    }
  }

  it('writes the rows of the table for the same filters and sort, every page, in order (csv)', async () => {
    for (const query of [
      'status=in_progress&sort=deadline',
      'light=red&sort=code',
      'overdue=true&source=hotline',
      'q=%E6%A0%A1&sort=registeredAsc',
      'campaign=C-EFFICIENCY&department=D21',
    ]) {
      const res = await get(`/api/exports/items.csv?${query}`);
      expect(res.status, query).toBe(200);
      const [header, ...rows] = parseCsv(await res.text());
      expect(header![0]).toBe('Ledger code');
      const expected = await tableCodes(query);
      expect(expected.length, `${query} should match some items`).toBeGreaterThan(0);
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual(expected);
    }
  });

  it('names the file in UTF-8 and writes headers in the request language', async () => {
    const zh = await get('/api/exports/items.csv?status=closed', 'zh-CN');
    expect(zh.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(zh.headers.get('content-disposition')).toBe(
      `attachment; filename="ledger-2026-11-20.csv"; filename*=UTF-8''${encodeURIComponent('台账-2026-11-20.csv')}`,
    );
    // Response.text() would drop the BOM: decode keeping it, to see that Excel gets one.
    const withBom = async (res: Response) =>
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect((await withBom(zh)).startsWith('\ufeff台账编号,问题名称,')).toBe(true);
    // `lang` wins over the request's language: a download link carries the browser's, not the app's.
    const en = await get('/api/exports/items.csv?status=closed&lang=en', 'zh-CN');
    expect((await withBom(en)).startsWith('\ufeffLedger code,Title,')).toBe(true);
    // So do its errors (an expired session, a bad filter), not only its columns.
    const refused = await get('/api/exports/items.csv?department=NOPE&lang=en', 'zh-CN');
    expect([
      refused.status,
      ((await refused.json()) as { error: { message: string } }).error.message,
    ]).toEqual([404, 'No department "NOPE"']);
  });

  it('says when and why an item was voided, in a list of voided items', async () => {
    const voided = db
      .prepare(
        'SELECT ledger_code, voided_at, void_reason FROM items WHERE voided_at IS NOT NULL ORDER BY id LIMIT 1',
      )
      .get() as { ledger_code: string; voided_at: string; void_reason: string };
    const res = await get(
      `/api/exports/items.csv?voided=true&q=${encodeURIComponent(voided.ledger_code)}`,
      'zh-CN',
    );
    const [header, row] = parseCsv(await res.text());
    expect(header!.slice(-2)).toEqual(['作废时间', '作废原因']);
    expect(row![0]).toBe(voided.ledger_code);
    expect(row!.slice(-2)).toEqual([voided.voided_at.replace('T', ' '), voided.void_reason]);
  });

  it("gives each open item's warning light and days overdue as of the export, as the table does", async () => {
    // Now is 2026-11-20 10:00 in Asia/Shanghai; the warning horizon is 7 days.
    const create = async (ledgerCode: string, deadline: string) => {
      const res = await call(app, 'POST', '/api/items', {
        session: admin,
        body: {
          ledgerCode,
          title: '导出预警测试',
          campaign: 'C-EFFICIENCY',
          source: 'hotline',
          rectificationType: 'immediate',
          department: 'D21',
          deadline,
        },
      });
      expect(res.status).toBe(201);
    };
    await create('LT-RED', '2026-11-10'); // over at Nov 11 00:00: 9 days 10 hours late → 10 days
    await create('LT-ONE', '2026-11-19'); // over at Nov 20 00:00: 10 hours late → 1 day
    await create('LT-YELLOW', '2026-11-25'); // due within 7 days
    await create('LT-GREEN', '2026-12-31');
    const res = await get('/api/exports/items.csv?q=LT-&sort=code', 'zh-CN');
    const [header, ...rows] = parseCsv(await res.text());
    const at = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => [r[0], r[at('预警')], r[at('逾期天数')]])).toEqual([
      ['LT-GREEN', '绿灯', ''],
      ['LT-ONE', '红灯', '1'],
      ['LT-RED', '红灯', '10'],
      ['LT-YELLOW', '黄灯', ''],
    ]);
    // The table says the same.
    const table = (await (await get('/api/items?q=LT-&sort=code')).json()) as {
      items: { ledgerCode: string; light: string; daysOverdue: number | null }[];
    };
    expect(table.items.map((i) => [i.ledgerCode, i.light, i.daysOverdue])).toEqual([
      ['LT-GREEN', 'green', null],
      ['LT-ONE', 'red', 1],
      ['LT-RED', 'red', 10],
      ['LT-YELLOW', 'yellow', null],
    ]);
  });

  it('neutralises text a spreadsheet would run as a formula, in csv and xlsx', async () => {
    const created = await call(app, 'POST', '/api/items', {
      session: admin,
      body: {
        ledgerCode: 'FX-1',
        title: '=HYPERLINK("http://example.com","点我")',
        campaign: 'C-EFFICIENCY',
        source: 'hotline',
        rectificationType: 'immediate',
        department: 'D21',
        deadline: '2026-12-31',
        responsiblePerson: '@王芳',
        measures: '+1 整改',
      },
    });
    expect(created.status).toBe(201);

    const csvRes = await get('/api/exports/items.csv?q=FX-1');
    const [header, row] = parseCsv(await csvRes.text());
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Title')).toBe('\'=HYPERLINK("http://example.com","点我")');
    expect(cell('Responsible person')).toBe("'@王芳");
    expect(cell('Measures')).toBe("'+1 整改");

    const xlsxRes = await get('/api/exports/items.xlsx?q=FX-1');
    expect(xlsxRes.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxRes.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    // Two rows say what the file is (the search is neutralised too: it is the user's text), then the
    // header and the item.
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(1).value).toBe(
      'Demo County: Rectification ledger (as of Nov 20, 2026, 10:00)',
    );
    expect(sheet.getRow(2).getCell(1).value).toBe('Search: "FX-1" · 1 item');
    expect(sheet.getRow(3).getCell(1).value).toBe('Ledger code');
    const title = sheet.getRow(4).getCell(2);
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe('\'=HYPERLINK("http://example.com","点我")');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it("heads a file with the organisation's name (its Chinese one where it has no English), and with none before it is named", async () => {
    const heading = async (lang: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await (await get('/api/exports/ranking.xlsx', lang)).arrayBuffer());
      return book.worksheets[0]!.getRow(1).getCell(1).value;
    };
    expect([await heading('zh-CN'), await heading('en')]).toEqual([
      '示范县各部门整改销号综合排名',
      'Demo County: Department ranking',
    ]);
    const name = db.prepare('UPDATE organisation SET name_zh = ?, name_en = ?');
    try {
      name.run('示范县', '');
      expect(await heading('en')).toBe('示范县: Department ranking');
      name.run('', '');
      expect([await heading('zh-CN'), await heading('en')]).toEqual([
        '各部门整改销号综合排名',
        'Department ranking',
      ]);
    } finally {
      name.run('示范县', 'Demo County');
    }
  });

  it('refuses what the table refuses: unknown parameters and codes', async () => {
    const unknown = await get('/api/exports/items.csv?colour=red');
    expect(unknown.status).toBe(400);
    const department = await get('/api/exports/items.xlsx?department=D99');
    expect(department.status).toBe(404);
    expect(((await department.json()) as { error: { details: { field: string } } }).error.details.field).toBe(
      'department',
    );
  });

  it('writes the ranking the figures API reports, row for row (csv and xlsx)', async () => {
    const ranking = (await (await get('/api/figures/ranking?campaign=C-EFFICIENCY')).json()) as {
      rows: { department: { code: string; nameEn: string }; overallRank: number | null; score: number }[];
    };
    const res = await get('/api/exports/ranking.csv?campaign=C-EFFICIENCY');
    expect(res.headers.get('content-disposition')).toContain('filename="ranking-2026-11-20.csv"');
    // A past week's ranking is named by its day, not the day it was downloaded.
    const past = await get('/api/exports/ranking.xlsx?asOf=2026-10-30', 'zh-CN');
    expect(past.headers.get('content-disposition')).toBe(
      `attachment; filename="ranking-2026-10-30.xlsx"; filename*=UTF-8''${encodeURIComponent('部门排名-2026-10-30.xlsx')}`,
    );
    const [header, ...rows] = parseCsv(await res.text());
    expect(header!.slice(0, 7)).toEqual([
      'Rank',
      'Places moved',
      'Rank in peer group',
      'Code',
      'Department',
      'Peer group',
      'Score',
    ]);
    expect(rows.map((r) => r[3])).toEqual(ranking.rows.map((r) => r.department.code));
    const first = ranking.rows[0]!;
    expect(rows[0]![0]).toBe(String(first.overallRank));
    expect(Number(rows[0]![6])).toBe(first.score);

    const xlsx = await get('/api/exports/ranking.xlsx?campaign=C-EFFICIENCY', 'zh-CN');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('部门排名')!;
    // What the ranking is: as of when, compared with when (the start of T's day a week before: the
    // end of Nov 12), under which profile, over which scope.
    expect([1, 2, 3].map((n) => sheet.getRow(n).getCell(1).value)).toEqual([
      '示范县各部门整改销号综合排名',
      '统计截至2026年11月20日 10:00，与2026年11月12日比较；评分方案“默认方案”第1版',
      '专项活动：行政效能提升年',
    ]);
    expect(sheet.getRow(4).getCell(1).value).toBe('排名');
    expect(sheet.rowCount).toBe(ranking.rows.length + 4);
    expect(sheet.getRow(5).getCell(7).value).toBe(first.score);
    // A past week's ranking (asOf a day: the end of that day) names its days, and no scope is all items.
    const pastBook = new ExcelJS.Workbook();
    await pastBook.xlsx.load(await past.arrayBuffer());
    expect([1, 2, 3].map((n) => pastBook.worksheets[0]!.getRow(n).getCell(1).value)).toEqual([
      '示范县各部门整改销号综合排名',
      '统计截至2026年10月30日，与2026年10月23日比较；评分方案“默认方案”第1版',
      '范围：全部事项',
    ]);
  });

  it('writes a published ranking as it was published, as the bulletin quotes it, whatever changed since', async () => {
    const fresh = demoDb({ items: 400 });
    const a = createApp({ db: fresh, clock: fixedClock(NOW) });
    const as = (name: string) =>
      openSession(
        fresh,
        fresh.prepare('SELECT id FROM users WHERE username = ?').pluck().get(name) as number,
      );
    const office = as('admin');
    const reader = as('leader');
    const read = (path: string) =>
      call(a, 'GET', path, { session: reader, headers: { 'accept-language': 'en' } });
    const publish = await call(a, 'POST', '/api/rankings/published', {
      session: office,
      body: { period: '2026-W46', asOf: '2026-11-15' },
    });
    expect(publish.status).toBe(201);
    const published = (await publish.json()) as {
      id: number;
      result: { rows: { department: { code: string }; score: number; figures: { registered: number } }[] };
    };
    const top = published.result.rows[0]!;
    // Then the office voids one of the top department's items registered before that week's end: it
    // leaves every figure, of past weeks too, so the live ranking of week 46 has one item fewer there.
    const item = fresh
      .prepare(
        "SELECT i.id, i.version FROM items i JOIN departments d ON d.id = i.department_id WHERE d.code = ? AND i.registered_at < '2026-11-16' AND i.voided_at IS NULL ORDER BY i.id LIMIT 1",
      )
      .get(top.department.code) as { id: number; version: number };
    const voided = await call(a, 'POST', `/api/items/${item.id}/void`, {
      session: office,
      body: { version: item.version, reason: '重复登记' },
    });
    expect(voided.status).toBe(200);
    const csvRow = async (path: string) => {
      const res = await read(path);
      expect(res.status, path).toBe(200);
      const [header, ...rows] = parseCsv(await res.text());
      const row = rows.find((r) => r[3] === top.department.code)!;
      return { registered: Number(row[header!.indexOf('Registered')]), score: Number(row[6]), res };
    };
    const live = await csvRow('/api/exports/ranking.csv?asOf=2026-11-15');
    expect(live.registered).toBe(top.figures.registered - 1);

    const frozen = await csvRow(`/api/exports/ranking.csv?published=${published.id}`);
    expect(frozen.registered).toBe(top.figures.registered);
    expect(frozen.score).toBe(top.score);
    // Named by the week's last day, as the live ranking of that week.
    expect(frozen.res.headers.get('content-disposition')).toContain('filename="ranking-2026-11-15.csv"');

    const xlsx = await read(`/api/exports/ranking.xlsx?published=${published.id}&lang=zh-CN`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect([1, 2, 3, 4].map((n) => book.worksheets[0]!.getRow(n).getCell(1).value)).toEqual([
      '示范县各部门整改销号综合排名',
      '统计截至2026年11月15日，与2026年11月8日比较；评分方案“默认方案”第1版',
      '范围：全部事项',
      '2026年第46周发布的排名，此后数据变化不影响本排名',
    ]);

    // A published ranking is its own moment and scope; an unknown one is named.
    const mixed = await read(`/api/exports/ranking.csv?published=${published.id}&asOf=2026-11-15`);
    expect(mixed.status).toBe(400);
    expect(((await mixed.json()) as { error: { details: unknown } }).error.details).toEqual({
      field: 'published',
    });
    const unknown = await read('/api/exports/ranking.csv?published=999');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { details: unknown } }).error.details).toEqual({
      field: 'published',
    });
  });
});

describe('exported sheets as Excel shows and prints them', () => {
  const db = demoDb({ items: 400 });
  const app = createApp({ db, clock: fixedClock(NOW) });
  const leader = openSession(
    db,
    db.prepare("SELECT id FROM users WHERE username = 'leader'").pluck().get() as number,
  );
  const sheetOf = async (path: string) => {
    const res = await call(app, 'GET', path, { session: leader });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    return book.worksheets[0]!;
  };

  it('print across the page, every column on it, the header row on every page, the page number at the foot', async () => {
    for (const [path, paperSize, header, footer] of [
      // The ledger's thirty columns on A3 (8), under its two title rows.
      ['/api/exports/items.xlsx?lang=zh-CN', 8, '3:3', '&C第 &P 页，共 &N 页'],
      // The ranking on A4 (9), under its three.
      ['/api/exports/ranking.xlsx?lang=en', 9, '4:4', '&CPage &P of &N'],
      ['/api/exports/figure-items.xlsx?figure=overdue&lang=zh-CN', 9, '4:4', '&C第 &P 页，共 &N 页'],
    ] as const) {
      const sheet = await sheetOf(path);
      expect(sheet.pageSetup, path).toMatchObject({
        orientation: 'landscape',
        paperSize,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: header,
      });
      expect(sheet.headerFooter.oddFooter, path).toBe(footer);
    }
  });

  it("wrap the ledger's long texts within their columns, and nothing else", async () => {
    const sheet = await sheetOf('/api/exports/items.xlsx?lang=zh-CN');
    const header = sheet.getRow(3).values as string[];
    const wrapped = header.filter((_, i) => sheet.getRow(4).getCell(i).alignment?.wrapText === true);
    expect(wrapped).toEqual(['问题名称', '问题描述', '整改措施', '整改佐证', '最新整改进展']);
    // New rows an office types in those columns wrap too: the column carries it.
    expect(sheet.getColumn(header.indexOf('整改措施')).alignment).toEqual({
      wrapText: true,
      vertical: 'top',
    });
  });

  it("offer the ledger's words as a drop-down in its status, source, type and mode columns, other words allowed", async () => {
    const sheet = await sheetOf('/api/exports/items.xlsx?status=closed&lang=zh-CN');
    const header = sheet.getRow(3).values as string[];
    const rows = sheet.rowCount - 3;
    const listOf = (name: string, row: number) =>
      sheet.getRow(row).getCell(header.indexOf(name)).dataValidation;
    const status = {
      type: 'list',
      allowBlank: true,
      formulae: ['"已登记,已交办,整改中,已整改待验收,已销号"'],
      showErrorMessage: true,
      errorStyle: 'information',
      errorTitle: '整改状态',
      error: '请从下拉列表中选择：已登记、已交办、整改中、已整改待验收、已销号（导入也认得常用的其他说法）',
    };
    // Every row of the table and the thousand below it, for rows the office adds; not the header.
    expect(listOf('整改状态', 4)).toEqual(status);
    expect(listOf('整改状态', 3 + rows + 1000)).toEqual(status);
    expect(listOf('整改状态', 3 + rows + 1001)).toBeUndefined();
    expect(listOf('整改状态', 3)).toBeUndefined();
    expect(listOf('问题来源', 4)?.formulae).toEqual(['"巡视反馈,自查排查,群众反映,督查检查,回头看,热线"']);
    expect(listOf('整改类型', 4)?.formulae).toEqual(['"立查立改,分阶段整改,长期坚持"']);
    expect(listOf('办理方式', 4)?.formulae).toEqual(['"立即办,主动办,上门办,跟踪办,公开办"']);
    // The lead departments (the active ones: a deactivated one takes no item), too many to write in
    // the rule, are listed on a hidden sheet the rule points to.
    const active = db
      .prepare(
        'SELECT d.name_zh FROM departments d JOIN peer_groups g ON g.id = d.peer_group_id WHERE d.active = 1 ORDER BY g.sort_order, d.code',
      )
      .pluck()
      .all() as string[];
    expect(active.length).toBeGreaterThan(30);
    expect(listOf('牵头部门', 4)).toMatchObject({
      type: 'list',
      formulae: [`'下拉选项'!$A$1:$A$${active.length}`],
      errorStyle: 'information',
      error: '请从下拉列表中选择（导入也认得常用的其他说法）',
    });
    const lists = sheet.workbook.getWorksheet('下拉选项')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getColumn(1).values.slice(1)).toEqual(active);
    expect(sheet.workbook.worksheets.map((w) => w.name)).toEqual(['台账', '下拉选项']);
    const en = await sheetOf('/api/exports/items.xlsx?status=closed&lang=en');
    const enHeader = en.getRow(3).values as string[];
    // The statuses as the app names them; one has a comma, so the list is on the sheet of lists, and the
    // message tells the words apart by semicolons.
    const statusRule = en.getRow(4).getCell(enHeader.indexOf('Status')).dataValidation;
    expect(statusRule?.formulae).toEqual(["'Lists'!$B$1:$B$5"]);
    expect(en.workbook.getWorksheet('Lists')!.getColumn(2).values.slice(1)).toEqual([
      'Registered',
      'Assigned',
      'In progress',
      'Rectified, awaiting verification',
      'Closed',
    ]);
    expect(statusRule?.error).toBe(
      'Choose from the list: Registered; Assigned; In progress; Rectified, awaiting verification; Closed (import also reads the usual other words)',
    );
    expect(en.getRow(4).getCell(enHeader.indexOf('Status')).value).toBe('Closed');
  });

  it('show a rank change as the ranking does (▲3, ▼2, ＝) and a score change with its sign, as numbers', async () => {
    const ranking = (await (
      await call(app, 'GET', '/api/figures/ranking?campaign=C-EFFICIENCY', { session: leader })
    ).json()) as {
      rows: { overallRankChange: number | null; scoreChange: number | null; ranked: boolean }[];
    };
    const sheet = await sheetOf('/api/exports/ranking.xlsx?campaign=C-EFFICIENCY&lang=zh-CN');
    expect(sheet.getRow(4).getCell(2).value).toBe('较上期名次变化');
    expect(sheet.getRow(4).getCell(8).value).toBe('得分变化');
    const moves = ranking.rows.map((_, i) => sheet.getRow(5 + i).getCell(2));
    // A department ranked now and not the time before is 新进, as the ranking table says.
    expect(ranking.rows.some((r) => r.ranked && r.overallRankChange === null)).toBe(true);
    expect(moves.map((c) => c.value)).toEqual(
      ranking.rows.map((r) => r.overallRankChange ?? (r.ranked ? '新进' : null)),
    );
    const numbers = moves.filter((c) => typeof c.value === 'number');
    expect(numbers.length).toBeGreaterThan(10);
    expect(new Set(numbers.map((c) => c.numFmt))).toEqual(new Set(['"▲"0;"▼"0;"＝"']));
    const scores = ranking.rows.map((_, i) => sheet.getRow(5 + i).getCell(8));
    expect(scores.map((c) => c.value)).toEqual(ranking.rows.map((r) => r.scoreChange));
    expect(new Set(scores.filter((c) => c.value !== null).map((c) => c.numFmt))).toEqual(
      new Set(['+0.00;-0.00;0.00']),
    );
    // The score and the points lost to their 0.01, as the views show them: 86.90 and −3.00, not 86.9 and 3.0.
    const header = sheet.getRow(4).values as string[];
    const formats = (title: string) =>
      new Set(ranking.rows.map((_, i) => sheet.getRow(5 + i).getCell(header.indexOf(title)).numFmt));
    expect(formats('得分')).toEqual(new Set(['0.00']));
    expect(formats('失分：销号率')).toEqual(new Set(['0.00']));
    expect(formats('失分：民主评议')).toEqual(new Set(['0.00']));
  });
});

describe('GET /api/exports/figure-items', () => {
  const db = demoDb({ items: 400 });
  const app = createApp({ db, clock: fixedClock(NOW) });
  const leader = openSession(
    db,
    db.prepare("SELECT id FROM users WHERE username = 'leader'").pluck().get() as number,
  );
  const get = (path: string, lang = 'zh-CN') =>
    call(app, 'GET', path, { session: leader, headers: { 'accept-language': lang } });

  it("writes a figure's items as its panel lists them, headed by what they are", async () => {
    // The department with the most overdue items.
    const ranking = (await (await get('/api/figures/ranking')).json()) as {
      rows: { department: { code: string; nameZh: string }; figures: { overdue: number } }[];
    };
    const { department } = ranking.rows.reduce((a, b) => (b.figures.overdue > a.figures.overdue ? b : a));
    const listed = (await (
      await get(`/api/figures/items?figure=overdue&department=${department.code}&pageSize=500`)
    ).json()) as {
      total: number;
      items: { ledgerCode: string; daysOverdue: number }[];
    };
    expect(listed.total).toBeGreaterThan(1);
    const csvRes = await get(`/api/exports/figure-items.csv?figure=overdue&department=${department.code}`);
    expect(csvRes.headers.get('content-disposition')).toBe(
      `attachment; filename="Overdue-2026-11-20.csv"; filename*=UTF-8''${encodeURIComponent('逾期未销号-2026-11-20.csv')}`,
    );
    const [header, ...rows] = parseCsv(await csvRes.text());
    expect(header![0]).toBe('台账编号');
    const days = header!.indexOf('逾期天数');
    expect(rows.map((r) => [r[0], Number(r[days])])).toEqual(
      listed.items.map((i) => [i.ledgerCode, i.daysOverdue]),
    );

    const xlsxRes = await get(`/api/exports/figure-items.xlsx?figure=overdue&department=${department.code}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsxRes.arrayBuffer());
    const sheet = book.getWorksheet('逾期未销号')!;
    expect([1, 2, 3].map((n) => sheet.getRow(n).getCell(1).value)).toEqual([
      '示范县逾期未销号（截至2026年11月20日 10:00）',
      `逾期未销号的事项 · 共${listed.total}个`,
      `牵头部门：${department.nameZh}`,
    ]);
    expect(sheet.getRow(4).getCell(1).value).toBe('台账编号');
    expect(sheet.rowCount).toBe(listed.total + 4);
  });

  it('names the part and the earlier moment of a change figure, in English too', async () => {
    const res = await get(
      '/api/exports/figure-items.xlsx?figure=closureRate&part=denominator&since=2026-11-01',
      'en',
    );
    // closureRate compares no two moments: refused as the figures API refuses it.
    expect(res.status).toBe(400);
    const changed = await get('/api/exports/figure-items.xlsx?figure=newlyClosed&since=2026-11-01', 'en');
    expect(changed.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await changed.arrayBuffer());
    const title = book.worksheets[0]!.getRow(1).getCell(1).value as string;
    expect(title).toMatch(/^Demo County: Newly closed \(Nov 1, 2026 to Nov 20, 2026, 10:00\)$/);
    const denominator = await get('/api/exports/figure-items.csv?figure=closureRate&part=denominator', 'en');
    const [header, ...rows] = parseCsv(await denominator.text());
    expect(header![0]).toBe('Ledger code');
    const registered = (await (await get('/api/figures/summary', 'en')).json()) as {
      figures: { registered: number };
    };
    expect(rows.length).toBe(registered.figures.registered);
  });

  it('names every part of the scope it was given, the registration period too', async () => {
    const res = await get(
      '/api/exports/figure-items.xlsx?figure=registered&campaign=C-EFFICIENCY&registeredFrom=2026-01-01&registeredTo=2026-06-30',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets[0]!.getRow(3).getCell(1).value).toBe(
      '专项活动：行政效能提升年；登记时间：2026年1月1日至2026年6月30日',
    );
  });

  it('refuses what the figures API refuses', async () => {
    expect((await get('/api/exports/figure-items.csv?figure=nope')).status).toBe(400);
    expect((await get('/api/exports/figure-items.csv?figure=overdue&part=denominator')).status).toBe(400);
    expect((await get('/api/exports/figure-items.csv?figure=overdue&department=D99')).status).toBe(404);
  });
});

describe("the ranking export's note on a department not ranked", () => {
  const note = (lang: 'zh-CN' | 'en', due: number) => {
    const column = rankingColumns(lang, 5).find((c) => c.header.en === 'Note')!;
    return column.value({ ranked: false, figures: { due } } as Parameters<typeof column.value>[0]);
  };

  it('says how many items were due and how many are needed, in either language', () => {
    expect(note('en', 1)).toBe('Not ranked: 1 due item, 5 needed');
    expect(note('en', 3)).toBe('Not ranked: 3 due items, 5 needed');
    expect(note('zh-CN', 1)).toBe('不参与排名：已到期1个，需至少5个');
  });
});

describe("the ranking export's figures with nothing to divide by", () => {
  it('writes "—" as every view shows it, never an empty cell nor 0%, in csv and xlsx', async () => {
    // A department with nothing registered, due or closed: every rate's denominator is zero.
    const columns = rankingColumns('en', 5);
    type Row = Parameters<(typeof columns)[number]['value']>[0];
    const row = {
      ranked: false,
      rank: null,
      overallRank: null,
      overallRankChange: null,
      score: 0,
      scoreChange: null,
      department: { code: 'D09', nameEn: 'Archives', nameZh: '档案馆', peerGroupEn: 'G', peerGroupZh: 'G' },
      figures: {
        registered: 0,
        closed: 0,
        closureRate: null,
        due: 0,
        onTimeRate: null,
        overdue: 0,
        overdueShare: null,
        timeToClose: { medianDays: null },
        reopenRate: null,
      },
      lost: {},
    } as unknown as Row;
    const figures = ['Closure rate', 'On-time rate', 'Overdue share', 'Median days to close', 'Reopen rate'];
    const write = async (format: 'csv' | 'xlsx') => {
      const out = new PassThrough();
      const chunks: Buffer[] = [];
      out.on('data', (c: Buffer) => chunks.push(c));
      await writeExport([row], columns, { format, lang: 'en', out });
      return Buffer.concat(chunks);
    };
    const [header, written] = parseCsv((await write('csv')).toString('utf8'));
    expect(figures.map((f) => written![header!.indexOf(f)])).toEqual(['—', '—', '—', '—', '—']);
    // Counts stay numbers: nothing registered is 0.
    expect(['Registered', 'Due', 'Overdue'].map((f) => written![header!.indexOf(f)])).toEqual([
      '0',
      '0',
      '0',
    ]);
    const book = new ExcelJS.Workbook();
    const xlsx = await write('xlsx');
    await book.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength));
    const sheet = book.worksheets[0]!;
    const cell = (name: string) => sheet.getRow(2).getCell(header!.indexOf(name) + 1).value;
    expect(figures.map(cell)).toEqual(['—', '—', '—', '—', '—']);
    expect(['Registered', 'Due', 'Overdue'].map(cell)).toEqual([0, 0, 0]);
  });
});
