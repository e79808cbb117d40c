import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts } from '../helpers/accounts.ts';

function setup() {
  const seeded = seedAccounts();
  // admin must be able to sign in for the "last admin" rule to count it.
  seeded.db.prepare("UPDATE users SET password_hash = 'scrypt$17$8$1$x$y' WHERE username = 'admin'").run();
  const app = createApp({ db: seeded.db, clock: fixedClock(NOW) });
  const admin = openSession(seeded.db, seeded.users.admin);
  const as = (method: string, path: string, body?: unknown, lang = 'zh-CN') =>
    call(app, method, path, { session: admin, body, headers: { 'accept-language': lang } });
  const audit = () =>
    seeded.db
      .prepare('SELECT actor_name, action, entity, entity_id, before, after FROM audit_log ORDER BY id')
      .all() as {
      actor_name: string;
      action: string;
      entity: string;
      entity_id: string;
      before: string | null;
      after: string | null;
    }[];
  return { ...seeded, app, admin, as, audit };
}

type ErrorBody = { error: { code: string; message: string; details: { field?: string } } };

describe('users (admin)', () => {
  it('lists users without their password hashes', async () => {
    const { as } = setup();
    const res = await as('GET', '/api/users');
    expect(res.status).toBe(200);
    const { users } = (await res.json()) as {
      users: { username: string; role: string; hasPassword: boolean }[];
    };
    expect(users.map((u) => [u.username, u.role, u.hasPassword])).toEqual([
      ['admin', 'admin', true],
      ['leader', 'leader', false],
      ['editor', 'editor', false],
      ['other', 'editor', false],
    ]);
    expect(JSON.stringify(users)).not.toContain('scrypt');
  });

  it('creates a department editor with a scrypt-hashed password and audits it without the hash', async () => {
    const { as, db, departments, audit } = setup();
    const res = await as('POST', '/api/users', {
      username: ' Edu-Liaison ',
      displayName: '教育局联络员',
      role: 'editor',
      departmentId: departments.d02,
      password: 'strong enough secret',
    });
    expect(res.status).toBe(201);
    const { user } = (await res.json()) as { user: Record<string, unknown> };
    expect(user).toMatchObject({
      username: 'edu-liaison',
      displayName: '教育局联络员',
      role: 'editor',
      departmentId: departments.d02,
      departmentCode: 'D02',
      departmentNameEn: 'Education Bureau',
      active: true,
      hasPassword: true,
      createdAt: NOW,
    });
    const { password_hash } = db
      .prepare('SELECT password_hash FROM users WHERE username = ?')
      .get('edu-liaison') as {
      password_hash: string;
    };
    expect(password_hash.startsWith('scrypt$15$8$3$')).toBe(true);
    expect(await verifyPassword('strong enough secret', password_hash)).toBe(true);
    expect(audit()).toEqual([
      {
        actor_name: 'admin',
        action: 'user.create',
        entity: 'user',
        entity_id: String(user.id),
        before: null,
        after: JSON.stringify({
          username: 'edu-liaison',
          displayName: '教育局联络员',
          role: 'editor',
          departmentId: departments.d02,
          active: true,
        }),
      },
    ]);
  });

  it('refuses bad input with a 400 naming the field, in the asked language', async () => {
    const { as, departments } = setup();
    const valid = {
      username: 'newbie',
      displayName: 'New',
      role: 'leader',
      password: 'strong enough secret',
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...valid, username: 'a' }, 'username', 'zh-CN'],
      [{ ...valid, username: '张三' }, 'username', 'en'],
      [{ ...valid, displayName: '' }, 'displayName', 'en'],
      [{ ...valid, role: 'superuser' }, 'role', 'en'],
      [{ ...valid, password: 'short' }, 'password', 'en'],
      [{ ...valid, password: 'newbie' }, 'password', 'en'],
      [{ ...valid, password: '          x' }, 'password', 'en'],
      [{ ...valid, role: 'editor' }, 'departmentId', 'en'],
      [{ ...valid, role: 'editor', departmentId: 999 }, 'departmentId', 'en'],
      [{ ...valid, departmentId: departments.d01 }, 'departmentId', 'en'],
      [{ ...valid, extra: 1 }, 'extra', 'en'],
    ];
    for (const [body, field, lang] of cases) {
      const res = await as('POST', '/api/users', body, lang);
      const { error } = (await res.json()) as ErrorBody;
      expect([res.status, error.details.field], JSON.stringify(body)).toEqual([400, field]);
      expect(error.message).toContain(lang === 'en' ? `Invalid parameter ${field}` : `参数 ${field} 无效`);
    }
    const zh = await as('POST', '/api/users', { ...valid, role: 'editor' });
    expect(((await zh.json()) as ErrorBody).error.message).toBe(
      '参数 departmentId 无效：部门联络员必须属于一个部门',
    );
  });

  it('refuses a user name that is taken, with 409', async () => {
    const { as } = setup();
    const res = await as(
      'POST',
      '/api/users',
      { username: 'Leader', displayName: 'x', role: 'leader', password: 'strong enough secret' },
      'en',
    );
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: {
        code: 'username_taken',
        message: 'Invalid parameter username: leader is already taken',
        details: { field: 'username' },
      },
    });
  });

  it('changes role and department together, and audits before and after', async () => {
    const { as, users, departments, audit } = setup();
    const toLeader = await as('PATCH', `/api/users/${users.editor}`, { role: 'leader' });
    expect(toLeader.status).toBe(200);
    expect(((await toLeader.json()) as { user: unknown }).user).toMatchObject({
      role: 'leader',
      departmentId: null,
    });
    const toEditor = await as('PATCH', `/api/users/${users.editor}`, {
      role: 'editor',
      departmentId: departments.d02,
    });
    expect(((await toEditor.json()) as { user: unknown }).user).toMatchObject({
      role: 'editor',
      departmentId: departments.d02,
      departmentCode: 'D02',
    });
    const rows = audit();
    expect(rows.map((r) => r.action)).toEqual(['user.update', 'user.update']);
    expect(JSON.parse(rows[0]!.before!)).toMatchObject({ role: 'editor', departmentId: departments.d01 });
    expect(JSON.parse(rows[0]!.after!)).toMatchObject({ role: 'leader', departmentId: null });
    const bad = await as('PATCH', `/api/users/${users.leader}`, { role: 'editor' }, 'en');
    expect([bad.status, ((await bad.json()) as ErrorBody).error.details.field]).toEqual([
      400,
      'departmentId',
    ]);
    const empty = await as('PATCH', `/api/users/${users.leader}`, { active: 'no' }, 'en');
    expect([empty.status, ((await empty.json()) as ErrorBody).error.details.field]).toEqual([400, 'active']);
  });

  it('answers 404 naming the id for a user that does not exist', async () => {
    const { as } = setup();
    const res = await as('PATCH', '/api/users/999', { displayName: 'Ghost' }, 'en');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No user "999"', details: { field: 'id' } },
    });
  });

  it('keeps at least one admin who can sign in', async () => {
    const { as, users, db } = setup();
    for (const change of [{ role: 'leader' }, { active: false }]) {
      const res = await as('PATCH', `/api/users/${users.admin}`, change, 'en');
      expect(res.status).toBe(409);
      expect(((await res.json()) as ErrorBody).error).toEqual({
        code: 'last_admin',
        message: 'Not possible: this is the last admin who can sign in',
        details: {},
      });
    }
    // With a second admin who can sign in, the first may step down.
    db.prepare(
      "UPDATE users SET role = 'admin', department_id = NULL, password_hash = 'scrypt$x' WHERE id = ?",
    ).run(users.leader);
    expect((await as('PATCH', `/api/users/${users.admin}`, { role: 'leader' })).status).toBe(200);
  });

  it('resets a password: the new one works and the user’s sessions end', async () => {
    const { as, app, db, users, audit } = setup();
    const editorSession = openSession(db, users.editor);
    expect((await call(app, 'GET', '/api/auth/me', { session: editorSession })).status).toBe(200);
    const res = await as('POST', `/api/users/${users.editor}/password`, { password: 'reset by the office' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: unknown }).user).toMatchObject({
      hasPassword: true,
      passwordChangedAt: NOW,
    });
    expect((await call(app, 'GET', '/api/auth/me', { session: editorSession })).status).toBe(401);
    const { password_hash } = db
      .prepare('SELECT password_hash FROM users WHERE id = ?')
      .get(users.editor) as {
      password_hash: string;
    };
    expect(await verifyPassword('reset by the office', password_hash)).toBe(true);
    expect(audit().map((r) => [r.action, r.entity_id, r.after])).toEqual([
      ['user.password_reset', String(users.editor), '{"passwordChanged":true}'],
    ]);
  });
});
