/**
 * The audit log (table audit_log, append-only): every change outside the item history. Any route that
 * changes something records it here with `recordAudit`, in the same transaction as the change.
 */
import type { Actor } from '../../server/auth/principal.ts';
import type { AUDIT_ENTITIES } from '../../server/domain/audit-entities.ts';
import type { Db } from '../open.ts';
import { prepared } from '../statements.ts';

export interface AuditEntry {
  /** UTC instant, ISO text. */
  at: string;
  actor: Actor;
  /** What happened, 'entity.verb': 'user.create', 'display_link.revoke', 'session.login', ... */
  action: string;
  entity: (typeof AUDIT_ENTITIES)[number];
  entityId: string | number | null;
  /** State before and after the change, as JSON-able values; never secrets (no hashes, no tokens). */
  before?: unknown;
  after?: unknown;
}

export function recordAudit(db: Db, e: AuditEntry): void {
  prepared(
    db,
    `INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, before, after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.at,
    e.actor.actorId,
    e.actor.actorName,
    e.action,
    e.entity,
    e.entityId === null ? null : String(e.entityId),
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  );
}

export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/**
 * The latest audit rows first, optionally of one entity or one actor (by user name); `beforeId`
 * pages back from a row id (the last one of the previous page).
 */
export function listAudit(
  db: Db,
  options: { entity?: string; actor?: string; beforeId?: number; limit?: number } = {},
): AuditRow[] {
  const rows = prepared(
    db,
    `SELECT id, at, actor_id, actor_name, action, entity, entity_id, before, after FROM audit_log
       WHERE (@entity IS NULL OR entity = @entity) AND (@actor IS NULL OR actor_name = @actor)
         AND (@before_id IS NULL OR id < @before_id)
       ORDER BY id DESC LIMIT @limit`,
  ).all({
    entity: options.entity ?? null,
    actor: options.actor ?? null,
    before_id: options.beforeId ?? null,
    limit: options.limit ?? 100,
  }) as {
    id: number;
    at: string;
    actor_id: number | null;
    actor_name: string;
    action: string;
    entity: string;
    entity_id: string | null;
    before: string | null;
    after: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}
