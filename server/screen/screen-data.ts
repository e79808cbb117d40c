/**
 * Everything the big-screen deck shows, in one response: headline figures with the week-on-week
 * change, the whole ranking (the screen slices top and bottom), the weekly trend, the red list, the
 * breakdown by domain and each department's summary for the per-department pass. Built from the
 * figures reports (server/figures/reports.ts), never from figures of its own.
 */
import type { Db } from '../../db/open.ts';
import type { Figures, Scope } from '../../db/queries/figures.ts';
import type { CampaignRow } from '../../db/queries/lookups.ts';
import type { ProfileRow } from '../../db/queries/profiles.ts';
import { COMPONENTS, type Component } from '../domain/scoring.ts';
import { addDays, type Day, lastDayCounted, type Moment } from '../domain/time.ts';
import {
  breakdownReport,
  drilldownReport,
  rankingReport,
  seriesReport,
  summaryReport,
  weeksUntil,
} from '../figures/reports.ts';

/** How many overdue items the red list shows, longest overdue first. */
export const RED_LIST_SIZE = 10;
/** The trend shows at most this many weeks (the latest ones). */
export const TREND_MAX_WEEKS = 52;
/** Without a campaign the trend starts this many weeks back, like GET /api/figures/series. */
const TREND_DEFAULT_WEEKS = 26;

export interface ScreenHeadline {
  registered: number;
  closed: number;
  closureRate: number | null;
  due: number;
  onTimeRate: number | null;
  overdue: number;
  open: number;
  medianDaysToClose: number | null;
}

export interface ScreenDepartment {
  code: string;
  nameZh: string;
  nameEn: string;
  peerGroupZh: string;
  peerGroupEn: string;
}

export interface ScreenRankingRow {
  department: ScreenDepartment;
  ranked: boolean;
  /** Rank among all ranked departments ("22nd of 40"); null when not ranked. */
  overallRank: number | null;
  /** Places climbed since a week before (positive = up); null when not ranked then or now. */
  overallRankChange: number | null;
  /** Rank within the peer group, and how many are ranked in it. */
  groupRank: number | null;
  rankedInGroup: number;
  score: number;
  scoreChange: number | null;
  /** Points earned per component (of the component's weight in the profile). */
  points: Record<Component, number>;
  overdue: number;
  due: number;
  registered: number;
  closureRate: number | null;
  onTimeRate: number | null;
}

export interface ScreenTrendPoint {
  weekStart: Day;
  closureRate: number | null;
  onTimeRate: number | null;
}

export interface ScreenRedItem {
  ledgerCode: string;
  title: string;
  departmentZh: string | null;
  departmentEn: string | null;
  responsiblePerson: string | null;
  deadline: string | null;
  daysOverdue: number | null;
}

export interface ScreenDomain {
  code: string;
  nameZh: string;
  nameEn: string;
  registered: number;
  closed: number;
  closureRate: number | null;
  onTimeRate: number | null;
  overdue: number;
}

export interface ScreenData {
  /** T: the figures are as of this local moment (now as the figures take it, when first computed in its minute). */
  asOf: Moment;
  /** The moment the changes are measured against: a week before T. */
  previousAsOf: Moment;
  /** The instant (UTC ISO) the server computed this response. */
  generatedAt: string;
  campaign: { code: string; nameZh: string; nameEn: string } | null;
  profile: {
    id: number;
    version: number;
    minDueItems: number;
    /** Each component's weight (its full points); components of weight 0 do not count. */
    weights: Record<Component, number>;
  };
  headline: { current: ScreenHeadline; previous: ScreenHeadline };
  /** Every active department: ranked ones by overall rank, then the ones not ranked. */
  ranking: ScreenRankingRow[];
  trend: ScreenTrendPoint[];
  redList: { total: number; items: ScreenRedItem[] };
  domains: ScreenDomain[];
}

export interface ScreenDataInput {
  t: Moment;
  scope: Scope;
  campaign: CampaignRow | null;
  profile: ProfileRow;
  generatedAt: Date;
}

/** The headline figures of a scope (the public page's too, less the median). */
export const headlineOf = (f: Figures): ScreenHeadline => ({
  registered: f.registered,
  closed: f.closed,
  closureRate: f.closureRate,
  due: f.due,
  onTimeRate: f.onTimeRate,
  overdue: f.overdue,
  open: f.open,
  medianDaysToClose: f.timeToClose.medianDays,
});

/** The first week of the trend: the campaign's start (or 26 weeks back), but no more than 52 weeks back. */
export function trendStart(t: Moment, campaignStart: Day | null): Day {
  const lastDay = lastDayCounted(t);
  const earliest = addDays(lastDay, -7 * (TREND_MAX_WEEKS - 1));
  const from = campaignStart ?? addDays(lastDay, -7 * (TREND_DEFAULT_WEEKS - 1));
  // Days are ISO text: the later of the two is the greater string.
  if (from < earliest) return earliest;
  return from;
}

export function buildScreenData(db: Db, input: ScreenDataInput): ScreenData {
  const { t, scope, campaign, profile } = input;
  const summary = summaryReport(db, t, scope, profile);
  const ranking = rankingReport(db, t, scope, profile, summary.previousAsOf);
  const from = trendStart(t, campaign?.startsOn ?? null);
  const series =
    from > lastDayCounted(t) ? { weeks: [] } : seriesReport(db, weeksUntil(from, t), scope, profile);
  const overdue = drilldownReport(db, t, scope, profile, 'overdue', 'numerator', 1, RED_LIST_SIZE)!;
  const domains = breakdownReport(db, t, scope, profile, 'domain');
  const components = profile.config.components;
  return {
    asOf: t,
    previousAsOf: summary.previousAsOf,
    generatedAt: input.generatedAt.toISOString(),
    campaign: campaign ? { code: campaign.code, nameZh: campaign.nameZh, nameEn: campaign.nameEn } : null,
    profile: {
      id: profile.id,
      version: profile.version,
      minDueItems: profile.config.minDueItems,
      weights: Object.fromEntries(COMPONENTS.map((c) => [c, components[c].weight])) as Record<
        Component,
        number
      >,
    },
    headline: { current: headlineOf(summary.figures), previous: headlineOf(summary.previous) },
    ranking: ranking.rows.map((r) => ({
      department: {
        code: r.department.code,
        nameZh: r.department.nameZh,
        nameEn: r.department.nameEn,
        peerGroupZh: r.department.peerGroupZh,
        peerGroupEn: r.department.peerGroupEn,
      },
      ranked: r.ranked,
      overallRank: r.overallRank,
      overallRankChange: r.overallRankChange,
      groupRank: r.rank,
      rankedInGroup: r.rankedInGroup,
      score: r.score,
      scoreChange: r.scoreChange,
      points: r.points,
      overdue: r.figures.overdue,
      due: r.figures.due,
      registered: r.figures.registered,
      closureRate: r.figures.closureRate,
      onTimeRate: r.figures.onTimeRate,
    })),
    trend: series.weeks.map((w) => ({
      weekStart: w.weekStart,
      closureRate: w.closureRate,
      onTimeRate: w.onTimeRate,
    })),
    redList: {
      total: overdue.total,
      items: overdue.items.map((i) => ({
        ledgerCode: i.ledgerCode,
        title: i.title,
        departmentZh: i.departmentZh,
        departmentEn: i.departmentEn,
        responsiblePerson: i.responsiblePerson,
        deadline: i.deadline,
        daysOverdue: i.daysOverdue,
      })),
    },
    domains: domains.groups.map((g) => ({
      code: g.key,
      nameZh: g.nameZh,
      nameEn: g.nameEn,
      registered: g.figures.registered,
      closed: g.figures.closed,
      closureRate: g.figures.closureRate,
      onTimeRate: g.figures.onTimeRate,
      overdue: g.figures.overdue,
    })),
  };
}
