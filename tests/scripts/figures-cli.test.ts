import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { insertUser } from '../../db/queries/users.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, openSession } from '../helpers/accounts.ts';

describe('npm run figures', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-cli-'));
  const file = path.join(dir, 'closeout.db');
  const db = openDatabase(file);
  generateDemo(db, { seed: 3, anchor: '2026-11-20', departments: 40, items: 800, tz: 'Asia/Shanghai' });
  const run = (...args: string[]) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/figures.ts', ...args], {
      env: { ...process.env, CLOSEOUT_DB: file },
      encoding: 'utf8',
    });

  it('prints with --json exactly what the API answers', async () => {
    const printed = JSON.parse(run('--as-of', '2026-11-15', '--campaign', 'C-EFFICIENCY', '--json'));
    const leader = insertUser(db, {
      username: 'cli-test',
      displayName: 't',
      role: 'leader',
      departmentId: null,
      passwordHash: null,
      createdAt: '2026-11-20T00:00:00Z',
    });
    const session = openSession(db, leader);
    const app = createApp({ db, clock: fixedClock('2026-11-20T02:00:00Z') });
    const api = async (p: string) => (await call(app, 'GET', p, { session })).json();
    expect(printed.summary).toEqual(await api('/api/figures/summary?asOf=2026-11-15&campaign=C-EFFICIENCY'));
    expect(printed.ranking).toEqual(await api('/api/figures/ranking?asOf=2026-11-15&campaign=C-EFFICIENCY'));
    expect(printed.ranking.rows).toHaveLength(40);
  });

  it('prints a table in English with --lang en', () => {
    const out = run('--as-of', '2026-11-15', '--lang', 'en');
    expect(out).toContain('As of 2026-11-16T00:00:00');
    expect(out).toContain('Education Bureau');
    expect(out).toContain('on-time rate');
  });

  it('answers on a new database that the server has never opened: nothing registered, nobody ranked', () => {
    const fresh = path.join(dir, 'fresh.db');
    openDatabase(fresh).close();
    const printed = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/figures.ts', '--json'], {
        env: { ...process.env, CLOSEOUT_DB: fresh },
        encoding: 'utf8',
      }),
    );
    expect(printed.summary.figures.registered).toBe(0);
    expect(printed.summary.figures.closureRate).toBeNull();
    expect(printed.ranking.rows).toEqual([]);
    expect(printed.ranking.profile).toMatchObject({ name: 'default', version: 1 });
  });

  it('fails with exit code 2 and a message naming an unknown campaign', () => {
    expect(() => run('--campaign', 'NOPE', '--lang', 'en')).toThrow(/No campaign "NOPE"/);
    try {
      run('--as-of', 'last-week');
    } catch (error) {
      expect((error as { status: number }).status).toBe(2);
      expect(String((error as { stderr: string }).stderr)).toContain('--as-of');
      return;
    }
    throw new Error('a bad --as-of did not fail');
  });
});
