/**
 * What an update row changes, field by field, as the ledger shows it: "整改期限：2026年6月30日 →
 * 2026年12月1日", "牵头部门：县教育局 → 县卫生健康局". Each value is in both languages, as a report's
 * messages are, for the import page and the command line to show in the reader's.
 *
 * A report lists up to a thousand update rows (ReportRows), so a long text (measures, a description:
 * a CSV field may hold a megabyte) is shown as an excerpt of at most TEXT_EXCERPT characters, around
 * where the two texts first differ.
 */
import { enDate, zhDate } from '../domain/date-text.ts';
import type { HandlingMode, RectificationType, Source, Status } from '../domain/lifecycle.ts';
import type { Text } from '../errors.ts';
import {
  HANDLING_MODE_LABELS,
  type ImportField,
  RECTIFICATION_TYPE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from './vocabulary.ts';

export type ChangeValues = Partial<Record<ImportField, { from: Text; to: Text }>>;

/** Names for the ids an item keeps (department, campaign, domain). */
export interface NameOf {
  department(id: number): Text;
  campaign(id: number): Text;
  domain(id: number): Text;
}

/** The longest text shown for a value: a longer one is an excerpt around its first difference. */
export const TEXT_EXCERPT = 60;
/** How much of the text before the first difference an excerpt keeps, so the change has context. */
const EXCERPT_LEAD = 10;

const EMPTY: Text = { zh: '（空）', en: '(empty)' };
const ONGOING: Text = { zh: '长期坚持', en: 'Ongoing' };
const same = (s: string): Text => ({ zh: s, en: s });

/** A day, or a moment to the minute; a moment at midnight is the day the sheet gave. */
function dateText(value: string): Text {
  const at = value.endsWith('T00:00:00') ? value.slice(0, 10) : value;
  return { zh: zhDate(at), en: enDate(at) };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The part of `text` from about `start`, at most TEXT_EXCERPT characters (UTF-16 units, never half a
 * character), with … where it is cut. Counted in place: a megabyte of text is not copied to be cut.
 */
function excerpt(text: string, start: number): string {
  if (text.length <= TEXT_EXCERPT) return text;
  let from = Math.max(0, Math.min(start - EXCERPT_LEAD, text.length - TEXT_EXCERPT));
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from++;
  let to = Math.min(text.length, from + TEXT_EXCERPT);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to--;
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/** Where two texts first differ (a UTF-16 index, at the start of a character). */
function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i > 0 && i < a.length && isLowSurrogate(a.charCodeAt(i)) ? i - 1 : i;
}

const idNames = (ids: unknown, name: (id: number) => Text): Text => {
  const list = (ids as number[]).map(name);
  return list.length === 0
    ? EMPTY
    : { zh: list.map((n) => n.zh).join('、'), en: list.map((n) => n.en).join(', ') };
};

/**
 * Each changed field's value before and after, from the item's columns before and after (`before`,
 * `after`: the columns that change; participants as department ids).
 */
export function changeValues(
  fields: readonly ImportField[],
  columnOf: (field: ImportField) => string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  names: NameOf,
): ChangeValues {
  const out: ChangeValues = {};
  for (const field of fields) {
    const col = columnOf(field);
    const from = before[col];
    const to = after[col];
    if (from === undefined && to === undefined) continue;
    if (typeof from === 'string' && typeof to === 'string' && TEXT_FIELDS.has(field)) {
      const at = firstDifference(from, to);
      out[field] = { from: same(excerpt(from, at)), to: same(excerpt(to, at)) };
      continue;
    }
    out[field] = { from: shown(field, from, names), to: shown(field, to, names) };
  }
  return out;
}

const TEXT_FIELDS = new Set<ImportField>([
  'ledgerCode',
  'title',
  'description',
  'person',
  'measures',
  'evidence',
]);

/** One value of a field as the ledger shows it. */
function shown(field: ImportField, value: unknown, names: NameOf): Text {
  if (field === 'participants') return idNames(value, names.department);
  if (value === null || value === undefined || value === '') return field === 'deadline' ? ONGOING : EMPTY;
  switch (field) {
    case 'department':
      return names.department(Number(value));
    case 'campaign':
      return names.campaign(Number(value));
    case 'domain':
      return names.domain(Number(value));
    case 'source':
      return SOURCE_LABELS[value as Source] ?? same(String(value));
    case 'status':
      return STATUS_LABELS[value as Status] ?? same(String(value));
    case 'rectificationType':
      return RECTIFICATION_TYPE_LABELS[value as RectificationType] ?? same(String(value));
    case 'handlingMode':
      return HANDLING_MODE_LABELS[value as HandlingMode] ?? same(String(value));
    case 'registeredAt':
    case 'assignedAt':
    case 'originalDeadline':
    case 'deadline':
    case 'firstResponseAt':
    case 'rectifiedAt':
    case 'closedAt':
      return dateText(String(value));
    default:
      return same(excerpt(String(value), 0));
  }
}
