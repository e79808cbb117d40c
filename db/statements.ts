import type Database from 'better-sqlite3';
import type { Db } from './open.ts';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepares a statement once per connection (figures SQL is built from a few fixed shapes). */
export function prepared(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
