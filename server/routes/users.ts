/** User accounts, managed by admins: list, create, change role/department/active, reset a password. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { deleteSessionsOfUser } from '../../db/queries/accounts-sessions.ts';
import {
  countUsableAdmins,
  departmentExists,
  getUser,
  getUserByUsername,
  insertUser,
  listUsers,
  setPasswordHash,
  type UserRow,
  updateUser,
} from '../../db/queries/users.ts';
import { checkPasswordRules, newPasswordSchema, USERNAME_PATTERN } from '../auth/account-rules.ts';
import { hashPassword } from '../auth/password.ts';
import { actorOf, USER_ROLES, type UserRole } from '../auth/principal.ts';
import { requireRole } from '../auth/require-role.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, invalidParameter, notFound } from '../errors.ts';
import { nameText, ownReason, validate } from '../validation.ts';

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    USERNAME_PATTERN,
    ownReason({
      zh: '须为2至40个小写字母、数字、点、连字符或下划线',
      en: 'must be 2 to 40 lowercase letters, digits, dots, hyphens or underscores',
    }),
  );
const displayNameSchema = nameText(100).min(1);
const departmentIdSchema = z.number().int().positive().nullable();

const createSchema = z.strictObject({
  username: usernameSchema,
  displayName: displayNameSchema,
  role: z.enum(USER_ROLES),
  departmentId: departmentIdSchema.optional(),
  password: newPasswordSchema,
});

const updateSchema = z.strictObject({
  displayName: displayNameSchema.optional(),
  role: z.enum(USER_ROLES).optional(),
  departmentId: departmentIdSchema.optional(),
  active: z.boolean().optional(),
});

const idParam = z.strictObject({ id: z.coerce.number().int().positive() });
const resetSchema = z.strictObject({ password: newPasswordSchema });

const USER = { zh: '用户', en: 'user' };

/** An editor belongs to one existing department; admins and leaders to none. Throws a 400 naming departmentId. */
function checkDepartment(db: Db, role: UserRole, departmentId: number | null): void {
  if (role === 'editor') {
    if (departmentId === null)
      throw invalidParameter('departmentId', {
        zh: '部门联络员必须属于一个部门',
        en: 'a department editor must belong to a department',
      });
    if (!departmentExists(db, departmentId))
      throw invalidParameter('departmentId', {
        zh: `没有编号为 ${departmentId} 的部门`,
        en: `no department ${departmentId}`,
      });
  } else if (departmentId !== null) {
    throw invalidParameter('departmentId', {
      zh: '只有部门联络员属于部门；管理员和领导不属于任何部门',
      en: 'only department editors belong to a department; admins and leaders do not',
    });
  }
}

const lastAdmin = () =>
  new ApiError(409, 'last_admin', {
    zh: '不能这样修改：这是最后一个可以登录的管理员',
    en: 'Not possible: this is the last admin who can sign in',
  });

/** What the audit log keeps of a user: the account's settings, never its password hash. */
const auditView = (u: UserRow) => ({
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  departmentId: u.departmentId,
  active: u.active,
});

function findUser(db: Db, id: number): UserRow {
  const user = getUser(db, id);
  if (!user) throw notFound(USER, String(id), 'id');
  return user;
}

export const users = new Hono<AppEnv>()
  .get('/', requireRole('admin'), (c) => c.json({ users: listUsers(c.var.deps.db) }, 200))
  .post('/', requireRole('admin'), validate('json', createSchema), async (c) => {
    const { deps, user: actor } = c.var;
    const input = c.req.valid('json');
    const departmentId = input.departmentId ?? null;
    checkDepartment(deps.db, input.role, departmentId);
    checkPasswordRules(input.password, input.username, 'password');
    if (getUserByUsername(deps.db, input.username)) throw usernameTaken(input.username);
    const passwordHash = await hashPassword(input.password);
    const created = deps.db.transaction(() => {
      if (getUserByUsername(deps.db, input.username)) throw usernameTaken(input.username);
      const at = deps.clock.now().toISOString();
      const id = insertUser(deps.db, {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        departmentId,
        passwordHash,
        createdAt: at,
      });
      const row = getUser(deps.db, id)!;
      recordAudit(deps.db, {
        at,
        actor: actorOf(actor),
        action: 'user.create',
        entity: 'user',
        entityId: id,
        after: auditView(row),
      });
      return row;
    })();
    return c.json({ user: created }, 201);
  })
  .patch('/:id', requireRole('admin'), validate('param', idParam), validate('json', updateSchema), (c) => {
    const { deps, user: actor } = c.var;
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    const updated = deps.db.transaction(() => {
      const before = findUser(deps.db, id);
      const role = input.role ?? before.role;
      // Leaving the editor role leaves the department too, unless the request names one.
      const departmentId =
        input.departmentId !== undefined
          ? input.departmentId
          : role === 'editor'
            ? before.departmentId
            : null;
      const active = input.active ?? before.active;
      checkDepartment(deps.db, role, departmentId);
      const staysUsableAdmin = role === 'admin' && active;
      const wasUsableAdmin = before.role === 'admin' && before.active && before.hasPassword;
      if (wasUsableAdmin && !staysUsableAdmin && countUsableAdmins(deps.db, id) === 0) throw lastAdmin();
      updateUser(deps.db, id, {
        displayName: input.displayName ?? before.displayName,
        role,
        departmentId,
        active,
      });
      // A deactivated user is signed out everywhere at once.
      if (!active) deleteSessionsOfUser(deps.db, id);
      const after = getUser(deps.db, id)!;
      recordAudit(deps.db, {
        at: deps.clock.now().toISOString(),
        actor: actorOf(actor),
        action: 'user.update',
        entity: 'user',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    })();
    return c.json({ user: updated }, 200);
  })
  .post(
    '/:id/password',
    requireRole('admin'),
    validate('param', idParam),
    validate('json', resetSchema),
    async (c) => {
      const { deps, user: actor } = c.var;
      const { id } = c.req.valid('param');
      const { password } = c.req.valid('json');
      const target = findUser(deps.db, id);
      checkPasswordRules(password, target.username, 'password');
      const hash = await hashPassword(password);
      const updated = deps.db.transaction(() => {
        const at = deps.clock.now().toISOString();
        findUser(deps.db, id);
        setPasswordHash(deps.db, id, hash, at);
        // Whoever knew the old password is signed out.
        deleteSessionsOfUser(deps.db, id);
        recordAudit(deps.db, {
          at,
          actor: actorOf(actor),
          action: 'user.password_reset',
          entity: 'user',
          entityId: id,
          after: { passwordChanged: true },
        });
        return getUser(deps.db, id)!;
      })();
      return c.json({ user: updated }, 200);
    },
  );

function usernameTaken(username: string) {
  return new ApiError(
    409,
    'username_taken',
    {
      zh: `参数 username 无效：用户名 ${username} 已被使用`,
      en: `Invalid parameter username: ${username} is already taken`,
    },
    { field: 'username' },
  );
}
