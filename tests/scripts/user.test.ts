import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { runUserCommand, UsageError } from '../../scripts/user/command.ts';
import { verifyPassword } from '../../server/auth/password.ts';
import { openSession, seedAccounts } from '../helpers/accounts.ts';

function tempDb() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-user-'));
  const file = path.join(dir, 'closeout.db');
  const db = openDatabase(file);
  seedAccounts(db);
  db.close();
  return { dir, file };
}

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const lines: string[] = [];
  const result = runUserCommand(argv, {
    env,
    out: (l) => lines.push(l),
    now: () => new Date('2026-11-20T02:00:00Z'),
  });
  return { result, lines };
}

const read = <T>(file: string, sql: string, ...params: unknown[]) => {
  const db = openDatabase(file);
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
};

describe('npm run user', () => {
  it('adds an admin whose password comes from a file (first line only)', async () => {
    const { dir, file } = tempDb();
    const pw = path.join(dir, 'pw.txt');
    fs.writeFileSync(pw, 'from a file secret\nsecond line ignored\n');
    const { result, lines } = run([
      'add',
      '--role',
      'admin',
      '--username',
      'Chen',
      '--display-name',
      '陈主任',
      '--password-file',
      pw,
      '--db',
      file,
    ]);
    expect(await result).toBe(0);
    expect(lines).toEqual(['Created admin chen.']);
    const row = read<{ role: string; display_name: string; password_hash: string }>(
      file,
      'SELECT role, display_name, password_hash FROM users WHERE username = ?',
      'chen',
    );
    expect(row).toMatchObject({ role: 'admin', display_name: '陈主任' });
    expect(await verifyPassword('from a file secret', row.password_hash)).toBe(true);
    expect(read(file, "SELECT actor_name, action FROM audit_log WHERE action = 'user.create'")).toEqual({
      actor_name: 'system',
      action: 'user.create',
    });
  });

  it('adds an editor of a department from an environment variable, and lists users', async () => {
    const { file } = tempDb();
    const add = run(
      [
        'add',
        '--role',
        'editor',
        '--username',
        'edu',
        '--department',
        'D02',
        '--password-env',
        'EDU_PW',
        '--db',
        file,
      ],
      {
        EDU_PW: 'from the environment',
      },
    );
    expect(await add.result).toBe(0);
    const list = run(['list', '--db', file]);
    expect(await list.result).toBe(0);
    expect(list.lines).toContain('edu\teditor\tD02\tedu');
    expect(list.lines).toContain('leader\tleader\t-\tleader\t(no password)');
  });

  it('sets a password and ends the user’s sessions', async () => {
    const { file } = tempDb();
    const db = openDatabase(file);
    openSession(db, 2);
    db.close();
    const { result, lines } = run(
      ['set-password', '--username', 'leader', '--password-env', 'PW', '--db', file],
      {
        PW: 'a new leader secret',
      },
    );
    expect(await result).toBe(0);
    expect(lines).toEqual(['Password of leader set; their sessions were ended.']);
    expect(read(file, 'SELECT COUNT(*) AS n FROM sessions')).toEqual({ n: 0 });
  });

  it('refuses unclear or unsafe requests with a usage error', async () => {
    const { file } = tempDb();
    const cases: [string[], NodeJS.ProcessEnv, RegExp][] = [
      [['add', '--role', 'admin', '--username', 'x1', '--db', file], {}, /exactly one of --password-file/],
      [
        ['add', '--role', 'admin', '--username', 'x1', '--password-env', 'NOPE', '--db', file],
        {},
        /NOPE is not set/,
      ],
      [
        ['add', '--role', 'boss', '--username', 'x1', '--password-env', 'P', '--db', file],
        { P: 'long enough secret' },
        /--role/,
      ],
      [
        ['add', '--role', 'editor', '--username', 'x1', '--password-env', 'P', '--db', file],
        { P: 'long enough secret' },
        /--department CODE is required/,
      ],
      [
        [
          'add',
          '--role',
          'editor',
          '--username',
          'x1',
          '--department',
          'D99',
          '--password-env',
          'P',
          '--db',
          file,
        ],
        { P: 'long enough secret' },
        /no department with the code D99/,
      ],
      [
        ['add', '--role', 'leader', '--username', 'leader', '--password-env', 'P', '--db', file],
        { P: 'long enough secret' },
        /already taken/,
      ],
      [
        ['add', '--role', 'leader', '--username', 'x1', '--password-env', 'P', '--db', file],
        { P: 'short' },
        /at least 10/,
      ],
      [['remove', '--db', file], {}, /unknown command/],
    ];
    for (const [argv, env, message] of cases) {
      await expect(run(argv, env).result, argv.join(' ')).rejects.toThrow(UsageError);
      await expect(run(argv, env).result).rejects.toThrow(message);
    }
  });

  it('runs from the command line as `npm run user` does, exiting 2 with the usage on a mistake', () => {
    const { file } = tempDb();
    const ok = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/user.ts',
        'add',
        '--role',
        'leader',
        '--username',
        'wang',
        '--password-env',
        'PW',
      ],
      { env: { ...process.env, CLOSEOUT_DB: file, PW: 'a leader secret' }, encoding: 'utf8' },
    );
    expect(ok.stdout.trim()).toBe('Created leader wang.');
    expect(ok.status).toBe(0);
    const bad = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/user.ts', 'add', '--username', 'li'],
      {
        env: { ...process.env, CLOSEOUT_DB: file },
        encoding: 'utf8',
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('npm run user: give the password with exactly one of');
    expect(bad.stderr).toContain('Usage:');
  });
});
