/**
 * Department scoping of item writes, enforced by the SQL itself (DESIGN.md §7, issue 4 §4).
 *
 * A department editor may change only its own department's items. Every change to an item starts
 * with one UPDATE of its row that adds ITEM_WRITE_SCOPE to its WHERE clause and binds the parameters
 * of `itemScopeParams` (db/queries/items.ts `updateItem`); the rows that go with the change (history,
 * participants, closures, urgings, extensions) are written after it in the same transaction, so a
 * refused UPDATE rolls them back before they exist:
 *
 *   const stmt = db.prepare(`UPDATE items SET measures = @measures, version = version + 1
 *                            WHERE id = @id AND ${ITEM_WRITE_SCOPE}`);
 *   const { changes } = stmt.run({ id, measures, ...itemScopeParams(scope) });
 *   if (changes === 0) throw refusedItemWrite(db, id, scope);   // from server/auth/item-scope.ts
 *
 * The scope comes from the signed-in user (`itemWriteScopeFor(c.var.user)` in
 * server/auth/item-scope.ts): admins write every department's items, an editor only its own. The
 * condition is written with an explicit "all" flag rather than "department IS NULL means all", so a
 * missing department can never widen an editor's reach: an item without a department, or an editor
 * bound to NULL, matches nothing.
 */
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export type ItemWriteScope = { kind: 'all' } | { kind: 'department'; departmentId: number };

/** The WHERE condition limiting a write on `items` (unaliased) to the writer's scope. */
export const ITEM_WRITE_SCOPE = '(@scope_all = 1 OR department_id = @scope_department_id)';

/** The parameters ITEM_WRITE_SCOPE reads. */
export function itemScopeParams(scope: ItemWriteScope): {
  scope_all: 0 | 1;
  scope_department_id: number | null;
} {
  return scope.kind === 'all'
    ? { scope_all: 1, scope_department_id: null }
    : { scope_all: 0, scope_department_id: scope.departmentId };
}

/** Whether a department is inside the scope: for a new item, and for moving an item to another department. */
export function departmentInScope(scope: ItemWriteScope, departmentId: number | null): boolean {
  return scope.kind === 'all' || (departmentId !== null && departmentId === scope.departmentId);
}

/** The department of an item: undefined when there is no such item, null when it has none. */
export function findItemDepartment(db: Db, itemId: number): number | null | undefined {
  const row = prepared(db, 'SELECT department_id FROM items WHERE id = ?').get(itemId) as
    | { department_id: number | null }
    | undefined;
  return row === undefined ? undefined : row.department_id;
}
