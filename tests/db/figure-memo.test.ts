/**
 * Figures remembered by moment (db/figure-memo.ts) against figures computed afresh: random ledgers,
 * random writes at a moving "now" (including those that reach into the past: voiding, a new lead
 * department, an edited source or domain, a first deadline, a department moved to another peer group,
 * an item registered back in time, an appraisal, a renamed peer group), and after each write every
 * remembered question asked again: the figures at a moment, by department, the weekly series, the
 * weekly flow, the rankings, the rollups' remembered parts (first-response hours, days-to-close
 * histograms), and the drill-down pages of "since the last review" and of the overdue items.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoCounts } from '../../db/figure-memo.ts';
import { listChangedParts } from '../../db/queries/changes.ts';
import {
  exactFigures,
  exactFiguresBy,
  type Figures,
  getFigures,
  getFiguresBy,
  getFlow,
  listFigureItems,
} from '../../db/queries/figures.ts';
import { fastFigures, fastFiguresBy } from '../../db/queries/figures-fast.ts';
import { getDepartmentRanking } from '../../db/queries/ranking.ts';
import { getDepartmentRankings } from '../../db/queries/ranking-series.ts';
import { getFiguresAtMoments, pointOf } from '../../db/queries/series.ts';
import { DEFAULT_PROFILE, type ProfileConfig } from '../../server/domain/scoring.ts';
import { addDays, weekStart } from '../../server/domain/time.ts';
import { memoryDb } from '../helpers/db.ts';
import { applyWrite, at, expectSame, itemArb, scopesOf, setUp, writeArb } from '../helpers/random-ledger.ts';

/** The rollups answer even these small ledgers (by default they leave them to the SQL). */
const ALWAYS = { minItems: 0 };

/** Ranks every department with a due item, so the rankings have ranks to get wrong. */
const PROFILE: ProfileConfig = { ...DEFAULT_PROFILE, minDueItems: 1 };

/** A week of hours: the series' points. */
const WEEK = 168;

describe('figures remembered by moment', () => {
  it('equal the figures computed afresh after every write, and are reused when a write cannot change them', () => {
    let hits = 0;
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 15 }),
        fc.array(writeArb, { minLength: 1, maxLength: 15 }),
        (items, writes) => {
          const db = memoryDb();
          const { create } = setUp(db);
          const ids = items.map((item, k) => create(item, item.reg, k % 3 === 0 ? 'K2' : 'K1'));
          const scopes = scopesOf(db).slice(0, 6);
          let clock = 2200;
          const check = () => {
            // The same weekly points at every check (before, around and after the writes, which start
            // at 2200 h and move on by up to 200 h each), so remembered answers are asked for again;
            // and the moments around now where the writes land.
            const points = Array.from({ length: 8 }, (_, k) => at(1700 + k * WEEK));
            const moments = [...points, at(clock - 1), at(clock + 1)];
            for (const scope of scopes) {
              for (const t of moments) {
                const p = { t, scope, warningDays: 7 };
                const label = `T=${t} scope=${JSON.stringify(scope)}`;
                const exact = exactFigures(db, p);
                expectSame(getFigures(db, p), exact, label);
                // The rollups' own remembered parts (response hours, days-to-close histograms).
                const fast = fastFigures(db, p, ALWAYS);
                if (fast !== null) expectSame(fast, exact, `${label} rollups`);
                for (const group of ['department', 'domain', 'source'] as const) {
                  const fastBy = fastFiguresBy(db, p, group, ALWAYS);
                  if (fastBy === null) continue;
                  const exactBy = exactFiguresBy(db, p, group);
                  expect([...fastBy.keys()].sort(), `${label} rollups by ${group}`).toEqual(
                    [...exactBy.keys()].sort(),
                  );
                  for (const [key, f] of exactBy)
                    expectSame(fastBy.get(key), f, `${label} rollups by ${group} ${key}`);
                }
                const by = getFiguresBy(db, p, 'department');
                const fresh = exactFiguresBy(db, p, 'department');
                expect([...by.keys()].sort(), label).toEqual([...fresh.keys()].sort());
                for (const [key, f] of fresh) expectSame(by.get(key), f, `${label} department ${key}`);
              }
              // The weekly flow: remembered against computed inside a transaction (which never remembers).
              const weeks = Array.from({ length: 8 }, (_, k) =>
                addDays(weekStart(at(1700).slice(0, 10)), 7 * k),
              );
              for (const end of [`${addDays(weeks[7]!, 7)}T00:00:00`, `${addDays(weeks[7]!, 3)}T12:00:00`])
                expect(getFlow(db, scope, weeks, end), `flow ${JSON.stringify(scope)} ${end}`).toEqual(
                  db.transaction(() => getFlow(db, scope, weeks, end))(),
                );
              // And the weeks up to the writes, as of moments around the latest one and on the next
              // days (the week so far is remembered by the day it ends on).
              const recent = [14, 7, 0].map((d) => addDays(weekStart(at(clock).slice(0, 10)), -d));
              for (const end of [at(clock - 1), at(clock + 1), at(clock + 25), at(clock + 49)])
                expect(getFlow(db, scope, recent, end), `flow ${JSON.stringify(scope)} ${end}`).toEqual(
                  db.transaction(() => getFlow(db, scope, recent, end))(),
                );
              // The rankings, which also read the departments, peer groups and appraisals: remembered
              // against computed inside a transaction.
              if (scope.departmentId === undefined) {
                const rankScope = { ...scope };
                expect(getDepartmentRankings(db, points, rankScope, PROFILE), 'rankings').toEqual(
                  db.transaction(() => getDepartmentRankings(db, points, rankScope, PROFILE))(),
                );
                // Rankings remembered by moment: at weekly points (asked again after later writes) and
                // now, under two profiles (each remembered apart).
                for (const t of [...points.slice(-2), at(clock + 1)])
                  for (const profile of [PROFILE, { ...PROFILE, minDueItems: 2 }]) {
                    const ranking = getDepartmentRanking(db, { t, scope: rankScope, profile });
                    expect(ranking, `ranking T=${t} min ${profile.minDueItems}`).toEqual(
                      db.transaction(() => getDepartmentRanking(db, { t, scope: rankScope, profile }))(),
                    );
                  }
              }
              // The drill-down pages remembered by moment (which items; their rows are read afresh):
              // against computed inside a transaction.
              for (const t of moments.slice(-2)) {
                const changed = (page: number) =>
                  listChangedParts(db, {
                    t,
                    since: at(clock - WEEK),
                    scope,
                    warningDays: 7,
                    parts: ['overdue', 'closed'],
                    limit: 2,
                    offset: (page - 1) * 2,
                  });
                const overdue = (page: number) =>
                  listFigureItems(db, { t, scope, warningDays: 7, part: 'overdue', page, pageSize: 2 });
                for (const page of [1, 2]) {
                  expect(changed(page), `changes page ${page} T=${t}`).toEqual(
                    db.transaction(() => changed(page))(),
                  );
                  expect(overdue(page), `overdue page ${page} T=${t}`).toEqual(
                    db.transaction(() => overdue(page))(),
                  );
                }
              }
              for (const by of ['all', 'department'] as const) {
                const series = getFiguresAtMoments(db, points, scope, by);
                points.forEach((t, j) => {
                  const p = { t, scope, warningDays: 7 };
                  const fresh =
                    by === 'all'
                      ? new Map([[null, exactFigures(db, p)]])
                      : (exactFiguresBy(db, p, 'department') as Map<number | null, Figures>);
                  for (const [g, f] of fresh)
                    expect(series.get(g)?.[j], `series ${by} ${g} T=${t}`).toEqual(pointOf(f));
                  for (const [g, list] of series)
                    if (!fresh.has(g)) expect(list[j]!.registered, `series ${by} ${g} T=${t}`).toBe(0);
                });
              }
            }
          };
          check();
          for (const { gap, write } of writes) {
            clock += gap;
            applyWrite(db, ids, write, at(clock), (item, backdate) =>
              create(item, clock - backdate, 'K1', clock),
            );
            check();
          }
          hits += memoCounts(db).hits;
        },
      ),
      { numRuns: 25 },
    );
    // Not a vacuous pass: across the runs, answers did come from memory.
    expect(hits).toBeGreaterThan(0);
  }, 180_000);

  it('keep which items a drill-down page holds, but read their rows afresh (an edited title shows at once)', () => {
    const db = memoryDb();
    const { create } = setUp(db);
    const draft = {
      department: 'A',
      source: 'hotline',
      domain: 'D1',
      closedAfter: null,
      responseAfter: null,
    };
    const id = create(
      { ...draft, reg: 100, deadline: { days: 2 } } as Parameters<typeof create>[0],
      100,
      'K1',
    );
    const p = { t: at(2200), scope: {}, warningDays: 7 };
    const page = () => listFigureItems(db, { ...p, part: 'overdue', page: 1, pageSize: 5 });
    const changed = () =>
      listChangedParts(db, { ...p, since: at(100), parts: ['overdue'], limit: 5 }).overdue!;
    expect(page().items.map((i) => i.title)).toEqual(['Item x0']);
    expect(changed().items.map((i) => i.title)).toEqual(['Item x0']);
    // A title is no figure: the edit records no change, and the pages stay remembered.
    db.prepare('UPDATE items SET title = ? WHERE id = ?').run('renamed', id);
    const before = memoCounts(db);
    expect(page().items.map((i) => i.title)).toEqual(['renamed']);
    expect(changed().items.map((i) => i.title)).toEqual(['renamed']);
    expect(memoCounts(db).hits).toBeGreaterThan(before.hits);
  });

  it('read first-response hours again only when a response lies between two moments', () => {
    const db = memoryDb();
    const { create } = setUp(db);
    const complaint = (reg: number, responseAfter: number) =>
      create(
        {
          reg,
          department: 'A',
          source: 'hotline',
          domain: 'D1',
          deadline: null,
          closedAfter: null,
          responseAfter,
        } as Parameters<typeof create>[0],
        reg,
        'K1',
      );
    for (const reg of [10, 20, 30, 40]) complaint(reg, 1);
    complaint(100, 5);
    complaint(300, 50); // answered at 350 h (few items change after T, so the rollups answer)
    const figuresAt = (hours: number) => {
      const p = { t: at(hours), scope: {}, warningDays: 7 };
      const before = memoCounts(db);
      const fast = fastFigures(db, p, ALWAYS)!;
      expectSame(fast, exactFigures(db, p), `T=${at(hours)}`);
      return { fast, misses: memoCounts(db).misses - before.misses };
    };
    figuresAt(200);
    // No response between 200 h and 340 h: nothing remembered is read again.
    expect(figuresAt(340).misses).toBe(0);
    // The response at 350 h lies between: the hours are read again, and count it.
    const later = figuresAt(400);
    expect(later.misses).toBe(1);
    expect(later.fast.firstResponse.n).toBe(6);
  });
});
