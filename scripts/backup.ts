/**
 * npm run backup -- [--to FILE|DIR/] [--keep N] [--db FILE]
 *
 * Copies the database (CLOSEOUT_DB, or --db) with SQLite's online backup API, so it is consistent
 * even while the server runs and writes (WAL): the copy is the database as of one moment. The copy is
 * written beside its destination under a temporary name, checked (PRAGMA integrity_check), synced to
 * disk and only then renamed into place, so a crash or a full disk never leaves a half-written file
 * under a backup's name.
 *
 * - `--to FILE`: that file (replaced atomically when it exists).
 * - `--to DIR/` (an existing folder, or a path ending in /): a new file `closeout-YYYYMMDDTHHMMSSZ.db`
 *   (UTC) in it. Without --to: the folder `backups/` beside the database.
 * - `--keep N` (folders only): afterwards, delete all but the newest N `closeout-*Z.db` files of the
 *   folder. Other files in the folder are never touched. Without --keep nothing is deleted.
 *
 * Exit code 0 when the backup was written and checked, 1 when it failed, 2 for wrong arguments.
 * See docs/operations.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

/** The names the backup command gives files in a folder; retention only ever deletes these. */
export const BACKUP_NAME = /^closeout-(\d{8}T\d{6}Z)\.db$/;

/** `closeout-20261120T020000Z.db` for 2026-11-20 02:00:00 UTC. */
export function backupFileName(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `closeout-${stamp}.db`;
}

/** A timestamp for file names: 20261120T020000Z. */
export function fileStamp(now: Date): string {
  return backupFileName(now).slice('closeout-'.length, -'.db'.length);
}

export interface BackupOptions {
  /** The live database file. */
  source: string;
  /** A file, or a folder (an existing one, or a path ending in a separator). Default: `backups/` beside the source. */
  to?: string | undefined;
  /** Folders only: keep the newest N backups of the folder, delete older ones. */
  keep?: number | undefined;
  now?: Date;
}

export interface BackupResult {
  file: string;
  bytes: number;
  schemaVersion: number;
  items: number;
  ms: number;
  /** Old backups deleted by --keep. */
  removed: string[];
}

export class BackupError extends Error {}

function sqliteMessage(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}

/** Writes a file's data and then its folder's entry to disk (a rename is durable once the folder is synced). */
export function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a folder; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Removes a database file with its journal companions, ignoring the ones that do not exist. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

/** What a checked copy holds: PRAGMA integrity_check must say ok. Throws BackupError otherwise. */
export function checkCopy(file: string): { schemaVersion: number; items: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    // A single self-contained file: no -wal beside it to lose when the file is copied elsewhere.
    db.pragma('journal_mode = DELETE');
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (problems.join() !== 'ok')
      throw new BackupError(`the copy failed its integrity check: ${problems.slice(0, 5).join('; ')}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const hasItems = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'items'").get();
    const items = hasItems ? (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n : 0;
    return { schemaVersion, items };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the copy cannot be read back (${sqliteMessage(error)})`);
  } finally {
    db?.close();
  }
}

function resolveDestination(source: string, to: string | undefined): { folder: string; file: string | null } {
  if (to === undefined)
    return { folder: path.join(path.dirname(path.resolve(source)), 'backups'), file: null };
  const resolved = path.resolve(to);
  const isFolder = /[/\\]$/.test(to) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  return isFolder ? { folder: resolved, file: null } : { folder: path.dirname(resolved), file: resolved };
}

/** Backs up `source` (see the file's comment); prunes old backups when `keep` is given. */
export async function backupDatabase(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const source = path.resolve(options.source);
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist: nothing to back up`);
  const { folder, file } = resolveDestination(source, options.to);
  if (options.keep !== undefined && file !== null)
    throw new BackupError('--keep applies to a folder of backups; give --to a folder (ending in /)');
  fs.mkdirSync(folder, { recursive: true });
  const target = file ?? path.join(folder, backupFileName(now));
  if (target === source) throw new BackupError('the backup cannot be the database itself');
  if (file === null && fs.existsSync(target))
    throw new BackupError(`${target} exists already (a backup of this second); try again in a second`);

  const partial = `${target}.partial-${process.pid}`;
  removeDatabaseFiles(partial);
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(source, { fileMustExist: true, timeout: 5_000 });
      // Reading the schema first turns a file that is not SQLite into a clear error.
      db.pragma('schema_version');
    } catch (error) {
      throw new BackupError(`cannot read ${source} as a SQLite database (${sqliteMessage(error)})`);
    }
    // All remaining pages in one step: one read transaction, so the copy is one moment of the
    // database even while the server writes (a smaller step would restart on every write).
    await db.backup(partial, { progress: () => 0x7fffffff });
    db.close();
    db = undefined;
    const { schemaVersion, items } = checkCopy(partial);
    syncFile(partial);
    fs.renameSync(partial, target);
    syncFolder(folder);
    const removed = options.keep !== undefined ? pruneBackups(folder, options.keep) : [];
    return {
      file: target,
      bytes: fs.statSync(target).size,
      schemaVersion,
      items,
      ms: Math.round(performance.now() - started),
      removed,
    };
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`the backup failed (${sqliteMessage(error)})`);
  } finally {
    db?.close();
    removeDatabaseFiles(partial);
  }
}

/** Deletes all but the newest `keep` backups (by the time in their names) of a folder; returns what it deleted. */
export function pruneBackups(folder: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1)
    throw new BackupError('--keep must be a whole number of at least 1');
  const backups = fs
    .readdirSync(folder)
    .filter((name) => BACKUP_NAME.test(name) && fs.statSync(path.join(folder, name)).isFile())
    .sort();
  const old = backups.slice(0, Math.max(0, backups.length - keep)).map((name) => path.join(folder, name));
  for (const file of old) fs.rmSync(file);
  if (old.length > 0) syncFolder(folder);
  return old;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = 'Usage: npm run backup -- [--to FILE|DIR/] [--keep N] [--db FILE]';

export async function runBackupCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  let values: { to?: string | undefined; keep?: string | undefined; db?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { to: { type: 'string' }, keep: { type: 'string' }, db: { type: 'string' } },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  let keep: number | undefined;
  if (values.keep !== undefined) {
    keep = Number(values.keep);
    if (!/^\d+$/.test(values.keep) || keep < 1) {
      io.err(`--keep: expected a whole number of at least 1, got "${values.keep}"\n${USAGE}`);
      return 2;
    }
  }
  const source = values.db ?? env.CLOSEOUT_DB ?? './data/closeout.db';
  try {
    const result = await backupDatabase({ source, to: values.to, keep });
    io.out(
      `Backed up ${source} to ${result.file}: ${mib(result.bytes)}, schema version ${result.schemaVersion}, ` +
        `${result.items} items, integrity ok (${result.ms} ms)`,
    );
    for (const file of result.removed) io.out(`Removed the old backup ${file} (--keep ${keep})`);
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.err(`Backup failed: ${error.message}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runBackupCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
