/**
 * One sheet row read through the column mapping: which rows are items (not blank, totals, notes or a
 * repeated header), and each item row's values, with a reason for every cell that cannot be read.
 * Pure: nothing here looks at the database.
 */
import { ITEM_TEXT_LIMITS } from '../domain/item-text-limits.ts';
import type { HandlingMode, RectificationType, Source, Status } from '../domain/lifecycle.ts';
import type { Text } from '../errors.ts';
import type { Column } from './columns.ts';
import {
  type CellValue,
  cellText,
  type Deadline,
  type Parsed,
  parseDate,
  parseDeadline,
  splitList,
  unquote,
} from './values.ts';
import {
  FIELD_LABELS,
  HANDLING_MODE_LABELS,
  type ImportField,
  isHeadingWord,
  isNoteWord,
  isNumberingHeader,
  isTotalsWord,
  parseHandlingModeWord,
  parseRectificationTypeWord,
  parseSourceWord,
  parseStatusWord,
  RECTIFICATION_TYPE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from './vocabulary.ts';

/** A problem with one cell (column set) or with the row as a whole. */
export interface CellIssue {
  column: number | null;
  field: ImportField | null;
  value?: string;
  message: Text;
}

/** A field is absent (undefined) when no column maps to it, null when its cell is empty. */
export interface RowValues {
  ledgerCode?: string | null;
  title?: string | null;
  description?: string | null;
  campaign?: string | null;
  domain?: string | null;
  source?: Source | null;
  department?: string | null;
  participants?: string[] | null;
  person?: string | null;
  registeredAt?: string | null;
  assignedAt?: string | null;
  rectificationType?: RectificationType | null;
  handlingMode?: HandlingMode | null;
  measures?: string | null;
  originalDeadline?: Deadline;
  deadline?: Deadline;
  status?: Status | null;
  firstResponseAt?: string | null;
  rectifiedAt?: string | null;
  evidence?: string | null;
  closedAt?: string | null;
}

export interface ParsedRow {
  row: number;
  values: RowValues;
  errors: CellIssue[];
}

export type RowKind = 'item' | 'blank' | 'totals' | 'note' | 'heading' | 'header';

const isEmpty = (v: CellValue | undefined) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Blank rows, totals (合计), notes under the table (注：…), section headings (一、教育领域) and a header
 * repeated on each printed page are not items. A cell merged across the row reaches here copied into
 * every cell it covers: one text across the row is a note or a heading, whatever it says.
 */
export function classifyRow(cells: CellValue[], columns: Column[]): RowKind {
  const nonEmpty = cells.filter((v) => !isEmpty(v));
  if (nonEmpty.length === 0) return 'blank';
  const firstCells = cells.slice(0, 4).filter((v) => !isEmpty(v));
  if (firstCells.some((v) => typeof v === 'string' && isTotalsWord(v))) return 'totals';
  const first = nonEmpty[0];
  const oneText = typeof first === 'string' && nonEmpty.every((v) => v === first);
  if (typeof first === 'string' && (nonEmpty.length <= 2 || oneText) && isNoteWord(first)) return 'note';
  if (oneText && nonEmpty.length > 1) return 'heading';
  const filled = columns.filter((c) => c.field !== null && !isEmpty(cells[c.index]));
  // Only unmapped cells: a numbered title alone (二、审批领域 in the 序号 column) is a heading; else
  // (a 序号 numbering empty rows) nothing to import.
  if (filled.length === 0)
    return nonEmpty.length === 1 && typeof first === 'string' && isHeadingWord(first) ? 'heading' : 'blank';
  if (filled.length === 1) {
    const only = cells[filled[0]!.index];
    if (typeof only === 'string' && isHeadingWord(only)) return 'heading';
  }
  const sameAsHeader = filled.filter((c) => cellText(cells[c.index] ?? null) === c.header).length;
  if (sameAsHeader >= 2 && sameAsHeader === filled.length) return 'header';
  return 'item';
}

/** The text fields a sheet may spread one item over several rows in: one row per measure. */
const JOINED_FIELDS: ReadonlySet<ImportField> = new Set(['description', 'measures', 'evidence']);

/**
 * For a file's columns: whether the row `next` continues the item row `held`, and if so joins it in. County sheets merge a
 * problem's cells down over one row per measure (整改措施 1, 2, 3); the reader copies a merged cell into
 * every row it covers (xlsx), and a CSV saved from such a sheet leaves those cells empty. So `next`
 * continues `held` when each of its imported cells and its 序号 are empty or the same as held's,
 * except in the description, measures and evidence columns, where at least one says something new:
 * that text is added to held's on a new line. A column the import leaves out (备注 per measure) does
 * not count; any other difference (a 序号, a deadline, a department) makes it a row of its own.
 */
export function continuationJoiner(columns: Column[]): (held: CellValue[], next: CellValue[]) => boolean {
  // Worked out once per file: this runs for every row.
  const joined = columns.filter((c) => c.field !== null && JOINED_FIELDS.has(c.field)).map((c) => c.index);
  const compared = new Set(
    columns.filter((c) => c.field !== null || isNumberingHeader(c.header)).map((c) => c.index),
  );
  return (held, next) => {
    let adds = false;
    for (let i = 0; i < next.length; i++) {
      if (!compared.has(i)) continue;
      const text = cellText(next[i] ?? null);
      if (text === '' || text === cellText(held[i] ?? null)) continue;
      if (!joined.includes(i)) return false;
      adds = true;
    }
    if (!adds) return false;
    for (const i of joined) {
      const text = cellText(next[i] ?? null);
      const before = cellText(held[i] ?? null);
      if (text !== '' && text !== before) held[i] = before === '' ? text : `${before}\n${text}`;
    }
    return true;
  };
}

const unknownWord = (raw: string, what: Text, labels: Record<string, Text>): Text => {
  const zh = Object.values(labels)
    .map((l) => l.zh)
    .join('、');
  const en = Object.values(labels)
    .map((l) => l.en.toLowerCase())
    .join(', ');
  return {
    zh: `不认识的${what.zh}“${raw}”（可写：${zh}）`,
    en: `Unknown ${what.en} "${raw}" (use: ${en})`,
  };
};

const WORDS = {
  source: { parse: parseSourceWord, what: { zh: '问题来源', en: 'source' }, labels: SOURCE_LABELS },
  status: { parse: parseStatusWord, what: { zh: '整改状态', en: 'status' }, labels: STATUS_LABELS },
  rectificationType: {
    parse: parseRectificationTypeWord,
    what: { zh: '整改类型', en: 'rectification type' },
    labels: RECTIFICATION_TYPE_LABELS,
  },
  handlingMode: {
    parse: parseHandlingModeWord,
    what: { zh: '办理方式', en: 'handling mode' },
    labels: HANDLING_MODE_LABELS,
  },
} as const;

// Module-level helpers (not closures made per cell): this runs for every cell of every row.
function issue(errors: CellIssue[], col: Column, text: string, message: Text): null {
  errors.push({ column: col.index, field: col.field, value: text, message });
  return null;
}

function take<T>(errors: CellIssue[], col: Column, text: string, parsed: Parsed<T>): T | null {
  return parsed.ok ? parsed.value : issue(errors, col, text, parsed.reason);
}

function word(errors: CellIssue[], col: Column, text: string, kind: keyof typeof WORDS): string | null {
  if (text === '') return null;
  const w = WORDS[kind];
  return (
    (w.parse as (s: string) => string | null)(text) ??
    issue(errors, col, text, unknownWord(text, w.what, w.labels))
  );
}

/** The text, with an error naming its column when it is longer than the item's field takes. */
function limited(errors: CellIssue[], col: Column, text: string): string {
  const max = ITEM_TEXT_LIMITS[col.field as keyof typeof ITEM_TEXT_LIMITS];
  // Counted as the API counts (UTF-16 code units), so what one takes the other takes too.
  if (text.length <= max) return text;
  const label = FIELD_LABELS[col.field as ImportField];
  issue(errors, col, `${text.slice(0, 40)}…`, {
    zh: `${label.zh}超过 ${max} 个字符（共 ${text.length} 个）`,
    en: `${label.en} is longer than ${max} characters (${text.length})`,
  });
  return text; // the row is rejected for its length, not also for an empty field
}

/** What Excel shows for a formula that failed (#N/A from a VLOOKUP that found nothing, #REF! …). */
const FORMULA_ERROR = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

/** Reads an item row's mapped cells into values; unreadable cells become errors naming their column. */
export function parseRow(row: number, cells: CellValue[], columns: Column[]): ParsedRow {
  const values: RowValues = {};
  const errors: CellIssue[] = [];
  for (const col of columns) {
    const field = col.field;
    if (field === null) continue;
    const cell = cells[col.index] ?? null;
    const text = unquote(cellText(cell));
    if (FORMULA_ERROR.test(text)) {
      issue(errors, col, text, {
        zh: `单元格是公式错误 ${text}：请在表中改正公式或填入数值`,
        en: `The cell is a formula error, ${text}: correct the formula or type the value`,
      });
      continue;
    }
    switch (field) {
      case 'ledgerCode':
        values.ledgerCode =
          text === '' ? null : limited(errors, col, text.normalize('NFKC').replace(/\s+/g, ''));
        break;
      case 'title':
      case 'description':
      case 'person':
      case 'measures':
      case 'evidence':
        values[field] = text === '' ? null : limited(errors, col, text);
        break;
      case 'campaign':
      case 'domain':
      case 'department':
        values[field] = text === '' ? null : text;
        break;
      case 'participants':
        values.participants = text === '' ? null : splitList(text);
        break;
      case 'source':
        values.source = word(errors, col, text, 'source') as Source | null;
        break;
      case 'status':
        values.status = word(errors, col, text, 'status') as Status | null;
        break;
      case 'rectificationType':
        values.rectificationType = word(errors, col, text, 'rectificationType') as RectificationType | null;
        break;
      case 'handlingMode':
        values.handlingMode = word(errors, col, text, 'handlingMode') as HandlingMode | null;
        break;
      case 'registeredAt':
      case 'assignedAt':
      case 'firstResponseAt':
      case 'rectifiedAt':
      case 'closedAt':
        values[field] = take(errors, col, text, parseDate(typeof cell === 'string' ? unquote(cell) : cell));
        break;
      case 'originalDeadline':
      case 'deadline':
        values[field] = take(
          errors,
          col,
          text,
          parseDeadline(typeof cell === 'string' ? unquote(cell) : cell),
        );
        break;
    }
  }
  return { row, values, errors };
}
