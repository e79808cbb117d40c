import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, SchemaTooNewError } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import { DatabaseRefusedError } from '../../db/open-checks.ts';

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('build the whole schema from an empty database and record the version', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(loadMigrations().length);
    for (const t of [
      'departments',
      'campaigns',
      'items',
      'item_history',
      'item_closures',
      'deadline_extensions',
      'urgings',
      'appraisals',
      'scoring_profiles',
      'published_rankings',
    ]) {
      expect(tables(db)).toContain(t);
    }
  });

  it('change nothing when run again', () => {
    const db = openDatabase(':memory:');
    const before = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    expect(migrate(db)).toBe(loadMigrations().length);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(before);
  });

  it('set WAL, foreign keys, full sync and a busy timeout on every open', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-'));
    const db = openDatabase(path.join(dir, 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // Mapped up to SQLite's own limit, just under 2 GiB.
    expect(db.pragma('mmap_size', { simple: true })).toBeGreaterThan(2 ** 30);
    db.close();
    // The import's connection reads through its own page cache instead (db/open.ts).
    const unmapped = openDatabase(path.join(dir, 'x.db'), { mapped: false });
    expect(unmapped.pragma('mmap_size', { simple: true })).toBe(0);
    unmapped.close();
  });

  it('refuse a database written by a newer version', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-'));
    const file = path.join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseRefusedError);
    expect(() => openDatabase(file)).toThrow(/schema version 999/);
    expect(() => migrate(new Database(file))).toThrow(SchemaTooNewError);
  });

  it('report a file that is not SQLite and leave it untouched', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-'));
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, 'these are meeting notes, not a database'.repeat(200));
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrow(/not a database/);
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it("keep the extension requests' rows when 019 makes their table again to take withdrawals", () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = loadMigrations();
    migrate(db, all.slice(0, 18));
    db.exec(`INSERT INTO peer_groups (code, name_zh, name_en) VALUES ('G', '县直部门', 'County departments');
      INSERT INTO departments (code, name_zh, name_en, kind, peer_group_id)
        VALUES ('D01', '县教育局', 'Education Bureau', 'county_department', 1);
      INSERT INTO campaigns (code, name_zh, name_en, kind, starts_on)
        VALUES ('C1', '专项整治', 'Campaign', 'special_rectification', '2026-01-01');`);
    const item = db
      .prepare(`INSERT INTO items (ledger_code, title, campaign_id, source, department_id, registered_at,
          rectification_type, status, created_at, updated_at)
        VALUES ('A-1', '学校班额超标', 1, 'self_inspection', 1, '2026-11-01T09:00:00', 'immediate', 'assigned',
          '2026-11-01T01:00:00Z', '2026-11-01T01:00:00Z')`)
      .run().lastInsertRowid;
    const request = `INSERT INTO extension_requests (item_id, requested_at, requested_by_name, old_deadline, new_deadline, reason, decision, decided_at)
      VALUES (?, '2026-11-02T09:00:00', '教育局', '2026-11-30', '2026-12-15', '资金未到位', ?, ?)`;
    db.prepare(request).run(item, 'declined', '2026-11-03T09:00:00');
    expect(() => db.prepare(request).run(item, 'withdrawn', '2026-11-04T09:00:00')).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM extension_requests').all();
    migrate(db, all);
    expect(db.prepare('SELECT * FROM extension_requests').all()).toEqual(before);
    db.prepare(request).run(item, 'withdrawn', '2026-11-04T09:00:00');
    expect(() => db.prepare(request).run(item, 'cancelled', '2026-11-04T09:00:00')).toThrow(/CHECK/);
    // Still one waiting request per item.
    db.prepare(request).run(item, null, null);
    expect(() => db.prepare(request).run(item, null, null)).toThrow(/UNIQUE/);
  });

  it('drop the default profile\'s English note "Closeout default" (024), and no office\'s own note', () => {
    const db = new Database(':memory:');
    const all = loadMigrations();
    migrate(db, all.slice(0, 23));
    const insert = db.prepare(
      "INSERT INTO scoring_profiles (name, version, config, active, created_at, note) VALUES (?, ?, '{}', 0, '2026-01-01T00:00:00Z', ?)",
    );
    insert.run('default', 1, 'Closeout default');
    insert.run('default', 2, 'Closeout default');
    insert.run('县考核方案', 1, 'Closeout default');
    migrate(db, all);
    expect(db.prepare('SELECT name, version, note FROM scoring_profiles ORDER BY id').all()).toEqual([
      { name: 'default', version: 1, note: null },
      { name: 'default', version: 2, note: 'Closeout default' },
      { name: '县考核方案', version: 1, note: 'Closeout default' },
    ]);
  });

  it('roll a failing migration back whole, with every migration of the same start', () => {
    const db = new Database(':memory:');
    const bad = [
      { version: 1, file: '001_ok.sql', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, file: '002_ok.sql', sql: 'CREATE TABLE b (x INTEGER);' },
      { version: 3, file: '003_bad.sql', sql: 'CREATE TABLE c (x INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    migrate(db, bad.slice(0, 1));
    expect(() => migrate(db, bad)).toThrow(
      'migration 003_bad.sql failed (no such table: missing) and was rolled back with every migration of ' +
        'this start: the database is at schema version 1, as before the upgrade. This Closeout cannot run ' +
        'on it: go back to the release you upgraded from, which can (docs/operations.md, Upgrade).',
    );
    // 002 went too: the release that knew only 001 opens the file as it left it.
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['a']);
  });
});
