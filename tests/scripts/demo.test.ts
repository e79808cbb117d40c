import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { RECTIFICATION_TYPES, SOURCES } from '../../server/domain/lifecycle.ts';
import { demoDb, memoryDb } from '../helpers/db.ts';

const TABLES = [
  'departments',
  'campaigns',
  'domains',
  'users',
  'items',
  'item_closures',
  'deadline_extensions',
  'urgings',
  'milestones',
  'progress_notes',
  'extension_requests',
  'item_history',
  'appraisals',
  'scoring_profiles',
];

function fingerprint(db: Db): string {
  const hash = createHash('sha256');
  for (const t of TABLES) hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
  return hash.digest('hex');
}

const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

describe('demo data', () => {
  const db = demoDb({ items: 3000 });

  it('is the same for the same seed and different for another', () => {
    expect(fingerprint(demoDb({ items: 300 }))).toBe(fingerprint(demoDb({ items: 300 })));
    expect(fingerprint(demoDb({ items: 300, seed: 8 }))).not.toBe(fingerprint(demoDb({ items: 300 })));
  });

  it('is the same from the command line, which simulates in a worker thread and builds without indexes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-demo-'));
    try {
      const file = path.join(dir, 'demo.db');
      execFileSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/demo.ts',
          '--db',
          file,
          '--items',
          '300',
          '--seed',
          '7',
          '--anchor',
          '2026-11-20',
        ],
        { env: { ...process.env, CLOSEOUT_TZ: 'Asia/Shanghai' }, encoding: 'utf8' },
      );
      const built = new Database(file, { readonly: true });
      const inMemory = demoDb({ items: 300 });
      expect(fingerprint(built)).toBe(fingerprint(inMemory));
      const derived =
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name";
      expect(built.prepare(derived).all()).toEqual(inMemory.prepare(derived).all());
      expect(built.pragma('journal_mode', { simple: true })).toBe('wal');
      built.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has 40 departments in 4 peer groups and both campaigns', () => {
    expect(count(db, 'SELECT COUNT(*) AS n FROM departments')).toBe(40);
    expect(count(db, 'SELECT COUNT(DISTINCT peer_group_id) AS n FROM departments')).toBe(4);
    expect(count(db, 'SELECT COUNT(*) AS n FROM campaigns')).toBe(2);
  });

  it('covers every source and rectification type, with reopened, extended, voided and urged items', () => {
    const sources = db
      .prepare('SELECT DISTINCT source AS s FROM items')
      .all()
      .map((r) => (r as { s: string }).s);
    expect(sources.sort()).toEqual([...SOURCES].sort());
    const types = db
      .prepare('SELECT DISTINCT rectification_type AS t FROM items')
      .all()
      .map((r) => (r as { t: string }).t);
    expect(types.sort()).toEqual([...RECTIFICATION_TYPES].sort());
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE reopen_count > 0')).toBeGreaterThan(10);
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE extension_count > 0')).toBeGreaterThan(10);
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE voided_at IS NOT NULL')).toBeGreaterThan(10);
    expect(count(db, 'SELECT COUNT(*) AS n FROM urgings')).toBeGreaterThan(10);
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE length(deadline) > 10')).toBeGreaterThan(10);
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE first_response_at IS NOT NULL')).toBeGreaterThan(
      10,
    );
    expect(count(db, 'SELECT COUNT(*) AS n FROM appraisals')).toBe(40 * 2 * 2);
  });

  it('has departments with too few items to be ranked', () => {
    const small = count(
      db,
      'SELECT COUNT(*) AS n FROM departments d WHERE (SELECT COUNT(*) FROM items i WHERE i.department_id = d.id) < 5',
    );
    expect(small).toBeGreaterThanOrEqual(2);
  });

  it('closes items only on or after registration, through a recorded closure in force', () => {
    expect(
      count(db, "SELECT COUNT(*) AS n FROM items WHERE status = 'closed' AND closed_at < registered_at"),
    ).toBe(0);
    expect(
      count(
        db,
        `SELECT COUNT(*) AS n FROM items i WHERE (i.status = 'closed') <> EXISTS (
           SELECT 1 FROM item_closures c WHERE c.item_id = i.id AND c.reopened_at IS NULL AND c.closed_at = i.closed_at)`,
      ),
    ).toBe(0);
    expect(
      count(
        db,
        'SELECT COUNT(*) AS n FROM (SELECT item_id FROM item_closures WHERE reopened_at IS NULL GROUP BY item_id HAVING COUNT(*) > 1)',
      ),
    ).toBe(0);
  });

  it('changes an effective deadline only through an extension record', () => {
    expect(
      count(
        db,
        `SELECT COUNT(*) AS n FROM items i WHERE i.deadline IS NOT i.original_deadline
           AND NOT EXISTS (SELECT 1 FROM deadline_extensions e WHERE e.item_id = i.id)`,
      ),
    ).toBe(0);
    expect(
      count(
        db,
        `SELECT COUNT(*) AS n FROM items i WHERE i.extension_count > 0 AND i.deadline <> (
           SELECT e.new_deadline FROM deadline_extensions e WHERE e.item_id = i.id ORDER BY e.approved_at DESC LIMIT 1)`,
      ),
    ).toBe(0);
  });

  it('keeps the counters equal to their records', () => {
    const mismatches = count(
      db,
      `SELECT COUNT(*) AS n FROM items i WHERE
         i.reopen_count <> (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id AND c.reopened_at IS NOT NULL)
         OR i.extension_count <> (SELECT COUNT(*) FROM deadline_extensions e WHERE e.item_id = i.id)
         OR i.urge_count <> (SELECT COUNT(*) FROM urgings u WHERE u.item_id = i.id)
         OR i.first_closed_at IS NOT (SELECT MIN(closed_at) FROM item_closures c WHERE c.item_id = i.id)`,
    );
    expect(mismatches).toBe(0);
  });

  it('gives every voided item a reason and keeps it out of later events', () => {
    expect(
      count(
        db,
        "SELECT COUNT(*) AS n FROM items WHERE voided_at IS NOT NULL AND (void_reason IS NULL OR void_reason = '')",
      ),
    ).toBe(0);
    expect(
      count(db, "SELECT COUNT(*) AS n FROM items WHERE voided_at IS NOT NULL AND status = 'closed'"),
    ).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE voided_at < registered_at')).toBe(0);
  });

  it('urges only open items', () => {
    expect(
      count(
        db,
        `SELECT COUNT(*) AS n FROM urgings u JOIN item_closures c ON c.item_id = u.item_id
         WHERE u.urged_at >= c.closed_at AND (c.reopened_at IS NULL OR u.urged_at < c.reopened_at)`,
      ),
    ).toBe(0);
  });

  it("records each item's life in its history, starting with registration", () => {
    expect(
      count(
        db,
        `SELECT COUNT(*) AS n FROM items i WHERE (SELECT kind FROM item_history h WHERE h.item_id = i.id ORDER BY id LIMIT 1) IS NOT 'registered'`,
      ),
    ).toBe(0);
    expect(
      count(
        db,
        `SELECT COUNT(*) AS n FROM items i WHERE (SELECT COUNT(*) FROM item_history h WHERE h.item_id = i.id AND h.kind = 'closed')
           <> (SELECT COUNT(*) FROM item_closures c WHERE c.item_id = i.id)`,
      ),
    ).toBe(0);
  });

  it('gives first responses only to complaints, after registration', () => {
    expect(
      count(
        db,
        "SELECT COUNT(*) AS n FROM items WHERE first_response_at IS NOT NULL AND source NOT IN ('public_complaint', 'hotline')",
      ),
    ).toBe(0);
    expect(count(db, 'SELECT COUNT(*) AS n FROM items WHERE first_response_at < registered_at')).toBe(0);
  });

  it('records nothing after `until` (a server filling its database at 10:30 has no item closed at 15:00)', () => {
    const until = '2026-11-20T10:30:00';
    const latest = (options: { until?: string }) => {
      const demo = memoryDb();
      generateDemo(demo, {
        seed: 7,
        anchor: '2026-11-20',
        departments: 40,
        items: 1500,
        tz: 'Asia/Shanghai',
        ...options,
      });
      const moments = [
        "SELECT max(registered_at, ifnull(assigned_at, ''), ifnull(first_response_at, ''), ifnull(rectified_at, ''), ifnull(closed_at, ''), ifnull(state_changed_at, ''), ifnull(voided_at, '')) AS at FROM items",
        "SELECT max(closed_at, ifnull(reopened_at, '')) AS at FROM item_closures",
        'SELECT approved_at AS at FROM deadline_extensions',
        'SELECT urged_at AS at FROM urgings',
      ];
      return moments
        .map(
          (sql) =>
            (demo.prepare(`SELECT max(at) AS at FROM (${sql})`).get() as { at: string | null }).at ?? '',
        )
        .sort()
        .at(-1)!;
    };
    // Without it, the day's events run to its end; with it, none is after it.
    expect(latest({}) > until).toBe(true);
    expect(latest({ until }) <= until).toBe(true);
  });
});
