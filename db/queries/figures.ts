/**
 * The figures of DESIGN.md §3, computed in SQL as of a moment T over a scope. Everything starts from
 * one definition of each item's state at T (`itemStateCte`); counts, the drill-down lists and the
 * department aggregates all read it, so a drill-down always has exactly the items its figure counts.
 * See docs/metrics.md for the definitions in words.
 */
import type { Source } from '../../server/domain/lifecycle.ts';
import { COMPLAINT_SOURCES } from '../../server/domain/lifecycle.ts';
import { addDays, addMoment, type Day, dayOf, type Moment } from '../../server/domain/time.ts';
import {
  calendarDaysSql,
  ceilSql,
  daysBetweenSql,
  medianSql,
  percentileSql,
  weekStartSql,
} from '../dialect.ts';
import { memoKey, remembered, rememberedEach } from '../figure-memo.ts';
import { LAST_EVENT_SQL } from '../figure-rollups.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import { fastFigures, fastFiguresBy } from './figures-fast.ts';

/** Which items count; every field optional, all given ones must hold. Ids are resolved by the caller. */
export interface Scope {
  campaignId?: number;
  domainId?: number;
  source?: Source;
  departmentId?: number;
  peerGroupId?: number;
  registeredFrom?: Day;
  registeredTo?: Day;
}

export interface FigureParams {
  /** The moment T (local wall time); events strictly before T count. */
  t: Moment;
  scope: Scope;
  /** Open items whose deadline passes within this many days of T are yellow. */
  warningDays: number;
}

const COMPLAINTS = COMPLAINT_SOURCES.map((s) => `'${s}'`).join(', ');

export function scopeSql(scope: Scope): { where: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (scope.campaignId !== undefined) {
    parts.push('i.campaign_id = @campaign_id');
    params.campaign_id = scope.campaignId;
  }
  if (scope.domainId !== undefined) {
    parts.push('i.domain_id = @domain_id');
    params.domain_id = scope.domainId;
  }
  if (scope.source !== undefined) {
    parts.push('i.source = @source');
    params.source = scope.source;
  }
  if (scope.departmentId !== undefined) {
    parts.push('i.department_id = @department_id');
    params.department_id = scope.departmentId;
  }
  if (scope.peerGroupId !== undefined) {
    parts.push('i.department_id IN (SELECT id FROM departments WHERE peer_group_id = @peer_group_id)');
    params.peer_group_id = scope.peerGroupId;
  }
  if (scope.registeredFrom !== undefined) {
    parts.push('i.registered_at >= @registered_from');
    params.registered_from = scope.registeredFrom;
  }
  if (scope.registeredTo !== undefined) {
    parts.push('i.registered_at < @registered_before');
    params.registered_before = addDays(scope.registeredTo, 1);
  }
  return { where: parts.map((p) => ` AND ${p}`).join(''), params };
}

/**
 * An item's (alias i) closure in force and effective deadline at a moment. An item whose last closure,
 * reopening or extension happened before it is read from its own columns. Else: an item's closures
 * follow one another (each reopened before the next), so before its first reopening the closure in
 * force is its first, and before its first extension the deadline is the original one; only the
 * others look the moment up in item_closures and deadline_extensions.
 */
export function stateAtSql(at: string): { closed: string; deadline: string } {
  const settled = `(i.state_changed_at IS NULL OR i.state_changed_at < ${at})`;
  return {
    closed: `CASE WHEN ${settled} THEN i.closed_at
      WHEN i.first_closed_at IS NULL OR i.first_closed_at >= ${at} THEN NULL
      WHEN i.first_reopened_at IS NULL OR i.first_reopened_at >= ${at} THEN i.first_closed_at
      ELSE (SELECT c.closed_at FROM item_closures c WHERE c.item_id = i.id AND c.closed_at < ${at}
            AND (c.reopened_at IS NULL OR c.reopened_at >= ${at})) END`,
    deadline: `CASE WHEN ${settled} THEN i.deadline_end
      WHEN i.first_extended_at IS NULL OR i.first_extended_at >= ${at} THEN i.original_deadline_end
      ELSE COALESCE((SELECT e.new_deadline_end FROM deadline_extensions e WHERE e.item_id = i.id
                     AND e.approved_at < ${at} ORDER BY e.approved_at DESC, e.id DESC LIMIT 1),
                    i.original_deadline_end) END`,
  };
}

/**
 * Each item's state at @t (closure and deadline as stateAtSql reads them): voided items and items
 * registered at or after T are left out.
 */
export function itemStateCte(scopeWhere: string, name = 's', at = '@t', extraColumns = ''): string {
  const state = stateAtSql(at);
  // Materialized once, so the per-item CASEs and date arithmetic run once per item, not once per aggregate.
  return `${name} AS MATERIALIZED (
    SELECT r.*,
      CASE WHEN r.closed_at IS NOT NULL THEN ${calendarDaysSql('r.registered_at', 'r.closed_at')} END AS ttc,
      CASE WHEN r.is_complaint = 1 AND r.first_response_at < ${at}
        THEN ${daysBetweenSql('r.registered_at', 'r.first_response_at')} * 24 END AS frh
    FROM (
    SELECT i.id, i.department_id, i.domain_id, i.source, i.registered_at, i.first_response_at,${extraColumns}
      ${state.closed} AS closed_at,
      ${state.deadline} AS deadline_end,
      COALESCE(i.first_closed_at < ${at}, 0) AS ever_closed,
      COALESCE(i.first_reopened_at < ${at}, 0) AS ever_reopened,
      COALESCE(i.first_extended_at < ${at}, 0) AS extended,
      i.source IN (${COMPLAINTS}) AS is_complaint
    FROM items i
    WHERE i.voided_at IS NULL AND i.registered_at < ${at}${scopeWhere}
    ) r
  )`;
}

/** The predicates every count and drill-down list uses; keys are figure parts. */
export const PREDICATES = {
  registered: '1',
  closed: 's.closed_at IS NOT NULL',
  open: 's.closed_at IS NULL',
  due: 's.deadline_end < @t',
  onTime: 's.deadline_end < @t AND s.closed_at IS NOT NULL AND s.closed_at <= s.deadline_end',
  overdue: 's.closed_at IS NULL AND s.deadline_end < @t',
  red: 's.closed_at IS NULL AND s.deadline_end < @t',
  yellow: 's.closed_at IS NULL AND s.deadline_end >= @t AND s.deadline_end < @t_warn',
  green: 's.closed_at IS NULL AND (s.deadline_end IS NULL OR s.deadline_end >= @t_warn)',
  everClosed: 's.ever_closed = 1',
  everReopened: 's.ever_reopened = 1',
  extended: 's.extended = 1',
  complaints: 's.is_complaint = 1',
  responded: 's.is_complaint = 1 AND s.first_response_at < @t',
} as const;
export type Part = keyof typeof PREDICATES;

const COUNTED: Part[] = [
  'registered',
  'closed',
  'open',
  'due',
  'onTime',
  'overdue',
  'yellow',
  'green',
  'everClosed',
  'everReopened',
  'extended',
  'complaints',
  'responded',
];

const AGGREGATES = [
  ...COUNTED.map((p) => `COALESCE(SUM(CASE WHEN ${PREDICATES[p]} THEN 1 ELSE 0 END), 0) AS ${p}`),
  `${medianSql('s.ttc')} AS ttc_median`,
  `${percentileSql('s.ttc', 90)} AS ttc_p90`,
  'AVG(s.ttc) AS ttc_mean',
  `${medianSql('s.frh')} AS frh_median`,
  `${percentileSql('s.frh', 90)} AS frh_p90`,
  'AVG(s.frh) AS frh_mean',
].join(',\n    ');

export interface RawAggregate {
  registered: number;
  closed: number;
  open: number;
  due: number;
  onTime: number;
  overdue: number;
  yellow: number;
  green: number;
  everClosed: number;
  everReopened: number;
  extended: number;
  complaints: number;
  responded: number;
  ttc_median: number | null;
  ttc_p90: number | null;
  ttc_mean: number | null;
  frh_median: number | null;
  frh_p90: number | null;
  frh_mean: number | null;
}

/** A ratio, or null when the denominator is zero (shown as "—", never as 0% or 100%). */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

export interface Figures {
  registered: number;
  closed: number;
  closureRate: number | null;
  due: number;
  onTime: number;
  onTimeRate: number | null;
  overdue: number;
  overdueShare: number | null;
  open: number;
  lights: { red: number; yellow: number; green: number };
  timeToClose: { n: number; medianDays: number | null; p90Days: number | null; meanDays: number | null };
  firstResponse: {
    complaints: number;
    n: number;
    medianHours: number | null;
    p90Hours: number | null;
    meanHours: number | null;
  };
  everClosed: number;
  everReopened: number;
  reopenRate: number | null;
  extended: number;
  extensionRate: number | null;
}

export function toFigures(r: RawAggregate): Figures {
  return {
    registered: r.registered,
    closed: r.closed,
    closureRate: ratio(r.closed, r.registered),
    due: r.due,
    onTime: r.onTime,
    onTimeRate: ratio(r.onTime, r.due),
    overdue: r.overdue,
    overdueShare: ratio(r.overdue, r.registered),
    open: r.open,
    lights: { red: r.overdue, yellow: r.yellow, green: r.green },
    timeToClose: { n: r.closed, medianDays: r.ttc_median, p90Days: r.ttc_p90, meanDays: r.ttc_mean },
    firstResponse: {
      complaints: r.complaints,
      n: r.responded,
      medianHours: r.frh_median,
      p90Hours: r.frh_p90,
      meanHours: r.frh_mean,
    },
    everClosed: r.everClosed,
    everReopened: r.everReopened,
    reopenRate: ratio(r.everReopened, r.everClosed),
    extended: r.extended,
    extensionRate: ratio(r.extended, r.registered),
  };
}

export function baseParams(p: FigureParams, extra: Record<string, unknown>) {
  return { t: p.t, t_warn: addMoment(p.t, p.warningDays * 86_400), ...extra };
}

/** The headline figures of a scope as of T: from the rollups when they cover the question, else exact SQL. */
export function getFigures(db: Db, p: FigureParams): Figures {
  return remembered(db, `figures|${figuresKey(p)}`, p.t, () => fastFigures(db, p) ?? exactFigures(db, p));
}

/** What the figures of a question depend on besides the data: its scope, moment and warning days. */
const figuresKey = (p: FigureParams) => memoKey({ ...p.scope, t: p.t, warningDays: p.warningDays });

/** The headline figures by the plain SQL over every item in scope (the definition the rollups must match). */
export function exactFigures(db: Db, p: FigureParams): Figures {
  const { where, params } = scopeSql(p.scope);
  const sql = `WITH ${itemStateCte(where)} SELECT ${AGGREGATES} FROM s`;
  return toFigures(prepared(db, sql).get(baseParams(p, params)) as RawAggregate);
}

export type GroupBy = 'department' | 'domain' | 'source';
export const GROUP_COLUMN: Record<GroupBy, string> = {
  department: 's.department_id',
  domain: 's.domain_id',
  source: 's.source',
};

/** The group key as a SQL expression over a table aliased `alias` (NULL: one group). */
export function groupSql(by: GroupBy | null, alias: string): string {
  if (by === null) return 'NULL';
  return by === 'source' ? `${alias}.source` : `${alias}.${by}_id`;
}

/** The figures per department, domain or source (groups without items are absent). */
export function getFiguresBy(db: Db, p: FigureParams, by: GroupBy): Map<number | string | null, Figures> {
  return remembered(
    db,
    `figuresBy|${by}|${figuresKey(p)}`,
    p.t,
    () => fastFiguresBy(db, p, by) ?? exactFiguresBy(db, p, by),
  );
}

export function exactFiguresBy(db: Db, p: FigureParams, by: GroupBy): Map<number | string | null, Figures> {
  const { where, params } = scopeSql(p.scope);
  const column = GROUP_COLUMN[by];
  const sql = `WITH ${itemStateCte(where)} SELECT ${column} AS group_key, ${AGGREGATES} FROM s GROUP BY ${column}`;
  const rows = prepared(db, sql).all(baseParams(p, params)) as (RawAggregate & {
    group_key: number | string | null;
  })[];
  return new Map(rows.map((r) => [r.group_key, toFigures(r)]));
}

export interface FigureItem {
  id: number;
  ledgerCode: string;
  title: string;
  departmentCode: string | null;
  departmentZh: string | null;
  departmentEn: string | null;
  responsiblePerson: string | null;
  registeredAt: Moment;
  /** The effective deadline at T: a day, a moment, or null (long-term, or not set yet). */
  deadline: string | null;
  /** immediate, phased or long_term: says what a missing deadline means. */
  rectificationType: string;
  closedAt: Moment | null;
  daysOverdue: number | null;
  status: string;
}

export interface ItemPage {
  total: number;
  page: number;
  pageSize: number;
  items: FigureItem[];
}

type ListParams = FigureParams & { part: Part; page: number; pageSize: number };

/** The exact items matching one figure part at T, paged; overdue first by days overdue, then by code. */
export function listFigureItems(db: Db, p: ListParams): ItemPage {
  if (p.part === 'overdue' || p.part === 'red') return listOverdueItems(db, p);
  const { where, params } = scopeSql(p.scope);
  // The state carries the ledger code, so the page is ordered and cut before its items' rows are read.
  const cte = `WITH ${itemStateCte(`${where}${candidatesSql(p.part)}`, 's', '@t', ' i.ledger_code,')}`;
  const predicate = PREDICATES[p.part];
  const all = baseParams(p, params);
  // One statement counts and pages, so the items' state is worked out once.
  const rows = prepared(
    db,
    `${cte}, page AS (
       SELECT s.*, ${DAYS_OVERDUE} AS days_overdue FROM s WHERE ${predicate}
       ORDER BY days_overdue DESC NULLS LAST, s.ledger_code LIMIT @limit OFFSET @offset
     )
     SELECT ${ITEM_COLUMNS}, (SELECT COUNT(*) FROM s WHERE ${predicate}) AS total
     FROM page s JOIN items i ON i.id = s.id LEFT JOIN departments d ON d.id = s.department_id
     ORDER BY days_overdue DESC NULLS LAST, i.ledger_code`,
  ).all({ ...all, limit: p.pageSize, offset: (p.page - 1) * p.pageSize }) as (RawFigureItem & {
    total: number;
  })[];
  // A page past the end has no row to read the total from.
  const total =
    rows[0]?.total ??
    (prepared(db, `${cte} SELECT COUNT(*) AS n FROM s WHERE ${predicate}`).get(all) as { n: number }).n;
  return { total, page: p.page, pageSize: p.pageSize, items: rows.map(toFigureItem) };
}

/**
 * The overdue (red) items' page without working out the state of every overdue item. Those with no
 * event at or after T are open now with their deadline passed, and their days overdue only grow as the
 * deadline is earlier: they are read in deadline order from items_open_deadline, only as far as the
 * page reaches (and the rest of its last day count). The few with a later event have their state at T
 * worked out. Both are merged in the list's order; the total is the figure itself.
 */
function listOverdueItems(db: Db, p: ListParams): ItemPage {
  const key = memoKey({ ...p.scope, t: p.t, warningDays: p.warningDays, page: p.page, pageSize: p.pageSize });
  const { total, ids } = remembered(db, `overdue page|${key}`, p.t, () => overduePage(db, p));
  return { total, page: p.page, pageSize: p.pageSize, items: figureItemsAt(db, p, ids) };
}

/** Which items the overdue list's page holds, and how many it has in all. */
function overduePage(db: Db, p: ListParams): { total: number; ids: number[] } {
  const { where, params } = scopeSql(p.scope);
  const all = baseParams(p, params);
  const offset = (p.page - 1) * p.pageSize;
  const reach = offset + p.pageSize;
  type Ranked = { id: number; ledger_code: string; days: number };
  const changed = prepared(
    db,
    `WITH ${itemStateCte(`${where} AND ${LAST_EVENT_SQL('i')} >= @t`, 's', '@t', ' i.ledger_code,')}
     SELECT s.id, s.ledger_code, ${DAYS_OVERDUE} AS days FROM s WHERE ${PREDICATES.overdue}`,
  ).all(all) as Ranked[];
  const walk = prepared(
    db,
    `SELECT i.id, i.ledger_code, ${daysOverdueSql('i.deadline_end')} AS days
     FROM items i INDEXED BY items_open_deadline
     WHERE i.status <> 'closed' AND i.voided_at IS NULL AND i.deadline_end < @t
       AND ${LAST_EVENT_SQL('i')} < @t${where}
     ORDER BY i.deadline_end LIMIT @n`,
  );
  let settled: Ranked[] = [];
  for (let n = Math.max(reach, 1); ; n *= 2) {
    settled = walk.all({ ...all, n }) as Ranked[];
    // Complete when all were read, or the last one read is a day below the page's last one.
    if (settled.length < n || settled[settled.length - 1]!.days < settled[reach - 1]!.days) break;
  }
  // SQLite's BINARY order of the codes: their UTF-8 bytes.
  const ids = [...settled, ...changed]
    .sort((a, b) => b.days - a.days || Buffer.compare(Buffer.from(a.ledger_code), Buffer.from(b.ledger_code)))
    .slice(offset, reach)
    .map((r) => r.id);
  return { total: getFigures(db, p).overdue, ids };
}

/** The given items as they stood at T (closure, deadline, days overdue), in the order given. */
export function figureItemsAt(db: Db, p: FigureParams, ids: number[]): FigureItem[] {
  if (ids.length === 0) return [];
  const rows = prepared(
    db,
    `WITH ${itemStateCte(' AND i.id IN (SELECT value FROM json_each(@ids))')}
     SELECT ${ITEM_COLUMNS} FROM s JOIN items i ON i.id = s.id LEFT JOIN departments d ON d.id = s.department_id`,
  ).all({ ...baseParams(p, {}), ids: JSON.stringify(ids) }) as RawFigureItem[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => toFigureItem(byId.get(id)!));
}

/**
 * For the parts about open items, the items that can be in the part at T: those open now whose
 * deadline (now) puts them there, plus every item with an event at or after T (whose columns may not
 * be its state at T). The exact predicate still decides; this only spares the other items the pass.
 */
const OPEN_NOW = "c.voided_at IS NULL AND c.status <> 'closed'";
const OPEN_CANDIDATES: Partial<Record<Part, string>> = {
  overdue: `${OPEN_NOW} AND c.deadline_end < @t`,
  red: `${OPEN_NOW} AND c.deadline_end < @t`,
  yellow: `${OPEN_NOW} AND c.deadline_end >= @t AND c.deadline_end < @t_warn`,
  open: OPEN_NOW,
  green: OPEN_NOW,
};

function candidatesSql(part: Part): string {
  const openNow = OPEN_CANDIDATES[part];
  if (openNow === undefined) return '';
  return ` AND i.id IN (SELECT c.id FROM items c WHERE ${openNow}
    UNION ALL SELECT c.id FROM items c WHERE c.voided_at IS NULL AND ${LAST_EVENT_SQL('c')} >= @t)`;
}

export type RawFigureItem = {
  id: number;
  ledger_code: string;
  title: string;
  department_code: string | null;
  department_zh: string | null;
  department_en: string | null;
  responsible_person: string | null;
  registered_at: string;
  deadline_end: string | null;
  rectification_type: string;
  closed_at: string | null;
  days_overdue: number | null;
  status: string;
};

export const toFigureItem = (r: RawFigureItem): FigureItem => ({
  id: r.id,
  ledgerCode: r.ledger_code,
  title: r.title,
  departmentCode: r.department_code,
  departmentZh: r.department_zh,
  departmentEn: r.department_en,
  responsiblePerson: r.responsible_person,
  registeredAt: r.registered_at,
  deadline: deadlineFromEnd(r.deadline_end),
  rectificationType: r.rectification_type,
  closedAt: r.closed_at,
  daysOverdue: r.days_overdue,
  status: r.status,
});

/** Whole days an overdue item (columns of `s`) is past its deadline at T, at least 1; else null. */
const daysOverdueSql = (deadline: string) => `MAX(1, ${ceilSql(daysBetweenSql(deadline, '@t'))})`;
export const DAYS_OVERDUE = `CASE WHEN ${PREDICATES.overdue} THEN ${daysOverdueSql('s.deadline_end')} END`;

export const ITEM_COLUMNS = `i.id, i.ledger_code, i.title, d.code AS department_code, d.name_zh AS department_zh,
  d.name_en AS department_en, i.responsible_person, i.registered_at, s.deadline_end, i.rectification_type,
  s.closed_at, ${DAYS_OVERDUE} AS days_overdue, i.status`;

/**
 * Items in a figure part at T that were not in it at an earlier moment (e.g. newly overdue, newly
 * closed since the last review), overdue first by days overdue.
 */
export function listChangedItems(
  db: Db,
  p: FigureParams & { since: Moment; part: Part; limit: number },
): { total: number; items: FigureItem[] } {
  const { where, params } = scopeSql(p.scope);
  const before = PREDICATES[p.part].replace(/\bs\./g, 'b.').replaceAll('@t', '@since');
  const cte = `WITH ${itemStateCte(where)}, ${itemStateCte(where, 'b', '@since')}`;
  const filter = `FROM s LEFT JOIN b ON b.id = s.id JOIN items i ON i.id = s.id LEFT JOIN departments d ON d.id = s.department_id
     WHERE ${PREDICATES[p.part]} AND NOT COALESCE(${before}, 0)`;
  const all = {
    ...baseParams(p, params),
    since: p.since,
    since_warn: addMoment(p.since, p.warningDays * 86_400),
  };
  const total = (prepared(db, `${cte} SELECT COUNT(*) AS n ${filter}`).get(all) as { n: number }).n;
  const rows = prepared(
    db,
    `${cte} SELECT ${ITEM_COLUMNS} ${filter} ORDER BY days_overdue DESC NULLS LAST, i.ledger_code LIMIT @limit`,
  ).all({ ...all, limit: p.limit }) as RawFigureItem[];
  return { total, items: rows.map(toFigureItem) };
}

/** The deadline as entered, from its end moment: 'YYYY-MM-DDT24:00:00' is the day itself. */
export function deadlineFromEnd(end: string | null): string | null {
  if (end === null) return null;
  return end.endsWith('T24:00:00') ? end.slice(0, 10) : end;
}

export interface FlowWeek {
  weekStart: Day;
  registered: number;
  closed: number;
  reopened: number;
  /** Open items at the end of the week minus at its start: registered − closed + reopened. */
  netOpen: number;
  openAtEnd: number;
}

/**
 * Weekly flow of consecutive weeks (Mondays), the first starting before `end` (T), as of `end`: items
 * registered, closures made, reopenings, and the change in open items. Counts events in [week start,
 * next week start) over the scope's non-voided items, the week of `end` only up to `end` (and a week
 * starting after it nothing), so the last week ends with the items open at `end`. Remembered
 * (db/figure-memo.ts): each whole week, the open items before the first, and the days of `end`'s week
 * before `end`'s day; after a write now, only that day so far is counted again.
 */
export function getFlow(db: Db, scope: Scope, weeks: Day[], end: Moment): FlowWeek[] {
  if (weeks.length === 0) return [];
  const from = weeks[0]!;
  const openBefore = remembered(db, `flowBefore|${memoKey({ ...scope, from })}`, `${from}T00:00:00`, () => {
    const c = eventCounts(db, scope, '', from).get(null);
    return c ? c.registered - c.closed + c.reopened : 0;
  });
  const weekEnd = (week: Day) => `${addDays(week, 7)}T00:00:00`;
  const whole = weeks.filter((week) => weekEnd(week) <= end);
  const wholeCounts = rememberedEach(
    db,
    whole.map((week) => ({ key: `flowWeek|${memoKey({ ...scope, week })}`, latest: weekEnd(week) })),
    (missing) => {
      const byWeek = eventCounts(db, scope, whole[missing[0]!]!, addDays(whole[missing.at(-1)!]!, 7), true);
      return missing.map((j) => byWeek.get(whole[j]!) ?? NO_EVENTS);
    },
  );
  const counted = new Map(whole.map((week, j) => [week, wholeCounts[j]!]));
  const current = weeks.find((week) => `${week}T00:00:00` < end && weekEnd(week) > end);
  if (current !== undefined) {
    const today = `${dayOf(end)}T00:00:00`;
    const daysBefore = remembered(db, `flowDays|${memoKey({ ...scope, current, today })}`, today, () =>
      eventsIn(db, scope, `${current}T00:00:00`, today),
    );
    const sinceToday = eventsIn(db, scope, today, end);
    counted.set(current, {
      registered: daysBefore.registered + sinceToday.registered,
      closed: daysBefore.closed + sinceToday.closed,
      reopened: daysBefore.reopened + sinceToday.reopened,
    });
  }
  let open = openBefore;
  return weeks.map((weekStart) => {
    const { registered, closed, reopened } = counted.get(weekStart) ?? NO_EVENTS;
    const netOpen = registered - closed + reopened;
    open += netOpen;
    return { weekStart, registered, closed, reopened, netOpen, openAtEnd: open };
  });
}

const NO_EVENTS = { registered: 0, closed: 0, reopened: 0 } as const;

/** The events of [from, to), two moments, in all (nothing when the range is empty). */
const eventsIn = (db: Db, scope: Scope, from: string, to: string) =>
  from < to ? (eventCounts(db, scope, from, to).get(null) ?? NO_EVENTS) : NO_EVENTS;

/**
 * Registrations, closures and reopenings of the scope's non-voided items in [from, to) (from '' = since
 * the first), in all (key null) or by week start. Each is one index range (registration, closing and
 * reopening times).
 */
function eventCounts(
  db: Db,
  scope: Scope,
  from: string,
  to: string,
  byWeek = false,
): Map<string | null, { registered: number; closed: number; reopened: number }> {
  const { where, params } = scopeSql(scope);
  const group = (at: string) => (byWeek ? weekStartSql(at) : 'NULL');
  const count = (sql: string) =>
    prepared(db, sql)
      .raw()
      .all({ ...params, from, to }) as [string | null, number][];
  const result = new Map<string | null, { registered: number; closed: number; reopened: number }>();
  const add = (rows: [string | null, number][], field: 'registered' | 'closed' | 'reopened') => {
    for (const [key, n] of rows) {
      let c = result.get(key);
      if (!c) {
        c = { registered: 0, closed: 0, reopened: 0 };
        result.set(key, c);
      }
      c[field] += n;
    }
  };
  add(
    count(
      `SELECT ${group('i.registered_at')} AS g, COUNT(*) FROM items i
       WHERE i.voided_at IS NULL AND i.registered_at >= @from AND i.registered_at < @to${where} GROUP BY g`,
    ),
    'registered',
  );
  for (const [field, column] of [
    ['closed', 'closed_at'],
    ['reopened', 'reopened_at'],
  ] as const) {
    add(
      count(
        `SELECT ${group(`c.${column}`)} AS g, COUNT(*) FROM item_closures c JOIN items i ON i.id = c.item_id
         WHERE c.${column} >= @from AND c.${column} < @to AND i.voided_at IS NULL${where} GROUP BY g`,
      ),
      field,
    );
  }
  return result;
}
