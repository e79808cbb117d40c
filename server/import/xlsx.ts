/**
 * Reading an .xlsx ledger row by row with bounded memory. The zip's directory is checked first (a zip
 * bomb is refused before anything inflates it); the workbook, its relationships, styles and shared
 * strings are parsed before the first row, and the chosen sheet streams through a SAX parser into
 * rows. Merged cells are filled with their top-left value.
 *
 * Read straight from the XML rather than through exceljs's streaming reader, which built a row and a
 * cell object per cell (a 100,000-row workbook took 3.1–4.5 s to read with it, 1.8–2.3 s without),
 * split Chinese characters at its chunk boundaries, parked sheets in temporary files and did not
 * report merged cells.
 */
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { ApiError, type Text } from '../errors.ts';
import { fileError, mib, tooManyRows } from './file-errors.ts';
import type { ImportLimits, RawRow, Table, TableInfo } from './read.ts';
import { type CellValue, serialToDateText } from './values.ts';

type ZipSource = { bytes: Buffer } | { path: string };

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

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
    zh: `不是有效的 xlsx 工作簿，可能已损坏：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入（${detail}）`,
    en: `Not a valid xlsx workbook, perhaps damaged: open it in Excel or WPS, save it as .xlsx and import that (${detail})`,
  });

/** A zip that is another program's document: said by name, with how to make an xlsx of it. */
function otherDocument(entries: Map<string, unknown>) {
  if (entries.has('content.xml') && entries.has('mimetype'))
    return fileError('import_unsupported_format', 422, {
      zh: '这是 OpenDocument 表格（.ods）：请在 WPS、LibreOffice 或 Excel 中另存为 Excel 工作簿（.xlsx）后再导入',
      en: 'This is an OpenDocument spreadsheet (.ods): save it as an Excel workbook (.xlsx) in WPS, LibreOffice or Excel and import that',
    });
  if (entries.has('word/document.xml'))
    return fileError('import_unsupported_format', 422, {
      zh: '这是 Word 文档，不是表格：请把台账放在 Excel 或 WPS 表格中，另存为 .xlsx 后再导入',
      en: 'This is a Word document, not a spreadsheet: put the ledger in an Excel or WPS sheet, save it as .xlsx and import that',
    });
  return notAWorkbook('xl/workbook.xml missing');
}

/** An xlsx whose parts do not parse (damaged XML, a broken stream); `after` rows were read before. */
const unreadableXlsx = (error: unknown, after: number | null) => {
  if (error instanceof ApiError) return error;
  // The XML parser and the inflater say what is wrong (e.g. "unclosed tag"); a failure of ours does not.
  const ours = error instanceof TypeError || error instanceof RangeError;
  const detail = String((error as Error).message ?? error).replace(/\.+$/, '');
  return fileError('import_unreadable', 422, {
    zh: `无法读取 xlsx 工作簿${after ? `（第 ${after} 行之后）` : ''}：${ours ? '文件的组成部分已损坏或缺失' : detail}；请在 Excel 中打开并另存后重试`,
    en: `Cannot read the xlsx workbook${after ? ` (after row ${after})` : ''}: ${ours ? 'its parts are damaged or missing' : detail}. Open it in Excel, save it again and retry`,
  });
};

// --- The zip ------------------------------------------------------------------------------------------

interface Zip {
  file: yauzl.ZipFile;
  entries: Map<string, yauzl.Entry>;
}

/**
 * Opens the zip and lists its parts, refusing too many parts or too many declared bytes. Each part's
 * real size is held to the declared one as it inflates (partText), so no part inflates past the limit.
 */
async function openZip(source: ZipSource, limits: ImportLimits): Promise<Zip> {
  const options = { lazyEntries: true, autoClose: false };
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const done = (err: Error | null, z: yauzl.ZipFile) =>
      err ? reject(notAWorkbook(err.message)) : resolve(z);
    if ('bytes' in source) yauzl.fromBuffer(source.bytes, options, done);
    else yauzl.open(source.path, options, done);
  });
  try {
    if (file.entryCount > limits.maxZipEntries)
      throw zipBomb(limits, { zh: `${file.entryCount} 个部件`, en: `${file.entryCount} parts` });
    const entries = new Map<string, yauzl.Entry>();
    let declared = 0;
    await new Promise<void>((resolve, reject) => {
      file.on('error', (e: Error) => reject(notAWorkbook(e.message)));
      file.on('end', () => resolve());
      file.on('entry', (entry: yauzl.Entry) => {
        declared += entry.uncompressedSize;
        if (declared > limits.maxUncompressedBytes)
          return reject(zipBomb(limits, { zh: `声明 ${mib(declared)}`, en: `declared ${mib(declared)}` }));
        entries.set(entry.fileName, entry);
        file.readEntry();
      });
      file.readEntry();
    });
    if (!entries.has('xl/workbook.xml')) throw otherDocument(entries);
    return { file, entries };
  } catch (error) {
    file.close();
    throw error;
  }
}

/**
 * A part's text, decoded across chunk boundaries (a Chinese character may straddle two chunks).
 * Inflated here rather than by yauzl, whose inflater hands over 16 KB at a time (a 44 MB sheet:
 * 3,000 chunks, 155–350 ms against 70–120 in 256 KB chunks); so the part's size is checked here too.
 */
async function* partText(zip: Zip, name: string): AsyncGenerator<string> {
  const entry = zip.entries.get(name);
  if (!entry) throw notAWorkbook(`${name} missing`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw notAWorkbook(`${name}: compression method ${entry.compressionMethod}`);
  const raw = await zip.file.openReadStreamPromise(entry, { decodeFileData: false }).catch((e: Error) => {
    throw notAWorkbook(e.message);
  });
  const stream =
    entry.compressionMethod === 8
      ? pipeline(raw, zlib.createInflateRaw({ chunkSize: 1 << 18 }), () => {})
      : raw;
  const decoder = new TextDecoder('utf-8');
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > entry.uncompressedSize) throw notAWorkbook(`${name} is larger than the zip says`);
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
  } catch (error) {
    // The inflater: damaged data.
    throw error instanceof ApiError ? error : notAWorkbook((error as Error).message);
  } finally {
    stream.destroy();
    raw.destroy();
  }
  if (size < entry.uncompressedSize) throw notAWorkbook(`${name} is smaller than the zip says`);
  const rest = decoder.decode();
  if (rest) yield rest;
}

// --- XML ------------------------------------------------------------------------------------------------

/** The name without its namespace prefix (`x:row` is a row). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** The relationship id of a `<sheet>` (`r:id`, whatever the prefix). */
function relationshipId(tag: SaxesTagPlain): string | undefined {
  for (const key in tag.attributes) if (local(key) === 'id') return tag.attributes[key];
  return undefined;
}

interface XmlHandlers {
  open?(name: string, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

function xmlParser(handlers: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(local(tag.name), tag as SaxesTagPlain));
  if (close) parser.on('closetag', (tag) => close(local(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  return parser;
}

/** Parses a whole part (the workbook, its relationships, the styles, the shared strings). */
async function parsePart(zip: Zip, name: string, handlers: XmlHandlers): Promise<void> {
  const parser = xmlParser(handlers);
  for await (const text of partText(zip, name)) parser.write(text);
  parser.close();
}

/** Text as stored: `_x000D_` and the like stand for characters XML cannot hold (ST_Xstring). */
const unescapeXstring = (s: string) =>
  s.includes('_x')
    ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : s;

/**
 * Collects the text of the `<t>` elements of a shared string (`<si>`) or an inline one (`<is>`),
 * leaving out phonetic runs (`<rPh>`): the string is its runs' text joined.
 */
class RunText {
  private text = '';
  private depth = 0;
  private inPhonetic = false;
  open(name: string) {
    if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && !this.inPhonetic) this.depth++;
  }
  close(name: string) {
    if (name === 'rPh') this.inPhonetic = false;
    else if (name === 't' && !this.inPhonetic) this.depth--;
  }
  add(text: string) {
    if (this.depth > 0) this.text += text;
  }
  take(): string {
    const text = this.text;
    this.text = '';
    return text;
  }
}

// --- The workbook ------------------------------------------------------------------------------------

interface SheetEntry {
  name: string;
  hidden: boolean;
  /** The part holding its cells; undefined for a chart sheet or a sheet without one. */
  part: string | undefined;
}

interface Workbook {
  sheets: SheetEntry[];
  date1904: boolean;
  /** The parts of the styles and the shared strings, where the workbook's relationships put them. */
  styles: string;
  sharedStrings: string;
}

async function readWorkbook(zip: Zip): Promise<Workbook> {
  const listed: { name: string; hidden: boolean; rel: string | undefined }[] = [];
  let date1904 = false;
  await parsePart(zip, 'xl/workbook.xml', {
    open(name, tag) {
      if (name === 'sheet') {
        const state = tag.attributes.state;
        listed.push({
          name: tag.attributes.name ?? '',
          hidden: state === 'hidden' || state === 'veryHidden',
          rel: relationshipId(tag),
        });
      } else if (name === 'workbookPr') {
        const v = tag.attributes.date1904;
        date1904 = v === '1' || v === 'true';
      }
    },
  });
  // Relationship id → part, for worksheets; and the styles' and shared strings' parts (named as
  // Excel names them unless the relationships say otherwise).
  const worksheets = new Map<string, string>();
  const parts = { styles: 'xl/styles.xml', sharedStrings: 'xl/sharedStrings.xml' };
  if (zip.entries.has('xl/_rels/workbook.xml.rels'))
    await parsePart(zip, 'xl/_rels/workbook.xml.rels', {
      open(name, tag) {
        const target = tag.attributes.Target;
        if (name !== 'Relationship' || !target) return;
        const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
        const type = (tag.attributes.Type ?? '').slice((tag.attributes.Type ?? '').lastIndexOf('/') + 1);
        if (type === 'worksheet') worksheets.set(tag.attributes.Id ?? '', part);
        else if (type === 'styles' || type === 'sharedStrings') parts[type] = part;
      },
    });
  return {
    sheets: listed.map((s) => ({ name: s.name, hidden: s.hidden, part: worksheets.get(s.rel ?? '') })),
    date1904,
    ...parts,
  };
}

// Built-in number formats that show dates or times (ECMA-376 18.8.30, with the zh-CN codes of 27–36
// and 50–58, which Excel in Chinese writes without defining them).
const BUILT_IN_DATE_FORMATS: Record<number, string> = {
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/**
 * How a number format shows a number: as a date, and with a time of day ('h' or 's'); or as a whole
 * number padded with zeros between fixed text (`000` shows 1 as 001, `"JY-"000` as JY-001), which is
 * how offices keep ledger codes in number cells.
 */
interface DateFormat {
  date: boolean;
  time: boolean;
  padded?: { width: number; prefix: string; suffix: string };
}
const NOT_A_DATE: DateFormat = { date: false, time: false };

/** Letters outside quotes and brackets decide: y, m, d, h or s is a date (or time) format. */
function dateFormat(code: string): DateFormat {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  const date = /[ymdhs]/i.test(bare);
  const padded = date ? undefined : paddedFormat(code);
  return padded ? { date, time: false, padded } : { date, time: /[hs]/i.test(bare) };
}

/** `000`, `"JY-"000`, `\A000`: zeros with literal text around them, nothing else; undefined otherwise. */
function paddedFormat(code: string): DateFormat['padded'] {
  const m = /^((?:"[^"]*"|\\.)*)(0+)((?:"[^"]*"|\\.)*)$/.exec(code.split(';')[0]!);
  if (!m || m[2]!.length < 2) return undefined;
  const literal = (text: string) =>
    text.replace(/"([^"]*)"|\\(.)/g, (_, quoted, escaped) => quoted ?? escaped);
  return { width: m[2]!.length, prefix: literal(m[1]!), suffix: literal(m[3]!) };
}

/** Each cell style's number format (cellXfs, which a cell's `s` indexes), as a DateFormat. */
async function readCellFormats(zip: Zip, part: string): Promise<DateFormat[]> {
  if (!zip.entries.has(part)) return [];
  const codes = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, part, {
    open(name, tag) {
      if (name === 'numFmt') codes.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styleFormats.push(Number(tag.attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return styleFormats.map((id) => {
    const code = codes.get(id) ?? BUILT_IN_DATE_FORMATS[id];
    return code ? dateFormat(code) : NOT_A_DATE;
  });
}

async function readSharedStrings(zip: Zip, part: string): Promise<string[]> {
  const strings: string[] = [];
  if (!zip.entries.has(part)) return strings;
  const run = new RunText();
  await parsePart(zip, part, {
    open: (n) => run.open(n),
    close(n) {
      if (n === 'si') strings.push(unescapeXstring(run.take()));
      else run.close(n);
    },
    text: (t) => run.add(t),
  });
  return strings;
}

const MERGE_RE = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g;

/** The sheet's merged ranges, which its XML lists after the cells: found by a scan of the raw text. */
async function readMerges(zip: Zip, part: string): Promise<Merge[]> {
  let tail = '';
  let capture: string | null = null;
  for await (const text of partText(zip, part)) {
    if (capture !== null) capture += text;
    else {
      const joined = tail + text;
      const at = joined.indexOf('mergeCells');
      if (at >= 0) capture = joined.slice(at);
      else tail = joined.slice(-16);
    }
  }
  const merges: Merge[] = [];
  for (const m of (capture ?? '').matchAll(MERGE_RE)) {
    const top = Number(m[2]);
    const left = columnOf(m[1]);
    const bottom = m[4] ? Number(m[4]) : top;
    const right = m[3] ? columnOf(m[3]) : left;
    if (bottom > top || right > left) merges.push({ top, left, bottom, right });
  }
  return merges;
}

/** The 0-based column of a cell reference or its letters (`AB12` and `AB` are 27), or -1 when it has none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return -1;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Fills each merged range with its top-left value, row by row as rows stream past. */
class MergeFiller {
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
    if (this.active.length === 0 && this.byTop.size === 0) return cells;
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

// --- The sheet ---------------------------------------------------------------------------------------

interface SheetContext {
  strings: string[];
  formats: DateFormat[];
  date1904: boolean;
  merges: Merge[];
}

/** A date cell's number as the text a user sees: the day, and the time when the format or the value has one. */
function serialText(serial: number, format: DateFormat, date1904: boolean): string {
  const text = serialToDateText(date1904 ? serial + 1462 : serial);
  return text.length === 10 ? (format.time ? `${text} 00:00:00` : text) : text.replace('T', ' ');
}

function cellValue(type: string, text: string, style: number, context: SheetContext): CellValue {
  switch (type) {
    case 's':
      return context.strings[Number(text)] ?? null;
    case 'str':
    case 'inlineStr':
      return unescapeXstring(text);
    case 'b':
      return text.trim() === '1' || text.trim() === 'true';
    case 'e':
      // A formula's error (#N/A, #REF!): kept, so that the row says which cell failed.
      return text.trim() || null;
    case 'd': {
      // An ISO 8601 date (rare: strict files, some generators).
      const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d:\d\d))?/.exec(text.trim());
      if (!m) return text;
      return m[2] && (m[2] !== '00:00:00' || context.formats[style]?.time) ? `${m[1]} ${m[2]}` : m[1]!;
    }
    default: {
      if (text.trim() === '') return null;
      const n = Number(text);
      if (!Number.isFinite(n)) return text;
      const format = context.formats[style];
      if (format?.date) return serialText(n, format, context.date1904);
      const padded = format?.padded;
      if (padded && Number.isInteger(n) && n >= 0)
        return `${padded.prefix}${String(n).padStart(padded.width, '0')}${padded.suffix}`;
      return n;
    }
  }
}

/**
 * The sheet's rows, one batch per chunk of XML inflated. A cell's value is its `<v>` (a formula's
 * cached result) or its inline string; a row or cell without a reference follows the one before it.
 */
async function* sheetRows(
  zip: Zip,
  part: string,
  context: SheetContext,
  limits: ImportLimits,
): AsyncGenerator<RawRow[]> {
  const filler = new MergeFiller(context.merges);
  let batch: RawRow[] = [];
  let n = 0;
  let rowNumber = 0;
  let cells: CellValue[] = [];
  let column = -1;
  let type = '';
  let style = 0;
  let hasValue = false;
  let inValue = false;
  let inInline = false;
  let value = '';
  let done = false;
  const inline = new RunText();
  const parser = xmlParser({
    open(name, tag) {
      switch (name) {
        case 'row': {
          const r = Number(tag.attributes.r);
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          column = -1;
          break;
        }
        case 'c': {
          const at = columnOf(tag.attributes.r);
          column = at >= 0 ? at : column + 1;
          type = tag.attributes.t ?? 'n';
          const s = tag.attributes.s;
          style = s ? Number(s) : 0;
          hasValue = false;
          value = '';
          break;
        }
        case 'v':
          inValue = true;
          hasValue = true;
          break;
        case 'is':
          inInline = true;
          hasValue = true;
          break;
        default:
          if (inInline) inline.open(name);
      }
    },
    text(text) {
      if (inValue) value += text;
      else if (inInline) inline.add(text);
    },
    close(name) {
      switch (name) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          value = inline.take();
          break;
        case 'c':
          if (hasValue && column < limits.maxColumns) {
            while (cells.length < column) cells.push(null);
            cells[column] = cellValue(type, value, style, context);
          }
          break;
        case 'row':
          n++;
          if (n > limits.maxRows + 50) throw tooManyRows(limits);
          batch.push({ row: rowNumber, cells: filler.fill(rowNumber, cells) });
          break;
        case 'sheetData':
          done = true;
          break;
        default:
          if (inInline) inline.close(name);
      }
    },
  });
  try {
    for await (const text of partText(zip, part)) {
      parser.write(text);
      if (batch.length > 0) {
        yield batch;
        batch = [];
      }
      // What follows the cells (merges, print settings) is not read.
      if (done) return;
    }
    parser.close();
  } catch (error) {
    throw unreadableXlsx(error, n);
  }
}

/**
 * Opens a workbook: checks the zip, picks the sheet (the named one, or the first visible worksheet)
 * and reads what its cells refer to. The zip is closed again; the rows open it once more when read,
 * so a table whose rows are never read holds no file open.
 */
export async function openXlsx(source: ZipSource, limits: ImportLimits, sheetName?: string): Promise<Table> {
  const zip = await openZip(source, limits);
  let chosen: SheetEntry & { part: string };
  let context: SheetContext;
  const info: TableInfo = { format: 'xlsx' };
  try {
    const workbook = await readWorkbook(zip);
    info.sheets = workbook.sheets.map((s) => s.name);
    const found =
      sheetName === undefined
        ? (workbook.sheets.find((s) => s.part && !s.hidden) ?? workbook.sheets.find((s) => s.part))
        : workbook.sheets.find((s) => s.part && s.name === sheetName);
    if (!found?.part) {
      const names = info.sheets;
      throw fileError(
        'import_sheet_not_found',
        422,
        sheetName
          ? {
              zh: `工作簿中没有名为“${sheetName}”的工作表（有：${names.join('、')}）`,
              en: `The workbook has no sheet "${sheetName}" (it has: ${names.join(', ')})`,
            }
          : { zh: '工作簿中没有工作表', en: 'The workbook has no worksheet' },
      );
    }
    chosen = found as SheetEntry & { part: string };
    info.sheet = chosen.name;
    context = {
      formats: await readCellFormats(zip, workbook.styles),
      strings: await readSharedStrings(zip, workbook.sharedStrings),
      date1904: workbook.date1904,
      merges: await readMerges(zip, chosen.part),
    };
  } catch (error) {
    throw unreadableXlsx(error, null);
  } finally {
    zip.file.close();
  }
  async function* rows(): AsyncGenerator<RawRow[]> {
    const again = await openZip(source, limits);
    try {
      yield* sheetRows(again, chosen.part, context, limits);
    } finally {
      again.file.close();
    }
  }
  return { info, rows: rows() };
}
