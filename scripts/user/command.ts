/**
 * The `npm run user` command: manage accounts from the command line, e.g. the first admin.
 *
 *   npm run user -- add --role admin --username chen --password-file ./pw.txt [--display-name 陈主任]
 *   npm run user -- add --role editor --username edu --department D21 --password-env EDU_PASSWORD
 *   npm run user -- set-password --username chen --password-file ./pw.txt
 *   npm run user -- list
 *
 * Passwords come from a file (first line) or an environment variable, never from the command line,
 * where other users of the machine could read them in the process list and shell history.
 * The database is CLOSEOUT_DB (default ./data/closeout.db) or --db FILE.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../db/open.ts';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { deleteSessionsOfUser } from '../../db/queries/accounts-sessions.ts';
import {
  findDepartmentIdByCode,
  getUserByUsername,
  insertUser,
  listUsers,
  setPasswordHash,
} from '../../db/queries/users.ts';
import { accountProblem } from '../../server/auth/account-rules.ts';
import { SYSTEM_ACTOR } from '../../server/auth/bootstrap.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { USER_ROLES, type UserRole } from '../../server/auth/principal.ts';
import { loadConfig } from '../../server/config.ts';

export const USAGE = `Usage:
  npm run user -- add --role admin|leader|editor --username NAME (--password-file FILE | --password-env VAR)
                      [--display-name NAME] [--department CODE (editors)] [--db FILE]
  npm run user -- set-password --username NAME (--password-file FILE | --password-env VAR) [--db FILE]
  npm run user -- list [--db FILE]`;

export class UsageError extends Error {}

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  now: () => Date;
}

function readPassword(values: { 'password-file'?: string; 'password-env'?: string }, env: NodeJS.ProcessEnv) {
  const file = values['password-file'];
  const variable = values['password-env'];
  if ((file === undefined) === (variable === undefined))
    throw new UsageError('give the password with exactly one of --password-file FILE or --password-env VAR');
  if (file !== undefined) {
    if (!fs.existsSync(file)) throw new UsageError(`--password-file: no such file: ${file}`);
    return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  }
  const value = env[variable!];
  if (value === undefined || value === '') throw new UsageError(`--password-env: ${variable} is not set`);
  return value;
}

/** Runs one command; returns the process exit code. Usage errors throw UsageError. */
export async function runUserCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      role: { type: 'string' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      department: { type: 'string' },
      'password-file': { type: 'string' },
      'password-env': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const command = positionals[0];
  if (!command || positionals.length > 1 || !['add', 'set-password', 'list'].includes(command))
    throw new UsageError(command ? `unknown command: ${positionals.join(' ')}` : 'no command given');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const db = openDatabase(values.db ?? config.dbPath, { quickCheck: config.startupCheck });
  try {
    if (command === 'list') {
      for (const u of listUsers(db)) {
        const flags = [u.active ? '' : 'inactive', u.hasPassword ? '' : 'no password']
          .filter(Boolean)
          .join(', ');
        io.out(
          `${u.username}\t${u.role}\t${u.departmentCode ?? '-'}\t${u.displayName}${flags ? `\t(${flags})` : ''}`,
        );
      }
      return 0;
    }
    const username = values.username?.trim().toLowerCase();
    if (!username) throw new UsageError('--username is required');
    const password = readPassword(values, io.env);
    const problem = accountProblem(username, password);
    if (problem) throw new UsageError(problem);
    const at = io.now().toISOString();

    if (command === 'set-password') {
      const user = getUserByUsername(db, username);
      if (!user) throw new UsageError(`no user "${username}"`);
      const hash = await hashPassword(password);
      db.transaction(() => {
        setPasswordHash(db, user.id, hash, at);
        deleteSessionsOfUser(db, user.id);
        recordAudit(db, {
          at,
          actor: SYSTEM_ACTOR,
          action: 'user.password_reset',
          entity: 'user',
          entityId: user.id,
          after: { passwordChanged: true, source: 'command line' },
        });
      })();
      io.out(`Password of ${username} set; their sessions were ended.`);
      return 0;
    }

    const role = values.role as UserRole | undefined;
    if (!role || !USER_ROLES.includes(role)) throw new UsageError(`--role: one of ${USER_ROLES.join(', ')}`);
    let departmentId: number | null = null;
    if (role === 'editor') {
      if (!values.department) throw new UsageError('--department CODE is required for an editor');
      departmentId = findDepartmentIdByCode(db, values.department);
      if (departmentId === null)
        throw new UsageError(`--department: no department with the code ${values.department}`);
    } else if (values.department) {
      throw new UsageError('--department: only editors belong to a department');
    }
    if (getUserByUsername(db, username)) throw new UsageError(`user name "${username}" is already taken`);
    const displayName = values['display-name']?.trim() || username;
    const hash = await hashPassword(password);
    db.transaction(() => {
      const id = insertUser(db, {
        username,
        displayName,
        role,
        departmentId,
        passwordHash: hash,
        createdAt: at,
      });
      recordAudit(db, {
        at,
        actor: SYSTEM_ACTOR,
        action: 'user.create',
        entity: 'user',
        entityId: id,
        after: { username, displayName, role, departmentId, active: true, source: 'command line' },
      });
    })();
    io.out(`Created ${role} ${username}.`);
    return 0;
  } finally {
    db.close();
  }
}
