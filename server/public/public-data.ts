/**
 * The public progress page (接受群众监督, DESIGN.md §1 "Public"): a campaign's aggregated progress for
 * anyone to read — counts and rates overall, week by week, per domain and per department. Never an
 * item, a title, a person or a score: what the public sees is what the office would publish. Built
 * from the figures (server/figures/reports.ts), never from figures of its own.
 */
import type { Db } from '../../db/open.ts';
import { listDepartments } from '../../db/queries/departments.ts';
import { type Figures, getFigures, getFiguresBy, ratio } from '../../db/queries/figures.ts';
import type { CampaignRow } from '../../db/queries/lookups.ts';
import type { ProfileRow } from '../../db/queries/profiles.ts';
import type { Day, Moment } from '../domain/time.ts';
import { breakdownReport, seriesReport, weeksUntil } from '../figures/reports.ts';
import { headlineOf, type ScreenDomain, type ScreenHeadline, trendStart } from '../screen/screen-data.ts';

/**
 * Departments with fewer items than this are shown together as one row: a row of one or two items
 * would publish those items' state, near enough to naming them.
 */
export const PUBLIC_MIN_ITEMS = 5;

/**
 * One row of progress, as the big screen's domain rows: a domain's or a department's (or the small
 * departments' together, code null).
 */
export type PublicGroup = Omit<ScreenDomain, 'code'> & { code: string | null };

export interface PublicData {
  asOf: Moment;
  campaign: { code: string; nameZh: string; nameEn: string; startsOn: Day; endsOn: Day | null };
  /** The big screen's headline but the median time to close. */
  headline: Omit<ScreenHeadline, 'medianDaysToClose'>;
  /** Week by week, as the weekly review's trend: counts and rates only. */
  trend: ReturnType<typeof seriesReport>['weeks'];
  domains: PublicGroup[];
  departments: PublicGroup[];
}

const group = (
  names: { code: string | null; nameZh: string; nameEn: string },
  f: Pick<Figures, 'registered' | 'closed' | 'closureRate' | 'onTimeRate' | 'overdue'>,
): PublicGroup => ({
  code: names.code,
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
  const warningDays = profile.config.warningDays;
  // Now only: the week-earlier figures the weekly review compares with are not shown here.
  const { medianDaysToClose: _median, ...headline } = headlineOf(getFigures(db, { t, scope, warningDays }));
  const series = seriesReport(db, weeksUntil(trendStart(t, campaign.startsOn), t), scope, profile);
  const byDepartment = getFiguresBy(db, { t, scope, warningDays }, 'department');
  return {
    asOf: t,
    campaign: {
      code: campaign.code,
      nameZh: campaign.nameZh,
      nameEn: campaign.nameEn,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
    },
    headline,
    trend: series.weeks,
    domains: breakdownReport(db, t, scope, profile, 'domain').groups.map((g) =>
      group({ code: g.key, nameZh: g.nameZh, nameEn: g.nameEn }, g.figures),
    ),
    departments: departmentRows(
      listDepartments(db).flatMap((d) => {
        const f = byDepartment.get(d.id);
        return f && f.registered > 0 ? [{ department: d, figures: f }] : [];
      }),
    ),
  };
}

/**
 * Every department with an item in the campaign, in the lists' order (peer group, then code); those
 * with fewer than PUBLIC_MIN_ITEMS items summed into one last row (its rates those of the sums), shown
 * only when it too holds PUBLIC_MIN_ITEMS items: a row of one small department would publish its few
 * items' state as surely as its own row. Their items count in the headline either way.
 */
function departmentRows(
  rows: { department: { code: string; nameZh: string; nameEn: string }; figures: Figures }[],
): PublicGroup[] {
  const small = rows.filter((r) => r.figures.registered < PUBLIC_MIN_ITEMS);
  const out = rows.filter((r) => !small.includes(r)).map((r) => group(r.department, r.figures));
  const sum = (of: (f: Figures) => number) => small.reduce((n, r) => n + of(r.figures), 0);
  const registered = sum((f) => f.registered);
  if (registered < PUBLIC_MIN_ITEMS) return out;
  const closed = sum((f) => f.closed);
  const due = sum((f) => f.due);
  const onTime = sum((f) => f.onTime);
  out.push(
    group(
      {
        code: null,
        nameZh: `其他部门（${small.length}个，各少于${PUBLIC_MIN_ITEMS}个事项）`,
        nameEn: `Other departments (${small.length}, each with fewer than ${PUBLIC_MIN_ITEMS} items)`,
      },
      {
        registered,
        closed,
        closureRate: ratio(closed, registered),
        onTimeRate: ratio(onTime, due),
        overdue: sum((f) => f.overdue),
      },
    ),
  );
  return out;
}
