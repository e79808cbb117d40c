/**
 * Importing an office's ledger (.xlsx or .csv): the functions a route or the command line calls.
 *
 *   inspectImport(input, options)         → the header row found, each column's field, a few rows
 *   dryRunImport(db, input, options)      → what every row would do, nothing written
 *   commitImport(db, input, options)      → the same plan written all or nothing as one import batch
 *
 * The rows are matched against the database and written inside one immediate transaction, so the
 * commit acts on the database as it is then, not as it was at the dry run. On a connection of the
 * import's own the file is read as that transaction goes; otherwise it is read whole first
 * (inOneTransaction).
 */

import { startBulkWrite } from '../../db/derived.ts';
import type { Db } from '../../db/open.ts';
import {
  type ImportActor,
  importBatchWriter,
  itemFinder,
  lastChangeFinder,
  loadImportLookups,
  withTempStoreInMemory,
} from '../../db/queries/import.ts';
import type { Source, Status } from '../domain/lifecycle.ts';
import { type Clock, toLocalMoment } from '../domain/time.ts';
import { ApiError, type Lang, type Text } from '../errors.ts';
import type { ChangeValues } from './change-values.ts';
import {
  type Column,
  type ColumnMapping,
  findHeaderRow,
  HEADER_SEARCH_ROWS,
  mapColumns,
  withSubHeader,
} from './columns.ts';
import { type PlanContext, type RowPlan, rowPlanner } from './plan.ts';
import { type ImportInput, type ImportLimits, openTable, type RawRow, type TableInfo } from './read.ts';
import {
  type CellIssue,
  classifyRow,
  continuationJoiner,
  type ParsedRow,
  parseRow,
  type RowKind,
} from './rows.ts';
import { FIELD_LABELS, type ImportField } from './vocabulary.ts';

export type { ImportActor } from '../../db/queries/import.ts';
export type { ChangeValues } from './change-values.ts';
export type { Column, ColumnMapping } from './columns.ts';
export { mappingOf } from './columns.ts';
export type { ImportInput, ImportLimits } from './read.ts';
export { DEFAULT_LIMITS } from './read.ts';
export type { ImportField } from './vocabulary.ts';
export { FIELD_LABELS, IMPORT_FIELDS } from './vocabulary.ts';

export interface ImportOptions {
  /** The organisation's time zone (CLOSEOUT_TZ) and clock: "now" for events the import makes. */
  tz: string;
  clock: Clock;
  /** Campaign code for rows without a campaign column. */
  campaign?: string;
  /** Source for rows whose source is empty. */
  source?: Source;
  /** xlsx: the sheet to read (default: the first visible one). */
  sheet?: string;
  /** Header → field (null: leave out), e.g. a saved mapping; other headers get the suggestion. */
  mapping?: ColumnMapping;
  limits?: Partial<ImportLimits>;
  /** List every row in the report, however many (the command line's --all); see ReportRows. */
  listEveryRow?: boolean;
  /**
   * The connection serves this import alone (the import worker, the command line): its transaction
   * then stays open while the file is read, holding only a batch of rows at a time.
   */
  ownConnection?: boolean;
}

export interface ReportIssue {
  /** The spreadsheet's column letter and its header, when the issue is about one cell. */
  column: string | null;
  header: string | null;
  field: ImportField | null;
  value?: string;
  message: Text;
}

export type RowAction = 'create' | 'update' | 'unchanged' | 'reject' | 'skip';

export interface RowReport {
  /** The row number the user sees in the spreadsheet. */
  row: number;
  action: RowAction;
  ledgerCode: string | null;
  title: string | null;
  /** update: the fields that change. */
  changes?: ImportField[];
  /**
   * update: each changed field's value before and after, as the ledger shows it, in both languages
   * ("整改期限：2026年6月30日 → 2026年12月1日"); a long text as an excerpt where it changes.
   */
  values?: ChangeValues;
  /** update: the status it had and the one it takes, when it changes (a reopening shows as such). */
  status?: { from: Status; to: Status };
  /** skip: why the row is not an item (a continuation: more text of the item on row `continues`). */
  skipped?: Exclude<RowKind, 'item' | 'blank'> | 'continuation';
  continues?: number;
  errors: ReportIssue[];
  warnings: ReportIssue[];
}

export interface ImportSummary {
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  reject: number;
  skip: number;
}

export interface ImportReport {
  file: TableInfo & { name: string; headerRow: number };
  columns: Column[];
  /** The rows worth listing, in the sheet's order (see ReportRows); the summary counts every row. */
  rows: RowReport[];
  /** How many rows the summary counts that `rows` leaves out. */
  unlisted: number;
  summary: ImportSummary;
}

export interface ImportResult {
  /** False when rows were rejected: then nothing was written. */
  committed: boolean;
  /** The import_batches row; null when nothing was written (rejected, or nothing changed). */
  batchId: number | null;
  report: ImportReport;
}

/** A file opened at its header row: what was found, and its rows after the header as they are read. */
interface OpenedFile {
  file: ImportReport['file'];
  columns: Column[];
  /** The rows after the header, in batches as read. */
  batches: AsyncIterable<RawRow[]>;
  /** Stops reading (when not every row is wanted). */
  close(): Promise<void>;
}

const fileError = (code: string, text: Text, details?: Record<string, unknown>) =>
  new ApiError(422, code, text, details);

/** Opens the file, finds the header and maps the columns (no database). */
async function openRows(input: ImportInput, options: ImportOptions): Promise<OpenedFile> {
  const table = await openTable(input, {
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const iterator = table.rows[Symbol.asyncIterator]();
  const close = async () => {
    await iterator.return?.(undefined);
  };
  const top: RawRow[] = [];
  const rest: RawRow[] = [];
  try {
    while (top.length < HEADER_SEARCH_ROWS) {
      const next = await iterator.next();
      if (next.done) break;
      const need = HEADER_SEARCH_ROWS - top.length;
      top.push(...next.value.slice(0, need));
      rest.push(...next.value.slice(need));
    }
    const at = findHeaderRow(
      top.map((r) => r.cells),
      options.mapping,
    );
    if (at === null) {
      // In a workbook, say which sheet was read and which others there are (a 填报说明 sheet first).
      const { sheet, sheets = [] } = table.info;
      const others = sheets.filter((name) => name !== sheet);
      const where =
        sheet === undefined
          ? { zh: '', en: '' }
          : others.length === 0
            ? { zh: `（工作表“${sheet}”）`, en: ` (sheet "${sheet}")` }
            : {
                zh: `（读的是工作表“${sheet}”；其他工作表：${others.map((n) => `“${n}”`).join('、')}，可选定要读的工作表）`,
                en: ` (sheet "${sheet}" was read; the others: ${others.map((n) => `"${n}"`).join(', ')}: choose the sheet to read)`,
              };
      throw fileError('import_no_header', {
        zh: `前 ${HEADER_SEARCH_ROWS} 行中找不到表头${where.zh}：表格需要“问题名称”“牵头部门”“整改期限”等列名`,
        en: `No header row in the first ${HEADER_SEARCH_ROWS} rows${where.en}: the sheet needs column headers such as "Title", "Lead department", "Deadline"`,
      });
    }
    // A second header row under groups of columns (责任单位 over 牵头 | 配合) is the header, read with them.
    const grouped = withSubHeader(top[at]!.cells, top[at + 1]?.cells);
    const headerRow = grouped ? { row: top[at + 1]!.row, cells: grouped } : top[at]!;
    const dataFrom = grouped ? at + 2 : at + 1;
    const columns = mapColumns(headerRow.cells, options.mapping);
    if (!columns.some((c) => c.field === 'title'))
      throw fileError(
        'import_no_title_column',
        {
          zh: `没有“问题名称”列（表头：${columns
            .map((c) => c.header)
            .filter(Boolean)
            .join('、')}）；请在列对应中指定`,
          en: `No column for the title (headers: ${columns
            .map((c) => c.header)
            .filter(Boolean)
            .join(', ')}); map one`,
        },
        { columns },
      );
    async function* batches(): AsyncGenerator<RawRow[]> {
      yield [...top.slice(dataFrom), ...rest];
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    }
    return {
      file: { ...table.info, name: input.name, headerRow: headerRow.row },
      columns,
      batches: batches(),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * What each row of the file is: a skipped row's report goes to `skip`, an item row is parsed and
 * handed to `item`; blank rows are left out. An item row is held until the next row shows whether it
 * continues it (continuationJoiner: one row per measure), and its continuations are reported after it;
 * `end()` hands over the last one.
 */
function rowSorter(columns: Column[], skip: (report: RowReport) => void, item: (row: ParsedRow) => void) {
  const skipped = (row: number, kind: NonNullable<RowReport['skipped']>, continues?: number): RowReport => ({
    row,
    action: 'skip',
    skipped: kind,
    ...(continues !== undefined ? { continues } : {}),
    ledgerCode: null,
    title: null,
    errors: [],
    warnings: [],
  });
  const joinContinuation = continuationJoiner(columns);
  let held: RawRow | null = null;
  let continuations: RowReport[] = [];
  const release = () => {
    if (held === null) return;
    item(parseRow(held.row, held.cells, columns));
    held = null;
    for (const report of continuations) skip(report);
    continuations = [];
  };
  return {
    add(raw: RawRow) {
      if (held !== null && joinContinuation(held.cells, raw.cells)) {
        continuations.push(skipped(raw.row, 'continuation', held.row));
        return;
      }
      const kind = classifyRow(raw.cells, columns);
      if (kind === 'blank') return;
      release();
      if (kind === 'item') held = raw;
      else skip(skipped(raw.row, kind));
    },
    end: release,
  };
}

/** A file up to this many rows has every row listed in its report. */
export const LIST_EVERY_ROW_UP_TO = 1_000;
/** Of a larger file, at most this many rows of each action are listed. */
export const LISTED_PER_ACTION = 1_000;

const isPlain = (r: RowReport) =>
  (r.action === 'create' || r.action === 'unchanged') && r.warnings.length === 0;

/**
 * A report's rows, collected in the sheet's order as they are planned, and the counts of every row.
 * It lists every row of a file up to LIST_EVERY_ROW_UP_TO rows; of a larger one only the rows that
 * say more than "created" or "unchanged" (rejects, updates, skips, warnings), and of those the first
 * LISTED_PER_ACTION of each action. So 100,000 plain rows are a count, not 100,000 lines held while
 * the file is read and then sent; and 100,000 rejected rows (a file for another ledger, whose
 * departments are all unknown) are a thousand examples, not ≈ 500 MB of report in the server.
 */
class ReportRows {
  readonly summary: ImportSummary = { rows: 0, create: 0, update: 0, unchanged: 0, reject: 0, skip: 0 };
  private rows: RowReport[] = [];
  private trimmed = false;
  private readonly listed: Record<RowAction, number> = {
    create: 0,
    update: 0,
    unchanged: 0,
    reject: 0,
    skip: 0,
  };

  constructor(private readonly everyRow: boolean) {}

  add = (report: RowReport): void => {
    this.summary.rows++;
    this.summary[report.action]++;
    if (this.trimmed && (isPlain(report) || this.listed[report.action] >= LISTED_PER_ACTION)) return;
    // A copy: a CSV row's text is slices of the chunk of the file it was read from, which a kept slice
    // keeps alive (see ownString in plan.ts); rows listed from all over a file would keep all of it.
    this.keep(structuredClone(report));
    if (!this.everyRow && !this.trimmed && this.summary.rows > LIST_EVERY_ROW_UP_TO) {
      // The file is larger than a fully listed one: keep what a larger file lists.
      const before = this.rows;
      this.rows = [];
      for (const action of Object.keys(this.listed) as RowAction[]) this.listed[action] = 0;
      this.trimmed = true;
      for (const r of before) if (!isPlain(r) && this.listed[r.action] < LISTED_PER_ACTION) this.keep(r);
    }
  };

  private keep(report: RowReport): void {
    this.rows.push(report);
    this.listed[report.action]++;
  }

  report(opened: OpenedFile): ImportReport {
    const { rows, summary } = this;
    return {
      file: opened.file,
      columns: opened.columns,
      rows,
      unlisted: summary.rows - rows.length,
      summary,
    };
  }
}

function planContext(
  db: Db,
  options: ImportOptions,
  actor: ImportActor | null,
  file: OpenedFile['file'],
): PlanContext {
  return {
    gbkFile: file.encoding === 'gb18030',
    lookups: loadImportLookups(db),
    findItem: itemFinder(db),
    lastChange: lastChangeFinder(db),
    now: toLocalMoment(options.clock.now(), options.tz),
    ...(options.campaign !== undefined ? { campaign: options.campaign } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    actorId: actor?.userId ?? null,
  };
}

function toIssue(issue: CellIssue, columns: Column[]): ReportIssue {
  const col =
    issue.column !== null
      ? columns[issue.column]
      : issue.field !== null
        ? columns.find((c) => c.field === issue.field)
        : undefined;
  return {
    column: col?.letter ?? null,
    header: col?.header ?? null,
    field: issue.field,
    ...(issue.value !== undefined ? { value: issue.value } : {}),
    message: issue.message,
  };
}

function rowReport(p: RowPlan, columns: Column[]): RowReport {
  return {
    row: p.row,
    action: p.action,
    ledgerCode: p.ledgerCode,
    title: p.title,
    ...(p.action === 'update' ? { changes: p.changes, values: p.values } : {}),
    ...(p.action === 'update' && 'status' in p.after
      ? { status: { from: p.before.status as Status, to: p.after.status as Status } }
      : {}),
    errors: p.action === 'reject' ? p.errors.map((e) => toIssue(e, columns)) : [],
    warnings: p.warnings.map((w) => toIssue(w, columns)),
  };
}

/**
 * Feeds every row of the file to `start()`'s `add` inside one transaction, then returns its `finish()`.
 * On a connection of its own (options.ownConnection) the transaction stays open while the file is
 * read, so only a batch of rows is held at a time. A connection that also serves requests cannot
 * leave a transaction open across a wait (another request would run inside it), so there the file is
 * read whole first and the transaction runs synchronously. A throw rolls everything back.
 */
async function inOneTransaction<T>(
  db: Db,
  opened: OpenedFile,
  options: ImportOptions,
  behaviour: 'deferred' | 'immediate',
  start: () => { add(raw: RawRow): void; finish(): T },
): Promise<T> {
  if (!options.ownConnection) {
    const all: RawRow[][] = [];
    for await (const batch of opened.batches) all.push(batch);
    return db
      .transaction(() => {
        const session = start();
        for (let i = 0; i < all.length; i++) {
          for (const raw of all[i]!) session.add(raw);
          all[i] = []; // let go of each batch once its rows are planned
        }
        return session.finish();
      })
      [behaviour]();
  }
  db.exec(behaviour === 'immediate' ? 'BEGIN IMMEDIATE' : 'BEGIN');
  try {
    const session = start();
    for await (const batch of opened.batches) for (const raw of batch) session.add(raw);
    const result = session.finish();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    await opened.close();
  }
}

/** The header row found and each column's field (for a mapping screen), with the first rows parsed. */
export async function inspectImport(
  input: ImportInput,
  options: Omit<ImportOptions, 'clock' | 'tz'>,
): Promise<{ file: ImportReport['file']; columns: Column[]; sample: ParsedRow[] }> {
  const SAMPLE = 20;
  const opened = await openRows(input, { ...options, tz: 'UTC', clock: { now: () => new Date() } });
  const sample: ParsedRow[] = [];
  let skipped = 0;
  const sort = rowSorter(
    opened.columns,
    () => skipped++,
    (row) => sample.push(row),
  );
  try {
    for await (const batch of opened.batches) {
      for (const raw of batch) if (sample.length + skipped < SAMPLE) sort.add(raw);
      if (sample.length + skipped >= SAMPLE) break;
    }
    sort.end();
  } finally {
    await opened.close();
  }
  return { file: opened.file, columns: opened.columns, sample };
}

/** What importing the file would do, row by row; writes nothing. */
export async function dryRunImport(
  db: Db,
  input: ImportInput,
  options: ImportOptions,
): Promise<ImportReport> {
  const opened = await openRows(input, options);
  const rows = new ReportRows(options.listEveryRow ?? false);
  await inOneTransaction(db, opened, options, 'deferred', () => {
    const plan = rowPlanner(planContext(db, options, null, opened.file));
    const sort = rowSorter(opened.columns, rows.add, (row) => rows.add(rowReport(plan(row), opened.columns)));
    return { add: sort.add, finish: sort.end };
  });
  return rows.report(opened);
}

/**
 * An import goes in bulk (db/derived.ts) once it has read at least this many item rows, and at least
 * as many as the ledger held: then the items' indexes and derived tables are rebuilt at the end
 * instead of kept row by row.
 */
const BULK_MIN_ROWS = 1000;

/** Thrown inside the commit's transaction to roll back what was written before a rejected row. */
class RowsRejected extends Error {}

/**
 * Imports the file all or nothing: when any row is rejected nothing is written (committed: false,
 * with the report saying why); otherwise every row is written in one transaction as one import batch.
 * Each row is written as soon as it is planned; a rejected row stops the writing, the remaining rows
 * are still planned for the report, and the transaction is rolled back.
 */
export async function commitImport(
  db: Db,
  input: ImportInput,
  options: ImportOptions & { actor: ImportActor },
): Promise<ImportResult> {
  const opened = await openRows(input, options);
  const nowUtc = options.clock.now().toISOString();
  const rows = new ReportRows(options.listEveryRow ?? false);
  let items = 0;
  let batchId: number | null = null;
  try {
    await withTempStoreInMemory(db, () =>
      inOneTransaction(db, opened, options, 'immediate', () => {
        const ctx = planContext(db, options, options.actor, opened.file);
        const plan = rowPlanner(ctx);
        const writer = importBatchWriter(db, {
          fileName: input.name,
          actor: options.actor,
          nowUtc,
          nowLocal: ctx.now,
        });
        const write = startBulkWrite(db);
        const bulkFrom = Math.max(
          BULK_MIN_ROWS,
          db.prepare('SELECT COUNT(*) FROM items').pluck().get() as number,
        );
        let rejected = false;
        const sort = rowSorter(opened.columns, rows.add, (row) => {
          const p = plan(row);
          rows.add(rowReport(p, opened.columns));
          if (p.action === 'reject') rejected = true;
          else if (!rejected) writer.write(p);
          if (++items === bulkFrom && !rejected) write.goBulk();
        });
        return {
          add: sort.add,
          finish() {
            sort.end();
            if (rejected) throw new RowsRejected();
            // Nothing changed (the same file again): no batch was written either.
            batchId = writer.finish()?.batchId ?? null;
            write.end();
          },
        };
      }),
    );
  } catch (error) {
    if (!(error instanceof RowsRejected)) throw error;
    return { committed: false, batchId: null, report: rows.report(opened) };
  }
  return { committed: true, batchId, report: rows.report(opened) };
}

/** One issue as a sentence naming the row and the column, in the user's language. */
export function describeIssue(row: number, issue: ReportIssue, lang: Lang): string {
  const field = issue.field ? FIELD_LABELS[issue.field] : null;
  if (lang === 'en') {
    const where = issue.column
      ? `row ${row}, column ${issue.column}${issue.header ? ` (${issue.header})` : ''}`
      : `row ${row}${field ? ` (${field.en})` : ''}`;
    return `${where[0]!.toUpperCase()}${where.slice(1)}: ${issue.message.en}`;
  }
  const where = issue.column
    ? `第${row}行${issue.column}列${issue.header ? `“${issue.header}”` : ''}`
    : `第${row}行${field ? `（${field.zh}）` : ''}`;
  return `${where}：${issue.message.zh}`;
}
