/**
 * Start-up and storage faults: the real process refuses a database from a newer Closeout, a file that
 * is not SQLite, a damaged database and another program's SQLite file, with a clear message and the
 * file left exactly as it was (also in rollback-journal mode, as backups are, where setting WAL would
 * rewrite the header); a
 * full disk (simulated with PRAGMA max_page_count) answers 507 storage_full in both languages, the
 * failed write wholly absent and the ledger intact; a database held by another writer answers 503.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadMigrations, migrate } from '../../db/migrate.ts';
import { type Db, openDatabase } from '../../db/open.ts';
import { DatabaseRefusedError } from '../../db/open-checks.ts';
import { createApp } from '../../server/app.ts';
import { fixedClock } from '../../server/domain/time.ts';
import { call, NOW, openSession, seedAccounts, type TestSession } from '../helpers/accounts.ts';
import { brokenInvariants, integrity } from '../helpers/invariants.ts';
import {
  makeDemoDatabase,
  runServer,
  runTs,
  startServerProcess,
  stopAll,
  tempDir,
} from './server-process.ts';

const PROCESS_TEST_MS = 180_000;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const listing = (dir: string) =>
  Object.fromEntries(fs.readdirSync(dir).map((f) => [f, sha256(path.join(dir, f))]));

/** The demo ledger in WAL mode (as the server leaves it) and in rollback-journal mode (as a backup is). */
let template: string;
let rollbackTemplate: string;
beforeAll(() => {
  template = path.join(tempDir(), 'template.db');
  makeDemoDatabase(template, 300);
  rollbackTemplate = path.join(tempDir(), 'rollback.db');
  fs.copyFileSync(template, rollbackTemplate);
  const db = new Database(rollbackTemplate);
  db.pragma('journal_mode = DELETE');
  db.close();
});

/** The file format's read and write versions (header bytes 18 and 19): 1 rollback journal, 2 WAL. */
const journalBytes = (file: string) => [...fs.readFileSync(file).subarray(18, 20)];

/** Overwrites the page in the middle of a database file with junk. */
function damageMiddlePage(file: string): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  const middle = Math.floor(bytes.length / pageSize / 2) * pageSize;
  bytes.fill(0x5a, middle, middle + pageSize);
  fs.writeFileSync(file, bytes);
}
afterAll(() => stopAll());
// The server logs each storage error (the operator needs to see them); the tests need not.
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Starts the server (built, as it ships) on a file that must be refused; its exit and what it printed. */
async function startRefused(make: (file: string) => void) {
  const dir = tempDir();
  const file = path.join(dir, 'closeout.db');
  make(file);
  const before = listing(dir);
  const run = await runServer({ PORT: '0', CLOSEOUT_DB: file }, 90_000);
  return { run, before, after: listing(dir) };
}

describe('start-up faults (the real process)', () => {
  it(
    'refuses a database written by a newer Closeout, saying so, and leaves it as it was',
    async () => {
      const known = loadMigrations().length;
      const { run, before, after } = await startRefused((file) => {
        fs.copyFileSync(template, file);
        const db = new Database(file);
        db.pragma(`user_version = ${known + 1}`);
        db.close();
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`schema version ${known + 1}, newer than this Closeout knows (${known})`);
      expect(run.stderr).toContain('upgrade Closeout');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stdout).not.toContain('is running');
      expect(after).toEqual(before);
    },
    PROCESS_TEST_MS,
  );

  it(
    'reports a file that is not a SQLite database and never writes over it',
    async () => {
      const { run, before, after } = await startRefused((file) =>
        fs.writeFileSync(file, '台账编号,问题名称\nA-1,学校乱收费\n'.repeat(500)),
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is not a SQLite database');
      expect(run.stderr).toContain('Closeout has not changed it');
      expect(run.stderr).toContain('npm run restore');
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(after).toEqual(before);
    },
    PROCESS_TEST_MS,
  );

  it(
    'reports a damaged database (a page overwritten in the middle, or the file cut short) and keeps it',
    async () => {
      for (const damage of ['page', 'truncated'] as const) {
        const { run, before, after } = await startRefused((file) => {
          const bytes = fs.readFileSync(template);
          if (damage === 'truncated') return fs.writeFileSync(file, bytes.subarray(0, bytes.length / 3));
          fs.copyFileSync(template, file);
          damageMiddlePage(file);
        });
        expect(run.code, `${damage}: ${run.stdout}${run.stderr}`).toBe(1);
        expect(run.stderr, damage).toContain('is damaged');
        expect(run.stderr, damage).toContain('Closeout has not changed it');
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(after, damage).toEqual(before);
      }
    },
    PROCESS_TEST_MS,
  );
});

describe('start-up faults on a file in rollback-journal mode (a backup, a restored file)', () => {
  /** Starts the server on the file `make` builds, which must be in rollback-journal mode; it must refuse. */
  async function refusedInRollbackMode(make: (file: string) => void) {
    const refused = await startRefused((file) => {
      make(file);
      expect(journalBytes(file), 'the test file is in rollback-journal mode').toEqual([1, 1]);
    });
    expect(refused.run.code, refused.run.stdout + refused.run.stderr).toBe(1);
    expect(refused.run.stdout).not.toContain('is running');
    expect(refused.run.stderr).not.toMatch(/\n\s+at /);
    // Every file of the folder byte for byte: no header rewritten to WAL, no -wal or -journal left.
    expect(refused.after).toEqual(refused.before);
    expect(Object.keys(refused.after)).toEqual(['closeout.db']);
    return refused.run.stderr;
  }

  it(
    'refuses a database from a newer Closeout without switching it to WAL',
    async () => {
      const known = loadMigrations().length;
      const stderr = await refusedInRollbackMode((file) => {
        fs.copyFileSync(rollbackTemplate, file);
        const db = new Database(file);
        db.pragma(`user_version = ${known + 1}`);
        db.close();
      });
      expect(stderr).toContain(`schema version ${known + 1}, newer than this Closeout knows (${known})`);
      expect(stderr).toContain('Closeout has not changed it');
    },
    PROCESS_TEST_MS,
  );

  it(
    'reports a damaged database of this version and of an older one as damaged, before migrating anything',
    async () => {
      const current = await refusedInRollbackMode((file) => {
        fs.copyFileSync(rollbackTemplate, file);
        damageMiddlePage(file);
      });
      expect(current).toContain('is damaged');
      expect(current).toContain('Closeout has not changed it');

      // Schema version 3 with pages of data: the later migrations would run, and switch it to WAL,
      // before anything noticed the damage.
      const older = await refusedInRollbackMode((file) => {
        const db = new Database(file);
        migrate(db, loadMigrations().slice(0, 3));
        db.exec('CREATE TABLE padding (x BLOB)');
        db.exec(
          'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) INSERT INTO padding SELECT randomblob(3000) FROM n',
        );
        db.close();
        damageMiddlePage(file);
      });
      expect(older).toContain('is damaged');
      expect(older).toContain('Closeout has not changed it');
      expect(older).not.toContain('cannot open the database');
    },
    PROCESS_TEST_MS,
  );

  it(
    "refuses another program's SQLite file instead of migrating Closeout's tables into it",
    async () => {
      for (const userVersion of [0, 2]) {
        const stderr = await refusedInRollbackMode((file) => {
          const db = new Database(file);
          db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
          db.prepare("INSERT INTO photos (name) VALUES ('holiday.jpg')").run();
          db.pragma(`user_version = ${userVersion}`);
          db.close();
        });
        expect(stderr, `user_version ${userVersion}`).toContain(
          'is a SQLite database but not a Closeout database',
        );
        expect(stderr).toContain('photos');
        expect(stderr).toContain('Closeout has not changed it');
      }
    },
    PROCESS_TEST_MS,
  );

  it(
    'the command-line scripts (import, user, figures) refuse it the same way, with no stack trace',
    async () => {
      const known = loadMigrations().length;
      const dir = tempDir();
      const file = path.join(dir, 'closeout.db');
      fs.copyFileSync(rollbackTemplate, file);
      const db = new Database(file);
      db.pragma(`user_version = ${known + 1}`);
      db.close();
      const before = listing(dir);
      const csv = path.join(tempDir(), 'rows.csv');
      fs.writeFileSync(csv, '台账编号,问题名称,牵头单位,整改时限\nA-1,问题,县发改局,2026-12-31\n');
      for (const [script, args] of [
        ['scripts/import.ts', [csv, '--campaign', 'C1']],
        ['scripts/user.ts', ['list']],
        ['scripts/figures.ts', []],
      ] as const) {
        const run = await runTs(script, [...args], { CLOSEOUT_DB: file });
        expect(run.code, `${script}: ${run.stdout}${run.stderr}`).toBe(1);
        expect(run.stderr, script).toContain(`newer than this Closeout knows (${known})`);
        expect(run.stderr, script).not.toMatch(/\n\s+at /);
        expect(listing(dir), script).toEqual(before);
      }
    },
    PROCESS_TEST_MS,
  );

  it('starts on a sound backup in rollback-journal mode, and only then switches it to WAL', () => {
    const file = path.join(tempDir(), 'closeout.db');
    fs.copyFileSync(rollbackTemplate, file);
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(journalBytes(file)).toEqual([2, 2]);
  });
});

describe('an upgrade (the real process)', () => {
  it(
    'logs the migrations that brought an older database forward, and nothing when it is current',
    async () => {
      const known = loadMigrations().length;
      const file = path.join(tempDir(), 'closeout.db');
      const old = new Database(file);
      migrate(old, loadMigrations().slice(0, known - 3));
      old.close();
      const env = { CLOSEOUT_DEMO: '0' };
      const first = await startServerProcess(file, env);
      await first.stop();
      expect(first.output()).toMatch(
        new RegExp(`^Migrated the database from schema version ${known - 3} to ${known} \\(\\d+ ms\\)$`, 'm'),
      );
      const again = await startServerProcess(file, env);
      await again.stop();
      expect(again.output()).toContain('Closeout is running');
      expect(again.output()).not.toContain('Migrated');
    },
    PROCESS_TEST_MS,
  );
});

describe('a -wal left by a crash beside a database that is refused', () => {
  it('is read but not folded into the file (a writable connection would checkpoint it on closing)', () => {
    const dir = tempDir();
    const live = path.join(dir, 'live.db');
    fs.copyFileSync(template, live);
    const writer = new Database(live);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma(`user_version = ${loadMigrations().length + 1}`);
    // The files as a crash would leave them: the change only in the -wal.
    const file = path.join(dir, 'closeout.db');
    fs.copyFileSync(live, file);
    fs.copyFileSync(`${live}-wal`, `${file}-wal`);
    writer.close();
    const before = [sha256(file), sha256(`${file}-wal`)];

    expect(() => openDatabase(file)).toThrow(DatabaseRefusedError);
    expect(() => openDatabase(file)).toThrow(/newer than this Closeout knows/);
    expect([sha256(file), sha256(`${file}-wal`)]).toEqual(before);
  });
});

/** A ledger in a file (max_page_count needs a real file to mean a disk), an admin session, one campaign. */
function fileLedger(): { db: Db; file: string; app: ReturnType<typeof createApp>; admin: TestSession } {
  const file = path.join(tempDir(), 'closeout.db');
  const seeded = seedAccounts(openDatabase(file));
  seeded.db
    .prepare(
      "INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on) VALUES ('C1', '活动', 'Campaign', 'other', '2026-01-01')",
    )
    .run();
  return {
    db: seeded.db,
    file,
    app: createApp({ db: seeded.db, clock: fixedClock(NOW) }),
    admin: openSession(seeded.db, seeded.users.admin),
  };
}

/** Row counts of every table: "nothing changed" at a glance. */
function counts(db: Db): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

const itemBody = (n: number) => ({
  title: `磁盘测试事项 ${n}`,
  campaign: 'C1',
  source: 'public_complaint',
  rectificationType: 'phased',
  department: 'D01',
  deadline: '2026-12-31',
  description: `情况说明 ${n} `.repeat(400).slice(0, 5000),
  measures: `整改措施 ${n} `.repeat(400).slice(0, 5000),
});

describe('a full disk (PRAGMA max_page_count on the server’s connection)', () => {
  it('answers 507 storage_full in both languages, keeps the failed write wholly out and the ledger intact', async () => {
    const { db, app, admin } = fileLedger();
    const send = (method: string, p: string, body?: unknown, lang = 'en') =>
      call(app, method, p, { session: admin, body, headers: { 'accept-language': lang } });

    // Some ledger first, then a disk that is full: the database may not grow past its current size.
    const first = await send('POST', '/api/items', itemBody(0));
    expect(first.status).toBe(201);
    const firstItem = ((await first.json()) as { item: { id: number; version: number } }).item;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

    let n = 1;
    let full: Response | null = null;
    let before: Record<string, number> = {};
    for (; n < 200 && full === null; n++) {
      before = counts(db);
      const res = await send('POST', '/api/items', itemBody(n));
      if (res.status === 507) full = res;
      else expect(res.status, await res.text()).toBe(201);
    }
    expect(full, 'the database never filled up').not.toBeNull();
    const failedTitle = `磁盘测试事项 ${n - 1}`;
    const body = (await full!.json()) as { error: { code: string; message: string; details: object } };
    expect(body.error.code).toBe('storage_full');
    expect(body.error.message).toContain('disk is full: this change was not saved');

    // The failed item is wholly absent: no item, no history, no participants; nothing else moved.
    expect(counts(db)).toEqual(before);
    expect(db.prepare('SELECT COUNT(*) AS n FROM items WHERE title = ?').get(failedTitle)).toEqual({ n: 0 });

    // In Chinese too; an edit that needs room fails the same way and leaves the item at its version.
    const zh = await send(
      'PATCH',
      `/api/items/${firstItem.id}`,
      {
        version: firstItem.version,
        description: '扩'.repeat(5000),
        measures: '写'.repeat(5000),
        title: '标'.repeat(300),
      },
      'zh-CN',
    );
    expect(zh.status).toBe(507);
    const zhBody = (await zh.json()) as { error: { code: string; message: string } };
    expect(zhBody.error).toMatchObject({ code: 'storage_full' });
    expect(zhBody.error.message).toContain('磁盘已满，本次修改没有保存');
    expect(
      (db.prepare('SELECT version FROM items WHERE id = ?').get(firstItem.id) as { version: number }).version,
    ).toBe(firstItem.version);

    // Reading goes on while the disk is full.
    expect((await send('GET', '/api/items')).status).toBe(200);
    expect((await send('GET', '/api/figures/summary')).status).toBe(200);

    expect(integrity(db)).toBe('ok');
    expect(brokenInvariants(db)).toEqual({});

    // Room again (the administrator freed the disk): the same write now succeeds.
    db.pragma('max_page_count = 1073741823');
    const again = await send('POST', '/api/items', itemBody(n - 1));
    expect(again.status).toBe(201);
    expect(db.prepare('SELECT COUNT(*) AS n FROM items WHERE title = ?').get(failedTitle)).toEqual({ n: 1 });
    expect(integrity(db)).toBe('ok');
    expect(brokenInvariants(db)).toEqual({});
    db.close();
  });

  it('keeps a failed all-or-nothing import wholly out when the disk fills during it', async () => {
    const { db, app, admin } = fileLedger();
    db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 8}`);
    const rows = Array.from(
      { length: 400 },
      (_, i) => `FULL-${i},磁盘满时导入的问题 ${i} ${'很长的说明'.repeat(40)},县发改局,2026-12-31,自查`,
    );
    const csv = `台账编号,问题名称,牵头单位,整改时限,问题来源\n${rows.join('\n')}`;
    const before = counts(db);
    const res = await app.request('/api/imports?name=full.csv&campaign=C1', {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'accept-language': 'en' },
      body: csv,
    });
    const text = await res.text();
    expect(res.status, text).toBe(507);
    expect(JSON.parse(text).error.code).toBe('storage_full');
    expect(counts(db)).toEqual(before);
    expect(integrity(db)).toBe('ok');
    db.close();
  });
});

describe('a database held by another writer', () => {
  it('answers 503 storage_busy with Retry-After once the busy timeout passes, and nothing is half-written', async () => {
    const { db, file, app, admin } = fileLedger();
    const created = await call(app, 'POST', '/api/items', { session: admin, body: itemBody(1) });
    const id = ((await created.json()) as { item: { id: number } }).item.id;
    db.pragma('busy_timeout = 200');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const before = counts(db);
      const res = await call(app, 'POST', `/api/items/${id}/urgings`, {
        session: admin,
        body: { note: '请加快整改' },
        headers: { 'accept-language': 'en' },
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('storage_busy');
      expect(body.error.message).toContain('not saved');
      expect(counts(db)).toEqual(before);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    const retry = await call(app, 'POST', `/api/items/${id}/urgings`, {
      session: admin,
      body: { note: '请加快整改' },
    });
    expect(retry.status).toBe(200);
    db.close();
  });
});

describe('storage errors in the one error shape', () => {
  it.each([
    ['SQLITE_FULL', 507, 'storage_full'],
    ['SQLITE_IOERR_WRITE', 500, 'internal'],
    ['SQLITE_BUSY_SNAPSHOT', 503, 'storage_busy'],
    ['SQLITE_CORRUPT', 500, 'storage_damaged'],
    ['SQLITE_NOTADB', 500, 'storage_damaged'],
  ])('maps %s to %i %s without a stack trace', async (code, status, errorCode) => {
    const app = createApp({ db: seedAccounts().db, clock: fixedClock(NOW) });
    app.get('/boom', () => {
      throw Object.assign(new Error(`${code}: at secret/path.ts:12`), { code });
    });
    const res = await app.request('/boom');
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe(errorCode);
    expect(text).not.toContain('secret/path.ts');
  });
});
