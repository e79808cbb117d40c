import { Hono } from 'hono';
import { listDepartmentsWithCounts } from '../../db/queries/departments.ts';
import type { AppEnv } from '../context.ts';
import { nowMoment } from '../now.ts';

export const departments = new Hono<AppEnv>().get('/', (c) => {
  const { db } = c.var.deps;
  return c.json({ departments: listDepartmentsWithCounts(db, nowMoment(c.var.deps)) }, 200);
});
