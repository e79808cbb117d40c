/**
 * Items for export: every field of an item as it is now, with names in both languages, filtered by
 * campaign, department, status and source. Read page by page (keyset on id), so a large export neither
 * holds every row in memory nor keeps a statement open on the connection while the file is written.
 */
import type { HandlingMode, RectificationType, Source, Status } from '../../server/domain/lifecycle.ts';
import type { Db } from '../open.ts';
import { DAYS_OVERDUE, LIGHT } from './items.ts';
import { LATEST_PROGRESS_JOIN } from './progress-notes.ts';

export interface ExportItemFilter {
  /** Campaign code. */
  campaign?: string;
  /** Department code (the lead department). */
  department?: string;
  status?: Status;
  source?: Source;
  /** Voided items are left out unless asked for. */
  includeVoided?: boolean;
}

export interface ExportItemRow {
  id: number;
  ledgerCode: string;
  title: string;
  description: string;
  campaignCode: string;
  campaignZh: string;
  campaignEn: string;
  domainCode: string | null;
  domainZh: string | null;
  domainEn: string | null;
  source: Source;
  departmentCode: string | null;
  departmentZh: string | null;
  departmentEn: string | null;
  /** Participating departments' names, joined with 、 (zh) and ; (en). */
  participantsZh: string | null;
  participantsEn: string | null;
  person: string | null;
  registeredAt: string;
  assignedAt: string | null;
  rectificationType: RectificationType;
  handlingMode: HandlingMode | null;
  measures: string;
  originalDeadline: string | null;
  deadline: string | null;
  status: Status;
  firstResponseAt: string | null;
  rectifiedAt: string | null;
  evidence: string | null;
  closedAt: string | null;
  extensionCount: number;
  reopenCount: number;
  urgeCount: number;
  voidedAt: string | null;
  voidReason: string | null;
  /** The latest progress note (整改进展) and when it was reported. */
  latestProgress: string | null;
  latestProgressAt: string | null;
  /** As of the export (listItemsForExportByIds): the warning light and days overdue, as the ledger table shows. */
  light?: 'red' | 'yellow' | 'green' | null;
  daysOverdue?: number | null;
}

const PAGE = 2_000;

// group_concat over an ordered subquery: SQLite's string aggregation (string_agg in PostgreSQL).
const participants = (column: string, separator: string) =>
  `(SELECT group_concat(name, '${separator}') FROM (
      SELECT pd.${column} AS name FROM item_departments p JOIN departments pd ON pd.id = p.department_id
      WHERE p.item_id = i.id ORDER BY pd.code))`;

/** Every exported column of an item; EXPORT_JOINS are the joins they need. */
const EXPORT_COLUMNS = `SELECT i.id, i.ledger_code AS ledgerCode, i.title, i.description,
          c.code AS campaignCode, c.name_zh AS campaignZh, c.name_en AS campaignEn,
          dm.code AS domainCode, dm.name_zh AS domainZh, dm.name_en AS domainEn, i.source,
          d.code AS departmentCode, d.name_zh AS departmentZh, d.name_en AS departmentEn,
          ${participants('name_zh', '、')} AS participantsZh, ${participants('name_en', '; ')} AS participantsEn,
          i.responsible_person AS person, i.registered_at AS registeredAt, i.assigned_at AS assignedAt,
          i.rectification_type AS rectificationType, i.handling_mode AS handlingMode, i.measures,
          i.original_deadline AS originalDeadline, i.deadline, i.status, i.first_response_at AS firstResponseAt,
          i.rectified_at AS rectifiedAt, i.evidence, i.closed_at AS closedAt, i.extension_count AS extensionCount,
          i.reopen_count AS reopenCount, i.urge_count AS urgeCount, i.voided_at AS voidedAt,
          i.void_reason AS voidReason, lp.note AS latestProgress, lp.noted_at AS latestProgressAt`;
const EXPORT_JOINS = `FROM items i
   JOIN campaigns c ON c.id = i.campaign_id
   LEFT JOIN domains dm ON dm.id = i.domain_id
   LEFT JOIN departments d ON d.id = i.department_id
   ${LATEST_PROGRESS_JOIN}`;
/** Callers add WHERE, ORDER BY and LIMIT. */
const SELECT_EXPORT_ROWS = `${EXPORT_COLUMNS} ${EXPORT_JOINS}`;

/** The items matching the filter, in id order, fetched a page at a time as the caller iterates. */
export function* listItemsForExport(db: Db, filter: ExportItemFilter = {}): Generator<ExportItemRow> {
  const where = ['i.id > @after'];
  if (filter.campaign !== undefined) where.push('c.code = @campaign');
  if (filter.department !== undefined) where.push('d.code = @department');
  if (filter.status !== undefined) where.push('i.status = @status');
  if (filter.source !== undefined) where.push('i.source = @source');
  if (!filter.includeVoided) where.push('i.voided_at IS NULL');
  const page = db.prepare(`${SELECT_EXPORT_ROWS} WHERE ${where.join(' AND ')} ORDER BY i.id LIMIT ${PAGE}`);
  const params: Record<string, string> = {};
  for (const key of ['campaign', 'department', 'status', 'source'] as const) {
    const value = filter[key];
    if (value !== undefined) params[key] = value;
  }
  let after = 0;
  for (;;) {
    const rows = page.all({ ...params, after }) as ExportItemRow[];
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

const BY_IDS_PAGE = 500;

/**
 * The items with these ids, in the order given (e.g. the ledger table's order from listItemIds),
 * fetched a page at a time as the caller iterates.
 */
export function* listItemsForExportByIds(
  db: Db,
  ids: readonly number[],
  at: { now: string; warn: string },
): Generator<ExportItemRow> {
  const statements = new Map<number, ReturnType<Db['prepare']>>();
  const page = (n: number) => {
    let statement = statements.get(n);
    if (!statement) {
      statement = db.prepare(
        `${EXPORT_COLUMNS}, ${LIGHT} AS light, ${DAYS_OVERDUE} AS daysOverdue ${EXPORT_JOINS}
         WHERE i.id IN (${Array.from({ length: n }, (_, k) => `@id${k}`).join(', ')})`,
      );
      statements.set(n, statement);
    }
    return statement;
  };
  for (let start = 0; start < ids.length; start += BY_IDS_PAGE) {
    const chunk = ids.slice(start, start + BY_IDS_PAGE);
    const params: Record<string, string | number> = { now: at.now, warn: at.warn };
    chunk.forEach((id, k) => {
      params[`id${k}`] = id;
    });
    const rows = page(chunk.length).all(params) as ExportItemRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of chunk) {
      const row = byId.get(id);
      if (row) yield row;
    }
  }
}
