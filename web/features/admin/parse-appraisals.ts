/**
 * External appraisal rows (民主评议 / 政府工作考核) pasted from a spreadsheet or read from a CSV file:
 * one row per department and period — department, kind, period, score, rank, out of. Columns are
 * separated by tabs (a paste from Excel) or commas; a header row is recognised and skipped. A
 * department is named by its code or either name; a kind by its code or its Chinese or English name.
 * Cells are read as an office types them: full-width digits (８２.５), a score in 分 (82.5分), a rank
 * as 第22名, a period in words (2025年, 2025年上半年, 2025年第三季度, 2025年6月 — as Excel shows a
 * month typed 2025-06). A file is read in the encoding it was saved in (decodeFileText).
 */
import { APPRAISAL_PERIOD } from '../../../server/domain/appraisal-period.ts';

export type AppraisalKind = 'public_appraisal' | 'work_assessment';

export interface AppraisalDraft {
  department: string;
  kind: AppraisalKind;
  period: string;
  score: number;
  rank: number | null;
  outOf: number | null;
}

export interface ParseProblem {
  /** 1-based line of the text. */
  line: number;
  problem:
    | 'columns'
    | 'department'
    | 'kind'
    | 'period'
    | 'score'
    | 'rank'
    | 'outOf'
    | 'rankAboveOutOf'
    | 'duplicate';
  value: string;
  /** duplicate: the line that gave the same department, kind and period first. */
  first?: number;
}

export interface DepartmentName {
  code: string;
  nameZh: string;
  nameEn: string;
}

const KIND_WORDS: Record<string, AppraisalKind> = {
  public_appraisal: 'public_appraisal',
  民主评议: 'public_appraisal',
  'public appraisal': 'public_appraisal',
  work_assessment: 'work_assessment',
  政府工作考核: 'work_assessment',
  工作考核: 'work_assessment',
  'government work assessment': 'work_assessment',
  'work assessment': 'work_assessment',
};

const HEADER_WORDS = /^(部门|单位|department|dept|code|编码)/i;

/** Full-width forms folded (８２.５ → 82.5, ｜Ｑ３ → Q3, the ideographic space → a space). */
const fold = (s: string) => s.normalize('NFKC').trim();
const key = (s: string) => fold(s).toLowerCase().replace(/\s+/g, ' ');

/**
 * A CSV or text file's bytes as text, in the encoding it was saved in: UTF-8 (with or without a BOM),
 * UTF-16 with its BOM (Excel's "Unicode text"), else GB18030 — what Excel on Chinese Windows saves as
 * "CSV", which read as UTF-8 turned every Chinese name into �.
 */
export function decodeFileText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

const CN_DIGITS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 上: '1', 下: '2' };

/** A period as offices write it, in the form stored (2025, 2025-H1, 2025-Q3, 2025-06); else as given. */
export function readPeriod(text: string): string {
  const t = fold(text).replace(/\s+/g, '');
  const half = /^(\d{4})年?([上下])半年$/.exec(t);
  if (half) return `${half[1]}-H${CN_DIGITS[half[2]!]}`;
  const quarter = /^(\d{4})年?(?:第)?([1-4一二三四])季度$/.exec(t) ?? /^(\d{4})[-/.]?[Qq]([1-4])$/.exec(t);
  if (quarter) return `${quarter[1]}-Q${CN_DIGITS[quarter[2]!] ?? quarter[2]}`;
  const month = /^(\d{4})(?:年(\d{1,2})月份?|[/.](\d{1,2}))$/.exec(t);
  if (month) {
    const m = Number(month[2] ?? month[3]);
    if (m >= 1 && m <= 12) return `${month[1]}-${String(m).padStart(2, '0')}`;
  }
  const year = /^(\d{4})年(?:度|全年)?$/.exec(t);
  if (year) return year[1]!;
  return t.replace(/-h([12])$/, '-H$1');
}

function splitLine(line: string): string[] {
  if (line.includes('\t')) return line.split('\t').map((c) => c.trim());
  // Commas, keeping quoted fields whole ("县教育局, 基础教育科").
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',' || ch === '，') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const optionalInt = (text: string): number | null | undefined => {
  if (text === '') return null;
  const n = Number(fold(text).replace(/^第\s*(\d+)\s*名$/, '$1'));
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};

export function parseAppraisals(
  text: string,
  departments: DepartmentName[],
): { rows: AppraisalDraft[]; problems: ParseProblem[] } {
  const byName = new Map<string, string>();
  for (const d of departments) for (const n of [d.code, d.nameZh, d.nameEn]) byName.set(key(n), d.code);
  const rows: AppraisalDraft[] = [];
  const problems: ParseProblem[] = [];
  // One value per department, kind and period (the server refuses a second, counting rows sent, not lines).
  const seen = new Map<string, number>();
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      const cells = splitLine(raw);
      if (
        rows.length === 0 &&
        problems.length === 0 &&
        HEADER_WORDS.test(cells[0] ?? '') &&
        !byName.has(key(cells[0] ?? ''))
      )
        return;
      if (cells.length < 4) {
        problems.push({ line, problem: 'columns', value: raw.trim() });
        return;
      }
      const [dept = '', kindText = '', periodText = '', scoreText = '', rankText = '', outOfText = ''] =
        cells;
      const department = byName.get(key(dept));
      const kind = KIND_WORDS[key(kindText)];
      const period = readPeriod(periodText);
      const score = Number(fold(scoreText).replace(/\s*分$/, ''));
      const rank = optionalInt(rankText);
      const outOf = optionalInt(outOfText);
      const before = problems.length;
      if (!department) problems.push({ line, problem: 'department', value: dept });
      if (!kind) problems.push({ line, problem: 'kind', value: kindText });
      if (!APPRAISAL_PERIOD.test(period)) problems.push({ line, problem: 'period', value: periodText });
      if (scoreText === '' || !Number.isFinite(score) || score < 0 || score > 1000)
        problems.push({ line, problem: 'score', value: scoreText });
      if (rank === undefined) problems.push({ line, problem: 'rank', value: rankText });
      if (outOf === undefined) problems.push({ line, problem: 'outOf', value: outOfText });
      if (problems.length === before && rank != null && outOf != null && rank > outOf)
        problems.push({ line, problem: 'rankAboveOutOf', value: `${rank} / ${outOf}` });
      const same = `${department} ${kind} ${period}`;
      if (problems.length === before && seen.has(same))
        problems.push({ line, problem: 'duplicate', value: dept, first: seen.get(same)! });
      if (problems.length === before) seen.set(same, line);
      if (problems.length === before)
        rows.push({
          department: department!,
          kind: kind!,
          period,
          score,
          rank: rank ?? null,
          outOf: outOf ?? null,
        });
    });
  return { rows, problems };
}
