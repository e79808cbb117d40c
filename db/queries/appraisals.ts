import type { Moment } from '../../server/domain/time.ts';
import { EVERY_MOMENT, remembered } from '../figure-memo.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface AppraisalRow {
  departmentCode: string;
  nameZh: string;
  nameEn: string;
  kind: 'public_appraisal' | 'work_assessment';
  period: string;
  score: number;
  rank: number | null;
  outOf: number | null;
}

export function listAppraisals(db: Db, period?: string): AppraisalRow[] {
  return prepared(
    db,
    `SELECT d.code AS departmentCode, d.name_zh AS nameZh, d.name_en AS nameEn, a.kind, a.period, a.score,
              a.rank, a.out_of AS outOf
       FROM appraisals a JOIN departments d ON d.id = a.department_id
       WHERE @period IS NULL OR a.period = @period
       ORDER BY a.period DESC, a.kind, a.rank, d.code`,
  ).all({ period: period ?? null }) as AppraisalRow[];
}

export interface AppraisalValue {
  score: number;
  rank: number | null;
  outOf: number | null;
}

/** Inserts or replaces one department's appraisal for a kind and period; returns the one it replaced. */
export function upsertAppraisal(
  db: Db,
  a: AppraisalValue & { departmentId: number; kind: string; period: string },
): AppraisalValue | null {
  const before = prepared(
    db,
    'SELECT score, rank, out_of AS outOf FROM appraisals WHERE department_id = ? AND kind = ? AND period = ?',
  ).get(a.departmentId, a.kind, a.period) as AppraisalValue | undefined;
  prepared(
    db,
    `INSERT INTO appraisals (department_id, kind, period, score, rank, out_of) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (department_id, kind, period) DO UPDATE SET score = excluded.score, rank = excluded.rank, out_of = excluded.out_of`,
  ).run(a.departmentId, a.kind, a.period, a.score, a.rank, a.outOf);
  return before ?? null;
}

/** Months an appraisal period spans, by its form: 2025, 2025-H1, 2025-Q3, 2025-06. */
const spanMonths = (period: string) =>
  period.length === 4 ? 12 : period[5] === 'H' ? 6 : period[5] === 'Q' ? 3 : 1;

/** A period's first day: 2025 → 2025-01-01, 2025-H2 → 2025-07-01, 2025-Q3 → 2025-07-01, 2025-06 → 2025-06-01. */
export function periodStart(period: string): string {
  const year = period.slice(0, 4);
  if (period.length === 4) return `${year}-01-01`;
  const n = Number(period.slice(period[5] === 'H' || period[5] === 'Q' ? 6 : 5));
  const month = period[5] === 'H' ? (n - 1) * 6 + 1 : period[5] === 'Q' ? (n - 1) * 3 + 1 : n;
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

export interface PeriodScore {
  start: string;
  score: number;
}

/**
 * Each department's public appraisals, the one to use first: the latest start, and of periods starting
 * on the same day the shortest (a month's score is newer news than its year's). Comparing the period
 * texts instead would rank 2026-06 after 2026 and H1 before Q3.
 */
export function publicAppraisalsByDepartment(db: Db): Map<number, PeriodScore[]> {
  // Remembered until an appraisal changes (db/figure-memo.ts): read for every ranking.
  return remembered(db, 'public appraisals', EVERY_MOMENT, () => readPublicAppraisals(db));
}

function readPublicAppraisals(db: Db): Map<number, PeriodScore[]> {
  const rows = prepared(
    db,
    "SELECT department_id, period, score FROM appraisals WHERE kind = 'public_appraisal'",
  ).all() as { department_id: number; period: string; score: number }[];
  const byDepartment = new Map<number, (PeriodScore & { span: number })[]>();
  for (const r of rows) {
    const list = byDepartment.get(r.department_id) ?? [];
    list.push({ start: periodStart(r.period), span: spanMonths(r.period), score: r.score });
    byDepartment.set(r.department_id, list);
  }
  for (const list of byDepartment.values())
    list.sort((a, b) => (a.start === b.start ? a.span - b.span : a.start < b.start ? 1 : -1));
  return byDepartment;
}

/** The appraisal score in force at T: that of the latest period that began before T. */
export const appraisalAt = (list: PeriodScore[] | undefined, t: Moment): number | null =>
  list?.find((a) => `${a.start}T00:00:00` < t)?.score ?? null;
