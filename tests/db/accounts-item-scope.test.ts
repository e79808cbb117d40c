/**
 * Department scoping at the SQL level: an editor's statements cannot reach another department's items,
 * whatever id the request names.
 */
import { describe, expect, it } from 'vitest';
import {
  departmentInScope,
  ITEM_WRITE_SCOPE,
  type ItemWriteScope,
  itemScopeParams,
} from '../../db/queries/accounts-item-scope.ts';
import { itemWriteScopeFor, mayTakeStatusAction, refusedItemWrite } from '../../server/auth/item-scope.ts';
import type { SessionUser } from '../../server/auth/principal.ts';
import { demoDb } from '../helpers/db.ts';

const db = demoDb({ items: 200 });
const departmentOf = (code: string) =>
  (db.prepare('SELECT id FROM departments WHERE code = ?').get(code) as { id: number }).id;
const firstItemOf = (departmentId: number) =>
  (
    db.prepare('SELECT id FROM items WHERE department_id = ? ORDER BY id LIMIT 1').get(departmentId) as {
      id: number;
    }
  ).id;
const measuresOf = (id: number) =>
  (db.prepare('SELECT measures FROM items WHERE id = ?').get(id) as { measures: string }).measures;

const d21 = departmentOf('D21');
const d01 = departmentOf('D01');
const ownItem = firstItemOf(d21);
const othersItem = firstItemOf(d01);

const editor: SessionUser = {
  id: 50,
  username: 'editor-d21',
  displayName: '教育局联络员',
  role: 'editor',
  departmentId: d21,
};
const admin: SessionUser = {
  id: 1,
  username: 'admin',
  displayName: '督查室',
  role: 'admin',
  departmentId: null,
};
const leader: SessionUser = {
  id: 2,
  username: 'leader',
  displayName: '县领导',
  role: 'leader',
  departmentId: null,
};

/** A minimal scoped item write, written the way the ledger's item queries must be. */
const updateMeasures = db.prepare(
  `UPDATE items SET measures = @measures, version = version + 1 WHERE id = @id AND ${ITEM_WRITE_SCOPE}`,
);
const edit = (scope: ItemWriteScope, id: number, measures: string) =>
  updateMeasures.run({ id, measures, ...itemScopeParams(scope) }).changes;

describe('department scoping of item writes', () => {
  it("lets an editor change its own department's item", () => {
    expect(edit(itemWriteScopeFor(editor), ownItem, 'Rebuilt the canteen kitchen')).toBe(1);
    expect(measuresOf(ownItem)).toBe('Rebuilt the canteen kitchen');
  });

  it("changes nothing when an editor names another department's item by id", () => {
    const before = db.prepare('SELECT * FROM items WHERE id = ?').get(othersItem);
    expect(edit(itemWriteScopeFor(editor), othersItem, 'Tampered')).toBe(0);
    expect(db.prepare('SELECT * FROM items WHERE id = ?').get(othersItem)).toEqual(before);
    const error = refusedItemWrite(db, othersItem, itemWriteScopeFor(editor));
    expect([error.status, error.code]).toEqual([403, 'other_department']);
    expect(error.text.en).toBe(
      "Not allowed: this item belongs to another department; a department editor can change only its own department's items",
    );
  });

  it('answers 404 for an item that does not exist', () => {
    expect(edit(itemWriteScopeFor(editor), 999_999, 'x')).toBe(0);
    const error = refusedItemWrite(db, 999_999, itemWriteScopeFor(editor));
    expect([error.status, error.code, error.details]).toEqual([404, 'not_found', { field: 'id' }]);
  });

  it("lets an admin change every department's items", () => {
    expect(edit(itemWriteScopeFor(admin), othersItem, 'Checked by the office')).toBe(1);
    expect(edit(itemWriteScopeFor(admin), ownItem, 'Checked by the office')).toBe(1);
  });

  it('never lets an editor reach an item without a department, nor an editor bound to no department', () => {
    const orphan = Number(
      db
        .prepare(
          `INSERT INTO items (ledger_code, title, campaign_id, source, department_id, registered_at, rectification_type,
             status, created_at, updated_at)
           VALUES ('TEST-ORPHAN', 'Unassigned', 1, 'hotline', NULL, '2026-11-01T09:00:00', 'immediate', 'registered',
             '2026-11-01T01:00:00Z', '2026-11-01T01:00:00Z')`,
        )
        .run().lastInsertRowid,
    );
    expect(edit(itemWriteScopeFor(editor), orphan, 'x')).toBe(0);
    // Even a scope with no department (which itemWriteScopeFor never makes) matches nothing.
    const unbound = updateMeasures.run({
      id: ownItem,
      measures: 'x',
      scope_all: 0,
      scope_department_id: null,
    });
    expect(unbound.changes).toBe(0);
    expect(edit(itemWriteScopeFor(admin), orphan, 'Assigned later')).toBe(1);
  });

  it('checks the department of a new or moved item against the scope', () => {
    expect(departmentInScope(itemWriteScopeFor(editor), d21)).toBe(true);
    expect(departmentInScope(itemWriteScopeFor(editor), d01)).toBe(false);
    expect(departmentInScope(itemWriteScopeFor(editor), null)).toBe(false);
    expect(departmentInScope(itemWriteScopeFor(admin), d01)).toBe(true);
  });

  it('gives leaders no write scope at all (403)', () => {
    expect(() => itemWriteScopeFor(leader)).toThrow(
      expect.objectContaining({ status: 403, code: 'forbidden' }),
    );
  });
});

describe('status actions by role', () => {
  it('lets an editor assign, start and claim rectification, but never close, reject or reopen (verification)', () => {
    const allowed = (['assign', 'start', 'rectify', 'close', 'reject', 'reopen'] as const).filter((a) =>
      mayTakeStatusAction(editor, a),
    );
    expect(allowed).toEqual(['assign', 'start', 'rectify']);
  });

  it('lets an admin take every action and a leader none', () => {
    for (const action of ['assign', 'start', 'rectify', 'close', 'reject', 'reopen'] as const) {
      expect(mayTakeStatusAction(admin, action)).toBe(true);
      expect(mayTakeStatusAction(leader, action)).toBe(false);
    }
  });
});
