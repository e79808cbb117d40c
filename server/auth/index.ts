/**
 * The access layer, as routes use it (see docs/security.md):
 *
 * - `requireRole('admin')`, `requireRole('admin', 'editor')`, `requireUser()`: per-route guards; after
 *   one, `c.var.user` is the signed-in `SessionUser` ({ id, username, displayName, role, departmentId }).
 * - `c.var.principal`: who is asking on every request (user, display link or anonymous).
 * - `PUBLIC_ROUTES`, `DISPLAY_READABLE_ROUTES` (./access.ts): the routes open without sign-in and the
 *   routes a display link may read — add big-screen endpoints to the latter.
 * - `actorOf(user)`: the actor to record in audit_log (`recordAudit`) and item_history.
 * - `itemWriteScopeFor(user)`, `mayTakeStatusAction`, `refusedItemWrite` (./item-scope.ts) with
 *   ITEM_WRITE_SCOPE / itemScopeParams (db/queries/accounts-item-scope.ts): department scoping of item writes.
 */
export { DISPLAY_READABLE_ROUTES, PUBLIC_ROUTES } from './access.ts';
export { authenticate } from './authenticate.ts';
export { apiBodyLimit, DEFAULT_BODY_LIMIT, IMPORT_UPLOADS } from './body-limit.ts';
export {
  EDITOR_STATUS_ACTIONS,
  itemWriteScopeFor,
  mayTakeStatusAction,
  refusedItemWrite,
} from './item-scope.ts';
export { noStore } from './no-store.ts';
export {
  type Actor,
  actorOf,
  type Principal,
  type Role,
  type SessionUser,
  USER_ROLES,
  type UserRole,
} from './principal.ts';
export { requireRole, requireUser } from './require-role.ts';
