/**
 * Reading a ledger file row by row with bounded memory: .xlsx through exceljs's streaming reader
 * (after the zip's sizes are checked, so a zip bomb is refused before anything inflates it for
 * real), .csv through CsvParser in UTF-8 (with or without BOM), UTF-16 or GB18030/GBK.
 * Merged xlsx cells are filled with their top-left value.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yauzl from 'yauzl';
import { ApiError, type Text } from '../errors.ts';
import { type Excel, loadExcel } from '../excel.ts';
import { CsvParser } from './csv.ts';
import { type CellValue, serialToDateText } from './values.ts';

export type ImportInput =
  | { name: string; bytes: Uint8Array }
  | { name: string; path: string }
  | { name: string; stream: AsyncIterable<Uint8Array> };

export interface ImportLimits {
  /** Bytes of the file as uploaded. */
  maxFileBytes: number;
  /** Bytes of all xlsx parts once inflated (a zip bomb is small outside and huge inside). */
  maxUncompressedBytes: number;
  maxZipEntries: number;
  /** Data rows read from one sheet. */
  maxRows: number;
  /** Columns read from one row; cells beyond are ignored. */
  maxColumns: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFileBytes: 50 * 1024 * 1024,
  maxUncompressedBytes: 500 * 1024 * 1024,
  maxZipEntries: 2_000,
  maxRows: 200_000,
  maxColumns: 200,
};

export interface RawRow {
  /** The row number the user sees in the spreadsheet (1-based). */
  row: number;
  cells: CellValue[];
}

export interface TableInfo {
  format: 'xlsx' | 'csv';
  /** CSV: the text encoding found. */
  encoding?: 'utf-8' | 'utf-16le' | 'gb18030';
  /** xlsx: the sheet read, and all sheets of the workbook. */
  sheet?: string;
  sheets?: string[];
}

export interface Table {
  info: TableInfo;
  /** Rows in batches (one per chunk read), so that a row costs no promise of its own. */
  rows: AsyncIterable<RawRow[]>;
}

export const fileError = (
  code: string,
  status: 400 | 413 | 422,
  text: Text,
  details?: Record<string, unknown>,
) => new ApiError(status, code, text, details);

const mib = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MiB`;

type Source = { name: string; bytes: Buffer; size: number } | { name: string; path: string; size: number };

async function resolveSource(input: ImportInput, limits: ImportLimits): Promise<Source> {
  const tooLarge = (size: number) =>
    fileError(
      'import_file_too_large',
      413,
      {
        zh: `文件太大（${mib(size)}），上限为 ${mib(limits.maxFileBytes)}；请拆分后分批导入`,
        en: `The file is too large (${mib(size)}); the limit is ${mib(limits.maxFileBytes)}. Split it and import the parts`,
      },
      { size, limit: limits.maxFileBytes },
    );
  if ('path' in input) {
    const size = fs.statSync(input.path).size;
    if (size > limits.maxFileBytes) throw tooLarge(size);
    return { name: input.name, path: input.path, size };
  }
  if ('bytes' in input) {
    if (input.bytes.byteLength > limits.maxFileBytes) throw tooLarge(input.bytes.byteLength);
    const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    return { name: input.name, bytes, size: bytes.length };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input.stream) {
    size += chunk.byteLength;
    if (size > limits.maxFileBytes) throw tooLarge(size);
    chunks.push(Buffer.from(chunk));
  }
  const bytes = Buffer.concat(chunks);
  return { name: input.name, bytes, size };
}

function head(source: Source, n: number): Buffer {
  if ('bytes' in source) return source.bytes.subarray(0, n);
  const fd = fs.openSync(source.path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a ledger file: checks its size and kind, and returns its rows as they are read. */
export async function openTable(
  input: ImportInput,
  options: { sheet?: string; limits?: Partial<ImportLimits> } = {},
): Promise<Table> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const source = await resolveSource(input, limits);
  const magic = head(source, 8);
  if (magic.length >= 4 && magic.readUInt32BE(0) === 0x504b0304)
    return openXlsx(source, limits, options.sheet);
  if (magic.length >= 4 && magic.readUInt32BE(0) === 0xd0cf11e0)
    throw fileError('import_unsupported_format', 422, {
      zh: '这是旧版 .xls 文件或加密的工作簿：请在 Excel 中另存为 .xlsx（不加密）后再导入',
      en: 'This is an old .xls file or an encrypted workbook: save it as .xlsx (without a password) in Excel and import that',
    });
  if (/\.xlsx$/i.test(source.name))
    throw fileError('import_unsupported_format', 422, {
      zh: '文件名是 .xlsx，但内容不是 xlsx 工作簿',
      en: 'The file is named .xlsx but is not an xlsx workbook',
    });
  if (magic.includes(0) && !(magic[0] === 0xff && magic[1] === 0xfe))
    throw fileError('import_unsupported_format', 422, {
      zh: '无法识别的文件：请导入 .xlsx 或 .csv 文件',
      en: 'Unrecognised file: import an .xlsx or .csv file',
    });
  return openCsv(source, limits);
}

// --- CSV ---------------------------------------------------------------------------------------------

async function* byteChunks(source: Source): AsyncGenerator<Buffer> {
  if ('bytes' in source) {
    for (let i = 0; i < source.bytes.length; i += 1 << 16) yield source.bytes.subarray(i, i + (1 << 16));
    return;
  }
  for await (const chunk of fs.createReadStream(source.path, { highWaterMark: 1 << 16 }))
    yield chunk as Buffer;
}

/** UTF-8 when every byte sequence is valid UTF-8 (BOM or not), UTF-16 by its BOM, else GB18030 (GBK's superset). */
async function detectEncoding(source: Source): Promise<'utf-8' | 'utf-16le' | 'gb18030'> {
  const start = head(source, 3);
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le';
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 'utf-8';
  if ('bytes' in source) return isUtf8(source.bytes) ? 'utf-8' : 'gb18030';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of byteChunks(source)) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

async function* decodedText(
  source: Source,
  encoding: 'utf-8' | 'utf-16le' | 'gb18030',
): AsyncGenerator<string> {
  const decoder =
    encoding === 'gb18030'
      ? iconv.getDecoder('gb18030')
      : (() => {
          const d = new TextDecoder(encoding);
          return { write: (b: Buffer) => d.decode(b, { stream: true }), end: () => d.decode() };
        })();
  let first = true;
  for await (const chunk of byteChunks(source)) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Comma, unless the first line has more tabs or semicolons (Excel's "Unicode text" is tab-separated). */
function detectDelimiter(sample: string): string {
  const line = sample.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const count = (c: string) => line.split(c).length - 1;
  const candidates: [string, number][] = [
    [',', count(',')],
    ['\t', count('\t')],
    [';', count(';')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

async function openCsv(source: Source, limits: ImportLimits): Promise<Table> {
  const encoding = await detectEncoding(source);
  async function* rows(): AsyncGenerator<RawRow[]> {
    let batch: RawRow[] = [];
    let n = 0;
    let parser: CsvParser | null = null;
    const onRecord = (record: string[]) => {
      n++;
      if (n > limits.maxRows + 50) throw tooManyRows(limits);
      batch.push({
        row: n,
        cells: record.length > limits.maxColumns ? record.slice(0, limits.maxColumns) : record,
      });
    };
    try {
      // Each chunk of text is parsed synchronously into one batch of rows.
      for await (const text of decodedText(source, encoding)) {
        parser ??= new CsvParser(detectDelimiter(text.slice(0, 1 << 16)), 1 << 20, onRecord);
        parser.write(text);
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
      }
      parser?.end();
      if (batch.length > 0) yield batch;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw fileError('import_unreadable', 422, {
        zh: `无法读取 CSV 文件（第 ${n + 1} 行附近）：${(error as Error).message}`,
        en: `Cannot read the CSV file (near row ${n + 1}): ${(error as Error).message}`,
      });
    }
  }
  return { info: { format: 'csv', encoding }, rows: rows() };
}

const tooManyRows = (limits: ImportLimits) =>
  fileError(
    'import_too_many_rows',
    413,
    {
      zh: `文件超过 ${limits.maxRows} 行；请拆分后分批导入`,
      en: `The file has more than ${limits.maxRows} rows; split it and import the parts`,
    },
    { limit: limits.maxRows },
  );

// --- xlsx --------------------------------------------------------------------------------------------

export interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const MERGE_RE = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g;

const zipBomb = (limits: ImportLimits, what: Text) =>
  fileError(
    'import_file_too_large',
    413,
    {
      zh: `xlsx 文件解压后过大（${what.zh}），上限为 ${mib(limits.maxUncompressedBytes)}`,
      en: `The xlsx file is too large once uncompressed (${what.en}); the limit is ${mib(limits.maxUncompressedBytes)}`,
    },
    { limit: limits.maxUncompressedBytes },
  );

const notAWorkbook = (detail: string) =>
  fileError('import_unsupported_format', 422, {
    zh: `不是有效的 xlsx 工作簿（${detail}）`,
    en: `Not a valid xlsx workbook (${detail})`,
  });

/**
 * Reads the zip's central directory and refuses too many entries or too many declared bytes; then
 * inflates every part once, counting real bytes (a forged size in the directory is caught too) and
 * collecting each sheet's merged ranges, which exceljs's streaming reader does not report.
 */
export async function checkXlsxZip(
  source: { bytes: Buffer } | { path: string },
  limits: ImportLimits,
): Promise<Map<string, Merge[]>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z: yauzl.ZipFile) =>
      err ? reject(notAWorkbook(err.message)) : resolve(z);
    if ('bytes' in source)
      yauzl.fromBuffer(source.bytes, { lazyEntries: true, validateEntrySizes: true }, done);
    else yauzl.open(source.path, { lazyEntries: true, validateEntrySizes: true }, done);
  });
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw zipBomb(limits, { zh: `${zip.entryCount} 个部件`, en: `${zip.entryCount} parts` });
  }
  const merges = new Map<string, Merge[]>();
  let declared = 0;
  let inflated = 0;
  let hasWorkbook = false;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(notAWorkbook(e.message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes)
          return reject(zipBomb(limits, { zh: `声明 ${mib(declared)}`, en: `declared ${mib(declared)}` }));
        if (entry.fileName === 'xl/workbook.xml') hasWorkbook = true;
        const isSheet = /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.fileName);
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(notAWorkbook(err.message));
          let tail = '';
          let capture: string | null = null;
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.maxUncompressedBytes) {
              stream.destroy();
              return reject(zipBomb(limits, { zh: mib(inflated), en: mib(inflated) }));
            }
            if (!isSheet) return;
            const text = chunk.toString('latin1');
            if (capture !== null) capture += text;
            else {
              const joined = tail + text;
              const at = joined.indexOf('mergeCells');
              if (at >= 0) capture = joined.slice(at);
              else tail = joined.slice(-16);
            }
          });
          stream.on('error', (e: Error) => reject(notAWorkbook(e.message)));
          stream.on('end', () => {
            if (capture !== null) {
              const list: Merge[] = [];
              for (const m of capture.matchAll(MERGE_RE)) {
                const top = Number(m[2]);
                const left = columnNumber(m[1]!) - 1;
                const bottom = m[4] ? Number(m[4]) : top;
                const right = m[3] ? columnNumber(m[3]) - 1 : left;
                if (bottom > top || right > left) list.push({ top, left, bottom, right });
              }
              merges.set(entry.fileName, list);
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  if (!hasWorkbook) throw notAWorkbook('xl/workbook.xml missing');
  return merges;
}

/** Fills each merged range with its top-left value, row by row as rows stream past. */
export class MergeFiller {
  private readonly byTop = new Map<number, Merge[]>();
  private active: { merge: Merge; value: CellValue }[] = [];

  constructor(merges: Merge[]) {
    for (const m of merges) {
      const list = this.byTop.get(m.top);
      if (list) list.push(m);
      else this.byTop.set(m.top, [m]);
    }
  }

  fill(row: number, cells: CellValue[]): CellValue[] {
    this.active = this.active.filter((a) => a.merge.bottom >= row);
    for (const m of this.byTop.get(row) ?? []) this.active.push({ merge: m, value: cells[m.left] ?? null });
    for (const { merge, value } of this.active) {
      if (value === null || value === '') continue;
      for (let c = merge.left; c <= merge.right; c++) {
        if (c === merge.left && row === merge.top) continue;
        if (cells[c] === undefined || cells[c] === null || cells[c] === '') {
          while (cells.length < c) cells.push(null);
          cells[c] = value;
        }
      }
    }
    return cells;
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');
// A workbook uses a handful of number formats on thousands of cells: each is read once.
const formats = new Map<string, { date: boolean; time: boolean }>();
function formatKind(fmt: string): { date: boolean; time: boolean } {
  let kind = formats.get(fmt);
  if (!kind) {
    // Letters outside quotes and brackets.
    const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
    kind = { date: /[ymdhs]/i.test(bare), time: /[hs]/i.test(bare) };
    if (formats.size < 1_000) formats.set(fmt, kind);
  }
  return kind;
}
/** Whether a number format shows a time of day ('h' or 's' outside quotes and brackets). */
function formatHasTime(fmt: string | undefined): boolean {
  return fmt ? formatKind(fmt).time : false;
}
function isDateFormat(fmt: string | undefined): boolean {
  return fmt ? formatKind(fmt).date : false;
}

function dateText(d: Date, withTime: boolean): string {
  const ms = Math.round(d.getTime() / 1000) * 1000;
  const t = new Date(ms);
  const day = `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
  const hasClock = t.getUTCHours() + t.getUTCMinutes() + t.getUTCSeconds() > 0;
  if (!withTime && !hasClock) return day;
  return `${day} ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}`;
}

/** exceljs's cell value as a plain value; dates as text, formulas as their cached result. */
function plainValue(value: ExcelJS.CellValue, numFmt: string | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return isDateFormat(numFmt) ? serialToDateText(value).replace('T', ' ') : value;
  if (value instanceof Date) return dateText(value, formatHasTime(numFmt));
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) {
    const result = value.result as ExcelJS.CellValue;
    if (result && typeof result === 'object' && 'error' in result) return null;
    return plainValue(result ?? null, numFmt);
  }
  if ('error' in value) return null;
  if ('text' in value) {
    const text = value.text as unknown;
    return typeof text === 'string' ? text : plainValue(text as ExcelJS.CellValue, numFmt);
  }
  return null;
}

/**
 * exceljs's streaming reader decodes each inflated chunk of XML on its own, so a Chinese character
 * split across two chunks comes out as two replacement characters (U+FFFD). It passes strings through
 * untouched, so its parts are handed over as text decoded across chunk boundaries.
 */
class Utf8Text implements AsyncIterable<string> {
  constructor(
    private readonly source: AsyncIterable<Buffer | string> & {
      destroy?: () => void;
      on?: (event: 'error', listener: () => void) => unknown;
    },
  ) {}
  destroy() {
    // A sheet parked in a temporary file is read by a stream that may still be opening it when the
    // reader, moving on, deletes the file: its ENOENT then would be an uncaught error, and means nothing.
    this.source.on?.('error', () => {});
    this.source.destroy?.();
  }
  async *[Symbol.asyncIterator]() {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of this.source) {
      const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
}

interface ReaderPrototype {
  _parseSharedStrings(entry: unknown): AsyncGenerator<unknown>;
  _parseWorkbook(entry: unknown): Promise<void>;
  _parseWorksheet(iterator: unknown, sheetNo: string): Generator<unknown>;
  __closeoutUtf8?: boolean;
}
/** exceljs with its streaming reader given text decoded across chunks (Utf8Text), once per thread. */
async function xlsxReader(): Promise<Excel['stream']['xlsx']['WorkbookReader']> {
  const { stream } = await loadExcel();
  const readerPrototype = stream.xlsx.WorkbookReader.prototype as unknown as ReaderPrototype;
  if (!readerPrototype.__closeoutUtf8) {
    const { _parseSharedStrings, _parseWorkbook, _parseWorksheet } = readerPrototype;
    const asText = (entry: unknown) => Readable.from(new Utf8Text(entry as AsyncIterable<Buffer>));
    readerPrototype._parseSharedStrings = function (entry) {
      return _parseSharedStrings.call(this, asText(entry));
    };
    readerPrototype._parseWorkbook = function (entry) {
      return _parseWorkbook.call(this, asText(entry));
    };
    readerPrototype._parseWorksheet = function (iterator, sheetNo) {
      return _parseWorksheet.call(this, new Utf8Text(iterator as AsyncIterable<Buffer>), sheetNo);
    };
    readerPrototype.__closeoutUtf8 = true;
  }
  return stream.xlsx.WorkbookReader;
}

type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & { name?: string; iterator?: unknown };

/** Releases a sheet that is not read (a temporary file's stream, or the zip entry). */
function discard(ws: SheetReader) {
  const it = ws.iterator as { destroy?: () => void; return?: () => unknown } | undefined;
  if (it?.destroy) it.destroy();
  else void it?.return?.();
}

interface WorkbookReaderInternals {
  stream?: unknown;
  model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] };
  workbookRels?: { Id: string; Target: string }[];
}

/** An xlsx whose parts do not parse (damaged XML, a broken stream); `after` rows were read before. */
const unreadableXlsx = (error: unknown, after: number | null) => {
  // The XML parser says what is wrong (e.g. "unmatched closing tag"); a failure inside the reader does not.
  const parser = !(error instanceof TypeError || error instanceof RangeError);
  const detail = String((error as Error).message ?? error).replace(/\.+$/, '');
  return fileError('import_unreadable', 422, {
    zh: `无法读取 xlsx 工作簿${after ? `（第 ${after} 行之后）` : ''}：${parser ? detail : '文件的组成部分已损坏或缺失'}；请在 Excel 中打开并另存后重试`,
    en: `Cannot read the xlsx workbook${after ? ` (after row ${after})` : ''}: ${parser ? detail : 'its parts are damaged or missing'}. Open it in Excel, save it again and retry`,
  });
};

/**
 * Under load, exceljs's streaming reader now and then loses the workbook part of a file it reads
 * whole another time (1–2 reads in 100 with three processes reading at once: a TypeError on the
 * missing model while it looks for a sheet). The file is read again, up to twice, before it is called
 * damaged (of 3,600 such reads, 21 stumbled once and 1 twice).
 */
async function openXlsx(source: Source, limits: ImportLimits, sheetName?: string): Promise<Table> {
  for (let retries = 2; ; retries--) {
    try {
      return await openXlsxOnce(source, limits, sheetName, retries > 0);
    } catch (error) {
      if (!(error instanceof ReaderStumbled)) throw error;
    }
  }
}

class ReaderStumbled extends Error {}

async function openXlsxOnce(
  source: Source,
  limits: ImportLimits,
  sheetName: string | undefined,
  mayRetry: boolean,
): Promise<Table> {
  const merges = await checkXlsxZip(source, limits);
  const input = 'bytes' in source ? Readable.from([source.bytes]) : source.path;
  const WorkbookReader = await xlsxReader();
  const reader = new WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const internals = reader as unknown as WorkbookReaderInternals;
  const iterator = reader[Symbol.asyncIterator]();
  const info: TableInfo = { format: 'xlsx' };

  // Find the sheet: the named one, or the first visible one in the workbook's order.
  let chosen: SheetReader | null = null;
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const ws = next.value as SheetReader;
      const sheets = internals.model?.sheets ?? [];
      info.sheets = sheets.map((s) => s.name);
      const wanted = sheetName ?? sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden')?.name;
      if (wanted === undefined || ws.name === wanted) {
        chosen = ws;
        break;
      }
      discard(ws);
    }
  } catch (error) {
    (internals.stream as Readable | undefined)?.destroy();
    if (error instanceof ApiError) throw error;
    if (mayRetry && error instanceof TypeError) throw new ReaderStumbled();
    throw unreadableXlsx(error, null);
  }
  if (!chosen) {
    throw fileError(
      'import_sheet_not_found',
      422,
      sheetName
        ? {
            zh: `工作簿中没有名为“${sheetName}”的工作表（有：${(info.sheets ?? []).join('、')}）`,
            en: `The workbook has no sheet "${sheetName}" (it has: ${(info.sheets ?? []).join(', ')})`,
          }
        : { zh: '工作簿中没有工作表', en: 'The workbook has no worksheet' },
    );
  }
  const ws = chosen;
  info.sheet = ws.name;
  const sheetModel = internals.model?.sheets?.find((s) => s.name === ws.name);
  const rel = internals.workbookRels?.find((r) => r.Id === sheetModel?.rId);
  const path = rel ? `xl/${rel.Target.replace(/^\/?xl\//, '').replace(/^\//, '')}` : undefined;
  const filler = new MergeFiller((path && merges.get(path)) || []);

  async function* rows(): AsyncGenerator<RawRow[]> {
    let n = 0;
    try {
      // The sheet's parse events come in one array per chunk of XML: one batch of rows each.
      const events = (
        ws as unknown as { parse(): AsyncIterable<{ eventType: string; value: unknown }[]> }
      ).parse();
      for await (const chunk of events) {
        const batch: RawRow[] = [];
        for (const { eventType, value } of chunk) {
          if (eventType !== 'row') continue;
          const row = value as ExcelJS.Row;
          n++;
          if (n > limits.maxRows + 50) throw tooManyRows(limits);
          const cells: CellValue[] = [];
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            if (col > limits.maxColumns) return;
            while (cells.length < col - 1) cells.push(null);
            cells[col - 1] = plainValue(cell.value, cell.numFmt);
          });
          batch.push({ row: row.number, cells: filler.fill(row.number, cells) });
        }
        if (batch.length > 0) yield batch;
      }
      // Let the reader finish the file: it removes its temporary files as it passes them.
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        discard(next.value as SheetReader);
      }
    } catch (error) {
      // A damaged part (XML that does not parse) is the file's fault: a clear 422, not a server error.
      if (error instanceof ApiError) throw error;
      throw unreadableXlsx(error, n);
    } finally {
      await iterator.return?.(undefined);
      (internals.stream as Readable | undefined)?.destroy();
    }
  }
  return { info, rows: rows() };
}
