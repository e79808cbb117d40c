import { describe, expect, it } from 'vitest';
import { findLiveDisplayLink } from '../../../db/queries/display-links.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_DISPLAY_TOKEN,
  DEMO_PASSWORD,
  ensureDemoAccounts,
  ensureFirstAdmin,
} from '../../../server/auth/bootstrap.ts';
import { verifyPassword } from '../../../server/auth/password.ts';
import { hashToken } from '../../../server/auth/tokens.ts';
import { NOW, seedAccounts } from '../../helpers/accounts.ts';
import { demoDb, memoryDb } from '../../helpers/db.ts';

const now = new Date(NOW);
const hashOf = (db: ReturnType<typeof memoryDb>, username: string) =>
  (
    db.prepare('SELECT password_hash FROM users WHERE username = ?').get(username) as {
      password_hash: string | null;
    }
  )?.password_hash;

describe('first admin from the environment', () => {
  it('does nothing when neither variable is set, and refuses only one of them', async () => {
    const db = memoryDb();
    expect(await ensureFirstAdmin(db, {}, now)).toBeNull();
    await expect(ensureFirstAdmin(db, { CLOSEOUT_ADMIN_USER: 'chen' }, now)).rejects.toThrow(/set both/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 0 });
  });

  it('creates the admin when none can sign in, then ignores the variables', async () => {
    const db = memoryDb();
    const env = { CLOSEOUT_ADMIN_USER: 'Chen', CLOSEOUT_ADMIN_PASSWORD: 'first admin secret' };
    expect(await ensureFirstAdmin(db, env, now)).toBe('Admin "chen" created from CLOSEOUT_ADMIN_USER');
    expect(db.prepare('SELECT username, role, active FROM users').all()).toEqual([
      { username: 'chen', role: 'admin', active: 1 },
    ]);
    expect(await verifyPassword('first admin secret', hashOf(db, 'chen')!)).toBe(true);
    const again = { CLOSEOUT_ADMIN_USER: 'wang', CLOSEOUT_ADMIN_PASSWORD: 'second admin secret' };
    expect(await ensureFirstAdmin(db, again, now)).toMatch(/ignored/);
    expect(db.prepare('SELECT COUNT(*) AS n FROM users').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT actor_name, action FROM audit_log').all()).toEqual([
      { actor_name: 'system', action: 'user.create' },
    ]);
  });

  it('gives the password to an existing admin without one, and refuses a name that belongs to another role', async () => {
    const { db } = seedAccounts();
    await expect(
      ensureFirstAdmin(
        db,
        { CLOSEOUT_ADMIN_USER: 'leader', CLOSEOUT_ADMIN_PASSWORD: 'first admin secret' },
        now,
      ),
    ).rejects.toThrow('CLOSEOUT_ADMIN_USER: "leader" exists with the role leader, not admin');
    await expect(
      ensureFirstAdmin(db, { CLOSEOUT_ADMIN_USER: 'admin', CLOSEOUT_ADMIN_PASSWORD: 'short' }, now),
    ).rejects.toThrow(/at least 10 characters/);
    const res = await ensureFirstAdmin(
      db,
      { CLOSEOUT_ADMIN_USER: 'admin', CLOSEOUT_ADMIN_PASSWORD: 'first admin secret' },
      now,
    );
    expect(res).toBe('Admin "admin" given the password from CLOSEOUT_ADMIN_USER');
    expect(await verifyPassword('first admin secret', hashOf(db, 'admin')!)).toBe(true);
  });
});

describe('demo accounts', () => {
  it('are made only in a database filled with demo data', async () => {
    const { db } = seedAccounts();
    expect(await ensureDemoAccounts(db, now)).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM users WHERE password_hash IS NOT NULL').get()).toEqual({
      n: 0,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM display_links').get()).toEqual({ n: 0 });
  });

  it('give admin, leader and editor-d21 the demo password and make a demo display link, once', async () => {
    const db = demoDb({ items: 20 });
    expect(DEMO_ACCOUNTS).toEqual(['admin', 'leader', 'editor-d21']);
    expect(await ensureDemoAccounts(db, now)).toEqual(['admin', 'leader', 'editor-d21']);
    for (const username of DEMO_ACCOUNTS)
      expect(await verifyPassword(DEMO_PASSWORD, hashOf(db, username)!)).toBe(true);
    expect(hashOf(db, 'editor-d01')).toBeNull();
    expect(findLiveDisplayLink(db, hashToken(DEMO_DISPLAY_TOKEN))).toMatchObject({
      name: '演示大屏 Demo screen',
    });

    // A second start changes nothing, even after the demo admin changed its password.
    db.prepare("UPDATE users SET password_hash = 'scrypt$changed' WHERE username = 'admin'").run();
    expect(await ensureDemoAccounts(db, now)).toEqual([]);
    expect(hashOf(db, 'admin')).toBe('scrypt$changed');
    expect(db.prepare('SELECT COUNT(*) AS n FROM display_links').get()).toEqual({ n: 1 });
  });
});
