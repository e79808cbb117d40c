/**
 * npm run backup / npm run restore (scripts/backup.ts, scripts/restore.ts): a backup taken while the
 * real server writes is a consistent ledger; a bad backup is refused without touching the database;
 * a restore keeps the database it replaces; retention deletes only the oldest backups.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../db/migrate.ts';
import { backupDatabase, backupFileName, pruneBackups, runBackupCli } from '../../scripts/backup.ts';
import { runRestoreCli } from '../../scripts/restore.ts';
import { brokenInvariants, foreignKeyProblems, integrity } from '../helpers/invariants.ts';
import { Editor, LoadStats, pickPool } from './ledger-load.ts';
import {
  login,
  makeDemoDatabase,
  openReadOnly,
  runTs,
  startServerProcess,
  stopAll,
  tempDir,
} from './server-process.ts';

/** Tests that start the server or a command: generous, the machine may be busy. */
const PROCESS_TEST_MS = 180_000;

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** Every row of the ledger's tables, hashed: the same data, whatever the file's journal mode. */
function ledgerFingerprint(file: string): string {
  const db = openReadOnly(file);
  try {
    const hash = createHash('sha256');
    for (const { name, sql } of db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all() as { name: string; sql: string }[]) {
      // A WITHOUT ROWID table (the figure rollups) has no rowid; it is read in its primary key's order.
      const order = /WITHOUT ROWID\s*$/i.test(sql) ? '' : ' ORDER BY rowid';
      hash.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}"${order}`).all()));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

/** A small demo ledger, made once and copied for each test that needs its own. */
let template: string;
beforeAll(() => {
  template = path.join(tempDir(), 'template.db');
  makeDemoDatabase(template, 400);
});
afterAll(() => stopAll());

function freshDatabase(dir = tempDir()): string {
  const file = path.join(dir, 'closeout.db');
  fs.copyFileSync(template, file);
  return file;
}

describe('npm run backup', () => {
  it(
    'copies a consistent ledger while the server is writing, every acknowledged write included',
    async () => {
      const dir = tempDir();
      const dbPath = freshDatabase(dir);
      const pool = (() => {
        const db = openReadOnly(dbPath);
        try {
          return pickPool(db, 12);
        } finally {
          db.close();
        }
      })();
      expect(pool.length).toBe(12);
      const server = await startServerProcess(dbPath);
      try {
        const stats = new LoadStats();
        const editors = await Promise.all(
          [1, 2].map(
            async (n) =>
              new Editor(
                `b${n}`,
                await login(server.url),
                pool.map((p) => p.id),
                stats,
                ['append', 'urge', 'transition', 'extend'],
              ),
          ),
        );
        let writing = true;
        const load = Promise.all(editors.map((e) => e.run(() => writing)));
        const backups: { file: string; urgesAckedBefore: number }[] = [];
        try {
          for (let i = 0; i < 3; i++) {
            await new Promise((r) => setTimeout(r, 400));
            const urgesAckedBefore = editors
              .flatMap((e) => [...e.acked.values()])
              .reduce((sum, t) => sum + t.urge, 0);
            const file = path.join(dir, 'backups', `during-${i}.db`);
            // Through the command, as cron runs it, while the editors keep writing.
            const run = await runTs('scripts/backup.ts', ['--db', dbPath, '--to', file], {}, 60_000);
            expect(run.code, run.stderr).toBe(0);
            expect(run.stdout).toContain('integrity ok');
            backups.push({ file, urgesAckedBefore });
          }
        } finally {
          writing = false;
          await load;
        }
        expect(stats.serverErrors).toEqual([]);
        expect(stats.networkErrors).toEqual([]);
        expect(stats.requests).toBeGreaterThan(20);
        const initialUrges = pool.reduce((sum, p) => sum + p.urgeCount, 0);
        for (const b of backups) {
          expect(fs.existsSync(`${b.file}-wal`)).toBe(false);
          const copy = new Database(b.file, { readonly: true });
          try {
            expect(integrity(copy)).toBe('ok');
            expect(foreignKeyProblems(copy)).toEqual([]);
            expect(brokenInvariants(copy)).toEqual({});
            expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
            expect(count(copy, 'SELECT COUNT(*) AS n FROM items')).toBe(400);
            const urges = count(
              copy,
              `SELECT COALESCE(SUM(urge_count), 0) AS n FROM items WHERE id IN (${pool.map((p) => p.id).join(',')})`,
            );
            expect(urges).toBeGreaterThanOrEqual(initialUrges + b.urgesAckedBefore);
          } finally {
            copy.close();
          }
        }
      } finally {
        await server.stop();
      }
    },
    PROCESS_TEST_MS,
  );

  it('names backups in a folder by the time, UTC, and refuses --keep for a single file', async () => {
    const dir = tempDir();
    const dbPath = freshDatabase(dir);
    const result = await backupDatabase({
      source: dbPath,
      to: path.join(dir, 'daily/'),
      now: new Date('2026-11-20T02:00:00Z'),
    });
    expect(path.basename(result.file)).toBe('closeout-20261120T020000Z.db');
    expect(result).toMatchObject({ items: 400, schemaVersion: loadMigrations().length, removed: [] });
    expect(fs.readdirSync(path.join(dir, 'daily'))).toEqual(['closeout-20261120T020000Z.db']);

    const cli = io();
    expect(
      await runBackupCli(['--db', dbPath, '--to', path.join(dir, 'one.db'), '--keep', '2'], {}, cli.io),
    ).toBe(1);
    expect(cli.err.join('\n')).toContain('--keep applies to a folder');
    expect(await runBackupCli(['--db', dbPath, '--keep', '0'], {}, cli.io)).toBe(2);
    expect(await runBackupCli(['--db', path.join(dir, 'missing.db')], {}, cli.io)).toBe(1);
    expect(cli.err.at(-1)).toContain('does not exist');
    expect(fs.existsSync(path.join(dir, 'missing.db'))).toBe(false);
  });

  it('refuses a file that is not a database and leaves no partial backup behind', async () => {
    const dir = tempDir();
    const notDb = path.join(dir, 'closeout.db');
    fs.writeFileSync(notDb, 'this is a spreadsheet, not a database\n'.repeat(100));
    const before = sha256(notDb);
    const cli = io();
    expect(await runBackupCli(['--db', notDb, '--to', path.join(dir, 'out/')], {}, cli.io)).toBe(1);
    expect(cli.err.at(-1)).toContain('cannot read');
    expect(sha256(notDb)).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual([]);
  });

  it('with --keep N deletes only the oldest backups of the folder, never other files', async () => {
    const dir = tempDir();
    const dbPath = freshDatabase(dir);
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder);
    const others = ['notes.txt', 'closeout-manual.db', 'closeout-20200101T000000Z.db.bak', 'other.db'];
    for (const name of others) fs.writeFileSync(path.join(folder, name), name);
    const days = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19'];
    for (const day of days)
      await backupDatabase({ source: dbPath, to: `${folder}/`, now: new Date(`${day}T18:00:00Z`) });
    const last = await backupDatabase({
      source: dbPath,
      to: `${folder}/`,
      keep: 2,
      now: new Date('2026-11-20T18:00:00Z'),
    });
    expect(last.removed.map((f) => path.basename(f))).toEqual([
      'closeout-20261116T180000Z.db',
      'closeout-20261117T180000Z.db',
      'closeout-20261118T180000Z.db',
    ]);
    expect(fs.readdirSync(folder).sort()).toEqual(
      [...others, 'closeout-20261119T180000Z.db', 'closeout-20261120T180000Z.db'].sort(),
    );
    // Pruning alone (no new backup) with a larger N deletes nothing.
    expect(pruneBackups(folder, 5)).toEqual([]);
    expect(backupFileName(new Date('2026-01-02T03:04:05.678Z'))).toBe('closeout-20260102T030405Z.db');
  });
});

describe('npm run restore', () => {
  /** Files of a folder with their hashes, to show nothing changed. */
  const folderState = (dir: string) =>
    Object.fromEntries(
      fs
        .readdirSync(dir)
        .filter((f) => fs.statSync(path.join(dir, f)).isFile())
        .map((f) => [f, sha256(path.join(dir, f))]),
    );

  it('refuses a damaged, foreign or newer backup and leaves the current database untouched', async () => {
    const dir = tempDir();
    const dbPath = freshDatabase(dir);
    const bad = path.join(tempDir(), 'bad');
    fs.mkdirSync(bad);
    const good = path.join(bad, 'good.db');
    await backupDatabase({ source: dbPath, to: good });
    const size = fs.statSync(good).size;

    const cases: Record<string, { file: string; message: RegExp }> = {
      'random bytes': { file: path.join(bad, 'random.db'), message: /not a SQLite database/ },
      'a damaged page': { file: path.join(bad, 'page.db'), message: /damaged/ },
      'a truncated file': { file: path.join(bad, 'truncated.db'), message: /damaged|not a SQLite/ },
      'another program’s SQLite file': {
        file: path.join(bad, 'foreign.db'),
        message: /not a Closeout database/,
      },
      'a newer Closeout': { file: path.join(bad, 'newer.db'), message: /newer than this Closeout knows/ },
      'a missing file': { file: path.join(bad, 'missing.db'), message: /does not exist/ },
    };
    fs.writeFileSync(
      cases['random bytes']!.file,
      Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)),
    );
    const damaged = fs.readFileSync(good);
    const pageSize = damaged.readUInt16BE(16);
    const middle = Math.floor(size / pageSize / 2) * pageSize;
    damaged.fill(0x5a, middle, middle + pageSize);
    fs.writeFileSync(cases['a damaged page']!.file, damaged);
    fs.writeFileSync(
      cases['a truncated file']!.file,
      fs.readFileSync(good).subarray(0, Math.floor(size / 3)),
    );
    const foreign = new Database(cases['another program’s SQLite file']!.file);
    foreign.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)');
    foreign.close();
    fs.copyFileSync(good, cases['a newer Closeout']!.file);
    const newer = new Database(cases['a newer Closeout']!.file);
    newer.pragma('user_version = 99');
    newer.close();

    const before = folderState(dir);
    for (const [name, c] of Object.entries(cases)) {
      const cli = io();
      expect(runRestoreCli([c.file, '--db', dbPath], {}, cli.io), name).toBe(1);
      expect(cli.err.join('\n'), name).toMatch(c.message);
      expect(cli.err.join('\n'), name).toContain('The database was not replaced');
      expect(folderState(dir), name).toEqual(before);
      // --check says the same without going near the database.
      expect(runRestoreCli([c.file, '--check'], {}, io().io), name).toBe(1);
    }
    const current = openReadOnly(dbPath);
    expect(integrity(current)).toBe('ok');
    current.close();
  });

  it(
    'puts a good backup in place and keeps the database it replaced, renamed with the time',
    async () => {
      const dir = tempDir();
      const dbPath = freshDatabase(dir);
      const backup = path.join(dir, 'backups', 'before.db');
      await backupDatabase({ source: dbPath, to: backup });
      // Work after the backup: an item written later, which the restore rolls back.
      const later = new Database(dbPath);
      later.prepare("UPDATE items SET title = 'written after the backup' WHERE id = 1").run();
      later.close();
      const replaced = ledgerFingerprint(dbPath);

      const cli = io();
      expect(runRestoreCli(['--check', backup], {}, cli.io)).toBe(0);
      expect(cli.out.at(-1)).toContain('is a good backup');
      expect(runRestoreCli([backup, '--db', dbPath], {}, cli.io, new Date('2026-11-20T09:30:00Z'))).toBe(0);
      const previous = path.join(dir, 'closeout.before-restore-20261120T093000Z.db');
      expect(cli.out.join('\n')).toContain(`kept as ${previous}`);
      expect(ledgerFingerprint(previous)).toBe(replaced);
      expect(fs.readdirSync(dir).sort()).toEqual([
        'backups',
        'closeout.before-restore-20261120T093000Z.db',
        'closeout.db',
      ]);

      const restored = openReadOnly(dbPath);
      expect(integrity(restored)).toBe('ok');
      expect(
        (restored.prepare('SELECT title FROM items WHERE id = 1').get() as { title: string }).title,
      ).not.toBe('written after the backup');
      expect(brokenInvariants(restored)).toEqual({});
      restored.close();
      const kept = openReadOnly(previous);
      expect((kept.prepare('SELECT title FROM items WHERE id = 1').get() as { title: string }).title).toBe(
        'written after the backup',
      );
      kept.close();

      // The restored file serves: the server starts on it.
      const server = await startServerProcess(dbPath);
      try {
        const admin = await login(server.url);
        expect((await admin.get('/api/items/1')).status).toBe(200);
      } finally {
        await server.stop();
      }
    },
    PROCESS_TEST_MS,
  );

  it('gives the restored file the owner and permissions of the database it replaces', async () => {
    const dir = tempDir();
    const dbPath = freshDatabase(dir);
    const backup = path.join(tempDir(), 'nightly.db');
    await backupDatabase({ source: dbPath, to: backup });
    expect(fs.statSync(backup).mode & 0o777).not.toBe(0o600);
    // The server's own user (here nobody, 65534) owns the database; only root can give a file away.
    const root = process.getuid?.() === 0;
    fs.chmodSync(dbPath, 0o600);
    if (root) fs.chownSync(dbPath, 65534, 65534);
    expect(runRestoreCli([backup, '--db', dbPath], {}, io().io)).toBe(0);
    const restored = fs.statSync(dbPath);
    expect(restored.mode & 0o777).toBe(0o600);
    if (root) expect([restored.uid, restored.gid]).toEqual([65534, 65534]);
  });

  it(
    'refuses while the server has the database open, then restores once it is stopped',
    async () => {
      const dir = tempDir();
      const dbPath = freshDatabase(dir);
      const backup = path.join(tempDir(), 'b.db');
      await backupDatabase({ source: dbPath, to: backup });
      const server = await startServerProcess(dbPath);
      let stopped = false;
      try {
        const before = sha256(dbPath);
        const run = await runTs('scripts/restore.ts', [backup, '--db', dbPath]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('is open in another process');
        expect(run.stderr).toContain('stop the server first');
        expect(sha256(dbPath)).toBe(before);
        expect(
          fs.readdirSync(dir).filter((f) => f.includes('before-restore') || f.includes('restoring')),
        ).toEqual([]);
        const admin = await login(server.url);
        expect((await admin.get('/api/items?pageSize=1')).status).toBe(200);
        await server.stop();
        stopped = true;
        const again = await runTs('scripts/restore.ts', [backup, '--db', dbPath]);
        expect(again.code, again.stderr).toBe(0);
        expect(fs.readdirSync(dir).some((f) => f.startsWith('closeout.before-restore-'))).toBe(true);
      } finally {
        if (!stopped) await server.stop();
      }
    },
    PROCESS_TEST_MS,
  );

  it('keeps a -wal left without its database aside, so it is never replayed into the restored file', async () => {
    const dir = tempDir();
    const source = freshDatabase(tempDir());
    const backup = path.join(tempDir(), 'b.db');
    await backupDatabase({ source, to: backup });
    const dbPath = path.join(dir, 'closeout.db');
    fs.writeFileSync(`${dbPath}-wal`, Buffer.alloc(4096, 0x42));
    expect(runRestoreCli([backup, '--db', dbPath], {}, io().io, new Date('2026-11-22T00:00:00Z'))).toBe(0);
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'closeout.before-restore-20261122T000000Z.db-wal'))).toEqual(
      Buffer.alloc(4096, 0x42),
    );
    const restored = openReadOnly(dbPath);
    expect(integrity(restored)).toBe('ok');
    restored.close();
  });

  it('restores over a damaged database, keeping the damaged file and its -wal as they were', async () => {
    const dir = tempDir();
    const dbPath = freshDatabase(dir);
    const backup = path.join(tempDir(), 'b.db');
    await backupDatabase({ source: dbPath, to: backup });
    fs.writeFileSync(dbPath, Buffer.alloc(4096, 0x41));
    fs.writeFileSync(`${dbPath}-wal`, Buffer.alloc(100, 0x42));
    const cli = io();
    expect(runRestoreCli([backup, '--db', dbPath], {}, cli.io, new Date('2026-11-21T00:00:00Z'))).toBe(0);
    const previous = path.join(dir, 'closeout.before-restore-20261121T000000Z.db');
    expect(fs.readFileSync(previous)).toEqual(Buffer.alloc(4096, 0x41));
    expect(fs.readFileSync(`${previous}-wal`)).toEqual(Buffer.alloc(100, 0x42));
    expect(fs.existsSync(`${dbPath}-wal`)).toBe(false);
    const restored = openReadOnly(dbPath);
    expect(integrity(restored)).toBe('ok');
    expect(count(restored, 'SELECT COUNT(*) AS n FROM items')).toBe(400);
    restored.close();
  });
});
