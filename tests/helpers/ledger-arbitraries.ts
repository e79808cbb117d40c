/**
 * Random ledgers for property tests of the figures over time: items registered at any hour or on the
 * second around a Monday midnight over about 14 weeks, closures and reopenings, extensions approved
 * before and after the old deadline (days or timed), voided items, and many items nothing happens to.
 * Items are spread over two campaigns (K1 with domains D1 and D2, K2 with D3, some items in no domain),
 * every source (complaints with and without a first response), three departments in two peer groups
 * and unassigned items, so that every scope of the figures selects a different part of the ledger.
 */
import fc from 'fast-check';
import type { Db } from '../../db/open.ts';
import { SOURCES } from '../../server/domain/lifecycle.ts';
import { type ItemSpec, ledger } from './ledger.ts';

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

export const itemArb = fc
  .record({
    // Whole days (midnight), any hour (mid-week, mid-day), or a second either side of a Monday midnight.
    reg: fc.oneof(
      fc.integer({ min: 0, max: 2400 }),
      fc.integer({ min: 0, max: 100 }).map((d) => d * 24),
      fc.integer({ min: 0, max: 14 }).map((w) => w * 168),
    ),
    regNudge: nudgeArb,
    department: fc.constantFrom('A', 'B', 'C', null),
    campaign: fc.constantFrom('K1', 'K2'),
    /** Which of the campaign's domains (DOMAINS), or none. */
    domain: fc.constantFrom(null, 0, 1),
    source: fc.constantFrom(...SOURCES),
    /** Hours after registration of the first response (counted for complaint sources only). */
    responseHours: fc.option(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2000 }))),
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

export type LedgerDrafts = typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never;

/** The campaigns' domains; an item of campaign K picks DOMAINS[K][index], wrapping around. */
export const DOMAINS: Record<'K1' | 'K2', string[]> = { K1: ['D1', 'D2'], K2: ['D3'] };
/** Each department's peer group. */
export const PEER_GROUPS: Record<string, string> = { A: 'G1', B: 'G1', C: 'G2' };

/** The drafted items as the ledger helper's specs (what the reference implementation reads). */
export function draftSpecs(drafts: LedgerDrafts): ItemSpec[] {
  return drafts.map((d, k) => {
    const { base } = d;
    const domains = DOMAINS[base.campaign];
    return {
      code: `x${k}`,
      department: base.department,
      registered: at(base.reg, base.regNudge),
      deadline: d.deadline,
      campaign: base.campaign,
      ...(base.domain !== null ? { domain: domains[base.domain % domains.length]! } : {}),
      source: base.source,
      closures: base.voided ? [] : d.closures,
      extensions: base.voided ? [] : d.extensions,
      ...(base.voided ? { voided: at(base.reg + 1) } : {}),
      ...(base.responseHours !== null
        ? { firstResponse: at(base.reg + base.responseHours, base.regNudge) }
        : {}),
    };
  });
}

/**
 * Departments A, B (group G1) and C (G2) with a few appraisals, campaigns K1 (domains D1, D2) and K2
 * (D3), and the drafted items.
 */
export function writeLedger(db: Db, drafts: LedgerDrafts) {
  const l = ledger(db);
  for (const [code, group] of Object.entries(PEER_GROUPS)) l.department(code, group);
  l.appraisal('A', '2025', 70).appraisal('A', '2026', 90).appraisal('B', '2026', 50);
  for (const [campaign, domains] of Object.entries(DOMAINS)) {
    l.campaign(campaign);
    for (const domain of domains) l.domain(domain, campaign);
  }
  for (const spec of draftSpecs(drafts)) l.item(spec);
  return l;
}
