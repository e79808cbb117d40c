import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';

/** Beside this module: db/migrations from source, dist/server/migrations in the built server (copied there). */
const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  file: string;
  sql: string;
}

/** The numbered migrations (`001_name.sql`, ...) in order; numbers must run 1, 2, 3 without gaps. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      file,
      sql: fs.readFileSync(path.join(dir, file), 'utf8'),
    }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`Migration ${m.file} is out of sequence: expected number ${i + 1}`);
  });
  return migrations;
}

export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `This database has schema version ${found}, newer than this Closeout knows (${known}). ` +
        'It was written by a newer version; upgrade Closeout instead of opening it with this one.',
    );
  }
}

/**
 * A migration that failed: every migration of this start is rolled back with it, so the file is at the
 * schema it had, which the release it came from still runs on. The message names the migration and says so.
 */
export class MigrationFailedError extends Error {
  constructor(migration: Migration, stayedAt: number, cause: unknown) {
    super(
      `migration ${migration.file} failed (${(cause as Error).message ?? String(cause)}) and was rolled back ` +
        `with every migration of this start: the database is at schema version ${stayedAt}, as before the ` +
        'upgrade. This Closeout cannot run on it: go back to the release you upgraded from, which can ' +
        '(docs/operations.md, Upgrade).',
      { cause },
    );
  }
}

/**
 * Applies the pending migrations in one transaction, recording each in PRAGMA user_version: all or none,
 * so a failed upgrade leaves the file at the version the release before it knows (one transaction a
 * migration left the earlier ones applied, a file that release refuses as newer).
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) throw new SchemaTooNewError(current, latest);
  const pending = migrations.slice(current);
  if (pending.length === 0) return latest;
  let running = pending[0]!;
  try {
    db.transaction(() => {
      for (const m of pending) {
        running = m;
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
    }).immediate();
  } catch (error) {
    throw new MigrationFailedError(running, current, error);
  }
  return latest;
}
