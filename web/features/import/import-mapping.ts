/**
 * The pure pieces of the import screen: the fields a column can be mapped to, the mapping the screen
 * sends (every named header → its field), and what the dry-run report allows next.
 */
import type { ColumnMapping, ImportColumn, ImportField, ImportReport, ImportRow } from '../../api/imports.ts';

/** Every item field a column can fill: the server's own list, so the two never drift apart. */
export { IMPORT_FIELDS } from '../../../server/import/vocabulary.ts';

/** The mapping as the columns stand: each column with a header, to its field (null: left out). */
export function mappingOf(columns: Pick<ImportColumn, 'header' | 'field'>[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const c of columns) if (c.header.trim()) mapping[c.header] = c.field;
  return mapping;
}

/** The columns with one column's field changed; another column holding that field gives it up. */
export function remap<C extends Pick<ImportColumn, 'index' | 'field'>>(
  columns: C[],
  index: number,
  field: ImportField | null,
): C[] {
  return columns.map((c) => {
    if (c.index === index) return { ...c, field };
    if (field !== null && c.field === field) return { ...c, field: null };
    return c;
  });
}

/** Whether the mapping names a title column: without one nothing can be imported. */
export const hasTitle = (columns: Pick<ImportColumn, 'field'>[]) => columns.some((c) => c.field === 'title');

export type RowFilter = 'all' | 'problems' | ImportRow['action'];

/** The report's rows to list: all, one action, or those with errors or warnings. */
export function filterRows(rows: ImportRow[], filter: RowFilter): ImportRow[] {
  if (filter === 'all') return rows;
  if (filter === 'problems') return rows.filter((r) => r.errors.length > 0 || r.warnings.length > 0);
  return rows.filter((r) => r.action === filter);
}

/**
 * An update row's changes, one per field in the report's order, with the value before and after in
 * the reader's language ("整改期限：2026年6月30日 → 2026年12月1日"); a field the report gives no
 * values for is named alone.
 */
export function changeLines(
  row: Pick<ImportRow, 'changes' | 'values'>,
  lang: 'zh-CN' | 'en',
): { field: ImportField; from?: string; to?: string }[] {
  const pick = (text: { zh: string; en: string }) => (lang === 'en' ? text.en : text.zh);
  return (row.changes ?? []).map((field) => {
    const value = row.values?.[field];
    return value ? { field, from: pick(value.from), to: pick(value.to) } : { field };
  });
}

/** A dry run can be committed when no row is rejected and some row would change the ledger. */
export function canCommit(report: Pick<ImportReport, 'summary'> | null): boolean {
  if (!report) return false;
  const s = report.summary;
  return s.reject === 0 && s.create + s.update > 0;
}
