import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { loadMigrations, SchemaTooNewError } from './migrate.ts';

/**
 * A database file Closeout will not open for writing. The message says what is wrong and what to do,
 * ready for the operator (the server and the command-line scripts print it as it is).
 */
export class DatabaseRefusedError extends Error {
  constructor(
    readonly file: string,
    readonly reason: 'newer' | 'not_sqlite' | 'damaged' | 'foreign' | 'read_only',
    message: string,
  ) {
    super(message);
  }
}

const UNCHANGED = 'Closeout has not changed it.';
const RESTORE = `${UNCHANGED} Restore the latest backup (npm run restore -- BACKUP, see docs/operations.md), or set CLOSEOUT_DB to the right file.`;

function sqliteMessage(error: unknown): string {
  return (error as Error).message ?? String(error);
}

function writable(file: string, mode = fs.constants.W_OK): boolean {
  try {
    fs.accessSync(file, mode);
    return true;
  } catch {
    return false;
  }
}

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.()}`;
  }
}

/**
 * Throws DatabaseRefusedError when the user running Closeout cannot write the database: the file, a
 * -wal, -shm or -journal beside it, or the folder SQLite makes those in. SQLite itself would open such a
 * file read-only without a word and fail at the first write ("attempt to write a readonly database"),
 * e.g. a file restored or created by root for a server running as its own user.
 */
export function checkWritable(file: string): void {
  const folder = path.dirname(path.resolve(file));
  const blocked =
    [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].find((f) => fs.existsSync(f) && !writable(f)) ??
    (writable(folder, fs.constants.W_OK | fs.constants.X_OK) ? null : `the folder ${folder}`);
  if (blocked)
    throw new DatabaseRefusedError(
      file,
      'read_only',
      `${blocked} is read-only for the user running Closeout (${userName()}). ${UNCHANGED} Give that user ` +
        `write access to the database, its -wal and -shm files and its folder (e.g. chown -R closeout: ${folder}).`,
    );
}

/**
 * Reads `db` and throws DatabaseRefusedError unless it is safe to write: a SQLite file, a schema
 * version this Closeout knows, every page sound (`quickCheck`), and either empty or Closeout's own.
 * Reading only: a file in rollback-journal mode is left byte for byte as it was. These checks must
 * come before the first write (journal_mode = WAL rewrites the header, a migration the schema).
 */
export function checkBeforeWriting(
  db: Database.Database,
  file: string,
  options: { quickCheck: boolean },
): void {
  let userVersion: number;
  try {
    db.pragma('schema_version');
    userVersion = db.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_NOTADB'))
      throw new DatabaseRefusedError(
        file,
        'not_sqlite',
        `${file} is not a SQLite database (${sqliteMessage(error)}). ${RESTORE}`,
      );
    if (code.startsWith('SQLITE_CORRUPT')) throw damaged(file, sqliteMessage(error));
    throw error;
  }

  const known = loadMigrations().length;
  if (userVersion > known)
    throw new DatabaseRefusedError(
      file,
      'newer',
      `${file}: ${new SchemaTooNewError(userVersion, known).message} ${UNCHANGED}`,
    );

  if (options.quickCheck) {
    let problems: string[];
    try {
      problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
    } catch (error) {
      throw damaged(file, sqliteMessage(error));
    }
    if (problems.join() !== 'ok') throw damaged(file, problems.slice(0, 5).join('; '));
  }

  // Closeout's first migration creates `items` and sets user_version 1 in one transaction, so tables
  // without that are another program's: migrating them would mix Closeout's schema into its file.
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  if (tables.length > 0 && (userVersion === 0 || !tables.includes('items')))
    throw new DatabaseRefusedError(
      file,
      'foreign',
      `${file} is a SQLite database but not a Closeout database (its tables are another program's: ` +
        `${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}). ${UNCHANGED} Set CLOSEOUT_DB to the right file.`,
    );
}

function damaged(file: string, detail: string): DatabaseRefusedError {
  return new DatabaseRefusedError(file, 'damaged', `the database ${file} is damaged (${detail}). ${RESTORE}`);
}
