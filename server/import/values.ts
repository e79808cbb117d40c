/**
 * Cell values as offices write them, turned into Closeout's values: text, dates (Excel serials,
 * 2023-05-31, 2023/5/31, 2023.5.31, 2023年5月31日, with or without a time), deadlines (also 长期坚持 and
 * "2023年6月底前"). Pure functions; every failure is a bilingual reason.
 */
import iconv from 'iconv-lite';
import { hasUnprintable, withoutUnprintable } from '../domain/printable.ts';
import { inLedgerYears, parseMoment } from '../domain/time.ts';
import type { Text } from '../errors.ts';
import { isOngoingWord, parseRectificationTypeWord } from './vocabulary.ts';

/** What a reader hands over for one cell: xlsx dates arrive as text ('YYYY-MM-DD[ HH:MM:SS]'). */
export type CellValue = string | number | boolean | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: Text };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (zh: string, en: string): Parsed<never> => ({ ok: false, reason: { zh, en } });

/** Characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text, trimmed; numbers without float noise; '' when empty. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // A NUL character is never part of a value (SQLite would end the text there), nor a character the
  // API refuses in typed text (a control character, a direction override): they are dropped. Word's
  // line break (a vertical tab, pasted into a cell) is a line break.
  if (!value.includes('\u0000') && !hasUnprintable(value)) return value.trim();
  return withoutUnprintable(value.replaceAll('\u0000', '').replaceAll('\v', '\n')).trim();
}

/**
 * Undoes export's formula neutralisation: a leading single quote before a formula character or
 * before another quote was added by Closeout (or by a careful user) and is not part of the value.
 */
export function unquote(text: string): string {
  return text.length > 1 && text[0] === "'" && (FORMULA_START.test(text.slice(1)) || text[1] === "'")
    ? text.slice(1)
    : text;
}

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

// Excel's day 0 is 1899-12-30 (so that its fictional 1900-02-29 comes out right after March 1900).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serials from 1930 to 2099: a number outside is not a date written by a ledger keeper. */
const SERIAL_MIN = 10_958;
const SERIAL_MAX = 73_050;

/** An Excel serial date as a day, or a moment when it has a time of day. */
export function serialToDateText(serial: number): string {
  const ms = Math.round((EXCEL_EPOCH + serial * 86_400_000) / 1000) * 1000;
  const iso = new Date(ms).toISOString();
  return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : iso.slice(0, 19);
}

const DATE_RE =
  /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s*T\s*|\s+|(?<=日))(\d{1,2})\s*[:时点]\s*(\d{1,2})(?:\s*[:分]\s*(\d{1,2})\s*秒?)?\s*分?)?$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH_RE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(?:底|末|月底|月末)?$/;
const YEAR_END_RE = /^(\d{4})\s*年\s*(?:底|末|年底|年末)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

function dateFromParts(y: string, m: string, d: string, h?: string, min?: string, s?: string): string | null {
  if (!validDay(Number(y), Number(m), Number(d))) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  if (h === undefined) return day;
  return parseMoment(`${day}T${pad(h)}:${pad(min ?? '0')}:${pad(s ?? '0')}`);
}

function lastDayOfMonth(y: number, m: number): string {
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const notADate = (raw: string) =>
  fail(
    `“${raw}”不是日期（可写 2023-05-31、2023/5/31、2023.5.31 或 2023年5月31日，可带时间）`,
    `"${raw}" is not a date (write 2023-05-31, 2023/5/31, 2023.5.31 or 2023年5月31日, optionally with a time)`,
  );

/** 11/15/2026, 15/11/2026 (with a time or not): the year last, as Excel in English saves a CSV. */
const YEAR_LAST_RE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(\s.*)?$/;

/**
 * A date with the year last is refused, not guessed (5/6/2026 is May 6 in one country and June 5 in
 * another), saying so rather than "not a date", with the day it must be when one of the two numbers
 * cannot be a month.
 */
function yearLast(raw: string, a: number, b: number, year: string, time = ''): Parsed<string | null> {
  const day = (m: number, d: number) =>
    validDay(Number(year), m, d) ? `${year}-${pad(m)}-${pad(d)}${time}` : null;
  const only = a > 12 ? day(b, a) : b > 12 ? day(a, b) : null;
  if (!only && (a > 12 || b > 12)) return notADate(raw);
  if (only)
    return fail(
      `“${raw}”把年份写在最后（英文版 Excel 另存的 CSV 如此）：是 ${only} 吗？请照此填写，或导入 .xlsx 文件`,
      `"${raw}" has the year last (as Excel in English saves a CSV): is it ${only}? Write it so, or import the .xlsx file`,
    );
  return fail(
    `“${raw}”把年份写在最后（英文版 Excel 另存的 CSV 如此），月和日的先后无法确定：请按“年-月-日”填写（如 ${year}-05-06），或导入 .xlsx 文件`,
    `"${raw}" has the year last (as Excel in English saves a CSV), so the month and the day cannot be told apart: write year-month-day (${year}-05-06), or import the .xlsx file`,
  );
}

/**
 * A date cell as a day 'YYYY-MM-DD' or a moment 'YYYY-MM-DDTHH:MM:SS'; null when empty. With
 * `deadline`, a month ("2023年6月底前", "2023-06") means its last day and a trailing 前 is allowed.
 */
export function parseDate(value: CellValue, options: { deadline?: boolean } = {}): Parsed<string | null> {
  const parsed = readDate(value, options);
  if (!parsed.ok || parsed.value === null || inLedgerYears(parsed.value)) return parsed;
  const raw = cellText(value);
  return fail(`“${raw}”的年份须在 1900 至 2999 之间`, `"${raw}": the year must be between 1900 and 2999`);
}

function readDate(value: CellValue, options: { deadline?: boolean }): Parsed<string | null> {
  if (value === null || value === '') return ok(null);
  if (typeof value === 'number') {
    if (value >= SERIAL_MIN && value <= SERIAL_MAX) return ok(serialToDateText(value));
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_001_231)
      return parseDate(String(value));
    return notADate(cellText(value));
  }
  if (typeof value === 'boolean') return notADate(cellText(value));
  const raw = value.trim();
  if (raw === '') return ok(null);
  let text = raw.normalize('NFKC').replace(/\s+/g, ' ');
  if (options.deadline) text = text.replace(/\s*(?:以前|之前|前)$/, '');
  // A number written as text is a serial, unless it is a deadline's month written 2026.6 or 2026.10.
  const monthWithDot = options.deadline && /^\d{4}\.\d{1,2}$/.test(text);
  if (/^\d+(\.\d+)?$/.test(text) && !COMPACT_RE.test(text) && !monthWithDot)
    return parseDate(Number(text), options);
  const m = DATE_RE.exec(text);
  if (m) {
    const v = dateFromParts(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]);
    return v ? ok(v) : notADate(raw);
  }
  const c = COMPACT_RE.exec(text);
  if (c) {
    const v = dateFromParts(c[1]!, c[2]!, c[3]!);
    return v ? ok(v) : notADate(raw);
  }
  const dayFirst = YEAR_LAST_RE.exec(text);
  if (dayFirst) return yearLast(raw, Number(dayFirst[1]), Number(dayFirst[2]), dayFirst[3]!, dayFirst[4]);
  if (options.deadline) {
    const month = MONTH_RE.exec(text);
    if (month) {
      const [y, mo] = [Number(month[1]), Number(month[2])];
      if (mo >= 1 && mo <= 12) return ok(lastDayOfMonth(y, mo));
    }
    const year = YEAR_END_RE.exec(text);
    if (year) return ok(`${year[1]}-12-31`);
  }
  return notADate(raw);
}

export type Deadline = { kind: 'date'; value: string } | { kind: 'ongoing' } | null;

/** A deadline cell: a date, 长期坚持 / "ongoing" (a long-term item without an end date), or empty. */
export function parseDeadline(value: CellValue): Parsed<Deadline> {
  if (typeof value === 'string' && isOngoingWord(value)) return ok({ kind: 'ongoing' });
  const d = parseDate(value, { deadline: true });
  if (!d.ok) return typeof value === 'string' ? (deadlineHint(value.trim()) ?? d) : d;
  return ok(d.value === null ? null : { kind: 'date', value: d.value });
}

/** Why a deadline office staff often write is not one: a kind of rectification, or a month without its year. */
function deadlineHint(raw: string): Parsed<Deadline> | null {
  if (parseRectificationTypeWord(raw) === 'immediate')
    return fail(
      `“${raw}”是整改类型，不是期限：请写在“整改类型”列，期限列写完成日期（无期限的写“长期坚持”）`,
      `"${raw}" is a kind of rectification, not a deadline: put it in the rectification type column and give a date here (or 长期坚持 / ongoing for none)`,
    );
  if (/^\d{1,2}\s*月/.test(raw.normalize('NFKC')))
    return fail(
      `“${raw}”没有年份：请写成 2026年${raw}这样的形式`,
      `"${raw}" has no year: write it with one, e.g. 2026年${raw}`,
    );
  return null;
}

/** A date as the moment it stands for: a day is its start. */
export function toMoment(dateText: string): string {
  return dateText.length === 10 ? `${dateText}T00:00:00` : dateText;
}

/**
 * Whether a stored value says what the sheet says, at the sheet's precision: a day in the sheet
 * matches any time on that day (offices write days; Closeout keeps times), and a time without seconds
 * any second of that minute. Excel shows a time to the minute (2026/11/15 15:10), and a CSV it saves
 * holds what it shows: the seconds of Closeout's export are gone, and the item is the same.
 */
export function sameDate(stored: string | null, sheet: string): boolean {
  if (stored === null) return false;
  if (sheet.length === 10) return stored.slice(0, 10) === sheet;
  if (sheet.endsWith(':00')) return stored.slice(0, 16) === sheet.slice(0, 16);
  return stored === sheet;
}

/** Whether GBK (Windows' Chinese code page, as Excel saves "CSV") holds a character. */
const inGbk = (ch: string) => iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch;

/**
 * Whether a sheet's text is the stored text with only what GBK cannot hold lost: Excel on Chinese
 * Windows saves a CSV in GBK, and writes ? (or a look-alike) for •, ², ©, a non-breaking space or a
 * character beyond GBK's (𠮷). Compared character by character, each may differ only where the
 * stored one is not in GBK.
 */
export function lostInGbk(stored: string | null, sheet: string): boolean {
  if (stored === null || stored === sheet) return false;
  const a = [...stored];
  const b = [...sheet];
  if (a.length !== b.length) return false;
  let lost = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (inGbk(a[i]!)) return false;
    lost = true;
  }
  return lost;
}

/** Department lists: 县教育局、县财政局 / Education Bureau; Finance Bureau. */
export function splitList(text: string): string[] {
  return text
    .split(/[、;；\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Names, codes and aliases compared without case, spaces, zero-width characters or full-width forms. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');
}
