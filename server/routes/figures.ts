import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { FIGURE_DEFINITIONS, FIGURE_KEYS, type FigureKey } from '../domain/figure-definitions.ts';
import { minuteOf } from '../domain/time.ts';
import {
  type ComputationName,
  type Computed,
  type FiguresQuery,
  MAX_WEEKS,
} from '../figures/computations.ts';
import { cachedAnswer, respondJson } from '../figures/json-answer.ts';
import { resolveMoment } from '../figures/params.ts';
import { asOfSchema, daySchema, pagingShape, rankScopeShape, scopeShape, validate } from '../validation.ts';

const base = {
  ...scopeShape,
  asOf: asOfSchema.optional(),
  profile: z.coerce.number().int().positive().optional(),
};
const rankBase = { ...rankScopeShape, asOf: base.asOf, profile: base.profile };
/** A series' weeks: from a day, or the last `weeks` weeks (so a page can ask before it knows T). */
const rangeShape = {
  from: daySchema.optional(),
  to: daySchema.optional(),
  weeks: z.coerce.number().int().min(1).max(MAX_WEEKS).optional(),
};

/**
 * Answers from the figures cache: the key is the route, its validated parameters and the moment T (the
 * query's asOf, else the minute of now; the data version is added by the cache), so a repeated
 * question costs nothing. The cache holds the JSON text: serializing a 400-department ranking again
 * costs more than the lookup. The server computes a miss in a worker thread (figures/worker-pool.ts),
 * so it blocks no other request; without workers (in-memory databases, tests) it computes here.
 */
async function answer<N extends ComputationName>(c: Context<AppEnv>, name: N, query: FiguresQuery) {
  const t = resolveMoment(c.var.deps, query.asOf);
  // "Now" is asked again and again: while the data stays as it is, the answer computed first in a
  // minute serves the rest of that minute, saying its own asOf (at most 59 s earlier). A change to
  // the data is seen at once, as it changes the data version.
  const when = query.asOf === undefined ? `now ${minuteOf(t)}` : t;
  const params = JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
  const json = await cachedAnswer(c.var.deps, `${c.req.path}|${params}|${when}`, name, query, t);
  // Typed as c.json's answer, so the web client's RPC types still see the report's shape.
  return (await respondJson(c, json)) as unknown as ReturnType<typeof c.json<Computed<N>, 200>>;
}

export const figures = new Hono<AppEnv>()
  .get('/definitions', validate('query', z.strictObject({})), (c) =>
    c.json({ definitions: FIGURE_DEFINITIONS }, 200),
  )
  .get('/summary', validate('query', z.strictObject(base)), (c) => answer(c, 'summary', c.req.valid('query')))
  .get(
    '/ranking',
    validate('query', z.strictObject({ ...rankBase, compareTo: asOfSchema.optional() })),
    (c) => answer(c, 'ranking', c.req.valid('query')),
  )
  .get(
    '/improvement',
    validate('query', z.strictObject({ ...rankBase, baseline: asOfSchema.optional() })),
    (c) => answer(c, 'improvement', c.req.valid('query')),
  )
  .get('/series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) =>
    answer(c, 'series', c.req.valid('query')),
  )
  .get('/department-series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) =>
    answer(c, 'departmentSeries', c.req.valid('query')),
  )
  .get('/flow', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) =>
    answer(c, 'flow', c.req.valid('query')),
  )
  .get('/changes', validate('query', z.strictObject({ ...base, since: asOfSchema.optional() })), (c) =>
    answer(c, 'changes', c.req.valid('query')),
  )
  .get('/breakdown', validate('query', z.strictObject({ ...base, by: z.enum(['domain', 'source']) })), (c) =>
    answer(c, 'breakdown', c.req.valid('query')),
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
        // Change figures only (newly overdue, newly closed): the earlier moment, default a week before.
        since: asOfSchema.optional(),
      }),
    ),
    (c) => {
      const q = c.req.valid('query');
      return answer(c, 'items', { ...q, figure: q.figure as FigureKey });
    },
  );
