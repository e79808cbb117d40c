/**
 * The figures of docs/metrics.md from the rollups (db/migrations/005_figure_rollups.sql) instead of a
 * pass over every item. Exact at any T, by one observation: an item whose latest event (registered,
 * closed, reopened, extended) is before T has its own current columns as its state at T. So
 *
 *   figures(T) = rollups evaluated at T − the few items with an event at or after T, as their
 *                columns say + the same items as the exact SQL says they were at T.
 *
 * "Evaluated at T": the counters that do not depend on T come straight from the rollups; the
 * deadline split (due, on time, overdue, yellow) subtracts the items whose deadline has not passed at T,
 * counted from the items' current columns (db/queries/not-yet-due.ts, which keeps the counts in memory
 * and brings them up to date after writes). Days to close come from a histogram, so
 * the median and p90 are those of the same multiset the SQL sorts. First-response hours depend on
 * T only through `first_response_at < T`, so they are read from figure_responses directly.
 *
 * Returns null (the caller then runs the exact SQL) for a registration-period scope, which the
 * rollups do not key on, and when so many items changed after T that correcting them costs more
 * than the plain pass (T far in the past).
 */
import { COMPLAINT_SOURCES } from '../../server/domain/lifecycle.ts';
import { medianSql, percentileSql } from '../dialect.ts';
import { memoKey, remembered } from '../figure-memo.ts';
import { LAST_EVENT_SQL, RESPONSE_MOMENT_SQL } from '../figure-rollups.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import {
  baseParams,
  type FigureParams,
  type Figures,
  type GroupBy,
  groupSql,
  itemStateCte,
  type RawAggregate,
  type Scope,
  scopeSql,
  toFigures,
} from './figures.ts';
import { notYetDue } from './not-yet-due.ts';

type GroupKey = number | string | null;

/** Beyond this share of the scope's items changed at or after T, the exact SQL is the cheaper pass. */
const CHANGED_SHARE_LIMIT = 0.25;
/** Below this many items the exact SQL takes a few milliseconds: not worth the rollups' several queries. */
const SMALL_SCOPE = 2000;

/** `minItems`: scopes with fewer items are left to the exact SQL (tests lower it to reach small ledgers). */
export interface FastOptions {
  minItems?: number;
}

export function fastFigures(db: Db, p: FigureParams, options: FastOptions = {}): Figures | null {
  const groups = fastGroups(db, p, null, options);
  if (groups === null) return null;
  return toFigures(groups.get(null) ?? emptyAggregate());
}

export function fastFiguresBy(
  db: Db,
  p: FigureParams,
  by: GroupBy,
  options: FastOptions = {},
): Map<GroupKey, Figures> | null {
  const groups = fastGroups(db, p, by, options);
  if (groups === null) return null;
  const result = new Map<GroupKey, Figures>();
  for (const [key, raw] of groups) if (raw.registered > 0) result.set(key, toFigures(raw));
  return result;
}

/** The scope as a filter on a rollup table (key columns hold 0 for "none"). */
function rollupScopeSql(scope: Scope, alias: string): string {
  const parts: string[] = [];
  if (scope.campaignId !== undefined) parts.push(`${alias}.campaign_id = @campaign_id`);
  if (scope.domainId !== undefined) parts.push(`${alias}.domain_id = @domain_id`);
  if (scope.source !== undefined) parts.push(`${alias}.source = @source`);
  if (scope.departmentId !== undefined) parts.push(`${alias}.department_id = @department_id`);
  if (scope.peerGroupId !== undefined)
    parts.push(`${alias}.department_id IN (SELECT id FROM departments WHERE peer_group_id = @peer_group_id)`);
  return parts.map((p) => ` AND ${p}`).join('');
}

/** Whether the question narrows or groups by department (or peer group). */
const asksByDepartment = (scope: Scope, by: GroupBy | null) =>
  by === 'department' || scope.departmentId !== undefined || scope.peerGroupId !== undefined;

/**
 * figure_rollups, or its sums (a row per department, migration 009; per campaign, domain and source,
 * migration 011) when the question needs no finer key than one of them.
 */
function rollupTable(scope: Scope, by: GroupBy | null): string {
  const departmentSide = asksByDepartment(scope, by);
  const kindSide =
    by === 'domain' ||
    by === 'source' ||
    scope.campaignId !== undefined ||
    scope.domainId !== undefined ||
    scope.source !== undefined;
  if (departmentSide && kindSide) return 'figure_rollups';
  return departmentSide ? 'figure_rollups_by_department' : 'figure_rollups_by_kind';
}

/**
 * How many items, not voided, a scope holds (a registration period aside, which the rollups do not key
 * on: null): a sum over the rollups, which every write keeps, instead of counting the items.
 */
export function rollupItemCount(db: Db, scope: Scope): number | null {
  if (scope.registeredFrom !== undefined || scope.registeredTo !== undefined) return null;
  return prepared(
    db,
    `SELECT COALESCE(SUM(r.registered), 0) FROM ${rollupTable(scope, null)} r WHERE 1${rollupScopeSql(scope, 'r')}`,
  )
    .pluck()
    .get(scopeSql(scope).params) as number;
}

/**
 * The days-to-close histogram that holds the scope's keys and the grouping: by department (and
 * campaign), or by campaign, domain and source. Null when the question mixes the two.
 */
function daysToCloseTable(scope: Scope, by: GroupBy | null): string | null {
  const departmentSide = asksByDepartment(scope, by);
  const kindSide =
    by === 'domain' || by === 'source' || scope.domainId !== undefined || scope.source !== undefined;
  if (departmentSide && kindSide) return null;
  // The kind table is the smaller one (a few hundred keys against a row per department and day).
  return departmentSide ? 'figure_days_to_close_by_department' : 'figure_days_to_close_by_kind';
}

/**
 * Rollups store 0 for "no department/domain" where items store NULL; grouping by the bare column
 * (groupSql) keeps GROUP BY in the tables' key order, and `keyOf` maps 0 back to null.
 */
const keyOf = (key: GroupKey): GroupKey => (key === 0 ? null : key);

/** Closed items by whole days to close, as [days, items] in days order. */
type Bins = [number, number][];

interface Accumulator {
  raw: RawAggregate;
  /** Days to close of the items that correct the group's remembered histogram (±1 each), if any. */
  daysToCloseDelta: Map<number, number> | null;
}

const emptyAggregate = (): RawAggregate => ({
  registered: 0,
  closed: 0,
  open: 0,
  due: 0,
  onTime: 0,
  overdue: 0,
  yellow: 0,
  green: 0,
  everClosed: 0,
  everReopened: 0,
  extended: 0,
  complaints: 0,
  responded: 0,
  ttc_median: null,
  ttc_p90: null,
  ttc_mean: null,
  frh_median: null,
  frh_p90: null,
  frh_mean: null,
});

/** One item's state (its columns, or the exact SQL's state at T) as the counters need it. */
interface ItemState {
  group_key: GroupKey;
  closed_at: string | null;
  deadline_end: string | null;
  ever_closed: number;
  ever_reopened: number;
  extended: number;
  is_complaint: number;
  ttc: number | null;
}

const COMPLAINTS = COMPLAINT_SOURCES.map((s) => `'${s}'`).join(', ');

/**
 * Response hours fed to median() in order, which then skips its sort (migration 007): all in hours
 * order (with no GROUP BY, whose temporary b-tree would lose the order), or per department in hours
 * order. Grouped by domain or source, the groups' sort decides.
 */
const RESPONSES_IN_ORDER: Partial<Record<GroupBy | 'none', string>> = {
  none: 'INDEXED BY figure_responses_by_hours',
  department: 'INDEXED BY figure_responses_by_department_hours',
};

function fastGroups(
  db: Db,
  p: FigureParams,
  by: GroupBy | null,
  { minItems = SMALL_SCOPE }: FastOptions,
): Map<GroupKey, RawAggregate> | null {
  const { scope } = p;
  if (scope.registeredFrom !== undefined || scope.registeredTo !== undefined) return null;
  const histogramTable = daysToCloseTable(scope, by);
  if (histogramTable === null) return null;
  const { where: itemWhere, params: scopeParams } = scopeSql(scope);
  const params = baseParams(p, scopeParams);
  const t = params.t;
  const tWarn = params.t_warn;
  const rollupWhere = rollupScopeSql(scope, 'r');
  const rollups = rollupTable(scope, by);
  const changedWhere = ` AND ${LAST_EVENT_SQL('i')} >= @t${itemWhere}`;

  const total = rollupItemCount(db, scope)!;
  const changed = prepared(db, `SELECT COUNT(*) FROM items i WHERE i.voided_at IS NULL${changedWhere}`)
    .pluck()
    .get(params) as number;
  if (total < minItems || changed > total * CHANGED_SHARE_LIMIT) return null;

  const groups = new Map<GroupKey, Accumulator>();
  const acc = (key: GroupKey): Accumulator => {
    let a = groups.get(keyOf(key));
    if (!a) {
      a = { raw: emptyAggregate(), daysToCloseDelta: null };
      groups.set(keyOf(key), a);
    }
    return a;
  };

  // Every item by its columns, with all deadlines counted as passed ...
  const counters = prepared(
    db,
    `SELECT ${groupSql(by, 'r')} AS group_key, SUM(r.registered) AS registered, SUM(r.closed) AS closed,
       SUM(r.ever_closed) AS ever_closed, SUM(r.ever_reopened) AS ever_reopened, SUM(r.extended) AS extended,
       SUM(r.complaints) AS complaints, SUM(r.with_deadline) AS with_deadline,
       SUM(r.open_with_deadline) AS open_with_deadline, SUM(r.on_time) AS on_time
     FROM ${rollups} r WHERE 1${rollupWhere} GROUP BY group_key`,
  ).all(params) as {
    group_key: GroupKey;
    registered: number;
    closed: number;
    ever_closed: number;
    ever_reopened: number;
    extended: number;
    complaints: number;
    with_deadline: number;
    open_with_deadline: number;
    on_time: number;
  }[];
  for (const r of counters) {
    const a = acc(r.group_key).raw;
    a.registered += r.registered;
    a.closed += r.closed;
    a.everClosed += r.ever_closed;
    a.everReopened += r.ever_reopened;
    a.extended += r.extended;
    a.complaints += r.complaints;
    a.due += r.with_deadline;
    a.overdue += r.open_with_deadline;
    a.onTime += r.on_time;
  }
  // ... then those whose deadline has not passed at T taken out of due, on time and overdue.
  // (kept in memory and brought up to date: db/queries/not-yet-due.ts)
  for (const r of notYetDue(db, p, by)) {
    const a = acc(r.group_key).raw;
    a.due -= r.n;
    a.onTime -= r.on_time;
    a.overdue -= r.open;
    a.yellow += r.warned;
  }
  // The histograms do not depend on T: remembered, per group with its statistics, until a write
  // changes them (db/figure-memo.ts).
  const histograms = remembered(
    db,
    `histogram|${histogramTable}|${by}|${memoKey({ ...scope })}`,
    '9999',
    () => {
      const rows = prepared(
        db,
        `SELECT ${groupSql(by, 'r')} AS group_key, r.days, SUM(r.items) AS n
         FROM ${histogramTable} r WHERE 1${rollupScopeSql(scope, 'r')} GROUP BY group_key, r.days`,
      )
        .raw()
        .all(params) as [GroupKey, number, number][];
      const byGroup = new Map<GroupKey, Map<number, number>>();
      for (const [key, days, n] of rows) {
        let histogram = byGroup.get(keyOf(key));
        if (!histogram) {
          histogram = new Map();
          byGroup.set(keyOf(key), histogram);
        }
        addDays(histogram, days, n);
      }
      return new Map(
        [...byGroup].map(([key, h]) => {
          const bins = sortedBins(h);
          return [key, { bins, stats: histogramStats(bins) }];
        }),
      );
    },
    'closed',
  );
  for (const key of histograms.keys()) acc(key);

  if (changed > 0) {
    // The items with an event at or after T: out as their columns say, in as they were at T.
    const asNow = prepared(
      db,
      `SELECT ${groupSql(by, 'i')} AS group_key, i.closed_at, i.deadline_end,
         i.first_closed_at IS NOT NULL AS ever_closed, i.first_reopened_at IS NOT NULL AS ever_reopened,
         i.first_extended_at IS NOT NULL AS extended, i.source IN (${COMPLAINTS}) AS is_complaint,
         CASE WHEN i.closed_at IS NOT NULL
           THEN CAST(julianday(substr(i.closed_at, 1, 10)) - julianday(substr(i.registered_at, 1, 10)) AS INTEGER)
         END AS ttc
       FROM items i WHERE i.voided_at IS NULL${changedWhere}`,
    ).all(params) as ItemState[];
    for (const item of asNow) count(acc(item.group_key), item, -1, t, tWarn);
    const atT = prepared(
      db,
      `WITH ${itemStateCte(changedWhere)}
       SELECT ${groupSql(by, 's')} AS group_key, s.closed_at, s.deadline_end, s.ever_closed, s.ever_reopened,
         s.extended, s.is_complaint, s.ttc
       FROM s`,
    ).all(params) as ItemState[];
    for (const item of atT) count(acc(item.group_key), item, 1, t, tWarn);
  }

  // First-response hours at T: the responses before T are those up to the latest response moment
  // before T, so they are remembered by that moment, until a write changes a response at or before it.
  const through =
    (
      prepared(
        db,
        `SELECT max(${RESPONSE_MOMENT_SQL('r')}) AS at FROM figure_responses r WHERE ${RESPONSE_MOMENT_SQL('r')} < @t`,
      ).get(params) as { at: string | null }
    ).at ?? '';
  const responses = remembered(
    db,
    `responses|${by}|${memoKey({ ...scope, through })}`,
    through,
    () =>
      prepared(
        db,
        `SELECT ${groupSql(by, 'r')} AS group_key, COUNT(*) AS n, ${medianSql('r.hours')} AS median,
           ${percentileSql('r.hours', 90)} AS p90, AVG(r.hours) AS mean
         FROM figure_responses r ${RESPONSES_IN_ORDER[by ?? 'none'] ?? ''}
         WHERE r.first_response_at < @t AND r.registered_at < @t${rollupWhere}
         ${by === null ? '' : 'GROUP BY group_key'}`,
      ).all(params) as { group_key: GroupKey; n: number; median: number; p90: number; mean: number }[],
    'responses',
  );
  for (const r of responses) {
    if (r.n === 0) continue; // without GROUP BY (one group, one pass in order) an empty scope gives a row
    const a = acc(r.group_key).raw;
    a.responded = r.n;
    a.frh_median = r.median;
    a.frh_p90 = r.p90;
    a.frh_mean = r.mean;
  }

  const result = new Map<GroupKey, RawAggregate>();
  for (const [key, { raw, daysToCloseDelta }] of groups) {
    raw.open = raw.registered - raw.closed;
    raw.green = raw.open - raw.overdue - raw.yellow;
    const kept = histograms.get(key);
    const ttc =
      daysToCloseDelta === null && kept
        ? kept.stats
        : histogramStats(withDelta(kept?.bins ?? [], daysToCloseDelta ?? new Map()));
    raw.ttc_median = ttc.median;
    raw.ttc_p90 = ttc.p90;
    raw.ttc_mean = ttc.mean;
    result.set(key, raw);
  }
  return result;
}

/** Adds (sign 1) or removes (sign −1) one item's counts as of T, by the predicates of PREDICATES. */
function count(a: Accumulator, item: ItemState, sign: 1 | -1, t: string, tWarn: string): void {
  const r = a.raw;
  const closed = item.closed_at !== null;
  const deadline = item.deadline_end;
  const due = deadline !== null && deadline < t;
  r.registered += sign;
  if (closed) r.closed += sign;
  if (item.ever_closed) r.everClosed += sign;
  if (item.ever_reopened) r.everReopened += sign;
  if (item.extended) r.extended += sign;
  if (item.is_complaint) r.complaints += sign;
  if (due && closed && item.closed_at! <= deadline) r.onTime += sign;
  if (due) r.due += sign;
  if (due && !closed) r.overdue += sign;
  if (!closed && deadline !== null && deadline >= t && deadline < tWarn) r.yellow += sign;
  if (closed && item.ttc !== null) {
    a.daysToCloseDelta ??= new Map();
    addDays(a.daysToCloseDelta, item.ttc, sign);
  }
}

function addDays(histogram: Map<number, number>, days: number, n: number): void {
  histogram.set(days, (histogram.get(days) ?? 0) + n);
}

/** A histogram's bins in days order, leaving out empty ones. */
export function sortedBins(histogram: Map<number, number>): Bins {
  return [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
}

/** Bins with a few corrections merged in: one pass over the bins, no copy of the histogram's map. */
function withDelta(bins: Bins, delta: Map<number, number>): Bins {
  if (delta.size === 0) return bins;
  const changes = [...delta].sort((a, b) => a[0] - b[0]);
  const merged: Bins = [];
  let j = 0;
  for (const [days, n] of bins) {
    for (; j < changes.length && changes[j]![0] < days; j++) merged.push(changes[j]!);
    let k = n;
    if (j < changes.length && changes[j]![0] === days) k += changes[j++]![1];
    merged.push([days, k]);
  }
  for (; j < changes.length; j++) merged.push(changes[j]!);
  return merged.filter(([, n]) => n > 0);
}

/**
 * Median, 90th percentile and mean of a histogram of whole days (bins in days order, none empty),
 * computed as SQLite's median(), percentile() and AVG() compute them over the same values (so the
 * results are the same doubles).
 */
export function histogramStats(bins: Bins): {
  median: number | null;
  p90: number | null;
  mean: number | null;
} {
  let n = 0;
  let sum = 0;
  for (const [days, k] of bins) {
    n += k;
    sum += days * k;
  }
  if (n === 0) return { median: null, p90: null, mean: null };
  /** The value at 0-based rank i of the sorted values. */
  const at = (i: number): number => {
    let seen = 0;
    for (const [days, k] of bins) {
      seen += k;
      if (i < seen) return days;
    }
    throw new Error('rank beyond the histogram');
  };
  const percentile = (fraction: number): number => {
    const ix = fraction * (n - 1);
    const i1 = Math.floor(ix);
    const i2 = ix === i1 || i1 === n - 1 ? i1 : i1 + 1;
    const v1 = at(i1);
    const v2 = at(i2);
    return v1 + (v2 - v1) * (ix - i1);
  };
  return { median: percentile(0.5), p90: percentile(0.9), mean: sum / n };
}
