import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

export const health = new Hono<AppEnv>().get('/', (c) => {
  c.var.deps.db.prepare('SELECT 1').get();
  return c.json({ status: 'ok' as const }, 200);
});
