import { Hono } from 'hono';
import { z } from 'zod';
import { listCampaigns } from '../../db/queries/lookups.ts';
import type { AppEnv } from '../context.ts';
import { FIGURE_DEFINITIONS, FIGURE_KEYS } from '../domain/figure-definitions.ts';
import { addDays, addMoment, asOfMoment, dayOf } from '../domain/time.ts';
import { ApiError, invalidParameter } from '../errors.ts';
import { resolveMoment, resolveProfile, resolveScope } from '../figures/params.ts';
import {
  breakdownReport,
  changesReport,
  departmentSeriesReport,
  drilldownReport,
  flowReport,
  improvementReport,
  rankingReport,
  seriesReport,
  summaryReport,
  weeksUntil,
} from '../figures/reports.ts';
import { asOfSchema, daySchema, pagingShape, scopeShape, validate } from '../validation.ts';

const base = {
  ...scopeShape,
  asOf: asOfSchema.optional(),
  profile: z.coerce.number().int().positive().optional(),
};
const rangeShape = { from: daySchema.optional(), to: daySchema.optional() };
const MAX_WEEKS = 260;

/** The weeks of a series: from `from` (default: the campaign's start, else 26 weeks back) to `to` or T. */
function seriesWeeks(
  deps: AppEnv['Variables']['deps'],
  q: {
    from?: string | undefined;
    to?: string | undefined;
    asOf?: string | undefined;
    campaign?: string | undefined;
  },
) {
  const t = q.to !== undefined ? asOfMoment(q.to)! : resolveMoment(deps, q.asOf);
  const campaign = q.campaign ? listCampaigns(deps.db).find((c) => c.code === q.campaign) : undefined;
  const from = q.from ?? campaign?.startsOn ?? addDays(dayOf(t), -7 * 25);
  if (from > dayOf(addMoment(t, -1)))
    throw invalidParameter('from', { zh: '不能晚于结束日期', en: 'must not be after the end' });
  const weeks = weeksUntil(from, t);
  if (weeks.length > MAX_WEEKS) {
    throw invalidParameter('from', { zh: `最多 ${MAX_WEEKS} 周`, en: `at most ${MAX_WEEKS} weeks` });
  }
  return weeks;
}

export const figures = new Hono<AppEnv>()
  .get('/definitions', (c) => c.json({ definitions: FIGURE_DEFINITIONS }, 200))
  .get('/summary', validate('query', z.strictObject(base)), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    return c.json(
      summaryReport(
        deps.db,
        resolveMoment(deps, q.asOf),
        resolveScope(deps, q),
        resolveProfile(deps, q.profile),
      ),
      200,
    );
  })
  .get('/ranking', validate('query', z.strictObject({ ...base, compareTo: asOfSchema.optional() })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    const t = resolveMoment(deps, q.asOf);
    const compareTo = q.compareTo === undefined ? undefined : asOfMoment(q.compareTo)!;
    return c.json(
      rankingReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile), compareTo),
      200,
    );
  })
  .get(
    '/improvement',
    validate('query', z.strictObject({ ...base, baseline: asOfSchema.optional() })),
    (c) => {
      const q = c.req.valid('query');
      const deps = c.var.deps;
      const t = resolveMoment(deps, q.asOf);
      const baseline = q.baseline === undefined ? addMoment(t, -26 * 7 * 86_400) : asOfMoment(q.baseline)!;
      if (baseline >= t)
        throw invalidParameter('baseline', { zh: '必须早于统计时点', en: 'must be before asOf' });
      return c.json(
        improvementReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile), baseline),
        200,
      );
    },
  )
  .get('/series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    return c.json(
      seriesReport(deps.db, seriesWeeks(deps, q), resolveScope(deps, q), resolveProfile(deps, q.profile)),
      200,
    );
  })
  .get('/department-series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    const weeks = seriesWeeks(deps, q);
    return c.json(
      departmentSeriesReport(deps.db, weeks, resolveScope(deps, q), resolveProfile(deps, q.profile)),
      200,
    );
  })
  .get('/flow', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    return c.json(flowReport(deps.db, seriesWeeks(deps, q), resolveScope(deps, q)), 200);
  })
  .get('/changes', validate('query', z.strictObject({ ...base, since: asOfSchema.optional() })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    const t = resolveMoment(deps, q.asOf);
    const since = q.since === undefined ? addMoment(t, -7 * 86_400) : asOfMoment(q.since)!;
    if (since >= t) throw invalidParameter('since', { zh: '必须早于统计时点', en: 'must be before asOf' });
    return c.json(
      changesReport(deps.db, t, since, resolveScope(deps, q), resolveProfile(deps, q.profile)),
      200,
    );
  })
  .get(
    '/breakdown',
    validate('query', z.strictObject({ ...base, by: z.enum(['domain', 'source']) })),
    (c) => {
      const q = c.req.valid('query');
      const deps = c.var.deps;
      const t = resolveMoment(deps, q.asOf);
      return c.json(
        breakdownReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile), q.by),
        200,
      );
    },
  )
  .get(
    '/items',
    validate(
      'query',
      z.strictObject({
        ...base,
        ...pagingShape,
        figure: z.enum(FIGURE_KEYS as [string, ...string[]]),
        part: z.enum(['numerator', 'denominator']).default('numerator'),
      }),
    ),
    (c) => {
      const q = c.req.valid('query');
      const deps = c.var.deps;
      const figure = q.figure as (typeof FIGURE_KEYS)[number];
      const t = resolveMoment(deps, q.asOf);
      const report = drilldownReport(
        deps.db,
        t,
        resolveScope(deps, q),
        resolveProfile(deps, q.profile),
        figure,
        q.part,
        q.page,
        q.pageSize,
      );
      if (!report) {
        throw new ApiError(
          400,
          'invalid_parameter',
          {
            zh: `参数 part 无效：指标 ${figure} 没有${q.part === 'denominator' ? '分母' : '分子'}`,
            en: `Invalid parameter part: ${figure} has no ${q.part}`,
          },
          { field: 'part' },
        );
      }
      return c.json(report, 200);
    },
  );
