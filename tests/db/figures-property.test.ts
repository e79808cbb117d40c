/**
 * The SQL figures (db/queries/figures.ts) and the rollup path (db/queries/figures-fast.ts) against a
 * separate plain-JavaScript reference (./figures-reference.ts) on random ledgers
 * (tests/helpers/ledger-arbitraries.ts): every figure, in every kind of scope (campaign, domain,
 * source, department, peer group, registration period, and mixes of them), grouped by department,
 * domain and source, the days overdue of the drill-down list, and the weekly flow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAST_EVENT_SQL } from '../../db/figure-rollups.ts';
import type { Db } from '../../db/open.ts';
import {
  type FigureParams,
  type Figures,
  type GroupBy,
  getFigures,
  getFiguresBy,
  getFlow,
  listFigureItems,
  type Scope,
} from '../../db/queries/figures.ts';
import { fastFigures, fastFiguresBy } from '../../db/queries/figures-fast.ts';
import { SOURCES } from '../../server/domain/lifecycle.ts';
import { addDays, addMoment } from '../../server/domain/time.ts';
import { memoryDb } from '../helpers/db.ts';
import type { ItemSpec } from '../helpers/ledger.ts';
import { at, DOMAINS, draftSpecs, itemArb, PEER_GROUPS, writeLedger } from '../helpers/ledger-arbitraries.ts';
import {
  inScope,
  type ReferenceFigures,
  type ReferenceScope,
  referenceFigures,
  referenceFlow,
} from './figures-reference.ts';

const FIRST_MONDAY = '2026-01-05';
/** The rollups answer even these small ledgers (by default they leave them to the plain SQL). */
const ALWAYS = { minItems: 0 };
const WARNING_DAYS = 7;

const nudgeArb = fc.constantFrom(-1, 0, 0, 1);
const momentArb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 3200 }), nudgeArb).map(([h, n]) => at(h, n)),
  fc.integer({ min: 0, max: 130 }).map((d) => at(d * 24)),
);

/**
 * A registration period with ends on the registration days of the ledger's own items (moved a day
 * either way now and then), so that items are registered on its first and last days: a first and a
 * last day (both included), or only one of them.
 */
const periodArb = fc.record({
  from: fc.nat(),
  to: fc.nat(),
  fromShift: fc.constantFrom(-1, 0, 0, 1),
  toShift: fc.constantFrom(-1, 0, 0, 1),
  open: fc.constantFrom(0, 0, 1, 2),
});

function periodOf(specs: ItemSpec[], pick: typeof periodArb extends fc.Arbitrary<infer T> ? T : never) {
  const days = specs.map((s) => s.registered.slice(0, 10));
  const ends =
    days.length === 0
      ? [FIRST_MONDAY, addDays(FIRST_MONDAY, 30)]
      : [days[pick.from % days.length]!, days[pick.to % days.length]!];
  ends.sort();
  const first = addDays(ends[0]!, pick.fromShift);
  const last = addDays(ends[1]!, pick.toShift);
  if (pick.open === 1) return { registeredFrom: first };
  if (pick.open === 2) return { registeredTo: last };
  return { registeredFrom: first, registeredTo: last };
}

/** Larger ledgers than the series tests draw, so that every scope and group holds a few items. */
const scopedLedgerArb = fc.array(itemArb, { maxLength: 60, size: 'medium' });

/**
 * Weekly flow over consecutive weeks from a Monday (possibly before the first item), as of a moment
 * `endHours` into the last week (168: the next Monday 00:00, the whole week).
 */
const flowArb = fc.record({
  firstWeek: fc.integer({ min: -2, max: 18 }).map((w) => addDays(FIRST_MONDAY, 7 * w)),
  weeks: fc.integer({ min: 1, max: 8 }),
  endHours: fc.integer({ min: 1, max: 168 }),
});

/** Every kind of scope, on its own and mixed; a random registration period joins them per run. */
const FIXED_SCOPES: ReferenceScope[] = [
  {},
  { campaign: 'K1' },
  { campaign: 'K2' },
  ...Object.values(DOMAINS)
    .flat()
    .map((domain) => ({ domain })),
  ...SOURCES.map((source) => ({ source })),
  ...Object.keys(PEER_GROUPS).map((department) => ({ department })),
  { peerGroup: 'G1' },
  { peerGroup: 'G2' },
  { campaign: 'K1', source: 'hotline' },
  { campaign: 'K2', peerGroup: 'G1' },
  { department: 'A', domain: 'D1' },
  { peerGroup: 'G1', source: 'public_complaint' },
];

type Ids = ReturnType<typeof writeLedger>['ids'];

function sqlScope(scope: ReferenceScope, ids: Ids): Scope {
  return {
    ...(scope.campaign !== undefined ? { campaignId: ids.campaign.get(scope.campaign)! } : {}),
    ...(scope.domain !== undefined ? { domainId: ids.domain.get(scope.domain)! } : {}),
    ...(scope.source !== undefined ? { source: scope.source as Scope['source'] } : {}),
    ...(scope.department !== undefined ? { departmentId: ids.department.get(scope.department)! } : {}),
    ...(scope.peerGroup !== undefined ? { peerGroupId: ids.group.get(scope.peerGroup)! } : {}),
    ...(scope.registeredFrom !== undefined ? { registeredFrom: scope.registeredFrom } : {}),
    ...(scope.registeredTo !== undefined ? { registeredTo: scope.registeredTo } : {}),
  };
}

/** Each figure of the API answer against the reference; percentiles and means to 1e-6. */
function compare(actual: Figures, expected: ReferenceFigures, label: string) {
  expect(
    {
      registered: actual.registered,
      closed: actual.closed,
      due: actual.due,
      onTime: actual.onTime,
      overdue: actual.overdue,
      open: actual.open,
      red: actual.lights.red,
      yellow: actual.lights.yellow,
      green: actual.lights.green,
      everClosed: actual.everClosed,
      everReopened: actual.everReopened,
      extended: actual.extended,
      closedForTimeToClose: actual.timeToClose.n,
      complaints: actual.firstResponse.complaints,
      responded: actual.firstResponse.n,
      closureRate: actual.closureRate,
      onTimeRate: actual.onTimeRate,
      overdueShare: actual.overdueShare,
      reopenRate: actual.reopenRate,
      extensionRate: actual.extensionRate,
    },
    label,
  ).toEqual({
    registered: expected.registered,
    closed: expected.closed,
    due: expected.due,
    onTime: expected.onTime,
    overdue: expected.overdue,
    open: expected.open,
    red: expected.overdue,
    yellow: expected.yellow,
    green: expected.green,
    everClosed: expected.everClosed,
    everReopened: expected.everReopened,
    extended: expected.extended,
    closedForTimeToClose: expected.closed,
    complaints: expected.complaints,
    responded: expected.responded,
    closureRate: expected.closureRate,
    onTimeRate: expected.onTimeRate,
    overdueShare: expected.overdueShare,
    reopenRate: expected.reopenRate,
    extensionRate: expected.extensionRate,
  });
  for (const [name, a, e] of [
    ['ttc median', actual.timeToClose.medianDays, expected.ttcMedian],
    ['ttc p90', actual.timeToClose.p90Days, expected.ttcP90],
    ['ttc mean', actual.timeToClose.meanDays, expected.ttcMean],
    ['first response median', actual.firstResponse.medianHours, expected.frhMedian],
    ['first response p90', actual.firstResponse.p90Hours, expected.frhP90],
    ['first response mean', actual.firstResponse.meanHours, expected.frhMean],
  ] as const) {
    if (e === null) expect(a, `${label} ${name}`).toBeNull();
    else expect(a, `${label} ${name}`).toBeCloseTo(e, 6);
  }
}

/** The reference's groups: key (as the SQL returns it) → the scope's items in that group. */
function referenceGroups(items: ItemSpec[], by: GroupBy, ids: Ids): Map<number | string | null, ItemSpec[]> {
  const groups = new Map<number | string | null, ItemSpec[]>();
  for (const item of items) {
    const key =
      by === 'department'
        ? item.department === null
          ? null
          : ids.department.get(item.department)!
        : by === 'domain'
          ? item.domain === undefined
            ? null
            : ids.domain.get(item.domain)!
          : (item.source ?? 'self_inspection');
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function compareGroups(
  actual: Map<number | string | null, Figures>,
  items: ItemSpec[],
  by: GroupBy,
  ids: Ids,
  t: string,
  label: string,
) {
  const expected = new Map(
    [...referenceGroups(items, by, ids)]
      .map(([key, group]) => [key, referenceFigures(group, t, WARNING_DAYS)] as const)
      .filter(([, f]) => f.registered > 0),
  );
  const order = (keys: Iterable<number | string | null>) => [...keys].map(String).sort();
  expect(order(actual.keys()), `${label} groups by ${by}`).toEqual(order(expected.keys()));
  for (const [key, figures] of expected) compare(actual.get(key)!, figures, `${label} by ${by} ${key}`);
}

/** The moment just after the ledger's last event: from there the rollups need no correction. */
function afterLastEvent(db: Db): string | null {
  const row = db.prepare(`SELECT MAX(${LAST_EVENT_SQL('i')}) AS m FROM items i`).get() as {
    m: string | null;
  };
  return row.m === null ? null : addMoment(row.m, 1);
}

describe('figures against an independent reference implementation', () => {
  it('agree on random ledgers at random moments, in every scope, grouping and figure', () => {
    let fastServed = 0;
    fc.assert(
      fc.property(
        scopedLedgerArb,
        fc.array(momentArb, { minLength: 1, maxLength: 3 }),
        periodArb,
        flowArb,
        (drafts, randomMoments, periodPick, flow) => {
          const db = memoryDb();
          const { ids } = writeLedger(db, drafts);
          const specs = draftSpecs(drafts);
          const period = periodOf(specs, periodPick);
          const last = afterLastEvent(db);
          const moments = last === null ? randomMoments : [...randomMoments, last];
          const scopes = [
            ...FIXED_SCOPES,
            period,
            { ...period, peerGroup: 'G1' },
            { ...period, campaign: 'K2' },
          ];
          for (const scope of scopes) {
            const items = inScope(specs, scope, PEER_GROUPS);
            const sql = sqlScope(scope, ids);
            for (const t of moments) {
              const label = `T=${t} scope=${JSON.stringify(scope)}`;
              const p: FigureParams = { t, scope: sql, warningDays: WARNING_DAYS };
              const expected = referenceFigures(items, t, WARNING_DAYS);
              compare(getFigures(db, p), expected, label);
              const overdue = listFigureItems(db, { ...p, part: 'overdue', page: 1, pageSize: 100 });
              expect(
                Object.fromEntries(overdue.items.map((i) => [i.ledgerCode, i.daysOverdue])),
                `${label} days overdue`,
              ).toEqual(expected.daysOverdue);
              expect(overdue.total, label).toBe(expected.overdue);
              // Most days overdue first, then by ledger code; a later page continues the first.
              const order = overdue.items.map((i) => [i.daysOverdue!, i.ledgerCode] as const);
              expect(order, `${label} order`).toEqual(
                [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)),
              );
              const second = listFigureItems(db, { ...p, part: 'overdue', page: 2, pageSize: 3 });
              expect(second.items, `${label} page 2`).toEqual(overdue.items.slice(3, 6));
              expect(second.total, `${label} page 2`).toBe(expected.overdue);
              for (const by of ['department', 'domain', 'source'] as GroupBy[]) {
                compareGroups(getFiguresBy(db, p, by), items, by, ids, t, label);
              }
              // The rollup path, where it answers (not for a registration period, nor far back in time).
              const fast = fastFigures(db, p, ALWAYS);
              if (fast !== null) {
                fastServed++;
                compare(fast, expected, `${label} (rollups)`);
              }
              for (const by of ['department', 'domain', 'source'] as GroupBy[]) {
                const fastBy = fastFiguresBy(db, p, by, ALWAYS);
                if (fastBy !== null) compareGroups(fastBy, items, by, ids, t, `${label} (rollups)`);
              }
            }
            // Weekly flow as of a moment in its last week; the open items at the end of the last week
            // are the figures' open items then.
            const weeks = Array.from({ length: flow.weeks }, (_, w) => addDays(flow.firstWeek, 7 * w));
            const last = weeks[weeks.length - 1]!;
            const end = `${addDays(last, Math.floor(flow.endHours / 24))}T${String(flow.endHours % 24).padStart(2, '0')}:00:00`;
            const actualFlow = getFlow(db, sql, weeks, end);
            expect(actualFlow, `flow scope=${JSON.stringify(scope)} end=${end}`).toEqual(
              referenceFlow(items, flow.firstWeek, flow.weeks, end),
            );
            expect(actualFlow[actualFlow.length - 1]!.openAtEnd, `flow end ${end}`).toBe(
              referenceFigures(items, end, WARNING_DAYS).open,
            );
          }
        },
      ),
      { numRuns: 80, seed: 20261123 },
    );
    // The rollup comparison must not be vacuous: after the last event the rollups always answer.
    expect(fastServed).toBeGreaterThan(80);
  }, 240_000);
});
