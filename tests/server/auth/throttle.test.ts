import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open.ts';
import { createApp } from '../../../server/app.ts';
import { hashPassword } from '../../../server/auth/password.ts';
import { giveBack, startAttempt, throttleKeys } from '../../../server/auth/throttle.ts';
import { fixedClock } from '../../../server/domain/time.ts';
import { call, NOW, PASSWORD, seedAccounts } from '../../helpers/accounts.ts';
import { memoryDb } from '../../helpers/db.ts';

const MINUTE = 60_000;
const at = (ms: number) => new Date(Date.parse(NOW) + ms);

let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

const login = (app: ReturnType<typeof createApp>, username: string, password: string, ip = '10.0.0.7') =>
  call(app, 'POST', '/api/auth/login', {
    body: { username, password },
    ip,
    headers: { 'accept-language': 'en' },
  });

describe('login throttling over HTTP', () => {
  it('locks a user name after 5 wrong passwords, even against the right one, audits it, and keeps the lock across a restart', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-throttle-')), 'closeout.db');
    const first = seedAccounts(openDatabase(file), passwordHash);
    const app = createApp({ db: first.db, clock: fixedClock(NOW) });
    for (let i = 1; i <= 5; i++)
      expect((await login(app, 'leader', `guess number ${i}`)).status, `guess ${i}`).toBe(401);
    const locked = await login(app, 'leader', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(await locked.json()).toEqual({
      error: {
        code: 'too_many_attempts',
        message: 'Too many failed sign-ins; try again in 15 minutes',
        details: { retryAfterSeconds: 900 },
      },
    });
    expect(first.db.prepare('SELECT actor_name, action, entity, entity_id FROM audit_log').all()).toEqual([
      // The system locked it: whoever typed "leader" five times is not the leader.
      { actor_name: 'system', action: 'login.locked', entity: 'login_user', entity_id: 'user:leader' },
    ]);
    first.db.close();

    // A restart: a new process, a new app, the same database file.
    const db = openDatabase(file);
    const restarted = createApp({ db, clock: fixedClock(at(10 * MINUTE).toISOString()) });
    const still = await call(restarted, 'POST', '/api/auth/login', {
      body: { username: 'leader', password: PASSWORD },
    });
    expect(still.status).toBe(429);
    expect(((await still.json()) as { error: { message: string } }).error.message).toBe(
      '登录失败次数过多，请 5 分钟后再试',
    );
    // Other user names from the same client are not locked.
    expect((await login(restarted, 'editor', PASSWORD)).status).toBe(200);
    const later = createApp({ db, clock: fixedClock(at(15 * MINUTE).toISOString()) });
    expect((await login(later, 'leader', PASSWORD)).status).toBe(200);
    db.close();
  });

  it('lets only 5 of 10 simultaneous guesses be checked: each attempt is counted before the password is', async () => {
    const { db } = seedAccounts(memoryDb(), passwordHash);
    const app = createApp({ db, clock: fixedClock(NOW) });
    const guesses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => login(app, 'admin', `parallel guess ${i}`)),
    );
    const statuses = guesses.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('refuses every user name from a client whose address is locked, but not other clients', async () => {
    const { db } = seedAccounts(memoryDb(), passwordHash);
    const app = createApp({ db, clock: fixedClock(NOW) });
    // 30 failed attempts from 10.0.0.9, spread over 10 user names (3 each: no user name is locked).
    for (let i = 0; i < 30; i++) {
      const attempt = startAttempt(db, throttleKeys(`user${i % 10}`, '10.0.0.9'), at(0));
      expect(attempt.allowed).toBe(true);
    }
    expect((await login(app, 'leader', PASSWORD, '10.0.0.9')).status).toBe(429);
    expect((await login(app, 'leader', PASSWORD, '10.0.0.10')).status).toBe(200);
  });
});

describe('login throttling rules', () => {
  it('locks a client address at its 30th failure within 15 minutes', () => {
    const db = memoryDb();
    for (let i = 1; i <= 29; i++) {
      const attempt = startAttempt(db, throttleKeys(`name${i}`, '10.1.1.1'), at(i * 1000));
      expect(attempt).toEqual({ allowed: true, lockedNow: [] });
    }
    expect(startAttempt(db, throttleKeys('name30', '10.1.1.1'), at(30_000))).toEqual({
      allowed: true,
      lockedNow: ['ip:10.1.1.1'],
    });
    expect(startAttempt(db, throttleKeys('name31', '10.1.1.1'), at(31_000))).toEqual({
      allowed: false,
      retryAfterSeconds: 900 - 1,
    });
  });

  it('starts counting afresh once the 15-minute window has passed', () => {
    const db = memoryDb();
    const keys = throttleKeys('leader', '10.1.1.2');
    for (let i = 0; i < 4; i++) startAttempt(db, keys, at(i * MINUTE));
    // The fifth failure comes 15 minutes after the first: a new window, so no lock.
    expect(startAttempt(db, keys, at(15 * MINUTE))).toEqual({ allowed: true, lockedNow: [] });
    expect(db.prepare("SELECT failures FROM login_throttle WHERE key = 'user:leader'").get()).toEqual({
      failures: 1,
    });
  });

  it("a success clears the user name's count and gives back only its own reservation on the address", () => {
    const db = memoryDb();
    const keys = throttleKeys('Leader ', '10.1.1.3');
    expect(keys).toEqual({ user: 'user:leader', ip: 'ip:10.1.1.3' });
    for (let i = 0; i < 4; i++) startAttempt(db, keys, at(i * 1000));
    startAttempt(db, keys, at(5000));
    giveBack(db, keys); // the fifth attempt succeeded
    const rows = db.prepare('SELECT key, failures, locked_until FROM login_throttle ORDER BY key').all();
    expect(rows).toEqual([{ key: 'ip:10.1.1.3', failures: 4, locked_until: null }]);
  });

  it('a success that would have locked the address does not lock it', () => {
    const db = memoryDb();
    for (let i = 1; i <= 29; i++) startAttempt(db, throttleKeys(`name${i}`, '10.1.1.4'), at(0));
    const keys = throttleKeys('leader', '10.1.1.4');
    expect(startAttempt(db, keys, at(0))).toEqual({ allowed: true, lockedNow: ['ip:10.1.1.4'] });
    giveBack(db, keys);
    expect(startAttempt(db, throttleKeys('editor', '10.1.1.4'), at(1000))).toMatchObject({ allowed: true });
  });
});
