/**
 * npm run restore -- BACKUP [--db TARGET] [--check]
 *
 * Puts a backup in place of the database (CLOSEOUT_DB, or --db), safely:
 *
 * 1. The backup is copied beside the target and the copy is checked: it must be a SQLite database,
 *    pass PRAGMA integrity_check, be a Closeout database, and have a schema version this Closeout
 *    knows (a backup from a newer version is refused; an older one is migrated when the server
 *    starts). A backup that fails is refused and the current database is not touched.
 * 2. The target must not be open in another process: the server has to be stopped first. This is
 *    checked by asking SQLite for an exclusive lock, which fails while any connection (a running
 *    server, `npm run import`) has the file open.
 * 3. The current database is kept, renamed `NAME.before-restore-YYYYMMDDTHHMMSSZ.db` (with its -wal
 *    file, if a crash left one), and the checked copy is renamed into its place, with the owner and
 *    permissions of the file it replaces (so a restore run as root leaves the server's user able to
 *    write it). Nothing is deleted.
 *
 * `--check` only checks the backup (step 1). Exit code 0 when restored (or, with --check, when the
 * backup is good), 1 when refused, 2 for wrong arguments. See docs/operations.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadMigrations } from '../db/migrate.ts';
import { type CliIo, fileStamp, removeDatabaseFiles, syncFile, syncFolder } from './backup.ts';

export class RestoreRefused extends Error {}

export interface BackupInfo {
  schemaVersion: number;
  items: number;
  bytes: number;
}

function sqliteMessage(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return e.code ? `${e.code}: ${e.message}` : String(e.message ?? error);
}

/**
 * Checks a database file (a private copy: opening it may fold its -wal into it and set it to a
 * single-file journal). Throws RestoreRefused saying what is wrong.
 */
export function checkDatabaseFile(file: string, label: string): BackupInfo {
  const known = loadMigrations().length;
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(file, { fileMustExist: true });
      db.pragma('schema_version');
    } catch (error) {
      throw new RestoreRefused(`${label} is not a SQLite database (${sqliteMessage(error)})`);
    }
    let problems: string[];
    try {
      db.pragma('journal_mode = DELETE');
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (error) {
      throw new RestoreRefused(`${label} is damaged (${sqliteMessage(error)})`);
    }
    if (problems.join() !== 'ok')
      throw new RestoreRefused(
        `${label} is damaged: PRAGMA integrity_check says ${problems.slice(0, 5).join('; ')}`,
      );
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const hasItems = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'items'").get();
    if (schemaVersion === 0 || !hasItems)
      throw new RestoreRefused(`${label} is a SQLite database but not a Closeout database (no ledger in it)`);
    if (schemaVersion > known)
      throw new RestoreRefused(
        `${label} has schema version ${schemaVersion}, newer than this Closeout knows (${known}): ` +
          'it was written by a newer version. Upgrade Closeout first, then restore it.',
      );
    const items = (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
    db.close();
    db = undefined;
    return { schemaVersion, items, bytes: fs.statSync(file).size };
  } finally {
    db?.close();
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function hasSqliteHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks that no other process has the target open: SQLite refuses an exclusive lock (SQLITE_BUSY)
 * while any other connection (a running server, an import) holds the file. A healthy database has its
 * WAL folded in (a crash may have left one) and is switched to a single-file journal, so the kept file
 * stands on its own; the connection is closed again, so SQLite tidies its own files under their names.
 * A damaged one is left exactly as it is: its -wal (which SQLite would delete on closing) is given a
 * second name first, returned here. Throws RestoreRefused when the file is in use.
 */
function prepareOutgoing(target: string): { walKept: string | null } {
  const wal = `${target}-wal`;
  let walKept: string | null = null;
  if (fs.existsSync(wal)) {
    walKept = `${target}.wal-kept-${process.pid}`;
    fs.rmSync(walKept, { force: true });
    try {
      fs.linkSync(wal, walKept);
    } catch {
      fs.copyFileSync(wal, walKept);
    }
  }
  if (!hasSqliteHeader(target)) return { walKept };
  let db: Database.Database | undefined;
  try {
    db = new Database(target, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    db = undefined;
    if (walKept) fs.rmSync(walKept, { force: true });
    return { walKept: null };
  } catch (error) {
    db?.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      if (walKept) fs.rmSync(walKept, { force: true });
      throw new RestoreRefused(
        `${target} is open in another process (a running server, or an import): stop the server first ` +
          '(e.g. systemctl stop closeout), then run the restore again',
      );
    }
    // Damaged: kept as it is, with the -wal it had.
    return { walKept };
  }
}

/**
 * Gives the checked copy the owner and permissions of the database it replaces (of its folder when
 * there is none): a restore run as root must leave a file the server's own user can still write, and
 * one kept from other users stays so. Only root can give a file away; anyone else restores as themselves.
 */
function takeOwnership(copy: string, from: string): void {
  const { uid, gid, mode } = fs.statSync(from);
  fs.chmodSync(copy, from === path.dirname(copy) ? mode & 0o666 : mode & 0o777);
  if (process.getuid?.() === 0) fs.chownSync(copy, uid, gid);
}

export interface RestoreResult extends BackupInfo {
  target: string;
  /** Where the database that was replaced is kept; null when there was none. */
  previous: string | null;
}

/** Restores `backup` over `target` (see the file's comment). */
export function restoreDatabase(backup: string, target: string, now = new Date()): RestoreResult {
  const source = path.resolve(backup);
  const dest = path.resolve(target);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile())
    throw new RestoreRefused(`${source} does not exist`);
  if (source === dest) throw new RestoreRefused('the backup is the database itself');
  const folder = path.dirname(dest);
  fs.mkdirSync(folder, { recursive: true });
  const ext = path.extname(dest);
  const previous = path.join(
    folder,
    `${path.basename(dest, ext)}.before-restore-${fileStamp(now)}${ext || '.db'}`,
  );
  if (fs.existsSync(dest) && fs.existsSync(previous))
    throw new RestoreRefused(`${previous} exists already; try again in a second`);

  // 1. A private copy beside the target (same file system: the final rename is atomic), checked.
  const copy = `${dest}.restoring-${process.pid}`;
  removeDatabaseFiles(copy);
  try {
    fs.copyFileSync(source, copy);
    if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${copy}-wal`);
    const info = checkDatabaseFile(copy, source);
    takeOwnership(copy, fs.existsSync(dest) ? dest : folder);
    syncFile(copy);
    if (!fs.existsSync(dest)) {
      // A journal left without its database would be replayed into the restored one: keep it aside.
      for (const suffix of ['-wal', '-journal'])
        if (fs.existsSync(dest + suffix)) fs.renameSync(dest + suffix, previous + suffix);
      fs.rmSync(`${dest}-shm`, { force: true });
      fs.renameSync(copy, dest);
      syncFolder(folder);
      return { ...info, target: dest, previous: null };
    }

    // 2. Nobody may have the target open (the server must be stopped first).
    const outgoing = prepareOutgoing(dest);
    try {
      // 3. Keep the current database (with a -wal a crash left), then move the copy into its place.
      fs.renameSync(dest, previous);
      if (outgoing.walKept) {
        fs.renameSync(outgoing.walKept, `${previous}-wal`);
        fs.rmSync(`${dest}-wal`, { force: true });
      } else if (fs.existsSync(`${dest}-wal`)) fs.renameSync(`${dest}-wal`, `${previous}-wal`);
      if (fs.existsSync(`${dest}-journal`)) fs.renameSync(`${dest}-journal`, `${previous}-journal`);
      // The shared-memory index is rebuilt from the files; a stale one must not meet the new file.
      fs.rmSync(`${dest}-shm`, { force: true });
      fs.renameSync(copy, dest);
      syncFolder(folder);
      return { ...info, target: dest, previous };
    } finally {
      if (outgoing.walKept) fs.rmSync(outgoing.walKept, { force: true });
    }
  } finally {
    removeDatabaseFiles(copy);
  }
}

const USAGE = 'Usage: npm run restore -- BACKUP [--db TARGET] [--check]';

export function runRestoreCli(argv: string[], env: NodeJS.ProcessEnv, io: CliIo, now = new Date()): number {
  let values: { db?: string | undefined; check?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: 'string' }, check: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const backup = positionals[0];
  if (!backup || positionals.length > 1) {
    io.err(USAGE);
    return 2;
  }
  const target = values.db ?? env.CLOSEOUT_DB ?? './data/closeout.db';
  try {
    if (values.check) {
      if (!fs.existsSync(backup)) throw new RestoreRefused(`${backup} does not exist`);
      const scratch = path.join(os.tmpdir(), `closeout-check-${process.pid}-${path.basename(backup)}`);
      try {
        fs.copyFileSync(backup, scratch);
        if (fs.existsSync(`${backup}-wal`)) fs.copyFileSync(`${backup}-wal`, `${scratch}-wal`);
        const info = checkDatabaseFile(scratch, backup);
        io.out(
          `${backup} is a good backup: schema version ${info.schemaVersion}, ${info.items} items, integrity ok`,
        );
      } finally {
        removeDatabaseFiles(scratch);
      }
      return 0;
    }
    const result = restoreDatabase(backup, target, now);
    io.out(
      `Restored ${result.target} from ${backup}: schema version ${result.schemaVersion}, ${result.items} items, integrity ok.`,
    );
    io.out(
      result.previous
        ? `The database it replaced is kept as ${result.previous}.`
        : 'There was no database there before.',
    );
    io.out('Start the server again (it migrates an older schema forward at start).');
    return 0;
  } catch (error) {
    if (!(error instanceof RestoreRefused)) throw error;
    io.err(`Restore refused: ${error.message}. The database was not replaced.`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = runRestoreCli(process.argv.slice(2), process.env, {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
