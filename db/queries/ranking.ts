/**
 * Score and rank (DESIGN.md §4): department figures from SQL, turned into points by the scoring
 * profile, ranked within each peer group and overall. Departments with too few due items are listed
 * as not ranked.
 */
import {
  type Component,
  type ComponentValues,
  competitionRanks,
  type ProfileConfig,
  scoreDepartment,
} from '../../server/domain/scoring.ts';
import type { Moment } from '../../server/domain/time.ts';
import { EVERY_MOMENT, memoKey, remembered } from '../figure-memo.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import { appraisalAt, publicAppraisalsByDepartment } from './appraisals.ts';
import { type Figures, getFiguresBy, type Scope } from './figures.ts';

export interface DepartmentRef {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  peerGroup: string;
  peerGroupZh: string;
  peerGroupEn: string;
}

/**
 * The figures a ranking row carries: those its score is built from and those shown or exported beside
 * it. The rest of a department's figures (time to close beyond the median, first response, extensions)
 * are the summary's for that department: in every row they were over half a province ranking's bytes.
 */
export type RankingFigures = Pick<
  Figures,
  | 'registered'
  | 'closed'
  | 'closureRate'
  | 'due'
  | 'onTime'
  | 'onTimeRate'
  | 'overdue'
  | 'overdueShare'
  | 'open'
  | 'lights'
  | 'everClosed'
  | 'everReopened'
  | 'reopenRate'
> & { timeToClose: Pick<Figures['timeToClose'], 'medianDays'> };

export function rankingFigures(f: Figures): RankingFigures {
  return {
    registered: f.registered,
    closed: f.closed,
    closureRate: f.closureRate,
    due: f.due,
    onTime: f.onTime,
    onTimeRate: f.onTimeRate,
    overdue: f.overdue,
    overdueShare: f.overdueShare,
    open: f.open,
    lights: f.lights,
    timeToClose: { medianDays: f.timeToClose.medianDays },
    everClosed: f.everClosed,
    everReopened: f.everReopened,
    reopenRate: f.reopenRate,
  };
}

export interface RankingRow {
  department: DepartmentRef;
  figures: RankingFigures;
  values: ComponentValues;
  score: number;
  points: Record<Component, number>;
  lost: Record<Component, number>;
  ranked: boolean;
  /** Why a department is not ranked: fewer due items than the profile's minimum. */
  notRankedReason: 'too_few_due' | null;
  /** Rank within its peer group, among ranked departments; equal scores share a rank (1, 2, 2, 4). */
  rank: number | null;
  /** Rank among all ranked departments in scope. */
  overallRank: number | null;
  /** Ranked departments in its peer group. */
  rankedInGroup: number;
}

export interface RankingOptions {
  t: Moment;
  scope: Omit<Scope, 'departmentId'>;
  profile: ProfileConfig;
}

/** Remembered until a department or peer group changes (db/figure-memo.ts): read for every ranking. */
export function listRankableDepartments(db: Db, peerGroupId?: number): DepartmentRef[] {
  return remembered(db, `rankable departments|${peerGroupId ?? ''}`, EVERY_MOMENT, () =>
    readRankableDepartments(db, peerGroupId),
  );
}

function readRankableDepartments(db: Db, peerGroupId?: number): DepartmentRef[] {
  const rows = prepared(
    db,
    `SELECT d.id, d.code, d.name_zh, d.name_en, g.code AS peer_group, g.name_zh AS peer_group_zh, g.name_en AS peer_group_en
     FROM departments d JOIN peer_groups g ON g.id = d.peer_group_id
     WHERE d.active = 1 AND (@peer_group_id IS NULL OR d.peer_group_id = @peer_group_id)
     ORDER BY g.sort_order, d.code`,
  ).all({ peer_group_id: peerGroupId ?? null }) as {
    id: number;
    code: string;
    name_zh: string;
    name_en: string;
    peer_group: string;
    peer_group_zh: string;
    peer_group_en: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    peerGroup: r.peer_group,
    peerGroupZh: r.peer_group_zh,
    peerGroupEn: r.peer_group_en,
  }));
}

const EMPTY_FIGURES: Figures = {
  registered: 0,
  closed: 0,
  closureRate: null,
  due: 0,
  onTime: 0,
  onTimeRate: null,
  overdue: 0,
  overdueShare: null,
  open: 0,
  lights: { red: 0, yellow: 0, green: 0 },
  timeToClose: { n: 0, medianDays: null, p90Days: null, meanDays: null },
  firstResponse: { complaints: 0, n: 0, medianHours: null, p90Hours: null, meanHours: null },
  everClosed: 0,
  everReopened: 0,
  reopenRate: null,
  extended: 0,
  extensionRate: null,
};

export function componentValues(f: Figures, appraisal: number | null): ComponentValues {
  return {
    closureRate: f.closureRate,
    onTimeRate: f.onTimeRate,
    overdueShare: f.overdueShare,
    medianDaysToClose: f.timeToClose.medianDays,
    reopenRate: f.reopenRate,
    appraisal,
  };
}

/**
 * Every active department in scope with its figures, score, and ranks as of T. Remembered by moment
 * (db/figure-memo.ts): after a write now, the ranking a week back that a ranking compares with is read
 * from memory instead of scored and ranked again. The rows are shared: callers do not change them.
 */
export function getDepartmentRanking(db: Db, options: RankingOptions): RankingRow[] {
  const { t, scope, profile } = options;
  return remembered(db, `ranking|${memoKey({ ...scope, t, profile })}`, t, () =>
    rankDepartments(db, options),
  );
}

function rankDepartments(db: Db, { t, scope, profile }: RankingOptions): RankingRow[] {
  const departments = listRankableDepartments(db, scope.peerGroupId);
  const byDepartment = getFiguresBy(db, { t, scope, warningDays: profile.warningDays }, 'department');
  const appraisals = publicAppraisalsByDepartment(db);
  const rows: RankingRow[] = departments.map((department) => {
    const figures = byDepartment.get(department.id) ?? EMPTY_FIGURES;
    const values = componentValues(figures, appraisalAt(appraisals.get(department.id), t));
    const { score, points, lost } = scoreDepartment(values, profile);
    const ranked = figures.due >= profile.minDueItems;
    return {
      department,
      figures: rankingFigures(figures),
      values,
      score,
      points,
      lost,
      ranked,
      notRankedReason: ranked ? null : 'too_few_due',
      rank: null,
      overallRank: null,
      rankedInGroup: 0,
    };
  });
  return rankRows(rows, (r, members) => {
    r.rankedInGroup = members;
  });
}

/** What `rankRows` ranks: a department's score and whether it may be ranked. */
export interface Rankable {
  department: DepartmentRef;
  score: number;
  ranked: boolean;
  rank: number | null;
  overallRank: number | null;
}

/**
 * Ranks the rankable rows within their peer group and overall (equal scores share a rank: 1, 2, 2, 4)
 * and orders them: ranked first by overall rank, then the others by score, then by code.
 * `inGroup` learns each ranked row's group size.
 */
export function rankRows<R extends Rankable>(rows: R[], inGroup?: (row: R, members: number) => void): R[] {
  const ranked = rows.filter((r) => r.ranked);
  const overall = competitionRanks(ranked, (r) => r.score);
  for (const group of new Set(ranked.map((r) => r.department.peerGroup))) {
    const members = ranked.filter((r) => r.department.peerGroup === group);
    const ranks = competitionRanks(members, (r) => r.score);
    for (const r of members) {
      r.rank = ranks.get(r)!;
      inGroup?.(r, members.length);
    }
  }
  for (const r of ranked) r.overallRank = overall.get(r)!;
  return rows.sort(
    (a, b) =>
      Number(b.ranked) - Number(a.ranked) ||
      (a.overallRank ?? 0) - (b.overallRank ?? 0) ||
      b.score - a.score ||
      a.department.code.localeCompare(b.department.code),
  );
}
