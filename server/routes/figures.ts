import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { listCampaigns } from '../../db/queries/lookups.ts';
import type { AppEnv } from '../context.ts';
import { FIGURE_DEFINITIONS, FIGURE_KEYS } from '../domain/figure-definitions.ts';
import { addDays, addMoment, asOfMoment, dayOf } from '../domain/time.ts';
import { ApiError, invalidParameter } from '../errors.ts';
import { cached } from '../figures/cache.ts';
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

/**
 * Answers from the figures cache: the key is the route, its validated parameters and the moment T (the
 * data version is added by the cache), so a repeated question at the same moment costs nothing. The
 * cache holds the JSON text: serializing a 400-department ranking again costs more than the lookup.
 */
function answer<T extends object>(c: Context<AppEnv>, query: object, t: string, compute: () => T) {
  const params = JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
  const json = cached(c.var.deps.db, `${c.req.path}|${params}|${t}`, () => JSON.stringify(compute()));
  // Typed as c.json's answer, so the web client's RPC types still see the report's shape.
  return c.body(json, 200, { 'content-type': 'application/json' }) as unknown as ReturnType<
    typeof c.json<T, 200>
  >;
}

export const figures = new Hono<AppEnv>()
  .get('/definitions', (c) => c.json({ definitions: FIGURE_DEFINITIONS }, 200))
  .get('/summary', validate('query', z.strictObject(base)), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    const t = resolveMoment(deps, q.asOf);
    return answer(c, q, t, () =>
      summaryReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile)),
    );
  })
  .get('/ranking', validate('query', z.strictObject({ ...base, compareTo: asOfSchema.optional() })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    const t = resolveMoment(deps, q.asOf);
    const compareTo = q.compareTo === undefined ? undefined : asOfMoment(q.compareTo)!;
    return answer(c, q, t, () =>
      rankingReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile), compareTo),
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
      return answer(c, q, t, () =>
        improvementReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile), baseline),
      );
    },
  )
  .get('/series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    return answer(c, q, resolveMoment(deps, q.asOf), () =>
      seriesReport(deps.db, seriesWeeks(deps, q), resolveScope(deps, q), resolveProfile(deps, q.profile)),
    );
  })
  .get('/department-series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    return answer(c, q, resolveMoment(deps, q.asOf), () =>
      departmentSeriesReport(
        deps.db,
        seriesWeeks(deps, q),
        resolveScope(deps, q),
        resolveProfile(deps, q.profile),
      ),
    );
  })
  .get('/flow', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    return answer(c, q, resolveMoment(deps, q.asOf), () =>
      flowReport(deps.db, seriesWeeks(deps, q), resolveScope(deps, q)),
    );
  })
  .get('/changes', validate('query', z.strictObject({ ...base, since: asOfSchema.optional() })), (c) => {
    const q = c.req.valid('query');
    const deps = c.var.deps;
    const t = resolveMoment(deps, q.asOf);
    const since = q.since === undefined ? addMoment(t, -7 * 86_400) : asOfMoment(q.since)!;
    if (since >= t) throw invalidParameter('since', { zh: '必须早于统计时点', en: 'must be before asOf' });
    return answer(c, q, t, () =>
      changesReport(deps.db, t, since, resolveScope(deps, q), resolveProfile(deps, q.profile)),
    );
  })
  .get(
    '/breakdown',
    validate('query', z.strictObject({ ...base, by: z.enum(['domain', 'source']) })),
    (c) => {
      const q = c.req.valid('query');
      const deps = c.var.deps;
      const t = resolveMoment(deps, q.asOf);
      return answer(c, q, t, () =>
        breakdownReport(deps.db, t, resolveScope(deps, q), resolveProfile(deps, q.profile), q.by),
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
