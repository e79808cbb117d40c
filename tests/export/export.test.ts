import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { type ExportItemRow, listItemsForExport, listItemsForExportByIds } from '../../db/queries/export.ts';
import type { Lang } from '../../server/errors.ts';
import { exportItems } from '../../server/export/items.ts';
import { type ExportColumn, type ExportFormat, writeExport } from '../../server/export/table.ts';
import { itemsTitle } from '../../server/export/titles.ts';
import { commitImport, dryRunImport } from '../../server/import/index.ts';
import { demoDb } from '../helpers/db.ts';
import { CLI_ACTOR, countyDb, OPTIONS, tempDir } from '../import/fixtures.ts';
import { brokenInvariants } from '../import/invariants.ts';

async function collect(write: (out: PassThrough) => Promise<unknown>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await write(out);
  return Buffer.concat(chunks);
}

async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

interface Rank {
  rank: number | null;
  department: string;
  score: number;
  onTime: number | null;
  note: string;
  asOf: string;
}
const RANKING: Rank[] = [
  {
    rank: 1,
    department: '县纪委监委',
    score: 96.5,
    onTime: 0.953,
    note: '=HYPERLINK("http://x","click")',
    asOf: '2023-05-31',
  },
  { rank: 2, department: '+县教育局', score: 88, onTime: 0.8, note: '-1+2', asOf: '2023-05-31' },
  {
    rank: null,
    department: '@县档案馆',
    score: 0,
    onTime: null,
    note: '\tcmd|/c calc',
    asOf: '2023-05-31T12:00:07',
  },
  { rank: 4, department: '县财政局', score: 70.25, onTime: 0.5, note: "'quoted", asOf: '2023-05-31' },
  { rank: 5, department: '县统计局', score: 60, onTime: 0.25, note: '\rline', asOf: '2023-05-31' },
];
const RANK_COLUMNS: ExportColumn<Rank>[] = [
  { header: { zh: '排名', en: 'Rank' }, type: 'integer', value: (r) => r.rank },
  { header: { zh: '单位', en: 'Department' }, type: 'text', width: 24, value: (r) => r.department },
  { header: { zh: '得分', en: 'Score' }, type: 'number', value: (r) => r.score },
  { header: { zh: '按期办结率', en: 'On-time rate' }, type: 'percent', value: (r) => r.onTime },
  { header: { zh: '说明', en: 'Note' }, type: 'text', value: (r) => r.note },
  { header: { zh: '截至', en: 'As of' }, type: 'date', value: (r) => r.asOf },
];

describe('ranking export', () => {
  it('writes xlsx with a styled frozen header, widths, numbers, percents and real dates', async () => {
    const bytes = await collect((out) =>
      writeExport(RANKING, RANK_COLUMNS, { format: 'xlsx', lang: 'zh-CN', out }),
    );
    const sheet = await readXlsx(bytes);
    expect(sheet.getRow(1).values).toEqual([undefined, '排名', '单位', '得分', '按期办结率', '说明', '截至']);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A1').fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFE5E7EB' } });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(24);
    expect(sheet.getCell('A2').value).toBe(1);
    expect(sheet.getCell('C2').value).toBe(96.5);
    expect(sheet.getCell('D2').value).toBe(0.953);
    expect(sheet.getCell('D2').numFmt).toBe('0.0%');
    expect(sheet.getCell('F2').value).toEqual(new Date(Date.UTC(2023, 4, 31)));
    expect(sheet.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    // Shown to the minute, as the pages show times; the value keeps its seconds for an import back.
    expect(sheet.getCell('F4').value).toEqual(new Date(Date.UTC(2023, 4, 31, 12, 0, 7)));
    expect(sheet.getCell('F4').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getCell('A4').value).toBeNull();
  });

  it('neutralises formula-like text in xlsx', async () => {
    const bytes = await collect((out) =>
      writeExport(RANKING, RANK_COLUMNS, { format: 'xlsx', lang: 'en', out }),
    );
    const sheet = await readXlsx(bytes);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Rank',
      'Department',
      'Score',
      'On-time rate',
      'Note',
      'As of',
    ]);
    // (XML turns the stored CR into a line feed when read; the quote before it is what matters.)
    expect(sheet.getColumn(5).values.slice(2)).toEqual([
      `'=HYPERLINK("http://x","click")`,
      "'-1+2",
      "'\tcmd|/c calc",
      "''quoted",
      "'\nline",
    ]);
    expect(sheet.getColumn(2).values.slice(2)).toEqual([
      '县纪委监委',
      "'+县教育局",
      "'@县档案馆",
      '县财政局',
      '县统计局',
    ]);
    // No cell is a formula.
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      });
    });
  });

  it('lists choices with a double quote on the sheet of lists, never inside the rule, where it would end the text', async () => {
    // A department named with quotes ("四风" is a common phrase): written inline, the rule's text would
    // read "县"四风"整治办,县财政局" and Excel would have to repair the file, dropping the list.
    const column: ExportColumn<Rank> = {
      header: { zh: '单位', en: 'Department' },
      type: 'text',
      value: (r) => r.department,
      choices: [
        { zh: '县"四风"整治办', en: '"Four Winds" Office' },
        { zh: '县财政局', en: 'Finance Bureau' },
      ],
    };
    const bytes = await collect((out) =>
      writeExport(RANKING, [column], { format: 'xlsx', lang: 'zh-CN', out }),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rule = workbook.worksheets[0]!.getRow(2).getCell(1).dataValidation;
    expect(rule?.formulae).toEqual(["'下拉选项'!$A$1:$A$2"]);
    expect(workbook.getWorksheet('下拉选项')!.getColumn(1).values.slice(1)).toEqual([
      '县"四风"整治办',
      '县财政局',
    ]);
  });

  it('writes csv in UTF-8 with a BOM, neutralised and quoted', async () => {
    const bytes = await collect((out) =>
      writeExport(RANKING, RANK_COLUMNS, { format: 'csv', lang: 'zh-CN', out }),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('排名,单位,得分,按期办结率,说明,截至');
    expect(lines[1]).toBe(`1,县纪委监委,96.5,95.3%,"'=HYPERLINK(""http://x"",""click"")",2023-05-31`);
    expect(lines[2]).toBe("2,'+县教育局,88,80%,'-1+2,2023-05-31");
    expect(lines[3]).toBe(",'@县档案馆,0,,'\tcmd|/c calc,2023-05-31 12:00:07");
    expect(lines[4]).toBe("4,县财政局,70.25,50%,''quoted,2023-05-31");
    expect(lines[5]).toBe(`5,县统计局,60,25%,"'\rline",2023-05-31`);
  });

  it('writes a rate in csv rounded as the views show it, half up on its decimal value', async () => {
    // 201 of 400 on time is 50.25%: the ranking page shows 50.3% (as Excel does the xlsx's 0.0%).
    const rows = [
      { ...RANKING[0]!, onTime: 201 / 400 },
      { ...RANKING[0]!, onTime: 63 / 80 },
    ];
    const bytes = await collect((out) => writeExport(rows, RANK_COLUMNS, { format: 'csv', lang: 'en', out }));
    const cells = bytes
      .subarray(3)
      .toString('utf8')
      .split('\r\n')
      .slice(1, 3)
      .map((line) => line.split(',')[3]);
    expect(cells).toEqual(['50.3%', '78.8%']);
  });
});

const FIELDS = `i.ledger_code, i.title, i.description, c.code AS campaign, dm.code AS domain, i.source, d.code AS department,
  (SELECT group_concat(code, ',') FROM (SELECT pd.code FROM item_departments p JOIN departments pd ON pd.id = p.department_id
     WHERE p.item_id = i.id ORDER BY pd.code)) AS participants,
  i.responsible_person, i.registered_at, i.assigned_at, i.rectification_type, i.handling_mode, i.measures,
  i.original_deadline, i.original_deadline_end, i.deadline, i.deadline_end, i.status, i.first_response_at,
  i.rectified_at, i.evidence, i.closed_at, i.extension_count`;

/** Every exported field of every item, by ledger code, with codes instead of ids. */
function items(db: Db) {
  return db
    .prepare(
      `SELECT ${FIELDS} FROM items i JOIN campaigns c ON c.id = i.campaign_id LEFT JOIN domains dm ON dm.id = i.domain_id
       LEFT JOIN departments d ON d.id = i.department_id WHERE i.voided_at IS NULL ORDER BY i.ledger_code`,
    )
    .all();
}

describe('export → import', () => {
  const source = demoDb({ items: 400 });
  // Formula-like and quoted text survives the trip too.
  source.exec(`UPDATE items SET title = '=1+2 ' || title WHERE id = 3;
               UPDATE items SET measures = '-先整改后销号' WHERE id = 4;
               UPDATE items SET description = '''引号开头' WHERE id = 5;
               UPDATE items SET evidence = '@附件' WHERE id = 6;
               INSERT INTO progress_notes (item_id, noted_at, author_name, note)
                 VALUES (7, '2026-11-18T09:00:00', '县教育局联络员', '整改完成80%，进展顺利')`);
  // (The latest progress column is the export's own: import reads it as nothing, not as a status.)

  it.each([
    ['xlsx', 'zh-CN'],
    ['xlsx', 'en'],
    ['csv', 'zh-CN'],
    ['csv', 'en'],
  ] as [ExportFormat, Lang][])('keeps every field through %s in %s', async (format, lang) => {
    const dir = tempDir();
    const file = path.join(dir, `ledger.${format}`);
    const out = fs.createWriteStream(file);
    // As the server writes it: title rows (xlsx), and the light and days overdue as of a moment.
    const ids = [...listItemsForExport(source)].map((r) => r.id);
    const at = { now: '2026-11-20T16:00:00', warn: '2026-11-27T16:00:00' };
    const title = itemsTitle(source, lang, {}, ids.length, at.now);
    const written = await exportItems(listItemsForExportByIds(source, ids, at), { format, lang, out, title });
    expect(written.rows).toBe(items(source).length);

    const target = countyDb();
    const result = await commitImport(
      target,
      { name: `ledger.${format}`, path: file },
      { ...OPTIONS, campaign: undefined, actor: CLI_ACTOR },
    );
    expect(result.report.summary.reject).toBe(0);
    expect(result.committed).toBe(true);
    expect(items(target)).toEqual(items(source));
    expect(brokenInvariants(target)).toEqual({});

    // And again: nothing changes.
    const again = await commitImport(
      target,
      { name: `ledger.${format}`, path: file },
      { ...OPTIONS, campaign: undefined, actor: CLI_ACTOR },
    );
    expect(again.report.summary).toMatchObject({ create: 0, update: 0, reject: 0 });
  });
});

describe('export → Excel → import', () => {
  it('finds every item unchanged in the CSV Excel saves back: its times to the minute, its days with slashes, in GBK with ? for what GBK cannot hold', async () => {
    const db = demoDb({ items: 300 });
    // The demo's times have seconds (a registration at 15:10:44), which Excel does not show.
    // Text GBK cannot hold: a bullet, m², a non-breaking space pasted from a web page, a rare name.
    const gbkless = [...listItemsForExport(db)].slice(1, 5).map((r) => r.id);
    db.exec(`UPDATE items SET title = title || '•重点' WHERE id = ${gbkless[0]};
             UPDATE items SET measures = '改造场地200m²' WHERE id = ${gbkless[1]};
             UPDATE items SET description = '见通知 第3条' WHERE id = ${gbkless[2]};
             UPDATE items SET responsible_person = '张𠮷' WHERE id = ${gbkless[3]}`);
    const first = db
      .prepare('SELECT ledger_code AS code, registered_at AS at FROM items WHERE id = 1')
      .get() as {
      code: string;
      at: string;
    };
    expect(first.at.slice(17)).not.toBe('00');
    const ids = [...listItemsForExport(db)].map((r) => r.id);
    const at = { now: '2026-11-20T16:00:00', warn: '2026-11-27T16:00:00' };
    const bytes = await collect((out) =>
      exportItems(listItemsForExportByIds(db, ids, at), { format: 'csv', lang: 'zh-CN', out }),
    );
    const exported = bytes.subarray(3).toString('utf8');
    expect(exported).toContain(`,${first.at.replace('T', ' ')},`);
    // Excel shows a time to the minute (2026/1/15 15:10) and a day as 2026/1/15, and saves what it
    // shows, in the Windows code page (GBK).
    const resaved = exported
      .replace(
        /(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):\d\d/g,
        (_, y, m, d, h, min) => `${y}/${Number(m)}/${Number(d)} ${Number(h)}:${min}`,
      )
      .replace(/(\d{4})-(\d\d)-(\d\d)/g, (_, y, m, d) => `${y}/${Number(m)}/${Number(d)}`);
    const [y, m, d] = first.at.slice(0, 10).split('-').map(Number);
    expect(resaved).toContain(`,${y}/${m}/${d} ${Number(first.at.slice(11, 13))}:${first.at.slice(14, 16)},`);
    expect(resaved).not.toMatch(/\d:\d\d:\d\d/);
    const closed = db
      .prepare(
        `SELECT COUNT(*) AS n FROM items WHERE status = 'closed' AND voided_at IS NULL AND closed_at NOT LIKE '%:00'`,
      )
      .get() as { n: number };
    expect(closed.n).toBeGreaterThan(10); // closures with seconds, which the sheet no longer has
    const report = await dryRunImport(
      db,
      { name: '台账.csv', bytes: iconv.encode(resaved, 'gbk') },
      { ...OPTIONS, campaign: undefined },
    );
    expect(report.file.encoding).toBe('gb18030');
    // Excel wrote ? for each character GBK does not hold.
    const gbk = iconv.decode(iconv.encode(resaved, 'gbk'), 'gbk');
    for (const text of ['?重点', '改造场地200m?', '见通知?第3条', '张?']) expect(gbk).toContain(text);
    expect(report.summary).toEqual({
      rows: ids.length,
      create: 0,
      update: 0,
      unchanged: ids.length,
      reject: 0,
      skip: 0,
    });
  });
});

describe('listItemsForExport', () => {
  const db = demoDb({ items: 300 });
  const all = [...listItemsForExport(db)];
  const sql = (where: string) =>
    (
      db.prepare(`SELECT COUNT(*) AS n FROM items i WHERE voided_at IS NULL AND ${where}`).get() as {
        n: number;
      }
    ).n;

  it('filters by campaign, department, status and source and leaves voided items out', () => {
    expect(all.length).toBe(sql('1'));
    expect([...listItemsForExport(db, { campaign: 'C-EFFICIENCY' })].length).toBe(
      sql("campaign_id = (SELECT id FROM campaigns WHERE code = 'C-EFFICIENCY')"),
    );
    expect([...listItemsForExport(db, { department: 'D21', status: 'closed' })].length).toBe(
      sql("department_id = (SELECT id FROM departments WHERE code = 'D21') AND status = 'closed'"),
    );
    expect(
      [...listItemsForExport(db, { source: 'hotline' })].every((r: ExportItemRow) => r.source === 'hotline'),
    ).toBe(true);
    expect([...listItemsForExport(db, { includeVoided: true })].length).toBe(
      (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n,
    );
  });

  it("carries each item's latest progress note and when it was reported, none for an item without", () => {
    const [first, second] = all;
    // (The demo reports progress on many items: these two start without.)
    db.prepare('DELETE FROM progress_notes WHERE item_id IN (?, ?)').run(first!.id, second!.id);
    const note = db.prepare(
      "INSERT INTO progress_notes (item_id, noted_at, author_name, note) VALUES (?, ?, '县教育局联络员', ?)",
    );
    // Reported out of order: the latest is the one with the latest moment, not the last written.
    note.run(first!.id, '2026-11-18T09:00:00', '已完成排查，正在制定方案');
    note.run(first!.id, '2026-11-10T09:00:00', '已成立工作专班');
    const [a, b] = [...listItemsForExport(db)];
    expect([a!.latestProgress, a!.latestProgressAt]).toEqual([
      '已完成排查，正在制定方案',
      '2026-11-18T09:00:00',
    ]);
    expect([b!.id, b!.latestProgress, b!.latestProgressAt]).toEqual([second!.id, null, null]);
  });

  it('pages through large lists in id order', () => {
    const big = demoDb({ items: 2300 });
    const ids = [...listItemsForExport(big, { includeVoided: true })].map((r) => r.id);
    expect(ids.length).toBe((big.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});
