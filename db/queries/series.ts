/**
 * The figures of docs/metrics.md at many moments T₁ < … < Tₖ in one pass over the ledger, exact: the
 * same numbers as `getFigures` / `getFiguresBy` at each moment, for the figures the weekly series and
 * the scores need.
 *
 * Every such figure counts, per item, whether the item is in it at T, and that indicator is on exactly
 * for T in an interval (lo, hi]: "lo < T" is the events that must have happened before T (registered,
 * closed, the effective deadline passed), "T ≤ hi" the ones that must not have (reopened, a later
 * extension approved). Each interval becomes +1 at the first moment after lo and −1 at the first moment
 * after hi; summed per moment in SQL and accumulated in order, they give the figure at each moment.
 * Time to close is a histogram of whole days, with the same +1 / −1 per closure in force.
 *
 * Items registered before the first moment enter as one row of their state there, and those untouched
 * since only through their deadline passing, so the work is one row per item plus the events inside
 * the span of the moments — about two or three single-moment passes for 26 weeks.
 */
import type { Moment } from '../../server/domain/time.ts';
import { calendarDaysSql } from '../dialect.ts';
import { memoKey, rememberedEach } from '../figure-memo.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import { type Figures, getFigures, getFiguresBy, type Scope, scopeSql } from './figures.ts';

/** The figures at one moment (names as in `Figures`). */
export interface PointFigures {
  registered: number;
  closed: number;
  due: number;
  onTime: number;
  overdue: number;
  everClosed: number;
  everReopened: number;
  /** Time to close of the items closed at T, in days: median and 90th percentile (interpolated). */
  ttcMedian: number | null;
  ttcP90: number | null;
}

/** A moment later than every ledger time: an interval end that never comes. */
const NEVER = "'9999'";

/**
 * The index of the first moment at which an event at `x` counts (moments strictly after x), as a
 * binary search over the moments @p0 … @p{k−1}: about log₂ k text comparisons per event. NULL
 * (never happens) gives k.
 */
function firstMomentAfterSql(x: string, lo: number, hi: number): string {
  if (lo === hi) return String(lo);
  const mid = (lo + hi) >> 1;
  return `CASE WHEN ${x} < @p${mid} THEN ${firstMomentAfterSql(x, lo, mid)} ELSE ${firstMomentAfterSql(x, mid + 1, hi)} END`;
}

const MEASURES = [
  'registered',
  'closed',
  'due',
  'dueClosed',
  'onTime',
  'everClosed',
  'everReopened',
] as const;
type Measure = (typeof MEASURES)[number];

/** One kind of interval: rows `from` (SQL FROM … WHERE), the interval ends, what it counts. */
interface IntervalKind {
  from: string;
  lo: string;
  hi: string | null;
  counts: Partial<Record<Measure, string>>;
  ttc?: string;
}

/**
 * Each kind as two arms of the event union: +1 where the interval opens, −1 where it ends, for ends
 * from the first moment on (the state at the first moment is `stateAtFirstMomentArm`); ends after the
 * last moment never count.
 */
function eventArms(kind: IntervalKind): string[] {
  const columns = (sign: string) =>
    MEASURES.map((m) => `${kind.counts[m] ? `${sign}(${kind.counts[m]})` : '0'} AS ${m}`).join(', ');
  const ttc = kind.ttc ?? 'NULL';
  const { lo, hi } = kind;
  const opens = `SELECT g, ${lo} AS x, ${ttc} AS ttc, ${columns('+')} FROM ${kind.from}
       AND ${lo} >= @p0 AND ${lo} < @p_last`;
  if (!hi) return [opens];
  return [
    `${opens} AND (${hi} IS NULL OR ${lo} < ${hi})`,
    `SELECT g, ${hi} AS x, ${ttc} AS ttc, ${columns('-')} FROM ${kind.from}
       AND ${hi} >= @p0 AND ${hi} < @p_last AND ${lo} < ${hi}`,
  ];
}

/**
 * Every item registered before the first moment, as one row of its figures there (x = '' counts from
 * the first moment): most items' intervals opened long before a series starts, and one row per item
 * is far less to sort than one per interval.
 */
const stateAtFirstMomentArm = `SELECT g, '' AS x,
      CASE WHEN cl IS NOT NULL THEN ${calendarDaysSql('reg', 'cl')} END AS ttc,
      1 AS registered, cl IS NOT NULL AS closed, COALESCE(dl < @p0, 0) AS due,
      COALESCE(dl < @p0 AND cl IS NOT NULL, 0) AS dueClosed, COALESCE(dl < @p0 AND cl <= dl, 0) AS onTime,
      COALESCE(first_closed_at < @p0, 0) AS everClosed, COALESCE(first_reopened_at < @p0, 0) AS everReopened
    FROM (SELECT g, reg, first_closed_at, first_reopened_at, first_cl AS cl, first_dl AS dl
          FROM scoped WHERE reg < @p0)`;

/**
 * The closure in force and the effective deadline at the first moment, read as getFigures reads them:
 * from the item's own columns when nothing happened to it since, else from its closures and extensions.
 * Computed once per item while `scoped` is materialized (a subquery would be re-run per use).
 */
const firstStateColumns = `
        CASE WHEN i.registered_at >= @p0 THEN NULL
          WHEN i.state_changed_at IS NULL OR i.state_changed_at < @p0 THEN i.closed_at
          ELSE (SELECT c.closed_at FROM item_closures c WHERE c.item_id = i.id AND c.closed_at < @p0
                AND (c.reopened_at IS NULL OR c.reopened_at >= @p0)) END AS first_cl,
        CASE WHEN i.registered_at >= @p0 THEN NULL
          WHEN i.state_changed_at IS NULL OR i.state_changed_at < @p0 THEN i.deadline_end
          ELSE COALESCE((SELECT e.new_deadline_end FROM deadline_extensions e
                         WHERE e.item_id = i.id AND e.approved_at < @p0
                         ORDER BY e.approved_at DESC, e.id DESC LIMIT 1), i.original_deadline_end) END AS first_dl`;

/**
 * Items registered before the first moment with nothing closed, reopened or extended since: the only
 * thing that can still happen to them is their deadline passing (due, and due and closed when closed).
 * Every other item is "active" and goes through the intervals.
 */
const settledDeadlineArm = `SELECT g, dl_now AS x, NULL AS ttc, 0 AS registered, 0 AS closed, 1 AS due,
      closed_now IS NOT NULL AS dueClosed, COALESCE(closed_now <= dl_now, 0) AS onTime,
      0 AS everClosed, 0 AS everReopened
    FROM scoped WHERE NOT active AND dl_now >= @p0 AND dl_now < @p_last`;

function seriesSql(scopeWhere: string, groupColumn: string, k: number): string {
  const closure = 'scoped s CROSS JOIN item_closures c ON c.item_id = s.id WHERE s.active';
  const dueClosed = `segments sg CROSS JOIN item_closures c ON c.item_id = sg.id WHERE sg.dl IS NOT NULL`;
  const kinds: IntervalKind[] = [
    { from: 'scoped WHERE 1', lo: 'reg', hi: null, counts: { registered: '1' } },
    {
      from: 'scoped WHERE active AND first_closed_at IS NOT NULL',
      lo: 'max(reg, first_closed_at)',
      hi: null,
      counts: { everClosed: '1' },
    },
    {
      from: 'scoped WHERE active AND first_reopened_at IS NOT NULL',
      lo: 'max(reg, first_reopened_at)',
      hi: null,
      counts: { everReopened: '1' },
    },
    // The closure in force: made before T, not reopened before T.
    {
      from: closure,
      lo: 'max(s.reg, c.closed_at)',
      hi: 'c.reopened_at',
      counts: { closed: '1' },
      ttc: calendarDaysSql('s.reg', 'c.closed_at'),
    },
    // Due: the deadline in force at T (from its approval until the next one) has passed.
    {
      from: 'segments WHERE dl IS NOT NULL',
      lo: 'max(reg, from_at, dl)',
      hi: 'to_at',
      counts: { due: '1' },
    },
    // Due and closed at T; on time when that closure was made by the deadline in force.
    {
      from: dueClosed,
      lo: 'max(sg.reg, sg.from_at, sg.dl, c.closed_at)',
      hi: `min(COALESCE(sg.to_at, ${NEVER}), COALESCE(c.reopened_at, ${NEVER}))`,
      counts: { dueClosed: '1', onTime: 'c.closed_at <= sg.dl' },
    },
  ];
  return `WITH scoped AS MATERIALIZED (
      SELECT i.id, ${groupColumn} AS g, i.registered_at AS reg, i.original_deadline_end AS dl0,
        i.first_closed_at, i.first_reopened_at, i.closed_at AS closed_now, i.deadline_end AS dl_now,
        (i.registered_at >= @p0 OR COALESCE(i.state_changed_at >= @p0, 0)) AS active,${firstStateColumns}
      FROM items i WHERE i.voided_at IS NULL AND i.registered_at < @p_last${scopeWhere}
    ),
    -- The deadline in force: the original from registration, each extension from its approval, each
    -- until the next approval (in approval order, ties by id, as getFigures reads them).
    segments AS MATERIALIZED (
      SELECT s.id, s.g, s.reg, '' AS from_at, s.dl0 AS dl,
        (SELECT e.approved_at FROM deadline_extensions e WHERE e.item_id = s.id
         ORDER BY e.approved_at, e.id LIMIT 1) AS to_at
      FROM scoped s WHERE s.active
      UNION ALL
      SELECT s.id, s.g, s.reg, e.approved_at, e.new_deadline_end,
        (SELECT n.approved_at FROM deadline_extensions n
         WHERE n.item_id = e.item_id AND (n.approved_at, n.id) > (e.approved_at, e.id)
         ORDER BY n.approved_at, n.id LIMIT 1)
      FROM scoped s CROSS JOIN deadline_extensions e ON e.item_id = s.id WHERE s.active
    )
    SELECT g, ${firstMomentAfterSql('x', 0, k)} AS b, ttc,
      ${MEASURES.map((m) => `SUM(${m}) AS ${m}`).join(', ')}
    FROM (${[stateAtFirstMomentArm, settledDeadlineArm, ...kinds.flatMap(eventArms)].join('\n      UNION ALL ')})
    GROUP BY g, b, ttc ORDER BY g`;
}

type DeltaRow = { g: number | null; b: number; ttc: number | null } & Record<Measure, number>;

/** Continuous percentile over a histogram (sorted values, counts), as SQLite's percentile(). */
function histogramPercentile(values: number[], counts: number[], n: number, p: number): number | null {
  if (n === 0) return null;
  const position = (p / 100) * (n - 1);
  const lower = Math.floor(position);
  const upper = position === lower ? lower : lower + 1;
  const at = (rank: number) => {
    let seen = 0;
    for (let v = 0; v < values.length; v++) {
      seen += counts[v]!;
      if (seen > rank) return values[v]!;
    }
    throw new Error('rank beyond histogram');
  };
  const a = at(lower);
  const b = upper === lower ? a : at(upper);
  return a + (b - a) * (position - lower);
}

/** Accumulates one group's per-moment deltas into the figures at each moment. */
function accumulate(rows: DeltaRow[], k: number): PointFigures[] {
  const deltas = MEASURES.map(() => new Array<number>(k).fill(0));
  const values = [...new Set(rows.filter((r) => r.ttc !== null).map((r) => r.ttc!))].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const histogramDeltas = Array.from({ length: k }, () => new Map<number, number>());
  for (const r of rows) {
    MEASURES.forEach((m, i) => {
      deltas[i]![r.b]! += r[m];
    });
    if (r.ttc !== null) {
      const slot = histogramDeltas[r.b]!;
      const v = index.get(r.ttc)!;
      slot.set(v, (slot.get(v) ?? 0) + r.closed);
    }
  }
  const running = MEASURES.map(() => 0);
  const counts = new Array<number>(values.length).fill(0);
  const points: PointFigures[] = [];
  for (let j = 0; j < k; j++) {
    MEASURES.forEach((_, i) => {
      running[i]! += deltas[i]![j]!;
    });
    for (const [v, d] of histogramDeltas[j]!) counts[v]! += d;
    const [registered, closed, due, dueClosed, onTime, everClosed, everReopened] = running as number[];
    points.push({
      registered: registered!,
      closed: closed!,
      due: due!,
      onTime: onTime!,
      overdue: due! - dueClosed!,
      everClosed: everClosed!,
      everReopened: everReopened!,
      ttcMedian: histogramPercentile(values, counts, closed!, 50),
      ttcP90: histogramPercentile(values, counts, closed!, 90),
    });
  }
  return points;
}

export type SeriesGroup = 'all' | 'department';

/**
 * The figures at each moment (ascending, distinct), per group: one entry (key null) for 'all', one per
 * lead department with items for 'department' (null = not assigned). Each list has one entry per moment.
 */
export function getFiguresAtMoments(
  db: Db,
  moments: Moment[],
  scope: Scope,
  by: SeriesGroup,
): Map<number | null, PointFigures[]> {
  const k = moments.length;
  for (let j = 1; j < k; j++) {
    if (!(moments[j - 1]! < moments[j]!)) throw new Error('moments must be ascending and distinct');
  }
  // Each moment's figures are remembered on their own (db/figure-memo.ts): after a write at the
  // latest moment, the earlier weeks of a series come from memory.
  const points = rememberedEach(
    db,
    moments.map((t) => ({ key: `point|${by}|${memoKey({ ...scope, t })}`, latest: t })),
    (missing) =>
      pointsAt(
        db,
        missing.map((j) => moments[j]!),
        scope,
        by,
      ),
  );
  const result = new Map<number | null, PointFigures[]>();
  points.forEach((groups, j) => {
    for (const [g, point] of groups) {
      let list = result.get(g);
      if (!list) {
        list = Array.from({ length: k }, () => NO_POINT);
        result.set(g, list);
      }
      list[j] = point;
    }
  });
  if (k > 0 && by === 'all' && !result.has(null))
    result.set(
      null,
      Array.from({ length: k }, () => NO_POINT),
    );
  return result;
}

/** A group without items at a moment. */
const NO_POINT: PointFigures = accumulate([], 1)[0]!;

/** Up to this many moments are computed one by one (the rollups); more in one pass over the items. */
const MOMENTS_ONE_BY_ONE = 2;

/** The figures of each group at each moment (ascending), computed. */
function pointsAt(
  db: Db,
  moments: Moment[],
  scope: Scope,
  by: SeriesGroup,
): Map<number | null, PointFigures>[] {
  if (moments.length <= MOMENTS_ONE_BY_ONE) {
    // Yellow is not a point figure, so any number of warning days gives the same points.
    return moments.map((t) => {
      const p = { t, scope, warningDays: 0 };
      if (by === 'all') return new Map([[null, pointOf(getFigures(db, p))]]);
      const groups = getFiguresBy(db, p, 'department') as Map<number | null, Figures>;
      return new Map([...groups].map(([g, f]) => [g, pointOf(f)]));
    });
  }
  const k = moments.length;
  const { where, params } = scopeSql(scope);
  const sql = seriesSql(where, by === 'department' ? 'i.department_id' : 'NULL', k);
  const momentParams = Object.fromEntries(moments.map((m, j) => [`p${j}`, m]));
  // Streamed a group at a time (the rows come ordered by group): a department series at 1M items is
  // ≈ 175k rows, ≈ 440 per department, and holding them all raised the thread's peak by ≈ 40 MB.
  const rows = prepared(db, sql).iterate({ ...params, ...momentParams, p_last: moments[k - 1] });
  const points = moments.map(() => new Map<number | null, PointFigures>());
  let group: DeltaRow[] = [];
  const addGroup = () => {
    if (group.length === 0) return;
    const g = group[0]!.g;
    accumulate(group, k).forEach((point, j) => {
      points[j]!.set(g, point);
    });
    group = [];
  };
  for (const r of rows as IterableIterator<DeltaRow>) {
    if (group.length > 0 && r.g !== group[0]!.g) addGroup();
    group.push(r);
  }
  addGroup();
  return points;
}

/** The point figures among a moment's full figures. */
export const pointOf = (f: Figures): PointFigures => ({
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
