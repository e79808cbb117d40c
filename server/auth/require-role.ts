/**
 * Per-route role guards. Put one in front of a handler:
 *
 *   new Hono<AppEnv>().post('/', requireRole('admin'), validate('json', schema), (c) => {
 *     const actor = c.var.user; // SessionUser, never null here
 *   })
 *
 * Anonymous → 401, a display link or another role → 403. A route without a guard is open to every
 * signed-in user (admin, leader, editor) — right for reads, never for writes: every state-changing
 * route names its roles.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context.ts';
import { forbiddenRole, unauthenticated } from './errors.ts';
import { type SessionUser, USER_ROLES, type UserRole } from './principal.ts';

type SignedInEnv = AppEnv & { Variables: { user: SessionUser } };

export function requireRole(...roles: [UserRole, ...UserRole[]]) {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const principal = c.var.principal;
    if (principal.kind === 'anonymous') throw unauthenticated(principal.reason);
    if (principal.kind === 'display' || !roles.includes(principal.user.role)) throw forbiddenRole(roles);
    await next();
  });
}

/** Any signed-in user, whatever the role (not a display link). */
export const requireUser = () => requireRole(...USER_ROLES);
