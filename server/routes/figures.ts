import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { FIGURE_DEFINITIONS, FIGURE_KEYS, type FigureKey } from '../domain/figure-definitions.ts';
import { MAX_WEEKS } from '../figures/computations.ts';
import { answerWith } from '../figures/json-answer.ts';
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

export const figures = new Hono<AppEnv>()
  .get('/definitions', validate('query', z.strictObject({})), (c) =>
    c.json({ definitions: FIGURE_DEFINITIONS }, 200),
  )
  .get('/summary', validate('query', z.strictObject(base)), (c) =>
    answerWith(c, 'summary', c.req.valid('query')),
  )
  .get(
    '/ranking',
    validate('query', z.strictObject({ ...rankBase, compareTo: asOfSchema.optional() })),
    (c) => answerWith(c, 'ranking', c.req.valid('query')),
  )
  .get(
    '/improvement',
    validate('query', z.strictObject({ ...rankBase, baseline: asOfSchema.optional() })),
    (c) => answerWith(c, 'improvement', c.req.valid('query')),
  )
  .get('/series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) =>
    answerWith(c, 'series', c.req.valid('query')),
  )
  .get('/department-series', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) =>
    answerWith(c, 'departmentSeries', c.req.valid('query')),
  )
  .get('/flow', validate('query', z.strictObject({ ...base, ...rangeShape })), (c) =>
    answerWith(c, 'flow', c.req.valid('query')),
  )
  .get('/changes', validate('query', z.strictObject({ ...base, since: asOfSchema.optional() })), (c) =>
    answerWith(c, 'changes', c.req.valid('query')),
  )
  .get('/breakdown', validate('query', z.strictObject({ ...base, by: z.enum(['domain', 'source']) })), (c) =>
    answerWith(c, 'breakdown', c.req.valid('query')),
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
      return answerWith(c, 'items', { ...q, figure: q.figure as FigureKey });
    },
  );
