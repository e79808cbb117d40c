import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { refusalToReplace } from '../../scripts/demo/replaceable.ts';

const dirs: string[] = [];
function file(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-replace-'));
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function closeoutDb(fill: (db: Database.Database) => void = () => {}) {
  const f = file('closeout.db');
  const db = openDatabase(f);
  fill(db);
  db.close();
  return f;
}

describe('npm run demo replaces', () => {
  it('a missing file, an empty one and a Closeout database nobody has put anything into', () => {
    expect(refusalToReplace(file('missing.db'))).toBeNull();
    const empty = file('empty.db');
    fs.writeFileSync(empty, '');
    expect(refusalToReplace(empty)).toBeNull();
    expect(refusalToReplace(closeoutDb())).toBeNull();
  });

  it('a demo database', () => {
    const f = closeoutDb((db) =>
      generateDemo(db, { seed: 7, anchor: '2026-11-20', departments: 5, items: 20, tz: 'Asia/Shanghai' }),
    );
    expect(refusalToReplace(f)).toBeNull();
  });
});

describe('npm run demo refuses', () => {
  it('a Closeout database with an account and nothing else (CLOSEOUT_DEMO=0 and a first admin)', () => {
    const f = closeoutDb((db) =>
      db
        .prepare(
          "INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES ('root1', 'root', 'admin', 'x', '2026-11-20T00:00:00Z')",
        )
        .run(),
    );
    expect(refusalToReplace(f)).toBe('it holds data that is not demo data (users)');
  });

  it('another program’s SQLite database and a file that is not SQLite', () => {
    const other = file('other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE foo (x)');
    db.close();
    expect(refusalToReplace(other)).toBe('it is not a Closeout database');
    const text = file('notes.txt');
    fs.writeFileSync(text, 'not a database at all, just some text that is long enough');
    expect(refusalToReplace(text)).toBe('it is not an SQLite database');
  });
});

describe('the command line', () => {
  it('leaves a refused file as it was and exits 1', async () => {
    const { spawnSync } = await import('node:child_process');
    const text = file('notes.txt');
    fs.writeFileSync(text, 'not a database at all, just some text that is long enough');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/demo.ts', '--db', text, '--items', '10'],
      {
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('refusing to replace it with demo data: it is not an SQLite database');
    expect(fs.readFileSync(text, 'utf8')).toBe('not a database at all, just some text that is long enough');
  });
});
