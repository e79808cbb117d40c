/**
 * What the server and the command lines say when they are started wrong: the variable, option or port
 * that is wrong, in one line and an exit code, never a stack trace; and their usage when asked (--help).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runServer, runTs, startServerProcess, stopAll, tempDir } from '../reliability/server-process.ts';

afterAll(stopAll);

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe('the server', () => {
  it('stops with exit code 1 naming a wrong variable', async () => {
    const db = path.join(tempDir('closeout-usage-'), 'closeout.db');
    const run = await runServer({ CLOSEOUT_DB: db, PORT: '0', CLOSEOUT_TZ: 'Mars/Olympus' }, 30_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe('Closeout cannot start: CLOSEOUT_TZ: unknown time zone: Mars/Olympus');
  });

  it('stops with exit code 1 naming a first admin set by half or with a password too short', async () => {
    const dir = tempDir('closeout-usage-admin-');
    const env = { CLOSEOUT_DB: path.join(dir, 'closeout.db'), PORT: '0', CLOSEOUT_DEMO: '0' };
    const half = await runServer({ ...env, CLOSEOUT_ADMIN_USER: 'chen' }, 30_000);
    expect([half.code, half.stderr.trim()]).toEqual([
      1,
      'Closeout cannot start: CLOSEOUT_ADMIN_USER and CLOSEOUT_ADMIN_PASSWORD: set both to create the first admin',
    ]);
    const short = await runServer(
      { ...env, CLOSEOUT_ADMIN_USER: 'chen', CLOSEOUT_ADMIN_PASSWORD: 'short' },
      30_000,
    );
    expect(short.code).toBe(1);
    expect(short.stderr.trim()).toMatch(
      /^Closeout cannot start: CLOSEOUT_ADMIN_USER \/ CLOSEOUT_ADMIN_PASSWORD: .*10/,
    );
    noStack(short.stderr);
  });

  it('stops with exit code 1 when its port is taken', async () => {
    const dir = tempDir('closeout-usage-port-');
    const first = await startServerProcess(path.join(dir, 'a.db'), { CLOSEOUT_DEMO: '0' });
    const port = new URL(first.url).port;
    const second = await runServer(
      { CLOSEOUT_DB: path.join(dir, 'b.db'), CLOSEOUT_DEMO: '0', PORT: port, CLOSEOUT_HOST: '127.0.0.1' },
      30_000,
    );
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`Closeout cannot start: port ${port} is in use (set PORT to another)`);
    noStack(second.stderr);
    expect(await first.stop()).toEqual({ code: 0, signal: null });
  });

  it('stops with exit code 1 naming CLOSEOUT_HOST when it is not an address of this machine', async () => {
    const db = path.join(tempDir('closeout-usage-host-'), 'closeout.db');
    // 192.0.2.1 is TEST-NET-1, never a local address: the bind fails and nothing is sent.
    const run = await runServer(
      { CLOSEOUT_DB: db, CLOSEOUT_DEMO: '0', PORT: '0', CLOSEOUT_HOST: '192.0.2.1' },
      30_000,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Closeout cannot start: CLOSEOUT_HOST 192.0.2.1 is not an address of this machine (set it to one, e.g. 127.0.0.1, or leave it unset for every interface)',
    );
    noStack(run.stderr);
  });
});

describe('the command lines', () => {
  it.each([
    ['scripts/import.ts', 'Usage: npm run import -- FILE'],
    ['scripts/user.ts', 'Usage:'],
    ['scripts/figures.ts', 'Usage: npm run figures --'],
    ['scripts/demo.ts', 'Usage: npm run demo --'],
  ])('%s prints its usage for --help (exit 0) and names an unknown option (exit 2)', async (entry, usage) => {
    const db = path.join(tempDir('closeout-usage-cli-'), 'closeout.db');
    const help = await runTs(entry, ['--help'], { CLOSEOUT_DB: db });
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining(usage)]);
    const bogus = await runTs(entry, ['--bogus'], { CLOSEOUT_DB: db });
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain("Unknown option '--bogus'");
    expect(bogus.stderr).toContain(usage);
    noStack(bogus.stderr);
  });

  it('name a wrong variable without a stack trace', async () => {
    const db = path.join(tempDir('closeout-usage-env-'), 'closeout.db');
    const run = await runTs('scripts/figures.ts', [], { CLOSEOUT_DB: db, CLOSEOUT_NOW: 'yesterday' });
    expect([run.code, run.stderr.trim()]).toEqual([
      1,
      'npm run figures: CLOSEOUT_NOW: not a date and time: yesterday',
    ]);
  });
});
