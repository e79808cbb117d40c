/**
 * Department scores and ranks at many moments from one pass (`getFiguresAtMoments`), for the weekly
 * department series (sparklines, rank history). Scores, "ranked" and the ranks are the ones
 * `getDepartmentRanking` gives at each moment (the property tests compare them); only the figures a
 * score needs are computed. For two moments (improvement, rank moves since the last review) two
 * `getDepartmentRanking` calls measured as fast, so those stay per moment.
 */
import { type ComponentValues, type ProfileConfig, scoreDepartment } from '../../server/domain/scoring.ts';
import type { Moment } from '../../server/domain/time.ts';
import { memoKey, rememberedEach } from '../figure-memo.ts';
import type { Db } from '../open.ts';
import { appraisalAt, publicAppraisalsByDepartment } from './appraisals.ts';
import { ratio, type Scope } from './figures.ts';
import { type DepartmentRef, listRankableDepartments, type Rankable, rankRows } from './ranking.ts';
import { getFiguresAtMoments, type PointFigures } from './series.ts';

export type RankPoint = Rankable;

const NO_ITEMS: PointFigures = {
  registered: 0,
  closed: 0,
  due: 0,
  onTime: 0,
  overdue: 0,
  everClosed: 0,
  everReopened: 0,
  ttcMedian: null,
  ttcP90: null,
};

function componentValues(f: PointFigures, appraisal: number | null): ComponentValues {
  return {
    closureRate: ratio(f.closed, f.registered),
    onTimeRate: ratio(f.onTime, f.due),
    overdueShare: ratio(f.overdue, f.registered),
    medianDaysToClose: f.ttcMedian,
    reopenRate: ratio(f.everReopened, f.everClosed),
    appraisal,
  };
}

/** The rows of one moment, ranked and ordered as `getDepartmentRanking` orders them. */
function rankAt(
  departments: DepartmentRef[],
  figuresAt: (id: number) => PointFigures,
  appraisalAt: (id: number) => number | null,
  profile: ProfileConfig,
): RankPoint[] {
  const rows: RankPoint[] = departments.map((department) => {
    const figures = figuresAt(department.id);
    const { score } = scoreDepartment(componentValues(figures, appraisalAt(department.id)), profile);
    return { department, score, ranked: figures.due >= profile.minDueItems, rank: null, overallRank: null };
  });
  return rankRows(rows);
}

/** The department ranking at each moment (ascending, distinct), in the same order as `moments`. */
export function getDepartmentRankings(
  db: Db,
  moments: Moment[],
  scope: Omit<Scope, 'departmentId'>,
  profile: ProfileConfig,
): RankPoint[][] {
  // Each moment's ranking is remembered (db/figure-memo.ts) as its figures are: after a write "now",
  // a 26-week series ranks only its last week again.
  const context = `rankings|${memoKey({ ...scope })}|${memoKey({ ...profile })}`;
  return rememberedEach(
    db,
    moments.map((t) => ({ key: `${context}|${t}`, latest: t })),
    (missing) => {
      const at = missing.map((j) => moments[j]!);
      const departments = listRankableDepartments(db, scope.peerGroupId);
      const figures = getFiguresAtMoments(db, at, scope, 'department');
      const appraisals = publicAppraisalsByDepartment(db);
      return at.map((t, j) =>
        rankAt(
          departments,
          (id) => figures.get(id)?.[j] ?? NO_ITEMS,
          (id) => appraisalAt(appraisals.get(id), t),
          profile,
        ),
      );
    },
  );
}
