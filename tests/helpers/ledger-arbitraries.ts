/**
 * Random ledgers for property tests of the figures over time: items registered at any hour or on the
 * second around a Monday midnight, closures and reopenings, extensions approved before and after the
 * old deadline (days or timed), voided items, and many items nothing happens to.
 */
import fc from 'fast-check';
import type { Db } from '../../db/open.ts';
import { ledger } from './ledger.ts';

const MONDAY = Date.parse('2026-01-05T00:00:00Z');
const HOUR = 3_600_000;
/** A moment `hours` after the first Monday, nudged by a second either way to land on both sides of midnight. */
export const at = (hours: number, nudge = 0) =>
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

export const ledgerArb = fc.array(itemArb, { minLength: 0, maxLength: 30 });
/** T for the series, and how many weeks it covers. */
export const windowArb = fc.record({
  t: fc.oneof(
    fc.tuple(fc.integer({ min: 24, max: 3200 }), nudgeArb).map(([h, n]) => at(h, n)),
    fc.integer({ min: 1, max: 20 }).map((w) => at(w * 168)),
  ),
  weeks: fc.integer({ min: 1, max: 30 }),
  since: fc.tuple(fc.integer({ min: 0, max: 3200 }), nudgeArb).map(([h, n]) => at(h, n)),
});

/** Departments A, B (group G1) and C (G2) with a few appraisals, and the drafted items. */
export function writeLedger(db: Db, drafts: typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never) {
  const l = ledger(db).department('A', 'G1').department('B', 'G1').department('C', 'G2');
  l.appraisal('A', '2025', 70).appraisal('A', '2026', 90).appraisal('B', '2026', 50);
  drafts.forEach((d, k) => {
    l.item({
      code: `x${k}`,
      department: d.base.department,
      registered: at(d.base.reg, d.base.regNudge),
      deadline: d.deadline,
      closures: d.base.voided ? [] : d.closures,
      extensions: d.base.voided ? [] : d.extensions,
      ...(d.base.voided ? { voided: at(d.base.reg + 1) } : {}),
    });
  });
  return l;
}
