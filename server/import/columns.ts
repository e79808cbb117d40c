/**
 * Finding the header row under a sheet's title rows, and mapping its columns to item fields: a saved
 * or given mapping first, then the suggestion from the header words (vocabulary.ts).
 */
import type { Text } from '../errors.ts';
import { type CellValue, cellText } from './values.ts';
import { IMPORT_FIELDS, type ImportField, matchHeader, normalizeHeader } from './vocabulary.ts';

/** Header text (as written or normalised) → field, or null to leave the column out. */
export type ColumnMapping = Record<string, ImportField | null>;

export interface Column {
  /** 0-based position; `letter` is the spreadsheet's column name (A, B, …, AA). */
  index: number;
  letter: string;
  header: string;
  field: ImportField | null;
  /** What the header words alone suggest, so a UI can show both. */
  suggested: ImportField | null;
  from: 'mapping' | 'suggestion' | 'none';
  note?: Text;
}

/** How many rows from the top are searched for the header (title rows, unit and date lines above it). */
export const HEADER_SEARCH_ROWS = 30;

function normalizedMapping(mapping: ColumnMapping | undefined): Map<string, ImportField | null> {
  const m = new Map<string, ImportField | null>();
  for (const [k, v] of Object.entries(mapping ?? {})) m.set(normalizeHeader(k), v);
  return m;
}

/** How much a row looks like a header: its cells that name a field. */
export function headerScore(cells: CellValue[], mapping?: ColumnMapping): number {
  const saved = normalizedMapping(mapping);
  const seen = new Set<string>();
  let score = 0;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const text = cell.trim();
    if (!text || text.length > 40) continue;
    const key = normalizeHeader(text);
    if (seen.has(key)) continue;
    seen.add(key);
    if (saved.has(key)) score += 1;
    else {
      const hit = matchHeader(text);
      if (hit) score += hit.exact ? 1 : 0.5;
    }
  }
  return score;
}

/** The index (in `rows`) of the header row: the best-scoring of the first rows, with at least two field names. */
export function findHeaderRow(rows: CellValue[][], mapping?: ColumnMapping): number | null {
  let best: number | null = null;
  let bestScore = 1.5;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((cells, i) => {
    const score = headerScore(cells, mapping);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

/**
 * A header of two rows: the upper names groups of columns in merged cells (责任单位 over 牵头 | 配合,
 * 整改情况 over 是否完成 | 完成时间), the lower names the columns. The reader copies a merged cell
 * into every cell it covers, so a group is a run of equal cells, and a column merged down both rows
 * has the same text in each. The header is then the lower row, each cell under a group read with the
 * group's word when alone it names no field (牵头 → 牵头单位). Null when `lower` is not such a row:
 * a column outside the groups that differs, or a cell under a group that names no field (data).
 */
export function withSubHeader(upper: CellValue[], lower: CellValue[] | undefined): CellValue[] | null {
  if (!lower) return null;
  const text = (cells: CellValue[], j: number) => cellText(cells[j] ?? null);
  let grouped = false;
  const cells: CellValue[] = [];
  for (let j = 0; j < Math.max(upper.length, lower.length); j++) {
    const group = text(upper, j);
    const sub = text(lower, j);
    const inGroup = group !== '' && (text(upper, j - 1) === group || text(upper, j + 1) === group);
    if (inGroup && sub !== '' && sub !== group) {
      const named = subHeader(group, sub);
      if (named === null) return null;
      cells.push(named);
      grouped = true;
    } else if (sub === '' || sub === group) cells.push(upper[j] ?? null);
    else return null;
  }
  return grouped ? cells : null;
}

/** A column's name under its group: its own words if they name a field, else with the group's. */
function subHeader(group: string, sub: string): string | null {
  const candidates = [sub, sub + group.slice(-2), sub + group, group + sub];
  return (
    candidates.find((c) => matchHeader(c)?.exact) ?? candidates.find((c) => matchHeader(c) !== null) ?? null
  );
}

/**
 * Each column's field. When two columns claim one field, an explicit mapping wins, then the better
 * header word, then the leftmost; the loser takes its fallback field (问题描述 beside 问题名称 becomes the
 * description) or is left out, with a note.
 */
export function mapColumns(headerCells: CellValue[], mapping?: ColumnMapping): Column[] {
  const saved = normalizedMapping(mapping);
  const columns: (Column & { rank: number; fallback?: ImportField })[] = headerCells.map((cell, index) => {
    const header = cellText(cell);
    const hit = header ? matchHeader(header) : null;
    const suggested = hit && hit.field !== 'ignore' ? hit.field : null;
    const key = normalizeHeader(header);
    const base = { index, letter: columnLetter(index), header, suggested };
    if (header && saved.has(key)) {
      const field = saved.get(key) ?? null;
      if (field !== null && !IMPORT_FIELDS.includes(field))
        throw new Error(`Unknown field in mapping: ${field}`);
      return { ...base, field, from: 'mapping' as const, rank: -1 };
    }
    return {
      ...base,
      field: suggested,
      from: suggested ? ('suggestion' as const) : ('none' as const),
      rank: hit?.rank ?? 99,
      ...(hit?.fallback ? { fallback: hit.fallback } : {}),
    };
  });
  for (const field of IMPORT_FIELDS) {
    const [winner, ...losers] = columns
      .filter((c) => c.field === field)
      .sort((x, y) => x.rank - y.rank || x.index - y.index);
    for (const loser of losers) {
      const fallback = loser.fallback;
      if (fallback && !columns.some((c) => c.field === fallback)) {
        loser.field = fallback;
        continue;
      }
      loser.field = null;
      loser.from = 'none';
      loser.note = {
        zh: `与 ${winner!.letter} 列“${winner!.header}”同为该字段，此列不导入`,
        en: `Column ${winner!.letter} "${winner!.header}" already provides this field; this column is not imported`,
      };
    }
  }
  return columns.map(({ rank: _rank, fallback: _fallback, ...c }) => c);
}

/** The mapping a user would save for these columns: header → field. */
export function mappingOf(columns: Column[]): ColumnMapping {
  const m: ColumnMapping = {};
  for (const c of columns) if (c.header) m[c.header] = c.field;
  return m;
}

/** The spreadsheet's letter of a 0-based column (27 is AB). */
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
