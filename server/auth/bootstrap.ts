/**
 * Accounts a fresh installation needs before anyone can sign in:
 *
 * - **First admin from the environment**: CLOSEOUT_ADMIN_USER and CLOSEOUT_ADMIN_PASSWORD create (or
 *   give a password to) an admin when no active admin can sign in yet. Once one can, they are ignored.
 * - **Demo accounts**: in a database filled with demo data (a `meta` row 'demo'), the demo users
 *   admin, leader and editor-d21 get the password DEMO_PASSWORD, and a display link with the token
 *   DEMO_DISPLAY_TOKEN is made. Demo only: never on a database holding real data.
 */

import type { Db } from '../../db/open.ts';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { insertDisplayLink } from '../../db/queries/display-links.ts';
import {
  countUsableAdmins,
  getLoginCandidate,
  getUserByUsername,
  insertUser,
  setPasswordHash,
  updateUser,
} from '../../db/queries/users.ts';
import { accountProblem } from './account-rules.ts';
import { hashPassword } from './password.ts';
import type { Actor } from './principal.ts';
import { hashToken } from './tokens.ts';

export const SYSTEM_ACTOR: Actor = { actorId: null, actorName: 'system' };

export const DEMO_PASSWORD = 'closeout-demo';
export const DEMO_ACCOUNTS = ['admin', 'leader', 'editor-d21'] as const;
export const DEMO_DISPLAY_TOKEN = 'demo-display-link';

/**
 * Creates the first admin from CLOSEOUT_ADMIN_USER / CLOSEOUT_ADMIN_PASSWORD when no admin can sign
 * in. Returns what it did, for the log; throws on a bad setting (so the server does not start half-set).
 */
export async function ensureFirstAdmin(db: Db, env: NodeJS.ProcessEnv, now: Date): Promise<string | null> {
  const username = env.CLOSEOUT_ADMIN_USER?.trim().toLowerCase();
  const password = env.CLOSEOUT_ADMIN_PASSWORD;
  if (!username && !password) return null;
  if (!username || !password)
    throw new Error('CLOSEOUT_ADMIN_USER and CLOSEOUT_ADMIN_PASSWORD: set both to create the first admin');
  if (countUsableAdmins(db) > 0)
    return `CLOSEOUT_ADMIN_USER ignored: an admin who can sign in already exists`;
  const problem = accountProblem(username, password);
  if (problem) throw new Error(`CLOSEOUT_ADMIN_USER / CLOSEOUT_ADMIN_PASSWORD: ${problem}`);
  const existing = getUserByUsername(db, username);
  if (existing && existing.role !== 'admin')
    throw new Error(`CLOSEOUT_ADMIN_USER: "${username}" exists with the role ${existing.role}, not admin`);
  const hash = await hashPassword(password);
  const at = now.toISOString();
  db.transaction(() => {
    let id: number;
    if (existing) {
      id = existing.id;
      updateUser(db, id, {
        displayName: existing.displayName,
        role: 'admin',
        departmentId: null,
        active: true,
      });
      setPasswordHash(db, id, hash, at);
    } else {
      id = insertUser(db, {
        username,
        displayName: username,
        role: 'admin',
        departmentId: null,
        passwordHash: hash,
        createdAt: at,
      });
    }
    recordAudit(db, {
      at,
      actor: SYSTEM_ACTOR,
      action: existing ? 'user.password_reset' : 'user.create',
      entity: 'user',
      entityId: id,
      after: { username, role: 'admin', source: 'CLOSEOUT_ADMIN_USER' },
    });
  })();
  return `Admin "${username}" ${existing ? 'given the password' : 'created'} from CLOSEOUT_ADMIN_USER`;
}

const isDemoDatabase = (db: Db) => db.prepare("SELECT 1 FROM meta WHERE key = 'demo'").get() !== undefined;

/**
 * In a demo database, once: gives the demo accounts DEMO_PASSWORD (those still without one) and makes
 * the demo display link. Returns the user names it set, for the log; does nothing on real data.
 */
export async function ensureDemoAccounts(db: Db, now: Date): Promise<string[]> {
  if (!isDemoDatabase(db)) return [];
  if (db.prepare("SELECT 1 FROM meta WHERE key = 'demo_accounts'").get()) return [];
  const targets = DEMO_ACCOUNTS.filter((u) => {
    const candidate = getLoginCandidate(db, u);
    return candidate !== null && candidate.passwordHash === null;
  });
  // One hash for the demo accounts: they share a published password anyway.
  const hash = await hashPassword(DEMO_PASSWORD);
  const at = now.toISOString();
  db.transaction(() => {
    for (const username of targets) {
      const id = getLoginCandidate(db, username)!.id;
      setPasswordHash(db, id, hash, at);
      recordAudit(db, {
        at,
        actor: SYSTEM_ACTOR,
        action: 'user.password_reset',
        entity: 'user',
        entityId: id,
        after: { passwordChanged: true, source: 'demo' },
      });
    }
    const linkId = insertDisplayLink(db, {
      name: '演示大屏 Demo screen',
      tokenHash: hashToken(DEMO_DISPLAY_TOKEN),
      deck: null,
      createdAt: at,
      createdBy: null,
    });
    recordAudit(db, {
      at,
      actor: SYSTEM_ACTOR,
      action: 'display_link.create',
      entity: 'display_link',
      entityId: linkId,
      after: { name: '演示大屏 Demo screen', source: 'demo' },
    });
    db.prepare("INSERT INTO meta (key, value) VALUES ('demo_accounts', ?)").run(
      JSON.stringify({ at, targets }),
    );
  })();
  return targets;
}
