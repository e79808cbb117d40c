/**
 * The deadline split at T (db/queries/figures-fast.ts): per group, the items whose deadline has not
 * passed at T — how many, how many of them closed on time, open, and open with the deadline within
 * the warning days. It reads only the items' current columns, so it is kept in memory per question
 * and brought up to date rather than read again (1M items: 61k such items, 8–19 ms a read):
 *
 * - after writes, by the items' logged writes since (db/migrations/010_figure_item_log.sql): each
 *   item out as it was, in as it is;
 * - at another T up to a day away, by the items whose deadline lies between the two moments or
 *   between their two warning moments, which are the only ones counted differently.
 *
 * A write recorded as changing everything (bulk writes, departments: db/derived.ts), or a log that no
 * longer reaches back to the count, makes it be read again. Kept per connection, like db/figure-memo.ts.
 */
import { dataVersion, memoKey, rememberingRead } from '../figure-memo.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import { baseParams, type FigureParams, type GroupBy, groupSql, type Scope, scopeSql } from './figures.ts';

type GroupKey = number | string | null;

export interface NotYetDue {
  group_key: GroupKey;
  n: number;
  on_time: number;
  open: number;
  warned: number;
}

/** How far from a kept count's T another T is brought by the items between them. */
const SHIFT_LIMIT_MS = 86_400_000;
/** Counts kept per question (moments), and questions per connection; the least recently used go. */
const MOMENTS_PER_QUESTION = 4;
const MAX_QUESTIONS = 500;

interface Kept {
  t: string;
  tWarn: string;
  version: number;
  /** The last log row the counts include. */
  logId: number;
  groups: Map<GroupKey, NotYetDue>;
}

const kept = new WeakMap<Db, Map<string, Kept[]>>();
const tallies = new WeakMap<Db, Tally>();

/** How a connection's counts were made: read afresh, brought up to date by the log, moved to another T. */
export interface Tally {
  read: number;
  logged: number;
  shifted: number;
}

export function notYetDueTally(db: Db): Tally {
  return { ...(tallies.get(db) ?? { read: 0, logged: 0, shifted: 0 }) };
}

const COUNTS = `COUNT(*) AS n, SUM(i.closed_at IS NOT NULL AND i.closed_at <= i.deadline_end) AS on_time,
    SUM(i.closed_at IS NULL) AS open, SUM(i.closed_at IS NULL AND i.deadline_end < @t_warn) AS warned`;

/**
 * Read afresh (without grouping, one row, whose `n` may be 0). For the department questions,
 * department by department: one range each of items_figure_department_deadline, in department order,
 * so grouping by department needs no sort (items without a department are a range of their own).
 * Otherwise one range of items_figure_deadline.
 */
function countSql(scope: Scope, by: GroupBy | null, itemWhere: string): string {
  const notYetDue = `i.voided_at IS NULL AND i.deadline_end IS NOT NULL AND i.deadline_end >= @t${itemWhere}`;
  const byDepartment =
    by === 'department' ||
    (by === null && (scope.departmentId !== undefined || scope.peerGroupId !== undefined));
  if (!byDepartment)
    return `SELECT ${groupSql(by, 'i')} AS group_key, ${COUNTS}
      FROM items i INDEXED BY items_figure_deadline WHERE ${notYetDue} ${by === null ? '' : 'GROUP BY group_key'}`;
  return `SELECT ${by === null ? 'NULL' : 'd.id'} AS group_key, ${COUNTS}
      FROM departments d NOT INDEXED JOIN items i INDEXED BY items_figure_department_deadline ON i.department_id = d.id
      WHERE ${notYetDue} ${by === null ? '' : 'GROUP BY d.id'}
    UNION ALL
    SELECT NULL AS group_key, ${COUNTS}
      FROM items i INDEXED BY items_figure_department_deadline WHERE i.department_id IS NULL AND ${notYetDue}`;
}

const LOGGED = [
  'department_id',
  'campaign_id',
  'domain_id',
  'source',
  'deadline_end',
  'closed_at',
  'voided_at',
];
const logSide = (side: 'old' | 'new', sign: number) =>
  `SELECT ${sign} AS sign, ${LOGGED.map((c) => `${side}_${c} AS ${c}`).join(', ')}
   FROM figure_item_log WHERE id > @after AND id <= @upto`;

/** The logged writes after row `after`, each item out as it was and in as it is, counted at T. */
function logDeltaSql(by: GroupBy | null, itemWhere: string): string {
  return `SELECT ${groupSql(by, 'i')} AS group_key, SUM(i.sign) AS n,
      SUM(i.sign * (i.closed_at IS NOT NULL AND i.closed_at <= i.deadline_end)) AS on_time,
      SUM(i.sign * (i.closed_at IS NULL)) AS open,
      SUM(i.sign * (i.closed_at IS NULL AND i.deadline_end < @t_warn)) AS warned
    FROM (${logSide('new', 1)} UNION ALL ${logSide('old', -1)}) i
    WHERE i.voided_at IS NULL AND i.deadline_end IS NOT NULL AND i.deadline_end >= @t${itemWhere}
    GROUP BY group_key`;
}

/**
 * The counts at T minus those at an earlier or later T0, from the items whose deadline lies in one
 * of two bands (between the moments, between their warning moments): every other item is counted
 * the same at both. Overlapping bands are given as one (the second then empty).
 */
function shiftSql(by: GroupBy | null, itemWhere: string): string {
  const band = (lo: string, hi: string) =>
    `SELECT ${groupSql(by, 'i')} AS group_key, i.deadline_end >= @t AS now_in, i.deadline_end >= @t0 AS then_in,
       i.closed_at IS NULL AS open, i.closed_at IS NOT NULL AND i.closed_at <= i.deadline_end AS on_time,
       i.deadline_end < @t_warn AS now_warned, i.deadline_end < @t0_warn AS then_warned
     FROM items i INDEXED BY items_figure_deadline
     WHERE i.voided_at IS NULL AND i.deadline_end IS NOT NULL
       AND i.deadline_end >= ${lo} AND i.deadline_end < ${hi}${itemWhere}`;
  return `SELECT group_key, SUM(now_in - then_in) AS n, SUM(on_time * (now_in - then_in)) AS on_time,
      SUM(open * (now_in - then_in)) AS open,
      SUM(open * ((now_in AND now_warned) - (then_in AND then_warned))) AS warned
    FROM (${band('@lo1', '@hi1')} UNION ALL ${band('@lo2', '@hi2')})
    GROUP BY group_key`;
}

/** The deadline split at T per group (`by`, or one group keyed null), with no group of 0 items. */
export function notYetDue(db: Db, p: FigureParams, by: GroupBy | null): NotYetDue[] {
  const { where, params: scopeParams } = scopeSql(p.scope);
  const params = baseParams(p, scopeParams);
  const count = () =>
    (prepared(db, countSql(p.scope, by, where)).all(params) as NotYetDue[]).filter((r) => r.n > 0);
  return rememberingRead(
    db,
    () => {
      const key = `${by}|${p.warningDays}|${memoKey({ ...p.scope })}`;
      const now = { t: params.t, tWarn: params.t_warn, version: dataVersion(db), logId: logTop(db) };
      const base = usable(db, key, now);
      const groups = new Map<GroupKey, NotYetDue>();
      const add = (rows: NotYetDue[]) => {
        for (const r of rows) {
          const g = groups.get(r.group_key) ?? {
            group_key: r.group_key,
            n: 0,
            on_time: 0,
            open: 0,
            warned: 0,
          };
          g.n += r.n;
          g.on_time += r.on_time;
          g.open += r.open;
          g.warned += r.warned;
          groups.set(r.group_key, g);
        }
      };
      const tally = tallies.get(db) ?? { read: 0, logged: 0, shifted: 0 };
      tallies.set(db, tally);
      if (base === null) {
        add(count());
        tally.read++;
      } else {
        add([...base.groups.values()]);
        if (now.logId > base.logId) {
          const at = { ...params, t: base.t, t_warn: base.tWarn, after: base.logId, upto: now.logId };
          add(prepared(db, logDeltaSql(by, where)).all(at) as NotYetDue[]);
          tally.logged++;
        }
        if (base.t !== now.t) {
          add(prepared(db, shiftSql(by, where)).all(shiftParams(params, base)) as NotYetDue[]);
          tally.shifted++;
        }
      }
      for (const [k, g] of groups) if (g.n === 0) groups.delete(k);
      keep(db, key, { ...now, groups });
      return [...groups.values()];
    },
    count,
  );
}

/** The log's last row id ever (0 before any): rows are never renumbered. */
function logTop(db: Db): number {
  const row = prepared(db, "SELECT seq FROM sqlite_sequence WHERE name = 'figure_item_log'").get() as
    | { seq: number }
    | undefined;
  return row?.seq ?? 0;
}

/**
 * The kept count to start from: at T itself, else the nearest within the shift limit; none when a
 * write since it changed everything or the log no longer holds every row after it.
 */
function usable(db: Db, key: string, now: Omit<Kept, 'groups'>): Kept | null {
  const entries = kept.get(db)?.get(key);
  if (!entries) return null;
  const { low } = prepared(db, 'SELECT min(id) AS low FROM figure_item_log').get() as { low: number | null };
  const firstKept = low ?? now.logId + 1;
  const distance = (e: Kept) => Math.abs(Date.parse(`${e.t}Z`) - Date.parse(`${now.t}Z`));
  let best: Kept | null = null;
  for (const e of entries) {
    if (e.logId + 1 < firstKept || distance(e) > SHIFT_LIMIT_MS) continue;
    if (best === null || distance(e) < distance(best)) best = e;
  }
  if (best === null || best.version === now.version) return best;
  const everything = prepared(
    db,
    "SELECT 1 AS yes FROM figure_changes WHERE version >= ? AND affected_from = '' LIMIT 1",
  ).get(best.version);
  return everything ? null : best;
}

function shiftParams(params: Record<string, unknown> & { t: string; t_warn: string }, base: Kept) {
  // Moments are ISO text: sorting orders them in time.
  const [lo1, hi1] = [params.t, base.t].sort() as [string, string];
  const [lo2, hi2] = [params.t_warn, base.tWarn].sort() as [string, string];
  const bands = lo2 < hi1 ? { lo1, hi1: [hi1, hi2].sort()[1], lo2: '', hi2: '' } : { lo1, hi1, lo2, hi2 };
  return { ...params, t0: base.t, t0_warn: base.tWarn, ...bands };
}

function keep(db: Db, key: string, entry: Kept): void {
  let questions = kept.get(db);
  if (!questions) {
    questions = new Map();
    kept.set(db, questions);
  }
  const entries = (questions.get(key) ?? []).filter((e) => e.t !== entry.t);
  entries.push(entry);
  if (entries.length > MOMENTS_PER_QUESTION) entries.shift();
  questions.delete(key);
  questions.set(key, entries);
  for (const k of questions.keys()) {
    if (questions.size <= MAX_QUESTIONS) break;
    questions.delete(k);
  }
}
