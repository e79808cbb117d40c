import { Hono } from 'hono';
import { z } from 'zod';
import { waitingRequests } from '../../db/queries/extension-requests.ts';
import { requireUser } from '../auth/index.ts';
import { itemWriteScopeFor } from '../auth/item-scope.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../validation.ts';

/**
 * 延期申请 awaiting the office's decision: every department's for the office and the leaders, a
 * department's own for its editors. Oldest first, at most `limit`, with how many there are.
 */
export const extensionRequests = new Hono<AppEnv>().get(
  '/',
  requireUser(),
  validate('query', z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) })),
  (c) => {
    const user = c.var.user;
    // An editor's own department, as for its writes; the office and the leaders every department.
    const scope = user.role === 'editor' ? itemWriteScopeFor(user) : { kind: 'all' as const };
    return c.json(waitingRequests(c.var.deps.db, scope, c.req.valid('query').limit), 200);
  },
);
