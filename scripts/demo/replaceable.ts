import fs from 'node:fs';
import Database from 'better-sqlite3';

/** What a person puts into Closeout: a database with a row in any of these is not the demo's to replace. */
const USER_TABLES = [
  'users',
  'peer_groups',
  'departments',
  'campaigns',
  'items',
  'appraisals',
  'published_rankings',
  'import_mappings',
  'display_links',
] as const;

/**
 * Why `npm run demo` must not replace this file, or null when it may: a missing or empty file, a demo
 * database, or a Closeout database nobody has put anything into yet. Anything else (another program's
 * database, a file that is not SQLite, a ledger) is refused, since replacing it would lose it.
 */
export function refusalToReplace(file: string): string | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    return 'it is not an SQLite database';
  }
  try {
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (tables.size === 0) return null;
    if (!tables.has('meta') || USER_TABLES.some((t) => !tables.has(t)))
      return 'it is not a Closeout database';
    if (db.prepare("SELECT 1 FROM meta WHERE key = 'demo'").get() !== undefined) return null;
    const holding = USER_TABLES.filter((t) => db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
    return holding.length === 0 ? null : `it holds data that is not demo data (${holding.join(', ')})`;
  } finally {
    db.close();
  }
}
