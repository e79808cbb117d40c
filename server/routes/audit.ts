import { Hono } from 'hono';
import { z } from 'zod';
import { listAudit } from '../../db/queries/accounts-audit.ts';
import { requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { AUDIT_ENTITIES } from '../domain/audit-entities.ts';
import { toLocalMoment } from '../domain/time.ts';
import { validate } from '../validation.ts';

const PAGE = 50;

const query = z.strictObject({
  entity: z.enum(AUDIT_ENTITIES).optional(),
  actor: z.string().trim().min(1).max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
});

/**
 * The audit log for the supervision office (admin): every change outside the item history, newest
 * first, a page at a time, times in the organisation's zone; `next` is the `before` of the next page, null at the oldest entry.
 */
export const audit = new Hono<AppEnv>().get('/', requireRole('admin'), validate('query', query), (c) => {
  const { entity, actor, before } = c.req.valid('query');
  const rows = listAudit(c.var.deps.db, {
    ...(entity ? { entity } : {}),
    ...(actor ? { actor } : {}),
    ...(before ? { beforeId: before } : {}),
    limit: PAGE + 1,
  });
  // Times in the organisation's zone, like every other time the app shows.
  const entries = rows
    .slice(0, PAGE)
    .map((e) => ({ ...e, at: toLocalMoment(new Date(e.at), c.var.deps.tz) }));
  return c.json(
    { entries, entities: AUDIT_ENTITIES, next: rows.length > PAGE ? entries[entries.length - 1]!.id : null },
    200,
  );
});
