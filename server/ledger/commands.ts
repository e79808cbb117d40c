/**
 * The ledger workflow (DESIGN.md §2, §7): every change to an item is one transaction that checks who
 * may do it, that the item is still at the version the user saw, and that the lifecycle allows it;
 * then it writes the item and its history (who, when, before and after).
 */

import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.ts';
import { departmentInScope, type ItemWriteScope } from '../../db/queries/accounts-item-scope.ts';
import {
  decideExtensionRequest,
  getExtensionRequest,
  insertExtensionRequest,
  pendingRequestOf,
} from '../../db/queries/extension-requests.ts';
import { insertItemFile, itemFiles, removeItemFile } from '../../db/queries/item-files.ts';
import {
  getItemRow,
  type ItemRow,
  insertClosure,
  insertExtension,
  insertHistory,
  insertItem,
  insertUrging,
  nextItemNumber,
  participantIds,
  reopenClosure,
  setParticipants,
  updateItem,
} from '../../db/queries/items.ts';
import { campaignOfDomain } from '../../db/queries/lookups.ts';
import { getMilestone, insertMilestone, markMilestoneDone } from '../../db/queries/milestones.ts';
import { insertProgressNote } from '../../db/queries/progress-notes.ts';
import { forbiddenRole } from '../auth/errors.ts';
import {
  itemWriteScopeFor,
  mayTakeStatusAction,
  refusedItemWrite,
  statusActionsFor,
} from '../auth/item-scope.ts';
import type { SessionUser } from '../auth/principal.ts';
import { enDate, zhDate } from '../domain/date-text.ts';
import { ITEM_FILE_LIMITS, itemFileType } from '../domain/item-file-types.ts';
import {
  ACTION_EVENTS,
  ACTION_LABELS,
  COMPLAINT_SOURCES,
  checkSideAction,
  IllegalTransitionError,
  nextStatus,
  type Source,
  STATUS_LABELS,
  type Status,
  type StatusAction,
} from '../domain/lifecycle.ts';
import { comparableEnd, deadlineEnd, type Moment } from '../domain/time.ts';
import { ApiError, invalidParameter, notFound } from '../errors.ts';

export interface CommandContext {
  db: Db;
  user: SessionUser;
  /** Local wall time of the organisation: the moment the change takes effect in the ledger. */
  now: Moment;
  /** UTC instant, for audit columns. */
  nowUtc: string;
}

/** A step the item's state does not allow, naming the steps it allows that this user may take. */
function illegal(e: IllegalTransitionError, user: SessionUser, item: ItemRow): ApiError {
  const status = e.status === 'voided' ? { zh: '已作废', en: 'voided' } : STATUS_LABELS[e.status];
  const action = ACTION_LABELS[e.action as keyof typeof ACTION_LABELS] ?? { zh: e.action, en: e.action };
  const allowed = statusActionsFor(user, { departmentId: item.department_id as number | null }, e.allowed);
  const allowedZh = allowed.map((a) => ACTION_LABELS[a].zh).join('、') || '无';
  const allowedEn = allowed.map((a) => ACTION_LABELS[a].en).join(', ') || 'none';
  return new ApiError(
    409,
    'illegal_transition',
    {
      zh: `状态为“${status.zh}”的事项不能${action.zh}；可以进行的操作：${allowedZh}`,
      en: `Cannot ${action.en} an item that is ${status.en.toLowerCase()}; allowed: ${allowedEn}`,
    },
    { status: e.status, allowed },
  );
}

const staleVersion = (current: number) =>
  new ApiError(
    409,
    'conflict',
    { zh: '事项已被他人修改，请刷新后重试', en: 'The item was changed meanwhile; reload it and try again' },
    { field: 'version', currentVersion: current },
  );

/** Loads the item the user may change at the version they saw; else the right 404/403/409. */
function loadForWrite(
  ctx: CommandContext,
  id: number,
  version: number | null,
): { item: ItemRow; scope: ItemWriteScope } {
  const scope = itemWriteScopeFor(ctx.user);
  const item = getItemRow(ctx.db, id);
  if (!item || !departmentInScope(scope, item.department_id)) {
    // An item without a department is the supervision office's until it is assigned.
    if (!(item && scope.kind === 'all')) throw refusedItemWrite(ctx.db, id, scope);
  }
  if (version !== null && item!.version !== version) throw staleVersion(item!.version);
  return { item: item!, scope };
}

function write(
  ctx: CommandContext,
  item: ItemRow,
  scope: ItemWriteScope,
  set: Record<string, string | number | null>,
) {
  if (!updateItem(ctx.db, item.id, item.version, scope, set, ctx.nowUtc))
    throw refusedItemWrite(ctx.db, item.id, scope);
}

function history(
  ctx: CommandContext,
  itemId: number,
  kind: string,
  before?: unknown,
  after?: unknown,
  note?: string | null,
) {
  insertHistory(ctx.db, {
    itemId,
    at: ctx.nowUtc,
    effectiveAt: ctx.now,
    actorId: ctx.user.id,
    // The name people know the actor by, as the closures, extensions and urgings show it.
    actorName: ctx.user.displayName,
    kind,
    before,
    after,
    note: note ?? null,
  });
}

/** An item's domain is one of its campaign's (DESIGN §2: a campaign has its domains). */
function checkDomainOfCampaign(db: Db, domainId: number | null | undefined, campaignId: number) {
  if (domainId === null || domainId === undefined || campaignOfDomain(db, domainId) === campaignId) return;
  throw invalidParameter('domain', {
    zh: '该领域不属于事项所在的活动',
    en: "the domain is not one of the item's campaign",
  });
}

const pick = (item: ItemRow, keys: string[]) => Object.fromEntries(keys.map((k) => [k, item[k] ?? null]));

export interface NewItemInput {
  ledgerCode?: string | undefined;
  title: string;
  description: string;
  campaignId: number;
  campaignCode: string;
  domainId: number | null;
  source: string;
  rectificationType: string;
  handlingMode: string | null;
  measures: string;
  registeredAt?: Moment | undefined;
  assign?: { departmentId: number; person: string | null; deadline: string | null } | undefined;
  participants: number[];
}

/** Participating departments as stored and recorded: each once, ascending, so two sets compare as text. */
const participantSet = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b);

/**
 * The lead department leads: it is not also one of the departments taking part (配合部门). Refused
 * naming what the write changes: the participants, or the lead department an assignment names.
 */
function checkParticipants(
  participants: number[],
  lead: number | null | undefined,
  field: 'participants' | 'department' = 'participants',
) {
  if (lead === null || lead === undefined || !participants.includes(lead)) return;
  throw field === 'participants'
    ? invalidParameter('participants', { zh: '不能包含牵头部门', en: 'must not include the lead department' })
    : invalidParameter('department', {
        zh: '该部门已是本事项的配合部门；请先在“修改”中把它从配合部门中移除',
        en: 'the department already takes part in this item; take it off the participating departments first (Edit)',
      });
}

export function createItem(ctx: CommandContext, input: NewItemInput): number {
  const scope = itemWriteScopeFor(ctx.user);
  if (!departmentInScope(scope, input.assign?.departmentId ?? null)) {
    throw new ApiError(
      403,
      'other_department',
      {
        zh: '部门联络员只能登记本部门的事项',
        en: 'A department editor can register items of its own department only',
      },
      { field: 'department' },
    );
  }
  checkDomainOfCampaign(ctx.db, input.domainId, input.campaignId);
  checkParticipants(input.participants, input.assign?.departmentId);
  return ctx.db
    .transaction(() => {
      const ledgerCode =
        input.ledgerCode ??
        `${input.campaignCode}-${ctx.now.slice(0, 4)}-${String(nextItemNumber(ctx.db)).padStart(6, '0')}`;
      let id: number;
      try {
        id = insertItem(ctx.db, {
          ledger_code: ledgerCode,
          title: input.title,
          description: input.description,
          campaign_id: input.campaignId,
          domain_id: input.domainId,
          source: input.source,
          registered_at: input.registeredAt ?? ctx.now,
          rectification_type: input.rectificationType,
          handling_mode: input.handlingMode,
          measures: input.measures,
          created_at: ctx.nowUtc,
        });
      } catch (error) {
        if (String(error).includes('UNIQUE constraint failed: items.ledger_code')) {
          throw new ApiError(
            409,
            'duplicate',
            { zh: `台账编号 ${ledgerCode} 已存在`, en: `Ledger code ${ledgerCode} already exists` },
            { field: 'ledgerCode' },
          );
        }
        throw error;
      }
      const participants = participantSet(input.participants);
      history(ctx, id, 'registered', undefined, {
        ledgerCode,
        title: input.title,
        source: input.source,
        ...(participants.length > 0 && { participants }),
      });
      if (participants.length > 0) setParticipants(ctx.db, id, participants);
      if (input.assign) assignIn(ctx, getItemRow(ctx.db, id)!, { kind: 'all' }, input.assign);
      return id;
    })
    .immediate();
}

/** Only a long-term item (长期坚持) may be assigned without a deadline. */
const NEEDS_DEADLINE = {
  deadline: () =>
    invalidParameter('deadline', {
      zh: '交办时须确定整改期限（“长期坚持”的事项除外）',
      en: 'required when the item is assigned, unless it is long-term (长期坚持)',
    }),
  rectificationType: () =>
    invalidParameter('rectificationType', {
      zh: '事项没有整改期限，只能是“长期坚持”',
      en: 'the item has no deadline, so it can only be long-term (长期坚持)',
    }),
};

function assignIn(
  ctx: CommandContext,
  item: ItemRow,
  scope: ItemWriteScope,
  a: { departmentId: number; person: string | null; deadline: string | null },
) {
  const status = nextStatus(item.status as Status, 'assign', item.voided_at !== null);
  // As the import: an item without a deadline would never be due, so only a long-term one may have none.
  if (a.deadline === null && item.rectification_type !== 'long_term') throw NEEDS_DEADLINE.deadline();
  checkParticipants(participantIds(ctx.db, item.id), a.departmentId, 'department');
  const set = {
    status,
    department_id: a.departmentId,
    responsible_person: a.person,
    assigned_at: ctx.now,
    original_deadline: a.deadline,
    original_deadline_end: a.deadline ? deadlineEnd(a.deadline) : null,
    deadline: a.deadline,
    deadline_end: a.deadline ? deadlineEnd(a.deadline) : null,
  };
  write(ctx, item, scope, set);
  history(
    ctx,
    item.id,
    ACTION_EVENTS.assign,
    pick(item, ['status', 'department_id', 'responsible_person', 'deadline']),
    { status, department_id: a.departmentId, responsible_person: a.person, deadline: a.deadline },
  );
}

export const EDITABLE_FIELDS = [
  'title',
  'description',
  'domain_id',
  'source',
  'responsible_person',
  'measures',
  'handling_mode',
  'rectification_type',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** Edits descriptive fields; never status, deadlines or closures (those have their own actions). */
export function editItem(
  ctx: CommandContext,
  id: number,
  version: number,
  changes: Partial<Record<EditableField, string | number | null>>,
  participants?: number[],
): void {
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, version);
      if (item.voided_at !== null)
        throw illegal(new IllegalTransitionError('edit', 'voided', []), ctx.user, item);
      // What was verified stays as verified: only the office that verified it may correct it.
      if (item.status === 'closed' && ctx.user.role !== 'admin')
        throw new ApiError(
          403,
          'closed_item',
          {
            zh: '事项已验收销号，只有督查室可以修改',
            en: 'The item is verified and closed: only the supervision office may change it',
          },
          { field: 'version' },
        );
      checkDomainOfCampaign(
        ctx.db,
        changes.domain_id as number | null | undefined,
        item.campaign_id as number,
      );
      const keys = Object.keys(changes).filter((k) => changes[k as EditableField] !== item[k]);
      // A long-term item assigned without a deadline stays long-term: no deadline can be added to it.
      if (
        keys.includes('rectification_type') &&
        changes.rectification_type !== 'long_term' &&
        item.status !== 'registered' &&
        item.deadline === null
      )
        throw NEEDS_DEADLINE.rectificationType();
      const edited = Object.fromEntries(keys.map((k) => [k, changes[k as EditableField] ?? null]));
      const before: Record<string, unknown> = pick(item, keys);
      const after: Record<string, unknown> = { ...edited };
      if (participants) checkParticipants(participants, item.department_id as number | null);
      const was = participants ? participantIds(ctx.db, id) : [];
      const now = participants ? participantSet(participants) : [];
      const participantsChange = participants !== undefined && now.join() !== was.join();
      // An edit that changes nothing is no event: no version to outdate the others' pages, no history row.
      if (keys.length === 0 && !participantsChange) return;
      write(ctx, item, scope, edited);
      if (participantsChange) {
        setParticipants(ctx.db, id, now);
        before.participants = was;
        after.participants = now;
      }
      history(ctx, id, 'edited', before, after);
    })
    .immediate();
}

export interface TransitionInput {
  action: StatusAction;
  version: number;
  evidence?: string | undefined;
  note?: string | undefined;
  assign?: { departmentId: number; person: string | null; deadline: string | null } | undefined;
  /** reopen: a new deadline for the rectification, recorded as an extension with the note as its reason. */
  deadline?: string | undefined;
}

export function transitionItem(ctx: CommandContext, id: number, input: TransitionInput): void {
  if (!mayTakeStatusAction(ctx.user, input.action)) throw forbiddenRole(['admin']);
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, input.version);
      if (
        input.action === 'close' &&
        ctx.user.departmentId !== null &&
        ctx.user.departmentId === item.department_id
      ) {
        throw new ApiError(403, 'own_department', {
          zh: '不能验收销号本部门的事项',
          en: "Nobody may verify and close their own department's item",
        });
      }
      let status: Status;
      try {
        status = nextStatus(item.status as Status, input.action, item.voided_at !== null);
      } catch (error) {
        if (error instanceof IllegalTransitionError) throw illegal(error, ctx.user, item);
        throw error;
      }
      switch (input.action) {
        case 'assign':
          if (!input.assign)
            throw new ApiError(
              400,
              'invalid_parameter',
              {
                zh: '参数 department 无效：交办需要指定部门',
                en: 'Invalid parameter department: assigning needs a department',
              },
              { field: 'department' },
            );
          if (scope.kind === 'department' && input.assign.departmentId !== scope.departmentId)
            throw forbiddenRole(['admin']);
          assignIn(ctx, item, scope, input.assign);
          return;
        case 'start':
          write(ctx, item, scope, { status });
          break;
        case 'reject':
          // A rejected rectification is no longer the item's: its time and evidence stay in the history
          // (the 'rectified' event and its note), not on an item that is in progress again.
          write(ctx, item, scope, { status, rectified_at: null, evidence: null });
          break;
        case 'rectify':
          write(ctx, item, scope, { status, rectified_at: ctx.now, evidence: input.evidence ?? null });
          break;
        case 'close':
          write(ctx, item, scope, {
            status,
            closed_at: ctx.now,
            verified_by: ctx.user.id,
            first_closed_at: (item.first_closed_at as string | null) ?? ctx.now,
            state_changed_at: ctx.now,
          });
          insertClosure(ctx.db, {
            itemId: id,
            closedAt: ctx.now,
            verifiedBy: ctx.user.id,
            evidence: input.evidence ?? (item.evidence as string | null),
          });
          break;
        case 'reopen':
          // As for a rejection: the closure (with its evidence) is in item_closures, the rectification
          // in the history.
          write(ctx, item, scope, {
            status,
            closed_at: null,
            verified_by: null,
            rectified_at: null,
            evidence: null,
            reopen_count: (item.reopen_count as number) + 1,
            first_reopened_at: (item.first_reopened_at as string | null) ?? ctx.now,
            state_changed_at: ctx.now,
          });
          reopenClosure(ctx.db, id, ctx.now, input.note ?? '');
          break;
      }
      history(
        ctx,
        id,
        ACTION_EVENTS[input.action],
        { status: item.status },
        { status },
        input.note ?? input.evidence ?? null,
      );
      if (input.action === 'reopen' && input.deadline)
        extendIn(ctx, getItemRow(ctx.db, id)!, scope, input.deadline, input.note ?? '');
    })
    .immediate();
}

function sideAction(
  ctx: CommandContext,
  action: 'extend' | 'request_extension' | 'urge' | 'void' | 'milestone' | 'progress' | 'respond' | 'file',
  item: ItemRow,
) {
  try {
    checkSideAction(action, { status: item.status as Status, voided: item.voided_at !== null });
  } catch (error) {
    if (error instanceof IllegalTransitionError) throw illegal(error, ctx.user, item);
    throw error;
  }
}

/** The end of a new deadline for the item: refused unless the item has a deadline and this one is later. */
function laterDeadlineEnd(item: ItemRow, deadline: string): string {
  const end = deadlineEnd(deadline);
  const current = item.deadline_end as string | null;
  if (current === null)
    throw invalidParameter('deadline', {
      zh: '事项还没有整改期限，不能延期（整改期限在交办时确定）',
      en: 'the item has no deadline to extend (a deadline is set when the item is assigned)',
    });
  // A day's end and the next day's 00:00 are one moment: no extension.
  if (comparableEnd(end) <= comparableEnd(current))
    throw invalidParameter('deadline', {
      zh: `须晚于当前整改期限（${zhDate(item.deadline as string)}）`,
      en: `must be after the current deadline (${enDate(item.deadline as string)})`,
    });
  return end;
}

/** Moves the item's deadline, keeping the original; returns the deadline_extensions row. */
function extendIn(
  ctx: CommandContext,
  item: ItemRow,
  scope: ItemWriteScope,
  deadline: string,
  reason: string,
) {
  sideAction(ctx, 'extend', item);
  const end = laterDeadlineEnd(item, deadline);
  write(ctx, item, scope, {
    deadline,
    deadline_end: end,
    extension_count: (item.extension_count as number) + 1,
    first_extended_at: (item.first_extended_at as string | null) ?? ctx.now,
    state_changed_at: ctx.now,
  });
  const extensionId = insertExtension(ctx.db, {
    itemId: item.id,
    approvedAt: ctx.now,
    approvedBy: ctx.user.id,
    oldDeadline: item.deadline,
    newDeadline: deadline,
    newDeadlineEnd: end,
    reason,
  });
  history(ctx, item.id, 'extended', { deadline: item.deadline }, { deadline }, reason);
  return extensionId;
}

/** Extends the deadline (admin, with a reason); the original deadline stays on the item. */
export function extendDeadline(
  ctx: CommandContext,
  id: number,
  version: number,
  deadline: string,
  reason: string,
): void {
  if (ctx.user.role !== 'admin') throw forbiddenRole(['admin']);
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, version);
      extendIn(ctx, item, scope, deadline, reason);
    })
    .immediate();
}

/**
 * A department asks the office to extend its open item's deadline (延期申请), with a reason: one request
 * at a time per item. Only the item's version moves on until the office approves.
 */
export function requestExtension(ctx: CommandContext, id: number, deadline: string, reason: string): void {
  if (ctx.user.role !== 'editor') throw forbiddenRole(['editor']);
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'request_extension', item);
      const end = laterDeadlineEnd(item, deadline);
      // A day already past gives the department no time: the office would grant an extension that leaves
      // the item overdue and counts it extended. (Today itself is not past: its deadline ends at midnight.)
      if (comparableEnd(end) <= ctx.now)
        throw invalidParameter('deadline', {
          zh: `已过去，须晚于现在（${zhDate(ctx.now)}）`,
          en: `is past: it must be later than now (${enDate(ctx.now)})`,
        });
      const pending = pendingRequestOf(ctx.db, id);
      if (pending)
        throw new ApiError(
          409,
          'extension_pending',
          {
            zh: `该事项已有待审批的延期申请（申请延至${zhDate(pending.new_deadline)}），请等待督查室审批`,
            en: `The item already has an extension request awaiting approval (to ${enDate(pending.new_deadline)}); wait for the supervision office's decision`,
          },
          { field: 'deadline' },
        );
      // The item's version moves on (the scoped write every item write starts with): pages showing it
      // learn that something happened to it.
      write(ctx, item, scope, {});
      insertExtensionRequest(ctx.db, {
        itemId: id,
        requestedAt: ctx.now,
        requestedBy: ctx.user.id,
        requestedByName: ctx.user.displayName,
        oldDeadline: item.deadline as string,
        newDeadline: deadline,
        reason,
      });
      history(ctx, id, 'extension_requested', undefined, { requested_deadline: deadline }, reason);
    })
    .immediate();
}

/**
 * The office's decision on a request: approving extends the deadline as the office's own extension does
 * (to the date asked for, or to another later one it sets), with the department's reason; declining
 * says why. Either way the request keeps the decision, its note and who made it.
 */
export function decideExtension(
  ctx: CommandContext,
  id: number,
  requestId: number,
  decision:
    | { approve: true; deadline?: string | undefined; note?: string | undefined }
    | { approve: false; note: string },
): void {
  if (ctx.user.role !== 'admin') throw forbiddenRole(['admin']);
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      const request = waitingRequestOf(ctx, id, requestId);
      let extensionId: number | null = null;
      if (decision.approve)
        extensionId = extendIn(ctx, item, scope, decision.deadline ?? request.new_deadline, request.reason);
      else write(ctx, item, scope, {});
      decideExtensionRequest(ctx.db, requestId, {
        decision: decision.approve ? 'approved' : 'declined',
        decidedAt: ctx.now,
        decidedBy: ctx.user.id,
        decidedByName: ctx.user.displayName,
        note: decision.note ?? null,
        extensionId,
      });
      // Beside the approval's 'extended' (the deadline, the department's reason): the decision itself.
      history(
        ctx,
        id,
        decision.approve ? 'extension_approved' : 'extension_declined',
        undefined,
        { requested_deadline: request.new_deadline },
        decision.note ?? null,
      );
    })
    .immediate();
}

/**
 * A department withdraws its own request while it waits (撤回延期申请): the request keeps who withdrew
 * it and when, and the department may ask again.
 */
export function withdrawExtension(ctx: CommandContext, id: number, requestId: number): void {
  if (ctx.user.role !== 'editor') throw forbiddenRole(['editor']);
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      const request = waitingRequestOf(ctx, id, requestId);
      // A request on an item closed or voided meanwhile waits no more (only the office still declines it,
      // to close its record): the department writes nothing to an item the office has verified.
      if (item.status === 'closed' || item.voided_at !== null)
        throw new ApiError(
          409,
          'extension_not_waiting',
          {
            zh: '事项已销号或作废，该延期申请已不再待审批，无需撤回',
            en: 'The item is closed or voided: the extension request no longer waits, so there is nothing to withdraw',
          },
          { field: 'request' },
        );
      write(ctx, item, scope, {});
      decideExtensionRequest(ctx.db, requestId, {
        decision: 'withdrawn',
        decidedAt: ctx.now,
        decidedBy: ctx.user.id,
        decidedByName: ctx.user.displayName,
        note: null,
        extensionId: null,
      });
      history(ctx, id, 'extension_withdrawn', undefined, { requested_deadline: request.new_deadline });
    })
    .immediate();
}

/** The item's request `requestId`, refused unless it still waits for a decision. */
function waitingRequestOf(ctx: CommandContext, itemId: number, requestId: number) {
  const request = getExtensionRequest(ctx.db, requestId);
  if (!request || request.item_id !== itemId)
    throw notFound({ zh: '延期申请', en: 'extension request' }, String(requestId), 'request');
  if (request.decision !== null) {
    const on = { zh: zhDate(request.decided_at!), en: enDate(request.decided_at!) };
    const zh = { approved: '同意延期', declined: '不予延期', withdrawn: '撤回' }[request.decision];
    throw new ApiError(
      409,
      'extension_decided',
      {
        zh: `该延期申请已于${on.zh}${zh}`,
        en: `The extension request was already ${request.decision} on ${on.en}`,
      },
      { field: 'request' },
    );
  }
  return request;
}

/** Logs an urging (催办) on an open item. */
export function urgeItem(ctx: CommandContext, id: number, note: string): void {
  if (ctx.user.role !== 'admin') throw forbiddenRole(['admin']);
  ctx.db.transaction(() => urgeIn(ctx, id, note)).immediate();
}

/**
 * Urges every item of a list at once (批量催办): the list is read in the write's transaction and must
 * still hold the `expected` number of items the office saw, else nothing is written (409). Returns
 * how many were urged.
 */
export function urgeItems(ctx: CommandContext, list: () => number[], expected: number, note: string): number {
  if (ctx.user.role !== 'admin') throw forbiddenRole(['admin']);
  return ctx.db
    .transaction(() => {
      const ids = list();
      if (ids.length !== expected)
        throw new ApiError(409, 'list_changed', {
          zh: `列表已有变化：现在是 ${ids.length} 个事项，不是 ${expected} 个；请刷新后重试`,
          en: `The list has changed: it now holds ${ids.length} items, not ${expected}; reload it and try again`,
        });
      for (const id of ids) urgeIn(ctx, id, note);
      return ids.length;
    })
    .immediate();
}

function urgeIn(ctx: CommandContext, id: number, note: string): void {
  const { item, scope } = loadForWrite(ctx, id, null);
  sideAction(ctx, 'urge', item);
  write(ctx, item, scope, { urge_count: (item.urge_count as number) + 1 });
  insertUrging(ctx.db, { itemId: id, urgedAt: ctx.now, urgedBy: ctx.user.id, note });
  history(ctx, id, 'urged', undefined, { urge_count: (item.urge_count as number) + 1 }, note);
}

/** Voids an item registered in error or twice (admin, with a reason); it then counts nowhere. */
export function voidItem(ctx: CommandContext, id: number, version: number, reason: string): void {
  if (ctx.user.role !== 'admin') throw forbiddenRole(['admin']);
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, version);
      sideAction(ctx, 'void', item);
      write(ctx, item, scope, { voided_at: ctx.now, void_reason: reason });
      history(ctx, id, 'voided', { voided: false }, { voided: true }, reason);
    })
    .immediate();
}

/**
 * Adds a milestone to an open item's timetable (时间表、路线图): the department or the office plans the
 * steps of a phased or long-term rectification. Recorded in the history; figures do not read it.
 */
export function addMilestone(
  ctx: CommandContext,
  id: number,
  milestone: { title: string; dueOn: string },
): void {
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'milestone', item);
      write(ctx, item, scope, {});
      insertMilestone(ctx.db, { itemId: id, ...milestone });
      history(ctx, id, 'milestone_added', undefined, { milestone: milestone.title, due_on: milestone.dueOn });
    })
    .immediate();
}

/** Marks a milestone of an open item done, now. */
export function completeMilestone(ctx: CommandContext, id: number, milestoneId: number): void {
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'milestone', item);
      const milestone = getMilestone(ctx.db, milestoneId);
      if (!milestone || milestone.item_id !== id)
        throw notFound({ zh: '阶段目标', en: 'milestone' }, String(milestoneId), 'milestone');
      if (milestone.done_at !== null)
        throw new ApiError(
          409,
          'milestone_done',
          {
            zh: `阶段目标“${milestone.title}”已完成`,
            en: `The milestone "${milestone.title}" is already done`,
          },
          { field: 'milestone' },
        );
      write(ctx, item, scope, {});
      markMilestoneDone(ctx.db, milestoneId, ctx.now);
      history(
        ctx,
        id,
        'milestone_done',
        // The title in `after` only: the timeline names the milestone, then its completion.
        { done_at: null },
        { milestone: milestone.title, done_at: ctx.now },
      );
    })
    .immediate();
}

/**
 * 首次响应: records that the complainant was first answered, now, by the office or the department — once,
 * on an open complaint (a public complaint or a hotline work order). The first-response figure counts
 * the hours from registration to it.
 */
export function recordFirstResponse(ctx: CommandContext, id: number, note: string | null): void {
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'respond', item);
      if (!COMPLAINT_SOURCES.includes(item.source as Source))
        throw new ApiError(
          409,
          'not_a_complaint',
          {
            zh: '只有群众反映和12345热线事项记录首次响应',
            en: 'Only public complaints and hotline work orders record a first response',
          },
          { field: 'source' },
        );
      const first = item.first_response_at as string | null;
      if (first !== null)
        throw new ApiError(
          409,
          'already_responded',
          {
            zh: `该事项已于${zhDate(first)}首次响应`,
            en: `The item's first response was recorded on ${enDate(first)}`,
          },
          { field: 'firstResponseAt' },
        );
      write(ctx, item, scope, { first_response_at: ctx.now });
      history(ctx, id, 'responded', { first_response_at: null }, { first_response_at: ctx.now }, note);
    })
    .immediate();
}

/**
 * Reports how an open item's rectification is going (整改进展), dated now: its department or the office.
 * Only the item's version moves on; the note is kept with the item and in its history.
 */
export function reportProgress(ctx: CommandContext, id: number, note: string): void {
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'progress', item);
      write(ctx, item, scope, {});
      insertProgressNote(ctx.db, {
        itemId: id,
        notedAt: ctx.now,
        authorId: ctx.user.id,
        authorName: ctx.user.displayName,
        note,
      });
      history(ctx, id, 'progress_reported', undefined, undefined, note);
    })
    .immediate();
}

/**
 * Attaches a file to an open item (佐证材料), by the office or the item's department; its bytes kept in
 * the database, its name and size in the history. Refused naming `file`: a type an item does not take,
 * an empty or too large file, or one too many on the item. Returns the file's id.
 */
export function addItemFile(
  ctx: CommandContext,
  id: number,
  file: { name: string; content: Uint8Array },
): number {
  const name = file.name.trim();
  const mediaType = itemFileType(name);
  if (!mediaType)
    throw invalidParameter('file', {
      zh: `只能上传照片、PDF、OFD、Word、Excel、WPS、PowerPoint、文本或 zip 文件（不能上传 ${name}）`,
      en: `only photos, PDF, OFD, Word, Excel, WPS, PowerPoint, text or zip files can be added (not ${name})`,
    });
  if (file.content.byteLength === 0)
    throw invalidParameter('file', { zh: '文件是空的', en: 'the file is empty' });
  if (file.content.byteLength > ITEM_FILE_LIMITS.bytes)
    throw invalidParameter('file', {
      zh: `文件超过 ${ITEM_FILE_LIMITS.bytes / 1024 / 1024} MB`,
      en: `the file is larger than ${ITEM_FILE_LIMITS.bytes / 1024 / 1024} MB`,
    });
  return ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'file', item);
      if (itemFiles(ctx.db, id).length >= ITEM_FILE_LIMITS.files)
        throw invalidParameter('file', {
          zh: `每个事项最多 ${ITEM_FILE_LIMITS.files} 个佐证材料`,
          en: `an item takes at most ${ITEM_FILE_LIMITS.files} files`,
        });
      write(ctx, item, scope, {});
      const fileId = insertItemFile(ctx.db, {
        itemId: id,
        name,
        mediaType,
        sha256: createHash('sha256').update(file.content).digest('hex'),
        content: file.content,
        addedAt: ctx.now,
        addedBy: ctx.user.id,
        addedByName: ctx.user.displayName,
      });
      history(ctx, id, 'file_added', undefined, { file: name, size: file.content.byteLength });
      return fileId;
    })
    .immediate();
}

/** Takes a file off an open item, with a reason: by the office, or by whoever added it. Kept, with who and why. */
export function removeFile(ctx: CommandContext, id: number, fileId: number, reason: string): void {
  ctx.db
    .transaction(() => {
      const { item, scope } = loadForWrite(ctx, id, null);
      sideAction(ctx, 'file', item);
      const file = itemFiles(ctx.db, id).find((f) => f.id === fileId);
      if (!file) throw notFound({ zh: '佐证材料', en: 'file' }, String(fileId), 'file');
      if (ctx.user.role !== 'admin' && file.addedById !== ctx.user.id)
        throw new ApiError(403, 'forbidden', {
          zh: '只有督查室或上传者本人可以撤下此材料',
          en: 'Only the supervision office or whoever added the file may take it off',
        });
      write(ctx, item, scope, {});
      removeItemFile(ctx.db, { itemId: id, fileId, at: ctx.now, byName: ctx.user.displayName, reason });
      history(ctx, id, 'file_removed', { file: file.name }, undefined, reason);
    })
    .immediate();
}
