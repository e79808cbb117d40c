/**
 * External appraisal rows (民主评议 / 政府工作考核) pasted from a spreadsheet or read from a CSV file:
 * one row per department and period — department, kind, period, score, rank, out of. Columns are
 * separated by tabs (a paste from Excel) or commas; a header row is recognised and skipped. A
 * department is named by its code or either name; a kind by its code or its Chinese or English name.
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
  problem: 'columns' | 'department' | 'kind' | 'period' | 'score' | 'rank' | 'outOf' | 'rankAboveOutOf';
  value: string;
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

const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

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
  const n = Number(text);
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
      const [dept = '', kindText = '', period = '', scoreText = '', rankText = '', outOfText = ''] = cells;
      const department = byName.get(key(dept));
      const kind = KIND_WORDS[key(kindText)];
      const score = Number(scoreText);
      const rank = optionalInt(rankText);
      const outOf = optionalInt(outOfText);
      const before = problems.length;
      if (!department) problems.push({ line, problem: 'department', value: dept });
      if (!kind) problems.push({ line, problem: 'kind', value: kindText });
      if (!APPRAISAL_PERIOD.test(period)) problems.push({ line, problem: 'period', value: period });
      if (scoreText === '' || !Number.isFinite(score) || score < 0 || score > 1000)
        problems.push({ line, problem: 'score', value: scoreText });
      if (rank === undefined) problems.push({ line, problem: 'rank', value: rankText });
      if (outOf === undefined) problems.push({ line, problem: 'outOf', value: outOfText });
      if (problems.length === before && rank != null && outOf != null && rank > outOf)
        problems.push({ line, problem: 'rankAboveOutOf', value: `${rank} / ${outOf}` });
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
