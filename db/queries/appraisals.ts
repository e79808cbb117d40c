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

/** Inserts or replaces one department's appraisal for a kind and period. */
export function upsertAppraisal(
  db: Db,
  a: {
    departmentId: number;
    kind: string;
    period: string;
    score: number;
    rank: number | null;
    outOf: number | null;
  },
): void {
  prepared(
    db,
    `INSERT INTO appraisals (department_id, kind, period, score, rank, out_of) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (department_id, kind, period) DO UPDATE SET score = excluded.score, rank = excluded.rank, out_of = excluded.out_of`,
  ).run(a.departmentId, a.kind, a.period, a.score, a.rank, a.outOf);
}
