/**
 * Reading a ledger file row by row with bounded memory: .xlsx by xlsx.ts, .csv through CsvParser in
 * UTF-8 (with or without BOM), UTF-16 or GB18030/GBK.
 */
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { ApiError } from '../errors.ts';
import { CsvParser } from './csv.ts';
import { fileError, mib, tooManyRows } from './file-errors.ts';
import type { CellValue } from './values.ts';
import { openXlsx } from './xlsx.ts';

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
    throw fileError(
      'import_unsupported_format',
      422,
      /\.ett?$/i.test(source.name)
        ? {
            zh: '这是 WPS 表格格式（.et）的文件：请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入',
            en: 'This is a WPS spreadsheet (.et): in WPS, save it as an Excel workbook (.xlsx) and import that',
          }
        : {
            zh: '这是旧版 .xls 文件或加密的工作簿：请在 Excel 或 WPS 中另存为 .xlsx（不加密）后再导入',
            en: 'This is an old .xls file or an encrypted workbook: save it as .xlsx (without a password) in Excel or WPS and import that',
          },
    );
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
