/**
 * The cached answers by name: the figure reports, and the answers read from the same data that a
 * province's ledger makes slow (the department list, the ledger's pages, the profile preview, the
 * office's actions on a department's items). Each is
 * computed from the database, the route's validated query and the moment T alone — serializable
 * arguments — so a worker thread (worker-pool.ts) can compute one on its own connection and answer
 * exactly the JSON the main thread would.
 */
import type { Db } from '../../db/open.ts';
import { type ItemListFilter, type ItemSort, listItems } from '../../db/queries/items.ts';
import { listCampaigns } from '../../db/queries/lookups.ts';
import { listOfficeActions } from '../../db/queries/office-actions.ts';
import type { FigureKey } from '../domain/figure-definitions.ts';
import type { Source } from '../domain/lifecycle.ts';
import type { ProfileConfig } from '../domain/scoring.ts';
import { addDays, asOfMoment, lastDayCounted, type Moment, WEEK } from '../domain/time.ts';
import { ApiError, invalidParameter } from '../errors.ts';
import { buildPublicData } from '../public/public-data.ts';
import { buildScreenData } from '../screen/screen-data.ts';
import { earlierMoment, resolveProfile, resolveScope, type ScopeQuery, warningHorizon } from './params.ts';
import {
  breakdownReport,
  changesReport,
  departmentSeriesReport,
  departmentsReport,
  drilldownReport,
  flowReport,
  improvementReport,
  isChangeFigure,
  profilePreviewReport,
  rankingReport,
  seriesReport,
  summaryReport,
  weeksUntil,
} from './reports.ts';

/** Every figures route's validated query parameters (each route allows its own subset). */
export interface FiguresQuery extends ScopeQuery {
  source?: Source | undefined;
  asOf?: string | undefined;
  profile?: number | undefined;
  compareTo?: string | undefined;
  baseline?: string | undefined;
  since?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  weeks?: number | undefined;
  by?: 'domain' | 'source' | undefined;
  /** The drill-down list only: the figure, which part of it, and the page. */
  figure?: FigureKey | undefined;
  part?: 'numerator' | 'denominator' | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  /** The big-screen deck only: the instant (UTC ISO) it is computed for, by the server's clock. */
  generatedAt?: string | undefined;
  /** The profile preview only: the draft profile (validated by the route). */
  config?: ProfileConfig | undefined;
  /** The ledger table only: its filter (codes resolved by the route), sort and page. */
  list?: { filter: ItemListFilter; sort: ItemSort; page: number; pageSize: number } | undefined;
  /** The office's actions only: the department (resolved by the route), from an instant, how many. */
  officeActions?: { departmentId: number; since: string; days: number; limit: number } | undefined;
}

/** The longest series a question may ask for. */
export const MAX_WEEKS = 260;

/**
 * The weeks of a series: from `from`, or the last `weeks` weeks (default: from the campaign's start,
 * else 26 weeks back), to `to` or T.
 */
function seriesWeeks(db: Db, q: FiguresQuery, t: Moment) {
  if (q.weeks !== undefined && q.from !== undefined)
    throw invalidParameter('weeks', { zh: '不能与 from 同时给出', en: 'cannot be given with from' });
  const end = q.to !== undefined ? asOfMoment(q.to)! : t;
  const lastDay = lastDayCounted(end);
  const campaign = q.campaign ? listCampaigns(db).find((c) => c.code === q.campaign) : undefined;
  const from =
    q.weeks !== undefined
      ? addDays(lastDay, -7 * (q.weeks - 1))
      : (q.from ?? campaign?.startsOn ?? addDays(lastDay, -25 * 7));
  if (from > lastDay)
    throw invalidParameter('from', { zh: '不能晚于结束日期', en: 'must not be after the end' });
  const weeks = weeksUntil(from, end);
  if (weeks.length > MAX_WEEKS) {
    throw invalidParameter('from', { zh: `最多 ${MAX_WEEKS} 周`, en: `at most ${MAX_WEEKS} weeks` });
  }
  return weeks;
}

const scopeOf = (db: Db, q: FiguresQuery) => resolveScope({ db }, q);
const profileOf = (db: Db, q: FiguresQuery) => resolveProfile({ db }, q.profile);

export const COMPUTATIONS = {
  summary: (db: Db, q: FiguresQuery, t: Moment) => summaryReport(db, t, scopeOf(db, q), profileOf(db, q)),
  ranking: (db: Db, q: FiguresQuery, t: Moment) =>
    rankingReport(db, t, scopeOf(db, q), profileOf(db, q), earlierMoment(q.compareTo, 'compareTo', t, WEEK)),
  improvement: (db: Db, q: FiguresQuery, t: Moment) => {
    const baseline = earlierMoment(q.baseline, 'baseline', t, 26 * WEEK);
    return improvementReport(db, t, scopeOf(db, q), profileOf(db, q), baseline);
  },
  series: (db: Db, q: FiguresQuery, t: Moment) =>
    seriesReport(db, seriesWeeks(db, q, t), scopeOf(db, q), profileOf(db, q)),
  departmentSeries: (db: Db, q: FiguresQuery, t: Moment) =>
    departmentSeriesReport(db, seriesWeeks(db, q, t), scopeOf(db, q), profileOf(db, q)),
  flow: (db: Db, q: FiguresQuery, t: Moment) => flowReport(db, seriesWeeks(db, q, t), scopeOf(db, q)),
  changes: (db: Db, q: FiguresQuery, t: Moment) => {
    const since = earlierMoment(q.since, 'since', t, WEEK);
    return changesReport(db, t, since, scopeOf(db, q), profileOf(db, q));
  },
  departments: (db: Db, q: FiguresQuery, t: Moment) => departmentsReport(db, t, profileOf(db, q)),
  profilePreview: (db: Db, q: FiguresQuery, t: Moment) =>
    profilePreviewReport(db, t, scopeOf(db, q), q.config!),
  officeActions: (db: Db, q: FiguresQuery) => {
    const { departmentId, since, days, limit } = q.officeActions!;
    return { since, days, ...listOfficeActions(db, departmentId, since, limit) };
  },
  // Lights and days overdue at T.
  ledgerPage: (db: Db, q: FiguresQuery, t: Moment) =>
    listItems(db, { ...q.list!, now: t, warn: warningHorizon(db, t) }),
  breakdown: (db: Db, q: FiguresQuery, t: Moment) =>
    breakdownReport(db, t, scopeOf(db, q), profileOf(db, q), q.by!),
  items: (db: Db, q: FiguresQuery, t: Moment) => {
    // The route's validation gives every one of these (part, page and size have defaults).
    const { figure, part, page, pageSize } = q;
    if (q.since !== undefined && !isChangeFigure(figure!))
      throw invalidParameter('since', {
        zh: `指标 ${figure} 不比较两个时点`,
        en: `${figure} compares no two moments`,
      });
    const since = earlierMoment(q.since, 'since', t, WEEK);
    const report = drilldownReport(
      db,
      t,
      scopeOf(db, q),
      profileOf(db, q),
      figure!,
      part!,
      page!,
      pageSize!,
      since,
    );
    if (!report) {
      throw new ApiError(
        400,
        'invalid_parameter',
        {
          zh: `参数 part 无效：指标 ${figure} 没有${part === 'denominator' ? '分母' : '分子'}`,
          en: `Invalid parameter part: ${figure} has no ${part}`,
        },
        { field: 'part' },
      );
    }
    return report;
  },
  // The route checks that the campaign is public.
  public: (db: Db, q: FiguresQuery, t: Moment) =>
    buildPublicData(db, {
      t,
      campaign: listCampaigns(db).find((c) => c.code === q.campaign)!,
      profile: profileOf(db, q),
    }),
  screen: (db: Db, q: FiguresQuery, t: Moment) =>
    buildScreenData(db, {
      t,
      scope: scopeOf(db, q),
      campaign:
        q.campaign === undefined ? null : (listCampaigns(db).find((c) => c.code === q.campaign) ?? null),
      profile: profileOf(db, q),
      generatedAt: new Date(q.generatedAt!),
    }),
};

export type ComputationName = keyof typeof COMPUTATIONS;
export type Computed<N extends ComputationName> = ReturnType<(typeof COMPUTATIONS)[N]>;

/** A named report. */
export function computeReport(db: Db, name: ComputationName, q: FiguresQuery, t: Moment): object {
  const compute = COMPUTATIONS[name];
  if (!compute) throw new Error(`No figures computation "${name}"`);
  return compute(db, q, t);
}

/** The JSON text of a named report: what the figures cache holds and the API answers. */
export function computeJson(db: Db, name: ComputationName, q: FiguresQuery, t: Moment): string {
  return JSON.stringify(computeReport(db, name, q, t));
}
