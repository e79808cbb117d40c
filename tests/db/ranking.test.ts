import { describe, expect, it } from 'vitest';
import { periodStart, upsertAppraisal } from '../../db/queries/appraisals.ts';
import { getActiveProfile } from '../../db/queries/profiles.ts';
import { getDepartmentRanking } from '../../db/queries/ranking.ts';
import { DEFAULT_PROFILE } from '../../server/domain/scoring.ts';
import { asOfMoment } from '../../server/domain/time.ts';
import { improvementReport, rankingReport } from '../../server/figures/reports.ts';
import { memoryDb } from '../helpers/db.ts';
import { type ItemSpec, ledger } from '../helpers/ledger.ts';

const T = asOfMoment('2026-06-30')!;
const repeat = (n: number, spec: (k: number) => ItemSpec) => Array.from({ length: n }, (_, k) => spec(k));
const onTime =
  (dept: string) =>
  (k: number): ItemSpec => ({
    code: `${dept}-ok-${k}`,
    department: dept,
    registered: '2026-03-02',
    deadline: '2026-03-31',
    closures: [{ closed: '2026-03-12' }],
  });
const overdue =
  (dept: string) =>
  (k: number): ItemSpec => ({
    code: `${dept}-late-${k}`,
    department: dept,
    registered: '2026-03-02',
    deadline: '2026-03-31',
  });

/** Peer group G1: P and Q perfect (a tie), R middling, S nothing closed, X too few items; G2: U. */
function rankingLedger() {
  const db = memoryDb();
  const l = ledger(db);
  for (const [code, group] of [
    ['P', 'G1'],
    ['Q', 'G1'],
    ['R', 'G1'],
    ['S', 'G1'],
    ['X', 'G1'],
    ['U', 'G2'],
  ] as const) {
    l.department(code, group);
  }
  const items: ItemSpec[] = [
    ...repeat(5, onTime('P')),
    ...repeat(5, onTime('Q')),
    // R: 5 on time (10 days), 1 reopened and closed again on time (23 days), 2 closed late (65 days), 2 overdue.
    ...repeat(5, onTime('R')),
    {
      code: 'R-re',
      department: 'R',
      registered: '2026-03-02',
      deadline: '2026-03-31',
      closures: [{ closed: '2026-03-12', reopened: '2026-03-20' }, { closed: '2026-03-25' }],
    },
    ...repeat(2, (k) => ({
      code: `R-slow-${k}`,
      department: 'R',
      registered: '2026-03-02',
      deadline: '2026-03-31',
      closures: [{ closed: '2026-05-06' }],
    })),
    ...repeat(2, overdue('R')),
    ...repeat(5, overdue('S')),
    ...repeat(4, onTime('X')),
    // U: 4 on time, 1 overdue.
    ...repeat(4, onTime('U')),
    overdue('U')(0),
  ];
  for (const item of items) l.item(item);
  return db;
}

describe('ranking', () => {
  const db = rankingLedger();
  const rows = getDepartmentRanking(db, { t: T, scope: {}, profile: DEFAULT_PROFILE });
  const row = (code: string) => rows.find((r) => r.department.code === code)!;

  it('scores a department by the profile, hand-computed', () => {
    // R: closure 8/10 → 15; on-time 6/10 → 6.67; overdue 2/10 → 6.67; median of 10,10,10,10,10,23,65,65 = 10 → 15;
    // reopen 1/8 → 3.75.
    expect(row('R').score).toBe(47.09);
    expect(row('R').lost).toEqual({
      closureRate: 10,
      onTimeRate: 23.33,
      overdueShare: 13.33,
      medianDaysToClose: 0,
      reopenRate: 6.25,
      appraisal: 0,
    });
    expect(row('P').score).toBe(100);
    // U: closure 0.8 → 15; on-time 0.8 → 20; overdue 0.2 → 6.67; median 10 → 15; reopen 0/4 → 10.
    expect(row('U').score).toBe(66.67);
    // S: nothing closed: every component 0, the undefined ones (median, reopen) too.
    expect(row('S').score).toBe(0);
    expect(row('S').values.medianDaysToClose).toBeNull();
    expect(row('S').values.reopenRate).toBeNull();
  });

  it('gives equal scores a shared rank within the peer group (1, 1, 3, 4)', () => {
    expect(['P', 'Q', 'R', 'S'].map((c) => row(c).rank)).toEqual([1, 1, 3, 4]);
    expect(row('P').rankedInGroup).toBe(4);
  });

  it('ranks each peer group on its own and all ranked departments overall', () => {
    expect(row('U').rank).toBe(1);
    expect(['P', 'Q', 'U', 'R', 'S'].map((c) => row(c).overallRank)).toEqual([1, 1, 3, 4, 5]);
  });

  it('lists a department with fewer due items than the minimum as not ranked, never at the top', () => {
    expect(row('X').figures.due).toBe(4);
    expect(row('X').score).toBe(100);
    expect(row('X').ranked).toBe(false);
    expect(row('X').notRankedReason).toBe('too_few_due');
    expect(row('X').rank).toBeNull();
    expect(rows[rows.length - 1]!.department.code).toBe('X');
    expect(rows[0]!.department.code).toBe('P');
  });

  it('ranks nobody when nothing is due yet', () => {
    const early = getDepartmentRanking(db, {
      t: asOfMoment('2026-03-20')!,
      scope: {},
      profile: DEFAULT_PROFILE,
    });
    expect(early.every((r) => !r.ranked && r.rank === null)).toBe(true);
  });
});

/**
 * Peer group G: M1 perfect, M2 and M3 alike in the middle (4 of 5 closed on time, 1 overdue), M4
 * nothing closed: a tie in the middle of the table. G2: V, with M2's figures too.
 */
function middleTieLedger() {
  const db = memoryDb();
  const l = ledger(db);
  for (const [code, group] of [
    ['M1', 'G'],
    ['M2', 'G'],
    ['M3', 'G'],
    ['M4', 'G'],
    ['V', 'G2'],
  ] as const) {
    l.department(code, group);
  }
  const items: ItemSpec[] = [
    ...repeat(5, onTime('M1')),
    ...repeat(4, onTime('M2')),
    overdue('M2')(0),
    ...repeat(4, onTime('M3')),
    overdue('M3')(0),
    ...repeat(5, overdue('M4')),
    ...repeat(4, onTime('V')),
    overdue('V')(0),
  ];
  for (const item of items) l.item(item);
  return db;
}

describe('a tie in the middle of the ranking', () => {
  const rows = getDepartmentRanking(middleTieLedger(), { t: T, scope: {}, profile: DEFAULT_PROFILE });
  const row = (code: string) => rows.find((r) => r.department.code === code)!;

  it('gives the tied departments the next rank and skips the one after (1, 2, 2, 4)', () => {
    // As of 30 June, every item is due (deadline 31 March); the closed ones took 10 days.
    // M1: closure 5/5 → 25; on-time 5/5 → 30; overdue 0/5 → 20; median 10 days → 15; reopen 0/5 → 10 = 100.
    // M2 and M3: closure 4/5 = 0.8 → 25 × (0.8 − 0.5) / 0.5 = 15; on-time 0.8 → 30 × 0.3 / 0.45 = 20;
    //   overdue 1/5 = 0.2 → 20 × (0.3 − 0.2) / 0.3 = 6.67; median 10 days → 15; reopen 0/4 → 10 = 66.67.
    // M4: nothing closed, 5 overdue: closure 0, on-time 0, overdue share 1 → 0, median and reopen null → 0.
    expect(['M1', 'M2', 'M3', 'M4'].map((c) => row(c).score)).toEqual([100, 66.67, 66.67, 0]);
    expect(['M1', 'M2', 'M3', 'M4'].map((c) => row(c).rank)).toEqual([1, 2, 2, 4]);
    expect(row('M4').rankedInGroup).toBe(4);
  });

  it('shares the overall rank with a department of another peer group on the same score', () => {
    // V (G2) has M2's figures: first in its group, and 66.67 overall ties with M2 and M3 → 1, 2, 2, 2, 5.
    expect(row('V').rank).toBe(1);
    expect(['M1', 'M2', 'M3', 'V', 'M4'].map((c) => row(c).overallRank)).toEqual([1, 2, 2, 2, 5]);
  });
});

describe('the appraisal component', () => {
  const db = rankingLedger();
  const id = (db.prepare("SELECT id FROM departments WHERE code = 'P'").get() as { id: number }).id;
  const periods: [string, number][] = [
    ['2025', 70],
    ['2026', 80],
    ['2026-H1', 85],
    ['2026-06', 90],
    ['2026-Q3', 99],
  ];
  for (const [period, score] of periods)
    upsertAppraisal(db, {
      departmentId: id,
      kind: 'public_appraisal',
      period,
      score,
      rank: null,
      outOf: null,
    });
  upsertAppraisal(db, {
    departmentId: id,
    kind: 'work_assessment',
    period: '2026-11',
    score: 10,
    rank: null,
    outOf: null,
  });
  const appraisalOfP = (asOf: string) =>
    getDepartmentRanking(db, { t: asOfMoment(asOf)!, scope: {}, profile: DEFAULT_PROFILE }).find(
      (r) => r.department.code === 'P',
    )!.values.appraisal;

  it('knows where each form of period begins', () => {
    expect(['2025', '2025-H2', '2025-Q3', '2025-Q4', '2025-06'].map(periodStart)).toEqual([
      '2025-01-01',
      '2025-07-01',
      '2025-07-01',
      '2025-10-01',
      '2025-06-01',
    ]);
  });

  it('uses the public appraisal of the latest period begun before T, the shorter one on the same start', () => {
    // End of 30 June: 2026-06 began on 1 June, the latest start; 2026-Q3 begins at T itself, not before.
    expect(appraisalOfP('2026-06-30')).toBe(90);
    // End of 31 May: 2026 and 2026-H1 both began on 1 January; the half year is the shorter.
    expect(appraisalOfP('2026-05-31')).toBe(85);
    // 1 July, 10:00: the third quarter has begun.
    expect(appraisalOfP('2026-07-01T10:00')).toBe(99);
    expect(appraisalOfP('2025-12-31')).toBe(70);
    // Before any period began there is none; the work assessment never counts.
    expect(appraisalOfP('2024-12-31')).toBeNull();
  });
});

/** D1 was perfect until 3 of its 5 items were reopened last week; D2 closed its 5 overdue items last week. */
function movingLedger() {
  const db = memoryDb();
  const l = ledger(db).department('D1', 'G').department('D2', 'G');
  for (let k = 0; k < 5; k++) {
    l.item({
      code: `a${k}`,
      department: 'D1',
      registered: '2026-03-02',
      deadline: '2026-03-31',
      closures: k < 3 ? [{ closed: '2026-03-12', reopened: '2026-06-25' }] : [{ closed: '2026-03-12' }],
    });
    l.item({
      code: `b${k}`,
      department: 'D2',
      registered: '2026-03-02',
      deadline: '2026-03-31',
      closures: [{ closed: '2026-06-25' }],
    });
  }
  return db;
}

describe('rank change and improvement', () => {
  const db = movingLedger();
  const profile = getActiveProfile(db);

  it('shows each department’s change since a week earlier', () => {
    const report = rankingReport(db, T, {}, profile);
    expect(report.compareTo).toBe('2026-06-24T00:00:00');
    const d1 = report.rows.find((r) => r.department.code === 'D1')!;
    const d2 = report.rows.find((r) => r.department.code === 'D2')!;
    // D2 now: closure 1 → 25, on-time 0 → 0, overdue 0 → 20, median 115 days → 0, reopen 0 → 10 = 55.
    // D1 now: closure 0.4 → 0, on-time 0.4 → 0, overdue 0.6 → 0, median 10 → 15, reopen 0.6 → 0 = 15.
    expect([d2.score, d2.rank, d2.previous?.rank, d2.rankChange, d2.scoreChange]).toEqual([55, 1, 2, 1, 55]);
    expect([d1.score, d1.rank, d1.previous?.rank, d1.rankChange, d1.scoreChange]).toEqual([
      15, 2, 1, -1, -85,
    ]);
  });

  it('orders the improvement ranking by change against each department’s own baseline', () => {
    const report = improvementReport(db, T, {}, profile, asOfMoment('2026-06-23')!);
    expect(report.rows.map((r) => [r.department.code, r.change, r.rank])).toEqual([
      ['D2', 55, 1],
      ['D1', -85, 2],
    ]);
  });
});
