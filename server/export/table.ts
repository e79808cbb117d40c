/**
 * Writing any list of rows to .xlsx or .csv: the caller names the columns (header in both languages,
 * type, width, how to read the value from a row). xlsx gets a styled, frozen header row with a filter,
 * column widths and real date cells; csv is UTF-8 with a BOM so Excel shows Chinese. Text that a
 * spreadsheet would run as a formula (= + - @ tab CR) is neutralised with a leading single quote in both.
 * Rows stream: an export of a million items does not hold them in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { percentTenths } from '../domain/rounding.ts';
import type { Lang, Text } from '../errors.ts';
import { loadExcel } from '../excel.ts';
import { FORMULA_START } from '../import/values.ts';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * text: neutralised string · integer / number: a number · percent: a ratio 0–1 ·
 * date: 'YYYY-MM-DD' (a day) or 'YYYY-MM-DDTHH:MM:SS' (a moment), anything else written as text.
 */
export type ColumnType = 'text' | 'integer' | 'number' | 'percent' | 'date';

export type CellOut = string | number | null | undefined;

export interface ExportColumn<T> {
  header: Text;
  type: ColumnType;
  /** Width in characters (a Chinese character counts two); guessed from the header and type when absent. */
  width?: number;
  /** xlsx: a number format other than the type's (a change shown ▲3 / ▼2 / ＝, still a number). */
  numFmt?: string;
  /** xlsx: long text wrapped within the column's width, as an office's own ledger shows it. */
  wrap?: boolean;
  /**
   * xlsx: the words a cell takes, offered as a drop-down list in every row below the header (rows an
   * office adds too); another word is allowed after a note, as import reads other words as well.
   */
  choices?: Text[];
  value: (row: T) => CellOut;
}

/** What a file is, in the reader's language: a heading and lines under it (scope, as of, counts). */
export interface ExportTitle {
  heading: string;
  lines: string[];
}

export interface ExportOptions {
  format: ExportFormat;
  lang: Lang;
  out: Writable;
  /** xlsx: the sheet's name (default 导出 / Export). */
  sheetName?: string;
  /**
   * xlsx: rows above the header saying what the file is, as an office's sheet has (import skips
   * them). A CSV stays header first, for the programs that read it.
   */
  title?: ExportTitle;
  /** xlsx: the paper it prints on (default A4; a ledger's many columns want A3). */
  paper?: 'A4' | 'A3';
}

/**
 * Rows below the table a drop-down list reaches, for rows an office adds. Not to the sheet's last row:
 * exceljs, reading such a file, makes a cell of each row the list covers (4 lists to row 1,048,576
 * took it 14 s and 690 MB).
 */
const ROWS_TO_ADD = 1_000;

/** ECMA-376 paper sizes. */
const PAPER_SIZES = { A3: 8, A4: 9 } as const;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** A text cell made safe: a leading quote before formula characters (and before a quote, so import can undo it). */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) || text.startsWith("'") ? `'${text}` : text;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

const displayWidth = (s: string) => {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
};

function columnWidth<T>(c: ExportColumn<T>, lang: Lang): number {
  if (c.width) return c.width;
  const header = displayWidth(lang === 'en' ? c.header.en : c.header.zh) + 2;
  const byType = c.type === 'date' ? 20 : c.type === 'text' ? 14 : 10;
  return Math.min(40, Math.max(header, byType));
}

function toDate(value: string): Date {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [hh, mm, ss] =
    value.length > 10 ? (value.slice(11, 19).split(':').map(Number) as [number, number, number]) : [0, 0, 0];
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
}

/** Writes rows to the stream in the format asked for; resolves once everything is written. */
export async function writeExport<T>(
  rows: Iterable<T> | AsyncIterable<T>,
  columns: ExportColumn<T>[],
  options: ExportOptions,
): Promise<{ rows: number }> {
  return options.format === 'xlsx' ? writeXlsx(rows, columns, options) : writeCsv(rows, columns, options);
}

// --- CSV ---------------------------------------------------------------------------------------------

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvCell<T>(c: ExportColumn<T>, row: T): string {
  const v = c.value(row);
  if (v === null || v === undefined || v === '') return '';
  switch (c.type) {
    case 'integer':
    case 'number':
      return typeof v === 'number' ? String(v) : csvField(neutralise(String(v)));
    case 'percent':
      return typeof v === 'number' ? `${percentTenths(v)}%` : csvField(neutralise(String(v)));
    case 'date':
      if (typeof v === 'string' && (DAY_RE.test(v) || MOMENT_RE.test(v))) return v.replace('T', ' ');
      return csvField(neutralise(String(v)));
    default:
      return csvField(neutralise(String(v)));
  }
}

async function writeCsv<T>(
  rows: Iterable<T> | AsyncIterable<T>,
  columns: ExportColumn<T>[],
  { lang, out }: ExportOptions,
): Promise<{ rows: number }> {
  let buffer = `\ufeff${columns.map((c) => csvField(neutralise(lang === 'en' ? c.header.en : c.header.zh))).join(',')}\r\n`;
  let n = 0;
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  for await (const row of rows) {
    n++;
    buffer += `${columns.map((c) => csvCell(c, row)).join(',')}\r\n`;
    if (buffer.length > 1 << 16) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { rows: n };
}

// --- xlsx --------------------------------------------------------------------------------------------

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FF1F2937' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF6B7280' } } },
};

const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

const TITLE_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, size: 14 },
  alignment: { vertical: 'middle', horizontal: 'center' },
};
const TITLE_LINE_STYLE: Partial<ExcelJS.Style> = {
  font: { color: { argb: 'FF4B5563' } },
  alignment: { vertical: 'middle', horizontal: 'left' },
};

async function writeXlsx<T>(
  rows: Iterable<T> | AsyncIterable<T>,
  columns: ExportColumn<T>[],
  { lang, out, sheetName, title, paper = 'A4' }: ExportOptions,
): Promise<{ rows: number }> {
  const { stream } = await loadExcel();
  const workbook = new stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const titleRows = title ? 1 + title.lines.length : 0;
  const headerRow = titleRows + 1;
  const sheet = workbook.addWorksheet(sheetName ?? (lang === 'en' ? 'Export' : '导出'), {
    views: [{ state: 'frozen', ySplit: headerRow }],
    // Printed as an office prints its ledger: across the page, every column on it, the header row
    // again at the top of every page, and the page number at the foot.
    pageSetup: {
      orientation: 'landscape',
      // (A3 is 8 in ECMA-376, which exceljs's list of sizes leaves out.)
      paperSize: PAPER_SIZES[paper] as ExcelJS.PaperSize,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddFooter: lang === 'en' ? '&CPage &P of &N' : '&C第 &P 页，共 &N 页',
    },
  });
  sheet.columns = columns.map((c) => ({
    width: columnWidth(c, lang),
    ...(c.wrap ? { style: { alignment: WRAP } } : {}),
  }));
  if (title) {
    // Each title row one text merged across the table, as a county office's sheet is headed.
    [title.heading, ...title.lines].forEach((text, i) => {
      const row = sheet.addRow([neutralise(text)]);
      row.getCell(1).style = i === 0 ? TITLE_STYLE : TITLE_LINE_STYLE;
      row.height = i === 0 ? 26 : 18;
      sheet.mergeCells(row.number, 1, row.number, columns.length);
      row.commit();
    });
  }
  const header = sheet.addRow(columns.map((c) => neutralise(lang === 'en' ? c.header.en : c.header.zh)));
  header.height = 22;
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();
  let n = 0;
  for await (const row of rows) {
    n++;
    const r = sheet.addRow([]);
    columns.forEach((c, i) => {
      const v = c.value(row);
      if (v === null || v === undefined || v === '') return;
      const cell = r.getCell(i + 1);
      if ((c.type === 'integer' || c.type === 'number' || c.type === 'percent') && typeof v === 'number') {
        cell.value = v;
        if (c.numFmt) cell.numFmt = c.numFmt;
        else if (c.type === 'percent') cell.numFmt = '0.0%';
        else if (c.type === 'number') cell.numFmt = '0.0#';
      } else if (c.type === 'date' && typeof v === 'string' && (DAY_RE.test(v) || MOMENT_RE.test(v))) {
        cell.value = toDate(v);
        cell.numFmt = v.length === 10 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm';
      } else {
        cell.value = neutralise(String(v));
      }
    });
    r.commit();
  }
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow, column: columns.length },
  };
  // Lists too long to write in the rule (Excel takes 255 characters) go on a hidden sheet of lists.
  const listSheet = lang === 'en' ? 'Lists' : '下拉选项';
  const longLists: string[][] = [];
  columns.forEach((c, i) => {
    if (!c.choices) return;
    const letter = sheet.getColumn(i + 1).letter;
    const words = c.choices.map((w) => (lang === 'en' ? w.en : w.zh));
    const inline = `"${words.join(',')}"`;
    let source = inline;
    const commas = words.some((w) => w.includes(','));
    // A comma would split a word, a double quote end the rule's text (Excel then repairs the file, dropping it).
    if (inline.length > 255 || commas || words.some((w) => w.includes('"'))) {
      longLists.push(words);
      const at = columnLetter(longLists.length);
      source = `'${listSheet}'!$${at}$1:$${at}$${words.length}`;
    }
    // A range's list (exceljs has it, its types only the one-cell form).
    const { dataValidations } = sheet as unknown as {
      dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
    };
    // English words with commas in them ("Rectified, awaiting verification") are told apart by semicolons.
    const enList = words.join(commas ? '; ' : ', ');
    const shown = words.length > 12 ? '' : lang === 'en' ? `: ${enList}` : `：${words.join('、')}`;
    dataValidations.add(`${letter}${headerRow + 1}:${letter}${headerRow + n + ROWS_TO_ADD}`, {
      type: 'list',
      allowBlank: true,
      formulae: [source],
      showErrorMessage: true,
      errorStyle: 'information',
      errorTitle: lang === 'en' ? c.header.en : c.header.zh,
      error:
        lang === 'en'
          ? `Choose from the list${shown} (import also reads the usual other words)`
          : `请从下拉列表中选择${shown}（导入也认得常用的其他说法）`,
    });
  });
  sheet.commit();
  if (longLists.length > 0) {
    const lists = workbook.addWorksheet(listSheet, { state: 'hidden' });
    const height = Math.max(...longLists.map((l) => l.length));
    for (let r = 0; r < height; r++)
      lists.addRow(longLists.map((l) => (l[r] === undefined ? null : neutralise(l[r]!)))).commit();
    lists.commit();
  }
  await workbook.commit();
  return { rows: n };
}

/** A column's letters: 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let letters = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    letters = String.fromCharCode(65 + ((k - 1) % 26)) + letters;
  return letters;
}

/** A file name for a download: base, the day, the extension. */
export function exportFileName(base: string, day: string, format: ExportFormat): string {
  return `${base}-${day}.${format}`;
}
