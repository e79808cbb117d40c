/**
 * The public progress page (接受群众监督, DESIGN.md §1 "Public"): a campaign's aggregated progress for
 * anyone to read — counts and rates overall, week by week, per domain and per department. Never an
 * item, a title, a person or a score: what the public sees is what the office would publish. Built
 * from the figures (server/figures/reports.ts), never from figures of its own.
 */
import type { Db } from '../../db/open.ts';
import { listDepartments } from '../../db/queries/departments.ts';
import { getFiguresBy } from '../../db/queries/figures.ts';
import type { CampaignRow } from '../../db/queries/lookups.ts';
import type { ProfileRow } from '../../db/queries/profiles.ts';
import type { Day, Moment } from '../domain/time.ts';
import { breakdownReport, seriesReport, summaryReport, weeksUntil } from '../figures/reports.ts';
import { trendStart } from '../screen/screen-data.ts';

/** One row of progress: a domain's or a department's. */
export interface PublicGroup {
  nameZh: string;
  nameEn: string;
  registered: number;
  closed: number;
  closureRate: number | null;
  onTimeRate: number | null;
  overdue: number;
}

export interface PublicData {
  asOf: Moment;
  campaign: { code: string; nameZh: string; nameEn: string; startsOn: Day; endsOn: Day | null };
  headline: {
    registered: number;
    closed: number;
    closureRate: number | null;
    due: number;
    onTimeRate: number | null;
    overdue: number;
    open: number;
  };
  /** Week by week, as the weekly review's trend: counts and rates only. */
  trend: ReturnType<typeof seriesReport>['weeks'];
  domains: PublicGroup[];
  departments: PublicGroup[];
}

const group = (
  names: { nameZh: string; nameEn: string },
  f: {
    registered: number;
    closed: number;
    closureRate: number | null;
    onTimeRate: number | null;
    overdue: number;
  },
): PublicGroup => ({
  nameZh: names.nameZh,
  nameEn: names.nameEn,
  registered: f.registered,
  closed: f.closed,
  closureRate: f.closureRate,
  onTimeRate: f.onTimeRate,
  overdue: f.overdue,
});

export function buildPublicData(
  db: Db,
  p: { t: Moment; campaign: CampaignRow; profile: ProfileRow },
): PublicData {
  const { t, campaign, profile } = p;
  const scope = { campaignId: campaign.id };
  const f = summaryReport(db, t, scope, profile).figures;
  const series = seriesReport(db, weeksUntil(trendStart(t, campaign.startsOn), t), scope, profile);
  const byDepartment = getFiguresBy(db, { t, scope, warningDays: profile.config.warningDays }, 'department');
  return {
    asOf: t,
    campaign: {
      code: campaign.code,
      nameZh: campaign.nameZh,
      nameEn: campaign.nameEn,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
    },
    headline: {
      registered: f.registered,
      closed: f.closed,
      closureRate: f.closureRate,
      due: f.due,
      onTimeRate: f.onTimeRate,
      overdue: f.overdue,
      open: f.open,
    },
    trend: series.weeks,
    domains: breakdownReport(db, t, scope, profile, 'domain').groups.map((g) => group(g, g.figures)),
    // Every department with an item in the campaign, in the lists' order (peer group, then code).
    departments: listDepartments(db)
      .filter((d) => (byDepartment.get(d.id)?.registered ?? 0) > 0)
      .map((d) => group(d, byDepartment.get(d.id)!)),
  };
}
