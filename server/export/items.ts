/**
 * The item list as a spreadsheet: one column per item field, headed and worded in the user's language
 * exactly as import reads them back (export → import keeps every field), plus what import leaves
 * alone: the warning light and days overdue as of the export, the latest progress note and when it was
 * reported, the counts of extensions, reopenings and urgings, and when and why an item was voided.
 */
import type { ExportItemRow } from '../../db/queries/export.ts';
import type { Lang, Text } from '../errors.ts';
import {
  FIELD_LABELS,
  HANDLING_MODE_LABELS,
  READ_ONLY_LABELS,
  RECTIFICATION_TYPE_LABELS,
  SOURCE_LABELS,
  STATUS_LABELS,
} from '../import/vocabulary.ts';
import { type ExportColumn, type ExportOptions, writeExport } from './table.ts';

const FIGURE_LABELS = {
  light: { zh: '预警', en: 'Warning light' },
  daysOverdue: { zh: '逾期天数', en: 'Days overdue' },
} satisfies Record<string, Text>;
/** A warning light in words, in the export's cells and its title's filters. */
export const LIGHT_WORDS: Record<'red' | 'yellow' | 'green', Text> = {
  red: { zh: '红灯', en: 'Red' },
  yellow: { zh: '黄灯', en: 'Yellow' },
  green: { zh: '绿灯', en: 'Green' },
};

/**
 * The ledger's columns. `departments`: the names a lead department may take (the active ones),
 * offered as its drop-down list in xlsx.
 */
export function itemColumns(lang: Lang, departments?: Text[]): ExportColumn<ExportItemRow>[] {
  const en = lang === 'en';
  const pick = (zh: string | null, enText: string | null) => (en ? enText : zh);
  const label = (t: { zh: string; en: string } | undefined) => (t ? (en ? t.en : t.zh) : null);
  const L = FIELD_LABELS;
  return [
    { header: L.ledgerCode, type: 'text', width: 18, value: (r) => r.ledgerCode },
    { header: L.title, type: 'text', width: 36, wrap: true, value: (r) => r.title },
    { header: L.description, type: 'text', width: 36, wrap: true, value: (r) => r.description },
    { header: L.campaign, type: 'text', width: 20, value: (r) => pick(r.campaignZh, r.campaignEn) },
    { header: L.domain, type: 'text', width: 16, value: (r) => pick(r.domainZh, r.domainEn) },
    {
      header: L.source,
      type: 'text',
      width: 14,
      choices: Object.values(SOURCE_LABELS),
      value: (r) => label(SOURCE_LABELS[r.source]),
    },
    {
      header: L.department,
      type: 'text',
      width: 20,
      ...(departments && departments.length > 0 ? { choices: departments } : {}),
      value: (r) => pick(r.departmentZh, r.departmentEn),
    },
    {
      header: L.participants,
      type: 'text',
      width: 24,
      value: (r) => pick(r.participantsZh, r.participantsEn),
    },
    { header: L.person, type: 'text', width: 12, value: (r) => r.person },
    { header: L.registeredAt, type: 'date', value: (r) => r.registeredAt },
    { header: L.assignedAt, type: 'date', value: (r) => r.assignedAt },
    {
      header: L.rectificationType,
      type: 'text',
      width: 12,
      choices: Object.values(RECTIFICATION_TYPE_LABELS),
      value: (r) => label(RECTIFICATION_TYPE_LABELS[r.rectificationType]),
    },
    {
      header: L.handlingMode,
      type: 'text',
      width: 10,
      choices: Object.values(HANDLING_MODE_LABELS),
      value: (r) => (r.handlingMode ? label(HANDLING_MODE_LABELS[r.handlingMode]) : null),
    },
    { header: L.measures, type: 'text', width: 36, wrap: true, value: (r) => r.measures },
    { header: L.originalDeadline, type: 'date', value: (r) => r.originalDeadline },
    {
      header: L.deadline,
      type: 'date',
      value: (r) =>
        r.deadline ?? (r.rectificationType === 'long_term' ? (en ? 'ongoing' : '长期坚持') : null),
    },
    {
      header: L.status,
      type: 'text',
      width: 10,
      choices: Object.values(STATUS_LABELS),
      value: (r) => label(STATUS_LABELS[r.status]),
    },
    // As of the export, as the ledger table shows them (import leaves both alone).
    {
      header: FIGURE_LABELS.light,
      type: 'text',
      width: 8,
      value: (r) => label(r.light ? LIGHT_WORDS[r.light] : undefined),
    },
    { header: FIGURE_LABELS.daysOverdue, type: 'integer', value: (r) => r.daysOverdue },
    { header: L.firstResponseAt, type: 'date', value: (r) => r.firstResponseAt },
    { header: L.rectifiedAt, type: 'date', value: (r) => r.rectifiedAt },
    { header: L.evidence, type: 'text', width: 30, wrap: true, value: (r) => r.evidence },
    { header: L.closedAt, type: 'date', value: (r) => r.closedAt },
    {
      header: READ_ONLY_LABELS.latestProgress,
      type: 'text',
      width: 36,
      wrap: true,
      value: (r) => r.latestProgress,
    },
    { header: READ_ONLY_LABELS.latestProgressAt, type: 'date', value: (r) => r.latestProgressAt },
    { header: READ_ONLY_LABELS.extensions, type: 'integer', value: (r) => r.extensionCount },
    { header: READ_ONLY_LABELS.reopenings, type: 'integer', value: (r) => r.reopenCount },
    { header: READ_ONLY_LABELS.urgings, type: 'integer', value: (r) => r.urgeCount },
    // A voided item's list says so (import rejects voided items and reads neither column).
    { header: READ_ONLY_LABELS.voidedAt, type: 'date', value: (r) => r.voidedAt },
    { header: READ_ONLY_LABELS.voidReason, type: 'text', width: 24, value: (r) => r.voidReason },
  ];
}

/** Writes items (e.g. from listItemsForExport) as .xlsx or .csv. */
export function exportItems(
  rows: Iterable<ExportItemRow> | AsyncIterable<ExportItemRow>,
  options: ExportOptions & { departments?: Text[] },
): Promise<{ rows: number }> {
  const { departments, ...rest } = options;
  return writeExport(rows, itemColumns(options.lang, departments), {
    // Thirty columns: a ledger prints on A3, as offices print theirs.
    paper: 'A3',
    ...rest,
    sheetName: rest.sheetName ?? (rest.lang === 'en' ? 'Ledger' : '台账'),
  });
}
