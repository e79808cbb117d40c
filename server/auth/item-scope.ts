/**
 * What a user may change in the ledger (DESIGN.md §7), for the item routes to apply:
 *
 * - `itemWriteScopeFor(user)`: the scope to bind into every item-changing statement (see
 *   db/queries/accounts-item-scope.ts for the SQL side). Admin: every department; editor: its own
 *   department only; leaders (read-only) are refused with 403.
 * - `mayTakeStatusAction(user, action)`: editors move their own items forward (assign, start,
 *   rectify); verifying — closing, rejecting a claimed rectification, reopening — is the supervision
 *   office's (admin), so an editor can never close its own department's items.
 * - `refusedItemWrite(db, id, scope)`: the error when a scoped statement changed nothing: 404 when
 *   the item does not exist, 403 when it belongs to another department.
 */

import type { Db } from '../../db/open.ts';
import { findItemDepartment, type ItemWriteScope } from '../../db/queries/accounts-item-scope.ts';
import type { StatusAction } from '../domain/lifecycle.ts';
import { ApiError, notFound } from '../errors.ts';
import { forbiddenRole } from './errors.ts';
import type { SessionUser } from './principal.ts';

export function itemWriteScopeFor(user: SessionUser): ItemWriteScope {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'editor' && user.departmentId !== null)
    return { kind: 'department', departmentId: user.departmentId };
  throw forbiddenRole(['admin', 'editor']);
}

/** Status actions a department editor may take on its own department's items. */
export const EDITOR_STATUS_ACTIONS: readonly StatusAction[] = ['assign', 'start', 'rectify'];

export function mayTakeStatusAction(user: SessionUser, action: StatusAction): boolean {
  return user.role === 'admin' || (user.role === 'editor' && EDITOR_STATUS_ACTIONS.includes(action));
}

/**
 * Of the steps an item's state allows, those this user may take: a leader none, an editor only on its
 * own department's items and only the department's steps, and nobody closes its own department's item.
 */
export function statusActionsFor(
  user: SessionUser,
  item: { departmentId: number | null },
  allowed: readonly StatusAction[],
): StatusAction[] {
  if (user.role === 'editor' && item.departmentId !== user.departmentId) return [];
  return allowed.filter(
    (a) =>
      mayTakeStatusAction(user, a) &&
      !(a === 'close' && user.departmentId !== null && user.departmentId === item.departmentId),
  );
}

export const otherDepartmentsItem = () =>
  new ApiError(403, 'other_department', {
    zh: '无权操作：这个事项属于其他部门，部门联络员只能修改本部门的事项',
    en: "Not allowed: this item belongs to another department; a department editor can change only its own department's items",
  });

export function refusedItemWrite(db: Db, itemId: number, scope: ItemWriteScope): ApiError {
  const department = findItemDepartment(db, itemId);
  if (department === undefined) return notFound({ zh: '事项', en: 'item' }, String(itemId), 'id');
  if (scope.kind === 'department' && department !== scope.departmentId) return otherDepartmentsItem();
  // In scope but unchanged: the statement's other conditions (e.g. the expected version) did not hold.
  return new ApiError(409, 'conflict', {
    zh: '事项已被他人修改，请刷新后重试',
    en: 'The item was changed meanwhile; reload it and try again',
  });
}
