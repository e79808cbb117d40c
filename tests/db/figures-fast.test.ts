/**
 * The rollup path (db/queries/figures-fast.ts) against the plain SQL (exactFigures): random ledgers,
 * then random writes as the ledger commands make them (create, close, reopen, extend, void, change the
 * lead department, first response), then both paths at moments before, at and after the writes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suspendDerived } from '../../db/derived.ts';
import { LAST_EVENT_SQL, REBUILD_FIGURE_ROLLUPS } from '../../db/figure-rollups.ts';
import type { Db } from '../../db/open.ts';
import {
  exactFigures,
  exactFiguresBy,
  type FigureParams,
  type GroupBy,
  listFigureItems,
  scopeSql,
} from '../../db/queries/figures.ts';
import {
  fastFigures,
  fastFiguresBy,
  histogramStats,
  rollupItemCount,
  sortedBins,
} from '../../db/queries/figures-fast.ts';
import { generateDemo } from '../../scripts/demo/generate.ts';
import { memoryDb } from '../helpers/db.ts';
import {
  applyWrite,
  at,
  expectSame,
  type ItemDraft,
  itemArb,
  scopesOf,
  setUp,
  shift,
  type Write,
  writeArb,
} from '../helpers/random-ledger.ts';

/** The rollups answer even the small ledgers of these tests (by default they leave them to the SQL). */
const ALWAYS = { minItems: 0 };

/** Compares both paths at T for every scope and grouping; returns how many answers the fast path gave. */
function compareAt(db: Db, t: string): number {
  let served = 0;
  for (const scope of scopesOf(db)) {
    const p: FigureParams = { t, scope, warningDays: 7 };
    const label = `T=${t} scope=${JSON.stringify(scope)}`;
    const exact = exactFigures(db, p);
    // The drill-down lists of open items read only candidates; their totals must still be the figures.
    const listed = (part: 'overdue' | 'yellow' | 'open' | 'green') =>
      listFigureItems(db, { ...p, part, page: 1, pageSize: 5 }).total;
    expect([listed('overdue'), listed('yellow'), listed('open'), listed('green')], label).toEqual([
      exact.overdue,
      exact.lights.yellow,
      exact.open,
      exact.lights.green,
    ]);
    // The ledger's total for the scope (its table counts from the rollups too): the items not voided now.
    const { where, params } = scopeSql(scope);
    const counted = db
      .prepare(`SELECT COUNT(*) FROM items i WHERE i.voided_at IS NULL${where}`)
      .pluck()
      .get(params);
    expect(rollupItemCount(db, scope), label).toBe(counted);
    const fast = fastFigures(db, p, ALWAYS);
    if (fast !== null) {
      served++;
      expectSame(fast, exact, label);
    }
    for (const by of ['department', 'domain', 'source'] as GroupBy[]) {
      const fastBy = fastFiguresBy(db, p, by, ALWAYS);
      if (fastBy === null) continue;
      served++;
      const exactBy = exactFiguresBy(db, p, by);
      expect([...fastBy.keys()].sort(), `${label} by ${by}`).toEqual([...exactBy.keys()].sort());
      for (const [key, figures] of exactBy) expectSame(fastBy.get(key), figures, `${label} by ${by} ${key}`);
    }
  }
  return served;
}

/** The rollup tables as their triggers left them, without rows that count nothing. */
function rollupContents(db: Db) {
  return {
    rollups: db
      .prepare(
        `SELECT * FROM figure_rollups WHERE registered <> 0 OR closed <> 0 OR with_deadline <> 0
         ORDER BY department_id, campaign_id, domain_id, source`,
      )
      .all(),
    rollupsByDepartment: db
      .prepare('SELECT * FROM figure_rollups_by_department WHERE registered <> 0 OR closed <> 0 ORDER BY 1')
      .all(),
    rollupsByKind: db
      .prepare('SELECT * FROM figure_rollups_by_kind WHERE registered <> 0 OR closed <> 0 ORDER BY 1, 2, 3')
      .all(),
    byDepartment: db
      .prepare('SELECT * FROM figure_days_to_close_by_department WHERE items <> 0 ORDER BY 1, 2, 3')
      .all(),
    byKind: db
      .prepare('SELECT * FROM figure_days_to_close_by_kind WHERE items <> 0 ORDER BY 1, 2, 3, 4')
      .all(),
    responses: db.prepare('SELECT * FROM figure_responses ORDER BY item_id').all(),
  };
}

function runScenario(db: Db, items: ItemDraft[], writes: { gap: number; write: Write }[], extra: string[]) {
  const { create } = setUp(db);
  const ids = items.map((item, k) => create(item, item.reg, k % 3 === 0 ? 'K2' : 'K1'));
  let clock = 2200; // after every event of the initial items (registered ≤ 1500 h, closed ≤ 600 h later)
  const moments: string[] = [];
  for (const { gap, write } of writes) {
    clock += gap;
    const now = at(clock);
    moments.push(now);
    applyWrite(db, ids, write, now, (item, backdate) => create(item, clock - backdate, 'K1', clock));
  }
  const lastEvent = (
    db.prepare(`SELECT MAX(${LAST_EVENT_SQL('i')}) AS m FROM items i WHERE i.voided_at IS NULL`).get() as {
      m: string | null;
    }
  ).m;
  const latest = shift(lastEvent !== null && lastEvent > at(clock) ? lastEvent : at(clock), 1);
  // After every event the fast path must answer every question it keys on: all but a department
  // grouping or scope mixed with a domain or source one (21 of 7 scopes × 4 groupings).
  expect(compareAt(db, latest)).toBe(21);
  compareAt(db, at(clock - 24 * 7));
  for (const m of [...moments.slice(-2), ...extra]) {
    compareAt(db, m);
    compareAt(db, shift(m, 1));
  }
  // A registration-period scope is never served by the rollups.
  expect(
    fastFigures(db, { t: latest, scope: { registeredFrom: '2026-01-01' }, warningDays: 7 }, ALWAYS),
  ).toBeNull();
}

describe('figures from the rollups equal the exact SQL', () => {
  it('after random ledgers and random writes, at and around the moments of the writes', () => {
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 20 }),
        fc.array(writeArb, { maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 2600 }).map(at), { maxLength: 2 }),
        (items, writes, extra) => {
          const db = memoryDb();
          runScenario(db, items, writes, extra);
          const kept = rollupContents(db);
          db.transaction(() => {
            for (const sql of REBUILD_FIGURE_ROLLUPS) db.exec(sql);
          })();
          expect(rollupContents(db)).toEqual(kept);
        },
      ),
      { numRuns: 60, seed: 20261124 },
    );
  }, 180_000);

  it('a demo ledger built with the triggers suspended gets the rollups the triggers would have kept', () => {
    const options = { seed: 11, anchor: '2026-11-20', departments: 12, items: 400, tz: 'Asia/Shanghai' };
    const live = memoryDb();
    generateDemo(live, options);
    const bulk = memoryDb();
    const resume = suspendDerived(bulk);
    generateDemo(bulk, options);
    resume();
    expect(rollupContents(bulk)).toEqual(rollupContents(live));
    const p: FigureParams = { t: '2026-11-20T16:00:00', scope: {}, warningDays: 7 };
    expectSame(fastFigures(bulk, p, ALWAYS) ?? undefined, exactFigures(bulk, p), 'demo');
  });

  it('fail when a trigger forgets part of a write (the comparison can catch a broken rollup)', () => {
    const db = memoryDb();
    const { create } = setUp(db);
    const id = create(
      {
        reg: 0,
        department: 'A',
        source: 'hotline',
        domain: 'D1',
        deadline: { days: 3 },
        closedAfter: null,
        responseAfter: 2,
      },
      0,
      'K1',
    );
    // Break the update trigger: it no longer takes the old state out before adding the new one.
    const sql = (
      db
        .prepare("SELECT sql FROM sqlite_master WHERE name = 'items_update_maintains_figure_rollups'")
        .get() as {
        sql: string;
      }
    ).sql;
    db.exec('DROP TRIGGER items_update_maintains_figure_rollups');
    db.exec(sql.replace(/-\(1\)/, '0'));
    applyWrite(db, [id], { kind: 'close', pick: 0 }, at(100), () => 0);
    expect(() => compareAt(db, at(200))).toThrow(/expected/);
  });

  it('histogram percentiles are the doubles SQLite computes', () => {
    const db = memoryDb();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }), (values) => {
        const histogram = new Map<number, number>();
        for (const v of values) histogram.set(v, (histogram.get(v) ?? 0) + 1);
        const sql = db
          .prepare(
            `SELECT median(value) AS median, percentile(value, 90) AS p90, AVG(value) AS mean FROM json_each(?)`,
          )
          .get(JSON.stringify(values));
        expect(histogramStats(sortedBins(histogram))).toEqual(sql);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
