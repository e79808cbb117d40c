/**
 * The ledger's items: the table (search, filters, sort, paging), one item with everything on it, and
 * the writes the workflow makes. Every write is scoped by ITEM_WRITE_SCOPE and checks the version the
 * client saw, so an editor cannot touch another department's item and nobody overwrites a newer edit.
 */
import type { Source } from '../../server/domain/lifecycle.ts';
import type { Moment } from '../../server/domain/time.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';
import { ITEM_WRITE_SCOPE, type ItemWriteScope, itemScopeParams } from './accounts-item-scope.ts';
import { type ExtensionRequest, itemExtensionRequests } from './extension-requests.ts';
import { deadlineFromEnd } from './figures.ts';
import { rollupItemCount } from './figures-fast.ts';
import { type ItemFile, itemFiles } from './item-files.ts';
import { itemProgressNotes, type ProgressNote } from './progress-notes.ts';

export interface ItemListFilter {
  q?: string;
  campaignId?: number;
  domainId?: number;
  source?: string;
  departmentId?: number;
  status?: string;
  light?: 'red' | 'yellow' | 'green';
  overdue?: boolean;
  voided?: boolean;
}

/** Each sort is the leading columns of its list index (migration 004), so a page walks the index. */
export const ITEM_SORTS = {
  registered: 'i.registered_at DESC, i.id DESC',
  registeredAsc: 'i.registered_at ASC, i.id ASC',
  deadline: 'i.deadline_end IS NULL, i.deadline_end ASC, i.id ASC',
  code: 'i.ledger_code ASC',
  updated: 'i.updated_at DESC, i.id DESC',
} as const;
export type ItemSort = keyof typeof ITEM_SORTS;

export interface ItemListRow {
  id: number;
  ledgerCode: string;
  title: string;
  campaignCode: string;
  domainCode: string | null;
  source: string;
  departmentCode: string | null;
  departmentZh: string | null;
  departmentEn: string | null;
  responsiblePerson: string | null;
  registeredAt: string;
  deadline: string | null;
  originalDeadline: string | null;
  /** immediate, phased or long_term: says what a missing deadline means. */
  rectificationType: string;
  status: string;
  light: 'red' | 'yellow' | 'green' | null;
  daysOverdue: number | null;
  reopenCount: number;
  extensionCount: number;
  urgeCount: number;
  voided: boolean;
  version: number;
}

/** An item's warning light at @now (due soon: before @warn); null when closed or voided (DESIGN §3). */
export const LIGHT = `CASE WHEN i.status = 'closed' OR i.voided_at IS NOT NULL THEN NULL
  WHEN i.deadline_end < @now THEN 'red'
  WHEN i.deadline_end < @warn THEN 'yellow' ELSE 'green' END`;

/** LIGHT = light, spelled as conditions the list indexes can check (warn is never before now). */
const LIGHT_IS = {
  red: "i.status <> 'closed' AND i.voided_at IS NULL AND i.deadline_end < @now",
  yellow:
    "i.status <> 'closed' AND i.voided_at IS NULL AND i.deadline_end >= @now AND i.deadline_end < @warn",
  green:
    "i.status <> 'closed' AND i.voided_at IS NULL AND (i.deadline_end >= @warn OR i.deadline_end IS NULL)",
} as const;

/** Days an open item is overdue at @now (T − deadline, a part day a whole one); null unless red. */
export const DAYS_OVERDUE = `CASE WHEN i.status <> 'closed' AND i.voided_at IS NULL AND i.deadline_end < @now
  THEN MAX(1, CAST(ceil(julianday(@now) - julianday(i.deadline_end)) AS INTEGER)) END`;

/**
 * Title, ledger code or person contains q (what `LIKE '%q%'` means: ASCII letters in either case),
 * through the trigram index of migration 004: 3 characters or more are a phrase; 1 or 2 are the
 * trigrams that begin with them (every character begins one: the copies end with two U+0001).
 * `broad`: the term is found more than once per BROAD_SEARCH items (in as many items for 3 characters
 * or more; a shorter term counts its occurrences, near enough for choosing how to page).
 */
interface Search {
  sql: string;
  /** The parameters its SQL binds: @q, and @q2… for the term's other widths (searchWidths). */
  params: Record<string, string>;
  broad: boolean;
}

/**
 * Beyond this share of the ledger (1 in 50), a page walks its sort's index and checks each item
 * against the matches, and finds its 50 within a few thousand entries; below it, the matches' rows
 * are read and sorted, which costs less than walking past the many items that do not match.
 */
const BROAD_SEARCH = 50;

const HALF_ALNUM = /[0-9A-Za-z]/g;
const FULL_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
const shift = (offset: number) => (ch: string) => String.fromCharCode(ch.charCodeAt(0) + offset);
const lowerAscii = (s: string) => s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());

/**
 * The term as the index may hold it: ASCII lower-cased (as the index's copies are), and its digits
 * and letters full-width too (１２３４５ for 12345, ＰＭ２.５ or ｐｍ２.５ for pm2.5, and back): a ledger
 * typed in a Chinese input method often has them, and a reader types either. The index folds ASCII
 * letters only, so a full-width letter is looked for in both cases. The first is the term itself.
 */
function searchWidths(q: string): string[] {
  const half = lowerAscii(q.replace(FULL_ALNUM, shift(-FULL_WIDTH_OFFSET)));
  const full = half.replace(HALF_ALNUM, shift(FULL_WIDTH_OFFSET));
  return [...new Set([lowerAscii(q), half, full, full.replace(/[ａ-ｚ]/g, shift(-0x20))])];
}

function searchSql(db: Db, q: string): Search {
  const terms = searchWidths(q).map((term, i) => ({ name: i === 0 ? 'q' : `q${i + 1}`, term }));
  const phrase = (term: string) => `"${term.replaceAll('"', '""')}"`;
  const range = (param: string) =>
    `SELECT doc FROM item_search_terms WHERE term >= @${param} AND term <= @${param} || char(1114111, 1114111)`;
  const search: { matches: string; params: Search['params'] } =
    [...q].length >= 3
      ? {
          matches: 'SELECT rowid FROM item_search WHERE item_search MATCH @q',
          params: { q: terms.map(({ term }) => phrase(term)).join(' OR ') },
        }
      : // The ranges as a UNION: the vocabulary table reads an OR of them as the first alone.
        {
          matches: terms.map(({ name }) => range(name)).join(' UNION ALL '),
          params: Object.fromEntries(terms.map(({ name, term }) => [name, term])),
        };
  // Counting stops at the threshold, so a rare term costs nothing and a common one a few ms; the
  // highest id stands for the ledger's size (it is read from the end of the table, not counted).
  const threshold = Math.ceil(
    ((prepared(db, 'SELECT max(id) FROM items').pluck().get() as number | null) ?? 0) / BROAD_SEARCH,
  );
  const found = prepared(db, `SELECT COUNT(*) FROM (${search.matches} LIMIT @threshold + 1)`)
    .pluck()
    .get({ ...search.params, threshold }) as number;
  return { sql: `i.id IN (${search.matches})`, params: search.params, broad: found > threshold };
}

/**
 * The WHERE of a filter. For a page (`walk`), the broad filters (campaign, domain, source, status) are
 * written `+column`: a page walks its sort's index and checks them on the way, and the `+` keeps the
 * planner from seeking them through another index and sorting a large part of the ledger instead,
 * which its estimates make look cheap and which is not. A count seeks what it can.
 */
function filterSql(
  f: ItemListFilter,
  search: Search | null,
  walk = false,
): { where: string; params: Record<string, unknown> } {
  const parts: string[] = [f.voided ? 'i.voided_at IS NOT NULL' : 'i.voided_at IS NULL'];
  const params: Record<string, unknown> = {};
  const eq = (column: string, name: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(`${column} = @${name}`);
    params[name] = value;
  };
  const broad = walk ? '+i.' : 'i.';
  eq(`${broad}campaign_id`, 'campaign_id', f.campaignId);
  eq(`${broad}domain_id`, 'domain_id', f.domainId);
  eq(`${broad}source`, 'source', f.source);
  eq(`${broad}status`, 'status', f.status);
  eq('i.department_id', 'department_id', f.departmentId);
  if (search) {
    // Within a department (a few thousand items), or on a page when the matches are many, check each
    // item in order against the matches; otherwise start from the matches (a name's or a code's few).
    parts.push(f.departmentId !== undefined || (walk && search.broad) ? `+${search.sql}` : search.sql);
    Object.assign(params, search.params);
  }
  if (f.light) parts.push(`(${LIGHT_IS[f.light]})`);
  if (f.overdue !== undefined) {
    parts.push(
      f.overdue
        ? "i.status <> 'closed' AND i.deadline_end < @now"
        : "NOT (i.status <> 'closed' AND i.deadline_end < @now)",
    );
  }
  return { where: parts.join(' AND '), params };
}

/**
 * The total of a filter on the rollups' keys alone (campaign, domain, source, department; the table
 * everyone opens first has none): their sum, kept by every write (1M items: 0.02 ms, where counting
 * the index took 3–15 ms). Null for any other filter.
 */
function keyedCount(db: Db, f: ItemListFilter): number | null {
  // Whatever else the filter holds (today q, status, light, overdue; tomorrow a new one) is counted.
  const { campaignId, domainId, source, departmentId, voided, ...other } = f;
  if (voided || Object.values(other).some((v) => v !== undefined)) return null;
  return rollupItemCount(db, { campaignId, domainId, source: source as Source | undefined, departmentId });
}

/**
 * The items a filter matches, counted. A search outside a department (`searchWide`) checks its matches
 * against the filters in the narrow index of migration 006.
 */
function countItems(db: Db, where: string, params: Record<string, unknown>, searchWide: boolean): number {
  const sql = `SELECT COUNT(*) FROM items i${searchWide ? ' INDEXED BY items_search_filters' : ''} WHERE ${where}`;
  return prepared(db, sql).pluck().get(params) as number;
}

export function listItems(
  db: Db,
  p: { filter: ItemListFilter; sort: ItemSort; page: number; pageSize: number; now: Moment; warn: Moment },
): { total: number; page: number; pageSize: number; items: ItemListRow[] } {
  const search = p.filter.q ? searchSql(db, p.filter.q) : null;
  const { where, params } = filterSql(p.filter, search);
  const all = { ...params, now: p.now, warn: p.warn };
  const total =
    keyedCount(db, p.filter) ??
    countItems(db, where, all, search !== null && p.filter.departmentId === undefined);
  const walk = filterSql(p.filter, search, true).where;
  // The page's ids first, from the sort's index alone; then the columns and names of those 50 only
  // (CROSS JOIN keeps the page the outer loop, so the planner never scans items for the outer ORDER BY).
  const rows = prepared(
    db,
    `SELECT i.id, i.ledger_code, i.title, c.code AS campaign_code, dm.code AS domain_code, i.source,
            d.code AS department_code, d.name_zh AS department_zh, d.name_en AS department_en,
            i.responsible_person, i.registered_at, i.deadline_end, i.original_deadline, i.rectification_type, i.status,
            ${LIGHT} AS light, ${DAYS_OVERDUE} AS days_overdue,
            i.reopen_count, i.extension_count, i.urge_count, i.voided_at, i.version
     FROM (SELECT i.id FROM items i WHERE ${walk} ORDER BY ${ITEM_SORTS[p.sort]} LIMIT @limit OFFSET @offset) page
     CROSS JOIN items i ON i.id = page.id
     JOIN campaigns c ON c.id = i.campaign_id
     LEFT JOIN domains dm ON dm.id = i.domain_id
     LEFT JOIN departments d ON d.id = i.department_id
     ORDER BY ${ITEM_SORTS[p.sort]}`,
  ).all({ ...all, limit: p.pageSize, offset: (p.page - 1) * p.pageSize }) as Record<string, unknown>[];
  return {
    total,
    page: p.page,
    pageSize: p.pageSize,
    items: rows.map((r) => ({
      id: r.id as number,
      ledgerCode: r.ledger_code as string,
      title: r.title as string,
      campaignCode: r.campaign_code as string,
      domainCode: r.domain_code as string | null,
      source: r.source as string,
      departmentCode: r.department_code as string | null,
      departmentZh: r.department_zh as string | null,
      departmentEn: r.department_en as string | null,
      responsiblePerson: r.responsible_person as string | null,
      registeredAt: r.registered_at as string,
      deadline: deadlineFromEnd(r.deadline_end as string | null),
      originalDeadline: r.original_deadline as string | null,
      rectificationType: r.rectification_type as string,
      status: r.status as string,
      light: r.light as ItemListRow['light'],
      daysOverdue: r.days_overdue as number | null,
      reopenCount: r.reopen_count as number,
      extensionCount: r.extension_count as number,
      urgeCount: r.urge_count as number,
      voided: r.voided_at !== null,
      version: r.version as number,
    })),
  };
}

/**
 * The ids of every item the table would list for a filter, in the table's order (no paging): what an
 * export of "the current filter" writes, so the file holds exactly the table's rows.
 */
export function listItemIds(
  db: Db,
  p: { filter: ItemListFilter; sort: ItemSort; now: Moment; warn: Moment },
): number[] {
  const search = p.filter.q ? searchSql(db, p.filter.q) : null;
  const { where, params } = filterSql(p.filter, search, true);
  return prepared(db, `SELECT i.id FROM items i WHERE ${where} ORDER BY ${ITEM_SORTS[p.sort]}`)
    .pluck()
    .all({ ...params, now: p.now, warn: p.warn }) as number[];
}

/** The raw item row (snake_case columns), or undefined. */
export type ItemRow = Record<string, string | number | null> & {
  id: number;
  status: string;
  version: number;
  department_id: number | null;
  voided_at: string | null;
  deadline: string | null;
  closed_at: string | null;
};

export function getItemRow(db: Db, id: number): ItemRow | undefined {
  return prepared(db, 'SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
}

export function getItemByCode(db: Db, code: string): ItemRow | undefined {
  return prepared(db, 'SELECT * FROM items WHERE ledger_code = ?').get(code) as ItemRow | undefined;
}

export interface ItemDetail {
  item: ItemRow & {
    campaign_code: string;
    domain_code: string | null;
    department_code: string | null;
    department_zh: string | null;
    department_en: string | null;
  };
  participants: { code: string; nameZh: string; nameEn: string }[];
  milestones: { id: number; title: string; dueOn: string; doneAt: string | null }[];
  closures: {
    id: number;
    closedAt: string;
    evidence: string | null;
    reopenedAt: string | null;
    reopenReason: string | null;
    /** Who verified and closed it (display name). */
    verifiedBy: string | null;
  }[];
  extensions: {
    id: number;
    approvedAt: string;
    oldDeadline: string | null;
    newDeadline: string;
    reason: string;
    approvedBy: string | null;
  }[];
  /** 延期申请: the department's requests and the office's decisions, oldest first. */
  extensionRequests: ExtensionRequest[];
  /** 整改进展: dated progress notes, oldest first. */
  progressNotes: ProgressNote[];
  /** 佐证材料: the files on the item, oldest first (their bytes from GET /api/items/:id/files/:file). */
  files: ItemFile[];
  urgings: { id: number; urgedAt: string; note: string; urgedBy: string | null }[];
  history: {
    id: number;
    at: string;
    effectiveAt: string;
    actorName: string;
    kind: string;
    before: unknown;
    after: unknown;
    note: string | null;
    importBatchId: number | null;
  }[];
}

const json = (x: string | null) => (x === null ? null : JSON.parse(x));

/** An item's warning light and days overdue at @now, as the table and the export show them (LIGHT, DAYS_OVERDUE). */
export function itemWarning(
  db: Db,
  id: number,
  at: { now: string; warn: string },
): { light: 'red' | 'yellow' | 'green' | null; daysOverdue: number | null } {
  return prepared(
    db,
    `SELECT ${LIGHT} AS light, ${DAYS_OVERDUE} AS daysOverdue FROM items i WHERE i.id = @id`,
  ).get({ id, ...at }) as { light: 'red' | 'yellow' | 'green' | null; daysOverdue: number | null };
}

export function getItemDetail(db: Db, id: number): ItemDetail | null {
  const item = prepared(
    db,
    `SELECT i.*, c.code AS campaign_code, dm.code AS domain_code, d.code AS department_code,
            d.name_zh AS department_zh, d.name_en AS department_en
     FROM items i JOIN campaigns c ON c.id = i.campaign_id
     LEFT JOIN domains dm ON dm.id = i.domain_id LEFT JOIN departments d ON d.id = i.department_id
     WHERE i.id = ?`,
  ).get(id) as ItemDetail['item'] | undefined;
  if (!item) return null;
  return {
    item,
    participants: prepared(
      db,
      `SELECT d.code, d.name_zh AS nameZh, d.name_en AS nameEn FROM item_departments x
       JOIN departments d ON d.id = x.department_id WHERE x.item_id = ? ORDER BY d.code`,
    ).all(id) as ItemDetail['participants'],
    milestones: prepared(
      db,
      'SELECT id, title, due_on AS dueOn, done_at AS doneAt FROM milestones WHERE item_id = ? ORDER BY due_on, id',
    ).all(id) as ItemDetail['milestones'],
    closures: prepared(
      db,
      `SELECT x.id, x.closed_at AS closedAt, x.evidence, x.reopened_at AS reopenedAt, x.reopen_reason AS reopenReason,
              u.display_name AS verifiedBy
       FROM item_closures x LEFT JOIN users u ON u.id = x.verified_by WHERE x.item_id = ? ORDER BY x.closed_at, x.id`,
    ).all(id) as ItemDetail['closures'],
    extensions: prepared(
      db,
      `SELECT x.id, x.approved_at AS approvedAt, x.old_deadline AS oldDeadline, x.new_deadline AS newDeadline,
              x.reason, u.display_name AS approvedBy
       FROM deadline_extensions x LEFT JOIN users u ON u.id = x.approved_by
       WHERE x.item_id = ? ORDER BY x.approved_at, x.id`,
    ).all(id) as ItemDetail['extensions'],
    extensionRequests: itemExtensionRequests(db, id),
    progressNotes: itemProgressNotes(db, id),
    files: itemFiles(db, id),
    urgings: prepared(
      db,
      `SELECT u.id, u.urged_at AS urgedAt, u.note, us.display_name AS urgedBy FROM urgings u
       LEFT JOIN users us ON us.id = u.urged_by WHERE u.item_id = ? ORDER BY u.urged_at, u.id`,
    ).all(id) as ItemDetail['urgings'],
    history: (
      prepared(
        db,
        `SELECT id, at, effective_at, actor_name, kind, before, after, note, import_batch_id
         FROM item_history WHERE item_id = ? ORDER BY id`,
      ).all(id) as Record<string, string | number | null>[]
    ).map((h) => ({
      id: h.id as number,
      at: h.at as string,
      effectiveAt: h.effective_at as string,
      actorName: h.actor_name as string,
      kind: h.kind as string,
      before: json(h.before as string | null),
      after: json(h.after as string | null),
      note: h.note as string | null,
      importBatchId: h.import_batch_id as number | null,
    })),
  };
}

/**
 * Sets columns of one item if it is in the writer's scope and still at the version the client saw;
 * bumps the version. Returns false when nothing matched (caller explains why: refusedItemWrite).
 */
export function updateItem(
  db: Db,
  id: number,
  expectedVersion: number,
  scope: ItemWriteScope,
  set: Record<string, string | number | null>,
  updatedAt: string,
): boolean {
  const columns = Object.keys(set);
  for (const c of columns) if (!/^[a-z_]+$/.test(c)) throw new Error(`bad column ${c}`);
  const sql = `UPDATE items SET ${columns.map((c) => `${c} = @set_${c}`).join(', ')}${columns.length ? ', ' : ''}
      version = version + 1, updated_at = @updated_at
    WHERE id = @id AND version = @version AND ${ITEM_WRITE_SCOPE}`;
  const params: Record<string, unknown> = {
    id,
    version: expectedVersion,
    updated_at: updatedAt,
    ...itemScopeParams(scope),
  };
  for (const c of columns) params[`set_${c}`] = set[c];
  return prepared(db, sql).run(params).changes === 1;
}

export interface HistoryEntry {
  itemId: number;
  at: string;
  effectiveAt: Moment;
  actorId: number | null;
  actorName: string;
  kind: string;
  before?: unknown;
  after?: unknown;
  note?: string | null;
  importBatchId?: number | null;
}

export function insertHistory(db: Db, h: HistoryEntry): void {
  prepared(
    db,
    `INSERT INTO item_history (item_id, at, effective_at, actor_id, actor_name, kind, before, after, note, import_batch_id)
     VALUES (@item_id, @at, @effective_at, @actor_id, @actor_name, @kind, @before, @after, @note, @import_batch_id)`,
  ).run({
    item_id: h.itemId,
    at: h.at,
    effective_at: h.effectiveAt,
    actor_id: h.actorId,
    actor_name: h.actorName,
    kind: h.kind,
    before: h.before === undefined ? null : JSON.stringify(h.before),
    after: h.after === undefined ? null : JSON.stringify(h.after),
    note: h.note ?? null,
    import_batch_id: h.importBatchId ?? null,
  });
}

export function insertClosure(
  db: Db,
  c: { itemId: number; closedAt: Moment; verifiedBy: number | null; evidence: string | null },
) {
  prepared(
    db,
    'INSERT INTO item_closures (item_id, closed_at, verified_by, evidence) VALUES (?, ?, ?, ?)',
  ).run(c.itemId, c.closedAt, c.verifiedBy, c.evidence);
}

/** Marks the closure in force as reopened. */
export function reopenClosure(db: Db, itemId: number, reopenedAt: Moment, reason: string): void {
  prepared(
    db,
    'UPDATE item_closures SET reopened_at = ?, reopen_reason = ? WHERE item_id = ? AND reopened_at IS NULL',
  ).run(reopenedAt, reason, itemId);
}

export function insertExtension(
  db: Db,
  e: {
    itemId: number;
    approvedAt: Moment;
    approvedBy: number | null;
    oldDeadline: string | null;
    newDeadline: string;
    newDeadlineEnd: string;
    reason: string;
  },
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO deadline_extensions (item_id, approved_at, approved_by, old_deadline, new_deadline, new_deadline_end, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.itemId, e.approvedAt, e.approvedBy, e.oldDeadline, e.newDeadline, e.newDeadlineEnd, e.reason)
      .lastInsertRowid,
  );
}

export function insertUrging(
  db: Db,
  u: { itemId: number; urgedAt: Moment; urgedBy: number | null; note: string },
): void {
  prepared(db, 'INSERT INTO urgings (item_id, urged_at, urged_by, note) VALUES (?, ?, ?, ?)').run(
    u.itemId,
    u.urgedAt,
    u.urgedBy,
    u.note,
  );
}

export interface NewItem {
  ledger_code: string;
  title: string;
  description: string;
  campaign_id: number;
  domain_id: number | null;
  source: string;
  registered_at: Moment;
  rectification_type: string;
  handling_mode: string | null;
  measures: string;
  created_at: string;
}

export function insertItem(db: Db, item: NewItem): number {
  return Number(
    prepared(
      db,
      `INSERT INTO items (ledger_code, title, description, campaign_id, domain_id, source, registered_at,
         rectification_type, handling_mode, measures, status, created_at, updated_at)
       VALUES (@ledger_code, @title, @description, @campaign_id, @domain_id, @source, @registered_at,
         @rectification_type, @handling_mode, @measures, 'registered', @created_at, @created_at)`,
    ).run(item).lastInsertRowid,
  );
}

export function nextItemNumber(db: Db): number {
  return (prepared(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM items').get() as { n: number }).n;
}

/** The ids of an item's participating departments, ascending. */
export function participantIds(db: Db, itemId: number): number[] {
  return prepared(db, 'SELECT department_id FROM item_departments WHERE item_id = ? ORDER BY department_id')
    .pluck()
    .all(itemId) as number[];
}

export function setParticipants(db: Db, itemId: number, departmentIds: number[]): void {
  prepared(db, 'DELETE FROM item_departments WHERE item_id = ?').run(itemId);
  for (const d of departmentIds)
    prepared(db, 'INSERT OR IGNORE INTO item_departments (item_id, department_id) VALUES (?, ?)').run(
      itemId,
      d,
    );
}
