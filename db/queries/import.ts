/**
 * The database side of importing a ledger: the names rows are matched against, the items they
 * update, the all-or-nothing write of a planned import as one batch, and saved column mappings.
 */
import { z } from 'zod';
import { IMPORT_EXTENSION_REASON } from '../../server/domain/import-reasons.ts';
import { deadlineEnd } from '../../server/domain/time.ts';
import type { ExistingItem, Lookups, NewItem, RowPlan } from '../../server/import/plan.ts';
import { IMPORT_FIELDS } from '../../server/import/vocabulary.ts';
import type { Db } from '../open.ts';
import { recordAudit } from './accounts-audit.ts';

/** Who runs an import: a signed-in user, or the command line ('import', no user). */
export interface ImportActor {
  userId: number | null;
  name: string;
}

export function loadImportLookups(db: Db): Lookups {
  return {
    departments: (
      db
        .prepare('SELECT id, code, name_zh AS nameZh, name_en AS nameEn, active FROM departments')
        .all() as (Omit<Lookups['departments'][number], 'active'> & { active: number })[]
    ).map((d) => ({ ...d, active: d.active === 1 })),
    aliases: db
      .prepare('SELECT alias, department_id AS departmentId FROM department_aliases')
      .all() as Lookups['aliases'],
    campaigns: db
      .prepare('SELECT id, code, name_zh AS nameZh, name_en AS nameEn FROM campaigns')
      .all() as Lookups['campaigns'],
    domains: db
      .prepare(
        'SELECT id, campaign_id AS campaignId, code, name_zh AS nameZh, name_en AS nameEn FROM domains',
      )
      .all() as Lookups['domains'],
  };
}

/**
 * Finds items by ledger code, with their participating departments: one probe of the code's unique
 * index a row. (Reading every code into a map first held ≈ 180 MB for a ledger of a million items,
 * and saved ≈ 1 µs a row.)
 */
export function itemFinder(db: Db): (ledgerCode: string) => ExistingItem | undefined {
  const byCode = db.prepare('SELECT * FROM items WHERE ledger_code = ?');
  const participants = db
    .prepare('SELECT department_id FROM item_departments WHERE item_id = ? ORDER BY department_id')
    .pluck();
  return (code) => {
    const row = byCode.get(code) as Omit<ExistingItem, 'participants'> | undefined;
    return row && { ...row, participants: participants.all(row.id) as number[] };
  };
}

/** Changes made in Closeout itself to one of an item's columns: the latest's when (local) and by whom, and the value they replaced. */
export interface ColumnChange {
  effectiveAt: string;
  actorName: string;
  before: unknown;
}

/**
 * Whether `value` is what a column held before changes made to it in Closeout since the last import
 * touched it (edits, assignments: one or several), and then the latest of those changes: what an
 * office's sheet written before them would put back (plan.ts, staleSheet). Read by the history's
 * (item_id, id) index, an item's few rows each.
 */
export function lastChangeFinder(
  db: Db,
): (itemId: number, column: string, value: unknown) => ColumnChange | undefined {
  const changes = db.prepare(
    `SELECT effective_at AS effectiveAt, actor_name AS actorName, before, import_batch_id AS batch
       FROM item_history WHERE item_id = ? AND json_type(after, ?) IS NOT NULL ORDER BY id DESC LIMIT 50`,
  );
  return (itemId, column, value) => {
    const rows = changes.all(itemId, `$.${column}`) as {
      effectiveAt: string;
      actorName: string;
      before: string | null;
      batch: number | null;
    }[];
    for (const row of rows) {
      // Back to the last import (or the item's creation): what the office's sheet last said.
      if (row.batch !== null || row.before === null) return undefined;
      const before = JSON.parse(row.before) as Record<string, unknown>;
      if (!(column in before)) return undefined;
      // Compared as JSON: the participants are a list (of department ids, in order).
      if (JSON.stringify(before[column]) === JSON.stringify(value))
        return { effectiveAt: rows[0]!.effectiveAt, actorName: rows[0]!.actorName, before: value };
    }
    return undefined;
  };
}

export interface BatchSummary {
  batchId: number;
  created: number;
  updated: number;
}

// The columns of a new item, in the order NEW_ITEM_SQL binds them.
const NEW_ITEM_COLUMNS = [
  'ledger_code',
  'title',
  'description',
  'campaign_id',
  'domain_id',
  'source',
  'department_id',
  'responsible_person',
  'registered_at',
  'assigned_at',
  'rectification_type',
  'handling_mode',
  'measures',
  'original_deadline',
  'original_deadline_end',
  'deadline',
  'deadline_end',
  'status',
  'first_response_at',
  'rectified_at',
  'evidence',
  'closed_at',
  'verified_by',
  'first_closed_at',
  'first_extended_at',
  'extension_count',
  'state_changed_at',
] as const satisfies readonly (keyof NewItem)[];
const NEW_ITEM_SQL = `INSERT INTO items (${NEW_ITEM_COLUMNS.join(', ')}, version, created_at, updated_at)
  VALUES (${NEW_ITEM_COLUMNS.map(() => '?').join(', ')}, 1, ?, ?)`;

export interface ImportBatchWriter {
  /** Writes one planned row (create or update; other rows write nothing). */
  write(plan: RowPlan): void;
  /** The batch, or null when no row was written (then no batch row exists either). */
  finish(): BatchSummary | null;
}

/**
 * Writes planned rows, one at a time, as one import batch: items, their closures, extensions,
 * participants, and the history rows of every change, each tagged with the batch. The batch row is
 * written with the first item and its counts at the end. The caller runs it inside its transaction.
 */
export function importBatchWriter(
  db: Db,
  meta: { fileName: string; actor: ImportActor; nowUtc: string; nowLocal: string },
): ImportBatchWriter {
  const { actor, nowUtc, nowLocal } = meta;
  const s = {
    batch: db.prepare(
      'INSERT INTO import_batches (file_name, created_at, created_by, rows_created, rows_updated) VALUES (?, ?, ?, 0, 0)',
    ),
    counts: db.prepare('UPDATE import_batches SET rows_created = ?, rows_updated = ? WHERE id = ?'),
    item: db.prepare(NEW_ITEM_SQL),
    closure: db.prepare(
      'INSERT INTO item_closures (item_id, closed_at, verified_by, evidence) VALUES (?, ?, ?, ?)',
    ),
    reopen: db.prepare(
      'UPDATE item_closures SET reopened_at = ?, reopen_reason = ? WHERE item_id = ? AND reopened_at IS NULL',
    ),
    extension: db.prepare(
      'INSERT INTO deadline_extensions (item_id, approved_at, approved_by, old_deadline, new_deadline, new_deadline_end, reason) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    clearParticipants: db.prepare('DELETE FROM item_departments WHERE item_id = ?'),
    participant: db.prepare('INSERT OR IGNORE INTO item_departments (item_id, department_id) VALUES (?, ?)'),
    history: db.prepare(
      'INSERT INTO item_history (item_id, at, effective_at, actor_id, actor_name, kind, before, after, note, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  let batchId: number | null = null;
  let created = 0;
  let updated = 0;
  const itemValues: unknown[] = new Array(NEW_ITEM_COLUMNS.length + 2);
  itemValues[NEW_ITEM_COLUMNS.length] = nowUtc;
  itemValues[NEW_ITEM_COLUMNS.length + 1] = nowUtc;

  function history(
    itemId: number,
    effectiveAt: string,
    kind: string,
    before: object | null,
    after: object | null,
    note: string | null = null,
  ) {
    s.history.run(
      itemId,
      nowUtc,
      effectiveAt,
      actor.userId,
      actor.name,
      kind,
      before ? JSON.stringify(before) : null,
      after ? JSON.stringify(after) : null,
      note,
      batchId,
    );
  }
  const updates = new Map<string, ReturnType<Db['prepare']>>();
  function update(itemId: number, set: Record<string, string | number | null>) {
    const cols = Object.keys(set);
    const key = cols.join(',');
    let stmt = updates.get(key);
    if (!stmt) {
      stmt = db.prepare(
        `UPDATE items SET ${cols.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, version = version + 1 WHERE id = ?`,
      );
      updates.set(key, stmt);
    }
    stmt.run([...Object.values(set), nowUtc, itemId]);
  }
  function lifecycle(itemId: number, p: Extract<RowPlan, { action: 'create' | 'update' }>) {
    if (p.action === 'update' && p.reopen) {
      s.reopen.run(p.reopen.at, p.reopen.reason, itemId);
      history(
        itemId,
        p.reopen.at,
        'reopened',
        { status: 'closed' },
        { status: 'in_progress' },
        p.reopen.reason,
      );
    }
    if (p.extension) {
      const x = p.extension;
      s.extension.run(
        itemId,
        x.approvedAt,
        actor.userId,
        x.oldDeadline,
        x.newDeadline,
        deadlineEnd(x.newDeadline),
        IMPORT_EXTENSION_REASON,
      );
      history(
        itemId,
        x.approvedAt,
        'extended',
        { deadline: x.oldDeadline },
        { deadline: x.newDeadline },
        IMPORT_EXTENSION_REASON,
      );
    }
    if (p.closure) {
      s.closure.run(itemId, p.closure.closedAt, actor.userId, p.closure.evidence);
      history(itemId, p.closure.closedAt, 'closed', null, {
        status: 'closed',
        closed_at: p.closure.closedAt,
      });
    }
  }

  return {
    write(p) {
      if (p.action !== 'create' && p.action !== 'update') return;
      batchId ??= Number(s.batch.run(meta.fileName, nowUtc, actor.userId).lastInsertRowid);
      if (p.action === 'create') {
        created++;
        for (let i = 0; i < NEW_ITEM_COLUMNS.length; i++) itemValues[i] = p.item[NEW_ITEM_COLUMNS[i]!];
        const itemId = Number(s.item.run(itemValues).lastInsertRowid);
        history(itemId, p.item.registered_at, 'imported', null, p.item);
        for (const d of p.participants) s.participant.run(itemId, d);
        lifecycle(itemId, p);
      } else {
        updated++;
        update(p.itemId, p.set);
        history(p.itemId, nowLocal, 'import_updated', p.before, p.after);
        if (p.participants) {
          s.clearParticipants.run(p.itemId);
          for (const d of p.participants) s.participant.run(p.itemId, d);
        }
        lifecycle(p.itemId, p);
      }
    },
    finish() {
      if (batchId === null) return null;
      s.counts.run(created, updated, batchId);
      return { batchId, created, updated };
    },
  };
}

/**
 * Runs `write` with SQLite's temporary files in memory. Every insert that fires a trigger keeps a
 * statement journal, which otherwise spills to a temporary file: system calls that were a fifth of
 * an import's commit. The connection holds no temporary tables (changing temp_store would drop them).
 */
export async function withTempStoreInMemory<T>(db: Db, write: () => Promise<T>): Promise<T> {
  const before = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');
  try {
    return await write();
  } finally {
    db.pragma(`temp_store = ${before}`);
  }
}

/** Writes planned rows as one import batch (see importBatchWriter); the caller runs it in its transaction. */
export function writeImportBatch(
  db: Db,
  plans: RowPlan[],
  meta: { fileName: string; actor: ImportActor; nowUtc: string; nowLocal: string },
): BatchSummary {
  const writer = importBatchWriter(db, meta);
  for (const p of plans) writer.write(p);
  return writer.finish() ?? { batchId: 0, created: 0, updated: 0 };
}

// --- Saved mappings ----------------------------------------------------------------------------------

const mappingSchema = z.record(z.string().min(1).max(200), z.enum(IMPORT_FIELDS).nullable());
export type SavedMapping = z.infer<typeof mappingSchema>;

export interface ImportMappingRow {
  id: number;
  name: string;
  mapping: SavedMapping;
  createdAt: string;
  createdBy: number | null;
}

function toMappingRow(r: {
  id: number;
  name: string;
  mapping: string;
  created_at: string;
  created_by: number | null;
}) {
  return {
    id: r.id,
    name: r.name,
    mapping: mappingSchema.parse(JSON.parse(r.mapping)),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

export function listImportMappings(db: Db): ImportMappingRow[] {
  return (
    db.prepare('SELECT * FROM import_mappings ORDER BY name').all() as Parameters<typeof toMappingRow>[0][]
  ).map(toMappingRow);
}

export function getImportMapping(db: Db, name: string): ImportMappingRow | null {
  const r = db.prepare('SELECT * FROM import_mappings WHERE name = ?').get(name) as
    | Parameters<typeof toMappingRow>[0]
    | undefined;
  return r ? toMappingRow(r) : null;
}

/**
 * Saves a mapping under a name, replacing one of the same name, with its audit record (the web app's
 * and the command line's saves alike): the log keeps what a replaced mapping was.
 */
export function saveImportMapping(
  db: Db,
  input: { name: string; mapping: SavedMapping; actor: ImportActor; nowUtc: string },
): ImportMappingRow {
  const mapping = mappingSchema.parse(input.mapping);
  const name = input.name.trim();
  if (!name) throw new Error('A mapping needs a name');
  return db
    .transaction(() => {
      const before = getImportMapping(db, name);
      db.prepare(
        `INSERT INTO import_mappings (name, mapping, created_at, created_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, created_at = excluded.created_at, created_by = excluded.created_by`,
      ).run(name, JSON.stringify(mapping), input.nowUtc, input.actor.userId);
      const row = getImportMapping(db, name)!;
      recordAudit(db, {
        at: input.nowUtc,
        actor: { actorId: input.actor.userId, actorName: input.actor.name },
        action: before ? 'import_mapping.replace' : 'import_mapping.create',
        entity: 'import_mapping',
        entityId: row.name,
        before: before?.mapping,
        after: row.mapping,
      });
      return row;
    })
    .immediate();
}
