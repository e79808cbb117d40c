import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../server/errors.ts';
import { dryRunImport } from '../../server/import/index.ts';
import { openTable, type RawRow } from '../../server/import/read.ts';
import { plain, zip } from '../helpers/zip.ts';
import { countyDb, csv, OPTIONS, tempDir, xlsx } from './fixtures.ts';

async function rows(table: { rows: AsyncIterable<RawRow[]> }): Promise<RawRow[]> {
  const all: RawRow[] = [];
  for await (const batch of table.rows) all.push(...batch);
  return all;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Rewrites the uncompressed size the zip's central directory gives for one part. */
function forgeDeclaredSize(zip: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (
    let at = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    at >= 0;
    at = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at - 1)
  ) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === part) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
  }
  throw new Error(`no ${part}`);
}

describe('reading xlsx', () => {
  it('keeps Chinese text whole across the reader’s chunk boundaries', async () => {
    const titles = Array.from(
      { length: 3000 },
      (_, i) => `第${i}个问题：学校违规收取资料费、教师有偿补课、择校热（城关镇）`,
    );
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['问题名称', '牵头单位']);
      for (const t of titles) sheet.addRow([t, '县教育局']);
    });
    const read = await rows(await openTable({ name: 'big.xlsx', bytes }));
    expect(read.slice(1).map((r) => r.cells[0])).toEqual(titles);
    expect(read.some((r) => String(r.cells[0]).includes('\ufffd'))).toBe(false);
  });

  it('fills merged cells with their top-left value and reports the row numbers the user sees', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.getCell('A1').value = '标题';
      sheet.mergeCells('A1:C1');
      sheet.getCell('A3').value = '县教育局';
      sheet.getCell('B3').value = '甲';
      sheet.getCell('B4').value = '乙';
      sheet.getCell('B5').value = '丙';
      sheet.mergeCells('A3:A5');
    });
    const read = await rows(await openTable({ name: 'm.xlsx', bytes }));
    expect(read.map((r) => [r.row, r.cells.slice(0, 3)])).toEqual([
      [1, ['标题', '标题', '标题']],
      [3, ['县教育局', '甲']],
      [4, ['县教育局', '乙']],
      [5, ['县教育局', '丙']],
    ]);
  });

  it('reads date cells as text, with the time when the format shows one, and formulas as their result', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow([
        new Date(Date.UTC(2023, 4, 31)),
        new Date(Date.UTC(2023, 4, 31, 14, 30)),
        new Date(Date.UTC(2023, 4, 31)),
        45077,
      ]);
      sheet.getCell('A1').numFmt = 'yyyy"年"m"月"d"日"';
      sheet.getCell('B1').numFmt = 'yyyy-mm-dd hh:mm';
      sheet.getCell('C1').numFmt = 'yyyy-mm-dd hh:mm';
      sheet.getCell('E1').value = { formula: 'A1+1', result: 45078 };
      sheet.getCell('E1').numFmt = 'yyyy-mm-dd';
      sheet.getCell('F1').value = { richText: [{ text: '县' }, { text: '教育局', font: { bold: true } }] };
    });
    const [row] = await rows(await openTable({ name: 'd.xlsx', bytes }));
    expect(row!.cells).toEqual([
      '2023-05-31',
      '2023-05-31 14:30:00',
      '2023-05-31 00:00:00',
      45077,
      '2023-06-01',
      '县教育局',
    ]);
  });

  it('reads a number as its format shows it when the format pads it with zeros (ledger codes)', async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow([1, 2, 3, 4, 5.5, 7]);
      sheet.getCell('A1').numFmt = '000';
      sheet.getCell('B1').numFmt = '"JY-"000';
      sheet.getCell('C1').numFmt = '\\A0000"号"';
      sheet.getCell('D1').numFmt = '#,##0';
      sheet.getCell('E1').numFmt = '000';
    });
    const [row] = await rows(await openTable({ name: 'c.xlsx', bytes }));
    // Only zeros and fixed text: a thousands format or a fraction stays a number.
    expect(row!.cells).toEqual(['001', 'JY-002', 'A0003号', 4, 5.5, 7]);
  });

  it('reads the first visible sheet, or the one named', async () => {
    const bytes = await xlsx((sheet, workbook) => {
      sheet.state = 'hidden';
      sheet.addRow(['隐藏']);
      workbook.addWorksheet('说明').addRow(['填表说明']);
      workbook.addWorksheet('台账2').addRow(['问题名称', '牵头单位']);
    }, '隐藏表');
    const first = await openTable({ name: 's.xlsx', bytes });
    expect(first.info).toMatchObject({ sheet: '说明', sheets: ['隐藏表', '说明', '台账2'] });
    expect((await rows(first))[0]!.cells).toEqual(['填表说明']);
    const named = await openTable({ name: 's.xlsx', bytes }, { sheet: '台账2' });
    expect((await rows(named))[0]!.cells).toEqual(['问题名称', '牵头单位']);
    const missing = await refusal(openTable({ name: 's.xlsx', bytes }, { sheet: '没有' }));
    expect(missing.code).toBe('import_sheet_not_found');
    expect(missing.text.zh).toContain('隐藏表、说明、台账2');
  });

  it('skips sheets without a stray error, however fast it moves on', async () => {
    // exceljs's reader, used before server/import/xlsx.ts, parked sheets that came before the shared
    // strings in temporary files and deleted each as it moved on: an uncaught ENOENT in about one read
    // in eight. Kept: reading and refusing again and again leaves nothing behind.
    const bytes = await xlsx((sheet, workbook) => {
      sheet.state = 'hidden';
      sheet.addRow(['隐藏']);
      workbook.addWorksheet('说明').addRow(['填表说明']);
    }, '隐藏表');
    const stray: unknown[] = [];
    const record = (error: unknown) => stray.push(error);
    process.on('uncaughtException', record);
    try {
      for (let i = 0; i < 60; i++) {
        expect((await refusal(openTable({ name: 's.xlsx', bytes }, { sheet: '没有' }))).code).toBe(
          'import_sheet_not_found',
        );
        expect((await rows(await openTable({ name: 's.xlsx', bytes })))[0]!.cells).toEqual(['填表说明']);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      process.off('uncaughtException', record);
    }
    expect(stray).toEqual([]);
  });

  it('reads a file given by path', async () => {
    const file = path.join(tempDir(), 'p.xlsx');
    fs.writeFileSync(file, await xlsx((sheet) => sheet.addRow(['问题名称'])));
    expect((await rows(await openTable({ name: 'p.xlsx', path: file })))[0]!.cells).toEqual(['问题名称']);
  });
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook written by hand, part by part: what other programs than exceljs write (Excel in
 * Chinese, WPS, generators), such as prefixed elements, inline strings and cells without references.
 */
function handWritten(parts: {
  sheets: { name: string; state?: string; target: string; type?: string }[];
  date1904?: boolean;
  styles?: string;
  strings?: string;
  /** Where the styles go: the relationships name the part. */
  stylesPart?: string;
  files: Record<string, string>;
}): Buffer {
  const stylesPart = parts.stylesPart ?? 'xl/styles.xml';
  const sheets = parts.sheets
    .map(
      (s, i) =>
        `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
    )
    .join('');
  const rels = parts.sheets
    .map(
      (s, i) =>
        `<Relationship Id="rId${i + 1}" Type="${RELS}/${s.type ?? 'worksheet'}" Target="${s.target}"/>`,
    )
    .join('')
    .concat(
      `<Relationship Id="rIdStyles" Type="${RELS}/styles" Target="/${stylesPart}"/>`,
      `<Relationship Id="rIdStrings" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
  return zip([
    plain(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${RELS}">${parts.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${sheets}</sheets></workbook>`,
    ),
    plain(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
    ),
    ...(parts.styles ? [plain(stylesPart, `<styleSheet xmlns="${MAIN}">${parts.styles}</styleSheet>`)] : []),
    ...(parts.strings ? [plain('xl/sharedStrings.xml', `<sst xmlns="${MAIN}">${parts.strings}</sst>`)] : []),
    ...Object.entries(parts.files).map(([name, text]) => plain(name, text)),
  ]);
}

describe('reading xlsx as other programs write it', () => {
  it('reads every kind of cell, built-in Chinese date formats, prefixed elements and cells without references', async () => {
    const bytes = handWritten({
      sheets: [
        { name: '图表', target: 'chartsheets/sheet1.xml', type: 'chartsheet' },
        { name: '台账', target: '/xl/worksheets/data.xml' },
      ],
      // Styles 1–3: built-in 31 (yyyy"年"m"月"d"日", not defined in the file), built-in 14, a custom
      // format with a time. cellStyleXfs' xf elements are not cell styles.
      styles:
        '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d\\ h:mm"/></numFmts>' +
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="31"/><xf numFmtId="14"/><xf numFmtId="176"/></cellXfs>',
      // A rich string with a phonetic run (left out), and a carriage return as Excel escapes it.
      strings:
        '<si><t>问题名称</t></si>' +
        '<si><r><rPr><b/></rPr><t>县</t></r><r><t xml:space="preserve">教育局 </t></r><rPh sb="0" eb="1"><t>xian</t></rPh></si>' +
        '<si><t>第一行_x000D_\n第二行</t></si>',
      files: {
        'xl/worksheets/data.xml':
          `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
          '<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>' +
          // No references: the row follows row 2 and the cells follow each other from A.
          '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c s="1"><x:v>45077</x:v></x:c><x:c s="2"><x:v>45077</x:v></x:c>' +
          '<x:c s="3"><x:v>45077.5</x:v></x:c><x:c s="0"><x:v>45077</x:v></x:c></x:row>' +
          '<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:r><x:t>立行</x:t></x:r><x:r><x:t>立改</x:t></x:r></x:is></x:c>' +
          '<x:c r="B6" t="str"><x:f>A6&amp;"!"</x:f><x:v>立行立改!</x:v></x:c>' +
          '<x:c r="C6" t="b"><x:v>1</x:v></x:c><x:c r="D6" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>' +
          '<x:c r="E6" s="2"><x:f>B3+1</x:f><x:v>45078</x:v></x:c><x:c r="F6" s="1"/><x:c r="G6" t="s"><x:v>1</x:v></x:c></x:row>' +
          '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="C2:C3"/></x:mergeCells></x:worksheet>',
      },
    });
    const table = await openTable({ name: 'wps.xlsx', bytes });
    expect(table.info).toMatchObject({ sheet: '台账', sheets: ['图表', '台账'] });
    expect((await rows(table)).map((r) => [r.row, r.cells])).toEqual([
      [2, ['问题名称', null, '县教育局 ']],
      // C3 is filled from the merge C2:C3 only where it is empty: it is not.
      [3, ['第一行\r\n第二行', '2023-05-31', '2023-05-31', '2023-05-31 12:00:00', 45077]],
      [6, ['立行立改', '立行立改!', true, '#DIV/0!', '2023-06-01', null, '县教育局 ']],
    ]);
  });

  it('reads dates of a workbook that counts from 1904, with its styles where its relationships say', async () => {
    const bytes = handWritten({
      sheets: [{ name: 'Mac', target: 'worksheets/sheet1.xml' }],
      date1904: true,
      stylesPart: 'xl/Styles-mac.xml',
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
      files: {
        'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" s="1"><v>43615</v></c></row></sheetData></worksheet>`,
      },
    });
    expect((await rows(await openTable({ name: 'mac.xlsx', bytes })))[0]!.cells).toEqual(['2023-05-31']);
  });

  it('names what is wrong with a workbook whose sheet XML is damaged, and the rows read before', async () => {
    const good = '<row r="1"><c r="A1" t="inlineStr"><is><t>问题名称</t></is></c></row>';
    const bytes = handWritten({
      sheets: [{ name: '台账', target: 'worksheets/sheet1.xml' }],
      files: {
        'xl/worksheets/sheet1.xml': `<worksheet xmlns="${MAIN}"><sheetData>${good}<row r="2"><c r="A2"><v>1</c></row></sheetData></worksheet>`,
      },
    });
    const error = await refusal(rows(await openTable({ name: 'bad.xlsx', bytes })));
    expect(error).toMatchObject({ status: 422, code: 'import_unreadable' });
    expect(error.text.en).toMatch(/^Cannot read the xlsx workbook \(after row 1\): unexpected close tag\./);
    expect(error.text.zh).toContain('第 1 行之后');
  });
});

describe('reading csv', () => {
  it('detects GBK, tab separators and quoted line breaks', async () => {
    const table = await openTable({
      name: 'g.csv',
      bytes: csv('问题名称\t牵头单位\n"两行\n的问题"\t县教育局', 'gbk'),
    });
    expect(table.info).toEqual({ format: 'csv', encoding: 'gb18030' });
    expect((await rows(table)).map((r) => [r.row, r.cells])).toEqual([
      [1, ['问题名称', '牵头单位']],
      [2, ['两行\r\n的问题', '县教育局']],
    ]);
  });

  it('reads UTF-16 text as Excel saves "Unicode text"', async () => {
    const body = Buffer.from('\ufeff问题名称\t牵头单位\r\n甲\t县教育局\r\n', 'utf16le');
    const table = await openTable({ name: 'u.txt', bytes: body });
    expect(table.info.encoding).toBe('utf-16le');
    expect((await rows(table))[1]!.cells).toEqual(['甲', '县教育局']);
  });
});

describe('limits', () => {
  it('refuses a file over the size limit before reading it', async () => {
    const error = await refusal(
      openTable({ name: 'a.csv', bytes: Buffer.alloc(2048, 0x41) }, { limits: { maxFileBytes: 1024 } }),
    );
    expect(error).toMatchObject({ status: 413, code: 'import_file_too_large' });
    expect(error.text.en).toContain('the limit is 0 MiB');
    const stream = (async function* () {
      for (let i = 0; i < 10; i++) yield Buffer.alloc(512, 0x41);
    })();
    expect(
      await refusal(openTable({ name: 'a.csv', stream }, { limits: { maxFileBytes: 1024 } })),
    ).toMatchObject({
      code: 'import_file_too_large',
    });
  });

  it('refuses an xlsx that inflates past the limit (a zip bomb)', async () => {
    // ~3 MB of sheet XML that compresses to a few KB.
    const bytes = await xlsx((sheet) => {
      sheet.addRow(['问题名称']);
      for (let i = 0; i < 20_000; i++) sheet.addRow(['同一个问题反复出现同一个问题反复出现']);
    });
    expect(bytes.length).toBeLessThan(200_000);
    const error = await refusal(
      openTable({ name: 'bomb.xlsx', bytes }, { limits: { maxUncompressedBytes: 1_000_000 } }),
    );
    expect(error).toMatchObject({ status: 413, code: 'import_file_too_large' });
    expect(error.text.zh).toContain('解压后过大');
  });

  it('refuses a zip whose directory understates a part’s size', async () => {
    const bytes = await xlsx((sheet) => {
      for (let i = 0; i < 20_000; i++) sheet.addRow(['同一个问题反复出现同一个问题反复出现', i]);
    });
    const forged = forgeDeclaredSize(bytes, 'xl/worksheets/sheet1.xml', 100);
    const error = await refusal(
      openTable({ name: 'forged.xlsx', bytes: forged }, { limits: { maxUncompressedBytes: 1_000_000 } }),
    );
    expect(['import_file_too_large', 'import_unsupported_format']).toContain(error.code);
  });

  it('refuses a CSV field over 1 MiB as unreadable, naming the row', async () => {
    const text = `问题名称,牵头单位\n甲,县教育局\n"${'很长'.repeat(600_000)}",县教育局\n`;
    const error = await refusal(dryRunImport(countyDb(), { name: 'long.csv', bytes: csv(text) }, OPTIONS));
    expect(error).toMatchObject({ status: 422, code: 'import_unreadable' });
    expect(error.text.en).toContain('Cannot read the CSV file (near row 3)');
  });

  it('refuses too many rows', async () => {
    const text = ['问题名称,牵头单位', ...Array.from({ length: 200 }, (_, i) => `问题${i},县教育局`)].join(
      '\n',
    );
    const error = await refusal(
      dryRunImport(countyDb(), { name: 'r.csv', bytes: csv(text) }, { ...OPTIONS, limits: { maxRows: 100 } }),
    );
    expect(error).toMatchObject({ status: 413, code: 'import_too_many_rows' });
  });

  it('refuses old .xls files and files that only claim to be xlsx', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect((await refusal(openTable({ name: 'old.xls', bytes: xls }))).text.zh).toContain('另存为 .xlsx');
    expect((await refusal(openTable({ name: 'fake.xlsx', bytes: Buffer.from('问题名称\n甲') }))).code).toBe(
      'import_unsupported_format',
    );
  });

  it('says what a file is when it is no xlsx, and how to make one of it, in both languages', async () => {
    const cfb = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    // WPS's own format (as offices' WPS may save by default) is the same container as .xls.
    const et = await refusal(openTable({ name: '台账.et', bytes: cfb }));
    expect(et.code).toBe('import_unsupported_format');
    expect(et.text).toEqual({
      zh: '这是 WPS 表格格式（.et）的文件：请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入',
      en: 'This is a WPS spreadsheet (.et): in WPS, save it as an Excel workbook (.xlsx) and import that',
    });
    expect((await refusal(openTable({ name: '台账.xls', bytes: cfb }))).text.zh).toBe(
      '这是旧版 .xls 文件或加密的工作簿：请在 Excel 或 WPS 中另存为 .xlsx（不加密）后再导入',
    );
    const ods = zip([
      plain('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
      plain('content.xml', '<office:document-content/>'),
    ]);
    expect((await refusal(openTable({ name: '台账.ods', bytes: ods }))).text).toEqual({
      zh: '这是 OpenDocument 表格（.ods）：请在 WPS、LibreOffice 或 Excel 中另存为 Excel 工作簿（.xlsx）后再导入',
      en: 'This is an OpenDocument spreadsheet (.ods): save it as an Excel workbook (.xlsx) in WPS, LibreOffice or Excel and import that',
    });
    const docx = zip([plain('word/document.xml', '<w:document/>')]);
    expect((await refusal(openTable({ name: '台账.xlsx', bytes: docx }))).text.zh).toBe(
      '这是 Word 文档，不是表格：请把台账放在 Excel 或 WPS 表格中，另存为 .xlsx 后再导入',
    );
    // Any other zip: not a workbook, with what to do and what is wrong.
    const other = zip([plain('readme.txt', 'x')]);
    expect((await refusal(openTable({ name: '台账.xlsx', bytes: other }))).text.zh).toBe(
      '不是有效的 xlsx 工作簿，可能已损坏：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入（xl/workbook.xml missing）',
    );
  });

  it('says so when no header row is found', async () => {
    const error = await refusal(dryRunImport(countyDb(), { name: 'n.csv', bytes: csv('a,b\n1,2') }, OPTIONS));
    expect(error).toMatchObject({ status: 422, code: 'import_no_header' });
  });

  it('names the sheet it read and the others when a workbook starts with a sheet of instructions', async () => {
    const bytes = await xlsx((sheet, workbook) => {
      sheet.addRow(['填报说明：请在“台账”工作表中逐项填写']);
      workbook.addWorksheet('台账').addRow(['问题名称', '牵头单位', '整改时限']);
    }, '填报说明');
    const error = await refusal(dryRunImport(countyDb(), { name: 'w.xlsx', bytes }, OPTIONS));
    expect(error.code).toBe('import_no_header');
    expect(error.text.zh).toBe(
      '前 30 行中找不到表头（读的是工作表“填报说明”；其他工作表：“台账”，可选定要读的工作表）：表格需要“问题名称”“牵头部门”“整改期限”等列名',
    );
    expect(error.text.en).toContain(
      '(sheet "填报说明" was read; the others: "台账": choose the sheet to read)',
    );
  });
});
