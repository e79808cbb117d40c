import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import type { Clock } from '../../../server/domain/time.ts';
import {
  call,
  NOW,
  openSession,
  PASSWORD,
  type Seeded,
  seedAccounts,
  sessionFrom,
  setCookies,
} from '../../helpers/accounts.ts';
import { memoryDb } from '../../helpers/db.ts';

const HOUR = 3_600_000;

/** A clock the test moves by hand. */
function movableClock(iso: string) {
  let at = Date.parse(iso);
  const clock: Clock & { advance(ms: number): void } = {
    now: () => new Date(at),
    advance: (ms) => {
      at += ms;
    },
  };
  return clock;
}

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

function setup() {
  const seeded: Seeded = seedAccounts(memoryDb(), passwordHash);
  const clock = movableClock(NOW);
  const app = createApp({ db: seeded.db, clock });
  const login = (username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    call(app, 'POST', '/api/auth/login', { body: { username, password }, headers });
  return { ...seeded, clock, app, login };
}

describe('sessions', () => {
  it('login answers the user and sets an HttpOnly session cookie and a script-readable CSRF cookie', async () => {
    const { login } = setup();
    const res = await login('editor');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { username: string; role: string; departmentId: number } };
    expect(body.user).toMatchObject({ username: 'editor', role: 'editor', departmentId: 1 });
    const cookies = setCookies(res);
    expect(cookies.get('closeout_session')!.attributes).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=604800']),
    );
    expect(cookies.get('closeout_session')!.attributes).not.toContain('Secure');
    expect(cookies.get('closeout_csrf')!.attributes).toEqual(
      expect.arrayContaining(['SameSite=Strict', 'Path=/']),
    );
    expect(cookies.get('closeout_csrf')!.attributes).not.toContain('HttpOnly');
    expect(cookies.get('closeout_session')!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('marks both cookies Secure when a proxy says the browser came over HTTPS', async () => {
    const { login } = setup();
    const res = await login('leader', PASSWORD, { 'x-forwarded-proto': 'https' });
    const cookies = setCookies(res);
    expect(cookies.get('closeout_session')!.attributes).toContain('Secure');
    expect(cookies.get('closeout_csrf')!.attributes).toContain('Secure');
  });

  it('stores only the SHA-256 of the token', async () => {
    const { login, db } = setup();
    const session = sessionFrom(await login('leader'));
    const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(session.token).digest('hex') }]);
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(session.token);
  });

  it('gives a new token at every login and ends the session the browser held before (no fixation)', async () => {
    const { app, login } = setup();
    const first = sessionFrom(await login('leader'));
    const res = await call(app, 'POST', '/api/auth/login', {
      session: first,
      body: { username: 'leader', password: PASSWORD },
    });
    const second = sessionFrom(res);
    expect(second.token).not.toBe(first.token);
    expect(second.csrf).not.toBe(first.csrf);
    expect((await call(app, 'GET', '/api/auth/me', { session: first })).status).toBe(401);
    const me = await call(app, 'GET', '/api/auth/me', { session: second });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'user', timeZone: 'Asia/Shanghai' });
  });

  it('never adopts a token the browser brings to the login (a planted cookie stays worthless)', async () => {
    const { app } = setup();
    const planted = 'attacker-chosen-token-000000000000000000000';
    const res = await call(app, 'POST', '/api/auth/login', {
      body: { username: 'leader', password: PASSWORD },
      headers: { cookie: `closeout_session=${planted}` },
    });
    expect(sessionFrom(res).token).not.toBe(planted);
    const me = await call(app, 'GET', '/api/auth/me', { headers: { cookie: `closeout_session=${planted}` } });
    expect(me.status).toBe(401);
  });

  it('logout ends the session: the old cookie gets 401 and the cookies are cleared', async () => {
    const { app, login, db } = setup();
    const session = sessionFrom(await login('admin'));
    const out = await call(app, 'POST', '/api/auth/logout', { session });
    expect(out.status).toBe(204);
    expect(setCookies(out).get('closeout_session')).toMatchObject({ value: '' });
    expect(setCookies(out).get('closeout_session')!.attributes).toContain('Max-Age=0');
    expect(db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 });
    const me = await call(app, 'GET', '/api/auth/me', { session, headers: { 'accept-language': 'en' } });
    expect(me.status).toBe(401);
    expect(await me.json()).toEqual({
      error: {
        code: 'session_expired',
        message: 'Your session has ended; please sign in again',
        details: {},
      },
    });
  });

  it('a password change ends every other session of the user and continues this one with a new token', async () => {
    const { app, login } = setup();
    const laptop = sessionFrom(await login('editor'));
    const phone = sessionFrom(await login('editor'));
    const res = await call(app, 'POST', '/api/auth/password', {
      session: laptop,
      body: { currentPassword: PASSWORD, newPassword: 'a completely new one' },
    });
    expect(res.status).toBe(200);
    const renewed = sessionFrom(res);
    expect(renewed.token).not.toBe(laptop.token);
    expect((await call(app, 'GET', '/api/auth/me', { session: phone })).status).toBe(401);
    expect((await call(app, 'GET', '/api/auth/me', { session: laptop })).status).toBe(401);
    expect((await call(app, 'GET', '/api/auth/me', { session: renewed })).status).toBe(200);
    expect((await login('editor')).status).toBe(401);
    expect((await login('editor', 'a completely new one')).status).toBe(200);
  });

  it('refuses a password change with a wrong current password, naming the field in both languages', async () => {
    const { app, db, users } = setup();
    const session = openSession(db, users.leader);
    const body = { currentPassword: 'not my password', newPassword: 'a completely new one' };
    const zh = await call(app, 'POST', '/api/auth/password', { session, body });
    expect(zh.status).toBe(400);
    expect(await zh.json()).toEqual({
      error: {
        code: 'wrong_password',
        message: '参数 currentPassword 无效：当前密码不正确',
        details: { field: 'currentPassword' },
      },
    });
    const short = await call(app, 'POST', '/api/auth/password', {
      session,
      body: { currentPassword: PASSWORD, newPassword: 'short' },
      headers: { 'accept-language': 'en' },
    });
    expect(short.status).toBe(400);
    const error = ((await short.json()) as { error: { code: string; details: { field: string } } }).error;
    expect(error).toMatchObject({ code: 'invalid_parameter', details: { field: 'newPassword' } });
  });

  it('ends a session after 8 hours without use, and 7 days after login however much it is used', async () => {
    const { app, login, clock } = setup();
    const session = sessionFrom(await login('leader'));
    clock.advance(7 * HOUR);
    expect((await call(app, 'GET', '/api/auth/me', { session })).status).toBe(200);
    clock.advance(7 * HOUR); // 14 h after login, 7 h after the last use
    expect((await call(app, 'GET', '/api/auth/me', { session })).status).toBe(200);
    clock.advance(8 * HOUR + 1000); // 8 h and a second without use
    expect((await call(app, 'GET', '/api/auth/me', { session })).status).toBe(401);

    const busy = sessionFrom(await login('leader'));
    for (let hours = 6; hours < 7 * 24; hours += 6) {
      clock.advance(6 * HOUR);
      expect((await call(app, 'GET', '/api/auth/me', { session: busy })).status, `after ${hours} h`).toBe(
        200,
      );
    }
    clock.advance(6 * HOUR); // 7 days after login
    const res = await call(app, 'GET', '/api/auth/me', { session: busy });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('session_expired');
    expect(setCookies(res).get('closeout_session')!.attributes).toContain('Max-Age=0');
  });

  it('signs a deactivated user out at once', async () => {
    const { app, db, users } = setup();
    const admin = openSession(db, users.admin);
    const editor = openSession(db, users.editor);
    expect((await call(app, 'GET', '/api/departments', { session: editor })).status).toBe(200);
    const res = await call(app, 'PATCH', `/api/users/${users.editor}`, {
      session: admin,
      body: { active: false },
    });
    expect(res.status).toBe(200);
    expect((await call(app, 'GET', '/api/departments', { session: editor })).status).toBe(401);
    expect(
      (await call(app, 'POST', '/api/auth/login', { body: { username: 'editor', password: PASSWORD } }))
        .status,
    ).toBe(401);
  });

  it('answers the same 401 for an unknown user name, a wrong password and an account without a password', async () => {
    const { app, login, db, users } = setup();
    db.prepare('UPDATE users SET password_hash = NULL WHERE id = ?').run(users.other);
    const responses = await Promise.all([login('nobody'), login('leader', 'wrong password'), login('other')]);
    const bodies = await Promise.all(responses.map(async (r) => [r.status, await r.json()]));
    const expected = [
      401,
      { error: { code: 'invalid_credentials', message: '用户名或密码不正确', details: {} } },
    ];
    expect(bodies).toEqual([expected, expected, expected]);
    expect((await call(app, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('records logins, logouts and password changes in the audit log, never a hash or token', async () => {
    const { app, login, db } = setup();
    const session = sessionFrom(await login('editor'));
    const renewed = sessionFrom(
      await call(app, 'POST', '/api/auth/password', {
        session,
        body: { currentPassword: PASSWORD, newPassword: 'a completely new one' },
      }),
    );
    await call(app, 'POST', '/api/auth/logout', { session: renewed });
    const rows = db
      .prepare('SELECT actor_name, action, entity, entity_id, after FROM audit_log ORDER BY id')
      .all();
    expect(rows).toEqual([
      {
        actor_name: 'editor',
        action: 'session.login',
        entity: 'user',
        entity_id: '3',
        after: '{"clientIp":"unknown"}',
      },
      {
        actor_name: 'editor',
        action: 'user.password_change',
        entity: 'user',
        entity_id: '3',
        after: '{"passwordChanged":true}',
      },
      { actor_name: 'editor', action: 'session.logout', entity: 'user', entity_id: '3', after: null },
    ]);
    const all = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
    expect(all).not.toContain('scrypt$');
    expect(all).not.toContain(session.token);
  });
});
