import { Hono } from 'hono';
import { prepared } from '../../db/statements.ts';
import type { AppEnv } from '../context.ts';

export const health = new Hono<AppEnv>().get('/', (c) => {
  prepared(c.var.deps.db, 'SELECT 1').get();
  return c.json({ status: 'ok' as const }, 200);
});
