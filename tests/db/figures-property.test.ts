import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Figures, getFigures, getFiguresBy, listFigureItems } from '../../db/queries/figures.ts';
import { memoryDb } from '../helpers/db.ts';
import { type ItemSpec, ledger } from '../helpers/ledger.ts';
import { type ReferenceFigures, referenceFigures } from './figures-reference.ts';

const START = Date.parse('2026-01-01T00:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(START + hours * HOUR).toISOString().slice(0, 19);
const day = (hours: number) => at(hours).slice(0, 10);

const deadlineArb = (reg: number) =>
  fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 40 }).map((d) => day(reg + d * 24)),
    fc.integer({ min: 1, max: 300 }).map((h) => at(reg + h)),
  );

/** Closures in time order; each but the last is reopened, the last maybe. */
const closuresArb = (reg: number) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.integer({ min: 1, max: 700 }), fc.integer({ min: 1, max: 700 })), {
        maxLength: 3,
      }),
      fc.boolean(),
    )
    .map(([gaps, lastReopened]) => {
      let time = reg;
      return gaps.map(([closeGap, reopenGap], k) => {
        time += closeGap;
        const closed = at(time);
        if (k < gaps.length - 1 || lastReopened) {
          time += reopenGap;
          return { closed, reopened: at(time) };
        }
        return { closed };
      });
    });

const extensionsArb = (reg: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 60 })), { maxLength: 2 })
    .map((list) => {
      let time = reg;
      return list.map(([gap, days]) => {
        time += gap;
        return { approved: at(time), deadline: day(time + days * 24) };
      });
    });

const itemArb = fc
  .record({
    reg: fc.oneof(
      fc.integer({ min: 0, max: 2400 }),
      fc.integer({ min: 0, max: 100 }).map((d) => d * 24),
    ),
    department: fc.constantFrom('A', 'B', 'C', null),
    source: fc.constantFrom('self_inspection', 'public_complaint', 'hotline', 'inspection_feedback' as const),
    voided: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
    responseHours: fc.option(fc.integer({ min: 0, max: 100 })),
  })
  .chain((base) =>
    fc.record({
      base: fc.constant(base),
      deadline: deadlineArb(base.reg),
      closures: closuresArb(base.reg),
      extensions: extensionsArb(base.reg),
    }),
  );

const ledgerArb = fc.array(itemArb, { minLength: 0, maxLength: 25 });
const momentArb = fc.oneof(
  fc.integer({ min: 0, max: 3000 }).map(at),
  fc.integer({ min: 0, max: 125 }).map((d) => at(d * 24)),
);

function compare(actual: Figures, expected: ReferenceFigures, label: string) {
  expect(
    {
      registered: actual.registered,
      closed: actual.closed,
      due: actual.due,
      onTime: actual.onTime,
      overdue: actual.overdue,
      open: actual.open,
      yellow: actual.lights.yellow,
      green: actual.lights.green,
      everClosed: actual.everClosed,
      everReopened: actual.everReopened,
      extended: actual.extended,
      complaints: actual.firstResponse.complaints,
      responded: actual.firstResponse.n,
      closureRate: actual.closureRate,
      onTimeRate: actual.onTimeRate,
      reopenRate: actual.reopenRate,
    },
    label,
  ).toEqual({
    registered: expected.registered,
    closed: expected.closed,
    due: expected.due,
    onTime: expected.onTime,
    overdue: expected.overdue,
    open: expected.open,
    yellow: expected.yellow,
    green: expected.green,
    everClosed: expected.everClosed,
    everReopened: expected.everReopened,
    extended: expected.extended,
    complaints: expected.complaints,
    responded: expected.responded,
    closureRate: expected.closureRate,
    onTimeRate: expected.onTimeRate,
    reopenRate: expected.reopenRate,
  });
  for (const [a, e] of [
    [actual.timeToClose.medianDays, expected.ttcMedian],
    [actual.timeToClose.p90Days, expected.ttcP90],
    [actual.timeToClose.meanDays, expected.ttcMean],
    [actual.firstResponse.medianHours, expected.frhMedian],
  ] as const) {
    if (e === null) expect(a, label).toBeNull();
    else expect(a, label).toBeCloseTo(e, 6);
  }
}

describe('figures against an independent reference implementation', () => {
  it('agree on random ledgers at random moments, overall and per department', () => {
    fc.assert(
      fc.property(ledgerArb, fc.array(momentArb, { minLength: 1, maxLength: 4 }), (drafts, moments) => {
        const db = memoryDb();
        const l = ledger(db).department('A', 'G1').department('B', 'G1').department('C', 'G2');
        const specs: ItemSpec[] = drafts.map((d, k) => ({
          code: `x${k}`,
          department: d.base.department,
          registered: at(d.base.reg),
          deadline: d.deadline,
          source: d.base.source,
          closures: d.base.voided ? [] : d.closures,
          extensions: d.base.voided ? [] : d.extensions,
          ...(d.base.voided ? { voided: at(d.base.reg + 1) } : {}),
          ...(d.base.responseHours !== null ? { firstResponse: at(d.base.reg + d.base.responseHours) } : {}),
        }));
        for (const spec of specs) l.item(spec);
        for (const t of moments) {
          const label = `T=${t}`;
          compare(getFigures(db, { t, scope: {}, warningDays: 7 }), referenceFigures(specs, t, 7), label);
          const byDepartment = getFiguresBy(db, { t, scope: {}, warningDays: 7 }, 'department');
          for (const code of ['A', 'B', 'C']) {
            const expected = referenceFigures(
              specs.filter((s) => s.department === code),
              t,
              7,
            );
            const actual = byDepartment.get(l.ids.department.get(code)!);
            if (expected.registered === 0) expect(actual, `${label} ${code}`).toBeUndefined();
            else compare(actual!, expected, `${label} ${code}`);
          }
          const overdue = listFigureItems(db, {
            t,
            scope: {},
            warningDays: 7,
            part: 'overdue',
            page: 1,
            pageSize: 100,
          });
          expect(Object.fromEntries(overdue.items.map((i) => [i.ledgerCode, i.daysOverdue])), label).toEqual(
            referenceFigures(specs, t, 7).daysOverdue,
          );
        }
      }),
      { numRuns: 150, seed: 20261123 },
    );
  });
});
