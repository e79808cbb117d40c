import { Hono } from 'hono';
import { prepared } from '../../db/statements.ts';
import type { AppEnv } from '../context.ts';

/**
 * 200 once the database answers. Just after a start, while the figures workers compute the weekly
 * review's questions (figures/warm-up.ts), it also says `figures: "warming"`: the server answers, but
 * a first cold figure may wait for a warm-up question.
 */
export const health = new Hono<AppEnv>().get('/', (c) => {
  prepared(c.var.deps.db, 'SELECT 1').get();
  if (c.var.deps.figuresWarming?.())
    return c.json({ status: 'ok' as const, figures: 'warming' as const }, 200);
  return c.json({ status: 'ok' as const }, 200);
});
