/**
 * The one-pass weekly figures (db/queries/series.ts) and rankings (db/queries/ranking-series.ts)
 * against the per-moment queries they replace: at every weekly point, the same numbers as
 * `getFigures` / `getFiguresBy` / `getDepartmentRanking` at that week's T, on random ledgers with
 * reopenings, extensions approved before and after the old deadline, voided items, timed deadlines,
 * and events on the second around the weeks' midnight boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Figures, getFigures, getFiguresBy } from '../../db/queries/figures.ts';
import { getDepartmentRanking } from '../../db/queries/ranking.ts';
import { getDepartmentRankings } from '../../db/queries/ranking-series.ts';
import { getFiguresAtMoments, type PointFigures } from '../../db/queries/series.ts';
import { DEFAULT_PROFILE, type ProfileConfig } from '../../server/domain/scoring.ts';
import { addDays, type Moment } from '../../server/domain/time.ts';
import { weeksUntil } from '../../server/figures/reports.ts';
import { demoDb, memoryDb } from '../helpers/db.ts';
import { type ItemSpec, ledger } from '../helpers/ledger.ts';

const MONDAY = Date.parse('2026-01-05T00:00:00Z');
const HOUR = 3_600_000;
/** A moment `hours` after the first Monday, nudged by a second either way to land on both sides of midnight. */
const at = (hours: number, nudge = 0) =>
  new Date(MONDAY + hours * HOUR + nudge * 1000).toISOString().slice(0, 19);
const day = (hours: number) => at(hours).slice(0, 10);
const nudgeArb = fc.constantFrom(-1, 0, 0, 1);

const deadlineArb = (reg: number) =>
  fc.oneof(
    fc.constant(null),
    fc.integer({ min: -2, max: 40 }).map((d) => day(reg + d * 24)),
    fc.tuple(fc.integer({ min: 1, max: 300 }), nudgeArb).map(([h, n]) => at(reg + h, n)),
  );

/** Closures in time order, each at least an hour after the last event; all but the last reopened. */
const closuresArb = (reg: number) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 700 }), nudgeArb), {
        maxLength: 3,
      }),
      fc.boolean(),
    )
    .map(([gaps, lastReopened]) => {
      let time = reg;
      return gaps.map(([closeGap, reopenGap, nudge], k) => {
        time += closeGap;
        const closed = at(time, nudge);
        if (k < gaps.length - 1 || lastReopened) {
          time += reopenGap;
          return { closed, reopened: at(time, nudge) };
        }
        return { closed };
      });
    });

/** Extensions in approval order; the new deadline a day or a moment, before or after the approval. */
const extensionsArb = (reg: number) =>
  fc
    .array(
      fc.tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: -5, max: 60 }), fc.boolean(), nudgeArb),
      { maxLength: 3 },
    )
    .map((list) => {
      let time = reg;
      return list.map(([gap, days, timed, nudge]) => {
        time += gap;
        return {
          approved: at(time, nudge),
          deadline: timed ? at(time + days * 24 + 5, nudge) : day(time + days * 24),
        };
      });
    });

const itemArb = fc
  .record({
    // Whole days (midnight), any hour (mid-week, mid-day), or a second either side of a Monday midnight.
    reg: fc.oneof(
      fc.integer({ min: 0, max: 2400 }),
      fc.integer({ min: 0, max: 100 }).map((d) => d * 24),
      fc.integer({ min: 0, max: 14 }).map((w) => w * 168),
    ),
    regNudge: nudgeArb,
    department: fc.constantFrom('A', 'B', 'C', null),
    voided: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      deadline: deadlineArb(base.reg),
      // Often none, so that many items are untouched while a series runs (only their deadline passes).
      closures: fc.oneof(fc.constant([] as { closed: string; reopened?: string }[]), closuresArb(base.reg)),
      extensions: fc.oneof(
        fc.constant([] as { approved: string; deadline: string }[]),
        extensionsArb(base.reg),
      ),
    }),
  );

const ledgerArb = fc.array(itemArb, { minLength: 0, maxLength: 30 });
/** T for the series, and how many weeks it covers. */
const windowArb = fc.record({
  t: fc.oneof(
    fc.tuple(fc.integer({ min: 24, max: 3200 }), nudgeArb).map(([h, n]) => at(h, n)),
    fc.integer({ min: 1, max: 20 }).map((w) => at(w * 168)),
  ),
  weeks: fc.integer({ min: 1, max: 30 }),
  since: fc.tuple(fc.integer({ min: 0, max: 3200 }), nudgeArb).map(([h, n]) => at(h, n)),
});

const pointOf = (f: Figures): PointFigures => ({
  registered: f.registered,
  closed: f.closed,
  due: f.due,
  onTime: f.onTime,
  overdue: f.overdue,
  everClosed: f.everClosed,
  everReopened: f.everReopened,
  ttcMedian: f.timeToClose.medianDays,
  ttcP90: f.timeToClose.p90Days,
});

const EMPTY_POINT: PointFigures = pointOf({
  registered: 0,
  closed: 0,
  due: 0,
  onTime: 0,
  overdue: 0,
  everClosed: 0,
  everReopened: 0,
  timeToClose: { medianDays: null, p90Days: null },
} as Figures);

/** A profile that ranks small departments and counts the appraisal, so ranks and years are exercised. */
const PROFILE: ProfileConfig = {
  ...DEFAULT_PROFILE,
  minDueItems: 2,
  components: {
    ...DEFAULT_PROFILE.components,
    closureRate: { weight: 15, floor: 0.5, target: 1 },
    appraisal: { weight: 10, floor: 60, target: 95 },
  },
};

const seriesMoments = (t: Moment, weeks: number) =>
  weeksUntil(addDays(t.slice(0, 10), -7 * (weeks - 1)), t).map((w) => w.asOf);

function rankingShape(db: Parameters<typeof getDepartmentRanking>[0], t: Moment) {
  return getDepartmentRanking(db, { t, scope: {}, profile: PROFILE }).map((r) => ({
    department: r.department,
    score: r.score,
    ranked: r.ranked,
    rank: r.rank,
    overallRank: r.overallRank,
  }));
}

describe('one-pass weekly figures against the figures at each week', () => {
  it('agree at every weekly point on random ledgers, overall, per department and in the rankings', () => {
    fc.assert(
      fc.property(ledgerArb, windowArb, (drafts, window) => {
        const db = memoryDb();
        const l = ledger(db).department('A', 'G1').department('B', 'G1').department('C', 'G2');
        l.appraisal('A', '2025', 70).appraisal('A', '2026', 90).appraisal('B', '2026', 50);
        drafts.forEach((d, k) => {
          const spec: ItemSpec = {
            code: `x${k}`,
            department: d.base.department,
            registered: at(d.base.reg, d.base.regNudge),
            deadline: d.deadline,
            closures: d.base.voided ? [] : d.closures,
            extensions: d.base.voided ? [] : d.extensions,
            ...(d.base.voided ? { voided: at(d.base.reg + 1) } : {}),
          };
          l.item(spec);
        });
        const moments = seriesMoments(window.t, window.weeks);
        const overall = getFiguresAtMoments(db, moments, {}, 'all').get(null)!;
        const byDepartment = getFiguresAtMoments(db, moments, {}, 'department');
        const rankings = getDepartmentRankings(db, moments, {}, PROFILE);
        moments.forEach((t, j) => {
          const label = `week ${j} at ${t}`;
          expect(overall[j], label).toEqual(pointOf(getFigures(db, { t, scope: {}, warningDays: 7 })));
          const expected = getFiguresBy(db, { t, scope: {}, warningDays: 7 }, 'department');
          for (const g of new Set([...expected.keys(), ...byDepartment.keys()])) {
            const e = expected.get(g);
            expect(byDepartment.get(g as number | null)?.[j] ?? EMPTY_POINT, `${label} group ${g}`).toEqual(
              e ? pointOf(e) : EMPTY_POINT,
            );
          }
          expect(rankings[j], label).toEqual(rankingShape(db, t));
        });
        // Two moments anywhere (since the last review, an improvement baseline).
        if (window.since < window.t) {
          const [before, now] = getDepartmentRankings(db, [window.since, window.t], {}, PROFILE);
          expect(before).toEqual(rankingShape(db, window.since));
          expect(now).toEqual(rankingShape(db, window.t));
        }
      }),
      { numRuns: 200, seed: 20261124 },
    );
  });

  it('agree on a demo ledger, every week of half a year, in a scope', () => {
    const db = demoDb({ items: 1200, departments: 12 });
    const moments = seriesMoments('2026-11-20T16:00:00', 26);
    const scope = { source: 'self_inspection' as const };
    const overall = getFiguresAtMoments(db, moments, scope, 'all').get(null)!;
    const rankings = getDepartmentRankings(db, moments, {}, DEFAULT_PROFILE);
    moments.forEach((t, j) => {
      expect(overall[j], t).toEqual(pointOf(getFigures(db, { t, scope, warningDays: 7 })));
      expect(rankings[j], t).toEqual(
        getDepartmentRanking(db, { t, scope: {}, profile: DEFAULT_PROFILE }).map((r) => ({
          department: r.department,
          score: r.score,
          ranked: r.ranked,
          rank: r.rank,
          overallRank: r.overallRank,
        })),
      );
    });
  });
});
