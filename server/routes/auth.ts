/**
 * Sign-in, sign-out, who am I, and changing one's own password. See docs/security.md for sessions,
 * CSRF and throttling.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { deleteSessionsOfUser } from '../../db/queries/accounts-sessions.ts';
import {
  getLoginCandidate,
  getPasswordHash,
  getUser,
  recordLogin,
  setPasswordHash,
} from '../../db/queries/users.ts';
import { checkPasswordRules, newPasswordSchema } from '../auth/account-rules.ts';
import { SYSTEM_ACTOR } from '../auth/bootstrap.ts';
import { clientIp } from '../auth/client-ip.ts';
import { clearSessionCookies } from '../auth/cookies.ts';
import { invalidCredentials, tooManyAttempts } from '../auth/errors.ts';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from '../auth/password.ts';
import { type Actor, actorOf } from '../auth/principal.ts';
import { requireUser } from '../auth/require-role.ts';
import { endCookieSession, startSession } from '../auth/session.ts';
import { giveBack, startAttempt, type ThrottleKeys, throttleKeys } from '../auth/throttle.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { ApiError } from '../errors.ts';
import { validate } from '../validation.ts';

/** Passwords longer than this are refused before hashing (scrypt time grows with length). */
const PASSWORD_INPUT_MAX = 1000;

const loginSchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(PASSWORD_INPUT_MAX),
});

const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(PASSWORD_INPUT_MAX),
  newPassword: newPasswordSchema,
});

const wrongCurrentPassword = () =>
  new ApiError(
    400,
    'wrong_password',
    {
      zh: '参数 currentPassword 无效：当前密码不正确',
      en: 'Invalid parameter currentPassword: the current password is wrong',
    },
    { field: 'currentPassword' },
  );

/**
 * Records in the audit log the throttle keys a failed attempt has just locked (user:<name>,
 * client:<address>). At sign-in the system locks them: the user name typed is anybody's text, and as
 * the actor it read as that user's own doing. A signed-in user changing a password is its own actor.
 */
function auditLocks(
  deps: AppDeps,
  keys: ThrottleKeys,
  lockedNow: string[],
  actor: Actor = SYSTEM_ACTOR,
): void {
  for (const key of lockedNow) {
    recordAudit(deps.db, {
      at: deps.clock.now().toISOString(),
      actor,
      action: 'login.locked',
      entity: key === keys.user ? 'login_user' : 'login_client',
      entityId: key,
    });
  }
}

export const auth = new Hono<AppEnv>()
  .post('/login', validate('json', loginSchema), async (c) => {
    const { deps } = c.var;
    const { db, clock } = deps;
    const username = c.req.valid('json').username.toLowerCase();
    const { password } = c.req.valid('json');
    const keys = throttleKeys(username, clientIp(c, deps.trustProxy));
    const attempt = startAttempt(db, keys, clock.now());
    if (!attempt.allowed) {
      c.header('Retry-After', String(attempt.retryAfterSeconds));
      throw tooManyAttempts(attempt.retryAfterSeconds);
    }
    const candidate = getLoginCandidate(db, username);
    const ok =
      candidate?.active && candidate.passwordHash
        ? await verifyPassword(password, candidate.passwordHash)
        : await verifyAgainstDummy(password);
    if (!ok || !candidate) {
      auditLocks(deps, keys, attempt.lockedNow);
      throw invalidCredentials();
    }
    giveBack(db, keys);
    if (needsRehash(candidate.passwordHash!)) {
      setPasswordHash(db, candidate.id, await hashPassword(password), clock.now().toISOString());
    }
    // A new session and token at every login; whatever session the browser held before is ended.
    endCookieSession(c, db);
    const { csrfToken } = startSession(c, deps, candidate.id);
    const at = clock.now().toISOString();
    recordLogin(db, candidate.id, at);
    recordAudit(db, {
      at,
      actor: { actorId: candidate.id, actorName: candidate.username },
      action: 'session.login',
      entity: 'user',
      entityId: candidate.id,
      after: { clientIp: clientIp(c, deps.trustProxy) },
    });
    return c.json({ user: getUser(db, candidate.id)!, csrfToken }, 200);
  })
  .post('/logout', (c) => {
    const { principal, deps } = c.var;
    endCookieSession(c, deps.db);
    clearSessionCookies(c);
    if (principal.kind === 'user') {
      recordAudit(deps.db, {
        at: deps.clock.now().toISOString(),
        actor: actorOf(principal.user),
        action: 'session.logout',
        entity: 'user',
        entityId: principal.user.id,
      });
    }
    return c.body(null, 204);
  })
  .get('/me', (c) => {
    const { principal, deps } = c.var;
    if (principal.kind === 'display')
      return c.json({ kind: 'display' as const, display: principal.display }, 200);
    // The access middleware has refused anonymous requests to this route.
    if (principal.kind !== 'user') throw new Error('unreachable: anonymous request to /api/auth/me');
    // The organisation's time zone: the web shows the days of recorded instants (a last sign-in) in it.
    return c.json(
      { kind: 'user' as const, user: getUser(deps.db, principal.user.id)!, timeZone: deps.tz },
      200,
    );
  })
  .post('/password', requireUser(), validate('json', changePasswordSchema), async (c) => {
    const { deps, user } = c.var;
    const { db, clock } = deps;
    const { currentPassword, newPassword } = c.req.valid('json');
    checkPasswordRules(newPassword, user.username, 'newPassword');
    if (newPassword === currentPassword)
      throw new ApiError(
        400,
        'invalid_parameter',
        {
          zh: '参数 newPassword 无效：新密码不能与当前密码相同',
          en: 'Invalid parameter newPassword: the new password must differ from the current one',
        },
        { field: 'newPassword' },
      );
    // Guessing the current password through this form is throttled like guessing it at login.
    const keys = throttleKeys(user.username, clientIp(c, deps.trustProxy));
    const attempt = startAttempt(db, keys, clock.now());
    if (!attempt.allowed) {
      c.header('Retry-After', String(attempt.retryAfterSeconds));
      throw tooManyAttempts(attempt.retryAfterSeconds);
    }
    const stored = getPasswordHash(db, user.id);
    const ok = stored
      ? await verifyPassword(currentPassword, stored)
      : await verifyAgainstDummy(currentPassword);
    if (!ok) {
      auditLocks(deps, keys, attempt.lockedNow, actorOf(user));
      throw wrongCurrentPassword();
    }
    giveBack(db, keys);
    const hash = await hashPassword(newPassword);
    db.transaction(() => {
      const at = clock.now().toISOString();
      setPasswordHash(db, user.id, hash, at);
      // Every session of the user ends, this one included; this browser continues in a new one.
      deleteSessionsOfUser(db, user.id);
      recordAudit(db, {
        at,
        actor: actorOf(user),
        action: 'user.password_change',
        entity: 'user',
        entityId: user.id,
        after: { passwordChanged: true },
      });
    })();
    const { csrfToken } = startSession(c, deps, user.id);
    return c.json({ user: getUser(db, user.id)!, csrfToken }, 200);
  });
