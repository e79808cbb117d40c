import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

/** A department as the lists show it: who it is and its peer group. */
export interface DepartmentInfo {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  peerGroup: string;
  peerGroupZh: string;
  peerGroupEn: string;
  active: boolean;
}

/** Every department, in its peer group's order, then by code. */
export function listDepartments(db: Db): DepartmentInfo[] {
  const rows = prepared(
    db,
    `SELECT d.id, d.code, d.name_zh, d.name_en, d.kind, g.code AS peer_group, g.name_zh AS peer_group_zh,
            g.name_en AS peer_group_en, d.active
     FROM departments d JOIN peer_groups g ON g.id = d.peer_group_id
     ORDER BY g.sort_order, d.code`,
  ).all() as {
    id: number;
    code: string;
    name_zh: string;
    name_en: string;
    kind: string;
    peer_group: string;
    peer_group_zh: string;
    peer_group_en: string;
    active: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind,
    peerGroup: r.peer_group,
    peerGroupZh: r.peer_group_zh,
    peerGroupEn: r.peer_group_en,
    active: r.active === 1,
  }));
}

export interface DepartmentInput {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  peerGroupId: number;
  parentId: number | null;
  active: boolean;
}

export function insertDepartment(db: Db, d: DepartmentInput): number {
  return Number(
    prepared(
      db,
      'INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id, parent_id, active) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(d.code, d.nameZh, d.nameEn, d.kind, d.peerGroupId, d.parentId, d.active ? 1 : 0).lastInsertRowid,
  );
}

export function updateDepartment(db: Db, id: number, d: Omit<DepartmentInput, 'code'>): void {
  prepared(
    db,
    'UPDATE departments SET name_zh = ?, name_en = ?, kind = ?, peer_group_id = ?, parent_id = ?, active = ? WHERE id = ?',
  ).run(d.nameZh, d.nameEn, d.kind, d.peerGroupId, d.parentId, d.active ? 1 : 0, id);
}

export interface DepartmentRecord extends DepartmentInput {
  id: number;
  aliases: string[];
}

export function getDepartmentByCode(db: Db, code: string): DepartmentRecord | null {
  const row = prepared(db, 'SELECT * FROM departments WHERE code = ?').get(code) as
    | {
        id: number;
        code: string;
        name_zh: string;
        name_en: string;
        kind: string;
        peer_group_id: number;
        parent_id: number | null;
        active: number;
      }
    | undefined;
  if (!row) return null;
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    kind: row.kind,
    peerGroupId: row.peer_group_id,
    parentId: row.parent_id,
    active: row.active === 1,
    aliases: listAliases(db, row.id),
  };
}

export function listAliases(db: Db, departmentId: number): string[] {
  return (
    prepared(db, 'SELECT alias FROM department_aliases WHERE department_id = ? ORDER BY alias').all(
      departmentId,
    ) as { alias: string }[]
  ).map((r) => r.alias);
}

/** Whether a department is active (a deactivated one takes no new items); false for no such department. */
export function isDepartmentActive(db: Db, id: number): boolean {
  const row = prepared(db, 'SELECT active FROM departments WHERE id = ?').get(id) as
    | { active: number }
    | undefined;
  return row?.active === 1;
}

/** Replaces a department's aliases (other names used in offices' spreadsheets). */
export function setAliases(db: Db, departmentId: number, aliases: string[]): void {
  prepared(db, 'DELETE FROM department_aliases WHERE department_id = ?').run(departmentId);
  const insert = prepared(db, 'INSERT INTO department_aliases (alias, department_id) VALUES (?, ?)');
  for (const alias of aliases) insert.run(alias, departmentId);
}

/**
 * The peer groups a database without demo data starts with: one per kind of department (DESIGN §2),
 * so that its first department can be registered. Only into an empty table; a no-op afterwards.
 */
export const STARTING_PEER_GROUPS = [
  { code: 'county_department', nameZh: '县直部门', nameEn: 'County departments' },
  { code: 'school', nameZh: '学校', nameEn: 'Schools' },
  { code: 'township', nameZh: '乡镇', nameEn: 'Townships' },
  { code: 'office', nameZh: '办公室', nameEn: 'Offices' },
] as const;

export function ensurePeerGroups(db: Db): void {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM peer_groups LIMIT 1').get() !== undefined) return;
    for (const g of STARTING_PEER_GROUPS) insertPeerGroup(db, g);
  }).immediate();
}

export interface PeerGroupInput {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** A new peer group, listed after the others. */
export function insertPeerGroup(db: Db, g: PeerGroupInput): number {
  return Number(
    prepared(
      db,
      `INSERT INTO peer_groups (code, name_zh, name_en, sort_order)
       VALUES (?, ?, ?, (SELECT coalesce(max(sort_order), 0) + 1 FROM peer_groups))`,
    ).run(g.code, g.nameZh, g.nameEn).lastInsertRowid,
  );
}

export function renamePeerGroup(db: Db, id: number, g: Omit<PeerGroupInput, 'code'>): void {
  prepared(db, 'UPDATE peer_groups SET name_zh = ?, name_en = ? WHERE id = ?').run(g.nameZh, g.nameEn, id);
}
