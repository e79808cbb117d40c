/** User accounts. Password hashes never leave this module except through `getLoginCandidate`. */
import type { UserRole } from '../../server/auth/principal.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

/** A user as the API shows it: no password hash, only whether one is set. */
export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  departmentCode: string | null;
  departmentNameZh: string | null;
  departmentNameEn: string | null;
  active: boolean;
  hasPassword: boolean;
  createdAt: string;
  passwordChangedAt: string | null;
  lastLoginAt: string | null;
}

interface RawUser {
  id: number;
  username: string;
  display_name: string;
  role: UserRole;
  department_id: number | null;
  department_code: string | null;
  department_name_zh: string | null;
  department_name_en: string | null;
  active: number;
  has_password: number;
  created_at: string;
  password_changed_at: string | null;
  last_login_at: string | null;
}

const SELECT_USER = `
  SELECT u.id, u.username, u.display_name, u.role, u.department_id, d.code AS department_code,
         d.name_zh AS department_name_zh, d.name_en AS department_name_en, u.active,
         u.password_hash IS NOT NULL AS has_password, u.created_at, u.password_changed_at, u.last_login_at
  FROM users u LEFT JOIN departments d ON d.id = u.department_id`;

const toUser = (r: RawUser): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  departmentId: r.department_id,
  departmentCode: r.department_code,
  departmentNameZh: r.department_name_zh,
  departmentNameEn: r.department_name_en,
  active: r.active === 1,
  hasPassword: r.has_password === 1,
  createdAt: r.created_at,
  passwordChangedAt: r.password_changed_at,
  lastLoginAt: r.last_login_at,
});

export function listUsers(db: Db): UserRow[] {
  return (
    prepared(db, `${SELECT_USER} ORDER BY u.role = 'editor', u.role, u.username`).all() as RawUser[]
  ).map(toUser);
}

export function getUser(db: Db, id: number): UserRow | null {
  const row = prepared(db, `${SELECT_USER} WHERE u.id = ?`).get(id) as RawUser | undefined;
  return row ? toUser(row) : null;
}

export function getUserByUsername(db: Db, username: string): UserRow | null {
  const row = prepared(db, `${SELECT_USER} WHERE u.username = ?`).get(username) as RawUser | undefined;
  return row ? toUser(row) : null;
}

/** What a sign-in needs: the account and its password hash (null when none is set). */
export interface LoginCandidate {
  id: number;
  username: string;
  active: boolean;
  passwordHash: string | null;
}

export function getLoginCandidate(db: Db, username: string): LoginCandidate | null {
  const row = prepared(db, 'SELECT id, username, active, password_hash FROM users WHERE username = ?').get(
    username,
  ) as { id: number; username: string; active: number; password_hash: string | null } | undefined;
  return row
    ? { id: row.id, username: row.username, active: row.active === 1, passwordHash: row.password_hash }
    : null;
}

export function getPasswordHash(db: Db, userId: number): string | null {
  const row = prepared(db, 'SELECT password_hash FROM users WHERE id = ?').get(userId) as
    | { password_hash: string | null }
    | undefined;
  return row?.password_hash ?? null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  passwordHash: string | null;
  createdAt: string;
}

export function insertUser(db: Db, user: NewUser): number {
  return Number(
    prepared(
      db,
      `INSERT INTO users (username, display_name, role, department_id, password_hash, active, created_at, password_changed_at)
         VALUES (@username, @displayName, @role, @departmentId, @passwordHash, 1, @createdAt,
                 CASE WHEN @passwordHash IS NULL THEN NULL ELSE @createdAt END)`,
    ).run(user).lastInsertRowid,
  );
}

export interface UserChanges {
  displayName: string;
  role: UserRole;
  departmentId: number | null;
  active: boolean;
}

export function updateUser(db: Db, id: number, changes: UserChanges): void {
  prepared(
    db,
    `UPDATE users SET display_name = @displayName, role = @role, department_id = @departmentId, active = @active
     WHERE id = @id`,
  ).run({ ...changes, active: changes.active ? 1 : 0, id });
}

export function setPasswordHash(db: Db, id: number, passwordHash: string, at: string): void {
  prepared(db, 'UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(
    passwordHash,
    at,
    id,
  );
}

export function recordLogin(db: Db, id: number, at: string): void {
  prepared(db, 'UPDATE users SET last_login_at = ? WHERE id = ?').run(at, id);
}

/** Active admins who can sign in (have a password), optionally not counting one user. */
export function countUsableAdmins(db: Db, exceptUserId: number | null = null): number {
  return (
    prepared(
      db,
      `SELECT COUNT(*) AS n FROM users
         WHERE role = 'admin' AND active = 1 AND password_hash IS NOT NULL AND id IS NOT @exceptUserId`,
    ).get({ exceptUserId }) as { n: number }
  ).n;
}

export function departmentExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM departments WHERE id = ?').get(id) !== undefined;
}

export function findDepartmentIdByCode(db: Db, code: string): number | null {
  const row = prepared(db, 'SELECT id FROM departments WHERE code = ?').get(code) as
    | { id: number }
    | undefined;
  return row?.id ?? null;
}
