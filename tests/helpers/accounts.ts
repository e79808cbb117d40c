/**
 * Accounts for API tests: a small database with two departments and one user per role, sessions made
 * the way the server makes them (random token, SHA-256 stored), and a request helper that sends the
 * session cookie and CSRF header like the web app does.
 */

import type { Db } from '../../db/open.ts';
import { insertSession } from '../../db/queries/accounts-sessions.ts';
import { insertDisplayLink } from '../../db/queries/display-links.ts';
import { ensureDefaultProfile } from '../../db/queries/profiles.ts';
import { insertUser } from '../../db/queries/users.ts';
import type { createApp } from '../../server/app.ts';
import type { UserRole } from '../../server/auth/principal.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { memoryDb } from './db.ts';

export const NOW = '2026-11-20T02:00:00.000Z';
export const PASSWORD = 'correct horse battery';

export interface Seeded {
  db: Db;
  departments: { d01: number; d02: number };
  users: Record<'admin' | 'leader' | 'editor' | 'other', number>;
}

/** Two departments (D01, D02), users admin, leader, editor (of D01) and other (editor of D02). */
export function seedAccounts(db: Db = memoryDb(), passwordHash: string | null = null): Seeded {
  db.prepare(
    "INSERT INTO peer_groups (code, name_zh, name_en) VALUES ('G1', '县直部门', 'County departments')",
  ).run();
  const dept = db.prepare(
    "INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id) VALUES (?, ?, ?, 'county_department', 1)",
  );
  const d01 = Number(dept.run('D01', '县发改局', 'Development and Reform Bureau').lastInsertRowid);
  const d02 = Number(dept.run('D02', '县教育局', 'Education Bureau').lastInsertRowid);
  ensureDefaultProfile(db, NOW);
  const add = (username: string, role: UserRole, departmentId: number | null) =>
    insertUser(db, { username, displayName: username, role, departmentId, passwordHash, createdAt: NOW });
  return {
    db,
    departments: { d01, d02 },
    users: {
      admin: add('admin', 'admin', null),
      leader: add('leader', 'leader', null),
      editor: add('editor', 'editor', d01),
      other: add('other', 'editor', d02),
    },
  };
}

export interface TestSession {
  token: string;
  csrf: string;
  cookie: string;
}

/** A session row for a user, as a login would create it; `expired` makes one that ended an hour before `now`. */
export function openSession(
  db: Db,
  userId: number,
  now = NOW,
  options: { expired?: boolean } = {},
): TestSession {
  const token = newToken();
  const csrf = newToken();
  const at = Date.parse(now);
  const created = options.expired ? at - 9 * 3_600_000 : at;
  insertSession(db, {
    tokenHash: hashToken(token),
    userId,
    csrfToken: csrf,
    createdAt: new Date(created).toISOString(),
    expiresAt: new Date(options.expired ? at - 3_600_000 : at + 3_600_000).toISOString(),
    clientIp: null,
    userAgent: null,
  });
  return { token, csrf, cookie: `closeout_session=${token}; closeout_csrf=${csrf}` };
}

/** A live display link; returns its token. */
export function openDisplayLink(db: Db, name = 'Hall screen'): { id: number; token: string } {
  const token = newToken();
  const id = insertDisplayLink(db, {
    name,
    tokenHash: hashToken(token),
    deck: null,
    createdAt: NOW,
    createdBy: null,
  });
  return { id, token };
}

export interface CallOptions {
  session?: TestSession;
  /** Leave out the X-CSRF-Token header a session would normally send. */
  withoutCsrf?: boolean;
  bearer?: string;
  body?: unknown;
  /** A multipart body (a file upload) instead of JSON. */
  form?: FormData;
  /** A file as the whole body (an item's evidence file) instead of JSON. */
  raw?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** The client's address, as @hono/node-server passes it. */
  ip?: string;
}

type App = ReturnType<typeof createApp>;

/** One request to the app, sent like the web app sends it (cookie, CSRF header, JSON body). */
export async function call(
  app: App,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.session) {
    headers.cookie = options.session.cookie;
    if (!options.withoutCsrf) headers['x-csrf-token'] = options.session.csrf;
  }
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  let body: string | FormData | Uint8Array<ArrayBuffer> | undefined;
  if (options.form !== undefined) body = options.form;
  else if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const env = options.ip ? { incoming: { socket: { remoteAddress: options.ip } } } : undefined;
  return app.request(path, { method, headers, body }, env);
}

/** The cookies a response sets, by name: value and attributes. */
export function setCookies(res: Response): Map<string, { value: string; attributes: string[] }> {
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(/;\s*/);
    const eq = pair!.indexOf('=');
    cookies.set(pair!.slice(0, eq), { value: pair!.slice(eq + 1), attributes });
  }
  return cookies;
}

/** The session a login response started, ready to send on the next request. */
export function sessionFrom(res: Response): TestSession {
  const cookies = setCookies(res);
  const token = cookies.get('closeout_session')?.value;
  const csrf = cookies.get('closeout_csrf')?.value;
  if (!token || !csrf) throw new Error(`no session cookies in the response (status ${res.status})`);
  return { token, csrf, cookie: `closeout_session=${token}; closeout_csrf=${csrf}` };
}
