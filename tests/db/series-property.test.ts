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
import { getActiveProfile } from '../../db/queries/profiles.ts';
import { getDepartmentRanking } from '../../db/queries/ranking.ts';
import { getDepartmentRankings } from '../../db/queries/ranking-series.ts';
import { getFiguresAtMoments, type PointFigures, pointOf } from '../../db/queries/series.ts';
import { DEFAULT_PROFILE, type ProfileConfig } from '../../server/domain/scoring.ts';
import { addDays, type Moment } from '../../server/domain/time.ts';
import { seriesReport, weeksUntil } from '../../server/figures/reports.ts';
import { demoDb, memoryDb } from '../helpers/db.ts';
import { ledgerArb, windowArb, writeLedger } from '../helpers/ledger-arbitraries.ts';

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
        writeLedger(db, drafts);
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
  }, 60_000);

  it('agree in scopes: a peer group for the rankings, a registration period for the figures', () => {
    fc.assert(
      fc.property(ledgerArb, windowArb, fc.integer({ min: 0, max: 60 }), (drafts, window, fromDay) => {
        const db = memoryDb();
        const l = writeLedger(db, drafts);
        const moments = seriesMoments(window.t, window.weeks);
        const groupScope = { peerGroupId: l.ids.group.get('G1')! };
        const periodScope = {
          registeredFrom: addDays('2026-01-05', fromDay),
          departmentId: l.ids.department.get('A')!,
        };
        const rankings = getDepartmentRankings(db, moments, groupScope, PROFILE);
        const overall = getFiguresAtMoments(db, moments, periodScope, 'all').get(null)!;
        moments.forEach((t, j) => {
          expect(rankings[j], t).toEqual(
            getDepartmentRanking(db, { t, scope: groupScope, profile: PROFILE }).map((r) => ({
              department: r.department,
              score: r.score,
              ranked: r.ranked,
              rank: r.rank,
              overallRank: r.overallRank,
            })),
          );
          expect(overall[j], t).toEqual(pointOf(getFigures(db, { t, scope: periodScope, warningDays: 7 })));
        });
      }),
      { numRuns: 60, seed: 20261126 },
    );
  });

  it('give the series endpoint the figures it gave when each week was computed on its own', () => {
    const db = demoDb({ items: 600, departments: 8 });
    const weeks = weeksUntil('2026-06-01', '2026-11-20T16:00:00');
    const profile = getActiveProfile(db);
    expect(seriesReport(db, weeks, {}, profile).weeks).toEqual(
      weeks.map(({ weekStart, asOf }) => {
        const f = getFigures(db, { t: asOf, scope: {}, warningDays: profile.config.warningDays });
        return {
          weekStart,
          asOf,
          registered: f.registered,
          closed: f.closed,
          closureRate: f.closureRate,
          due: f.due,
          onTime: f.onTime,
          onTimeRate: f.onTimeRate,
          overdue: f.overdue,
          open: f.open,
          medianDaysToClose: f.timeToClose.medianDays,
        };
      }),
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
