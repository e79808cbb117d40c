import { Hono } from 'hono';
import { z } from 'zod';
import { isDepartmentActive } from '../../db/queries/departments.ts';
import { itemFileContent } from '../../db/queries/item-files.ts';
import {
  getItemDetail,
  ITEM_SORTS,
  type ItemListFilter,
  type ItemSort,
  itemWarning,
  listItemIds,
} from '../../db/queries/items.ts';
import { findByCode, findById } from '../../db/queries/lookups.ts';
import { requireRole, requireUser } from '../auth/index.ts';
import { statusActionsFor } from '../auth/item-scope.ts';
import type { SessionUser } from '../auth/principal.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { ITEM_FILE_LIMITS } from '../domain/item-file-types.ts';
import { ITEM_TEXT_LIMITS } from '../domain/item-text-limits.ts';
import {
  allowedActions,
  HANDLING_MODES,
  RECTIFICATION_TYPES,
  SOURCES,
  STATUSES,
  type Status,
  URGE_AT_ONCE,
} from '../domain/lifecycle.ts';
import { inLedgerYears, isDay, parseMoment } from '../domain/time.ts';
import { invalidParameter, notFound } from '../errors.ts';
import { answerWith } from '../figures/json-answer.ts';
import { warningHorizon } from '../figures/params.ts';
import {
  addItemFile,
  addMilestone,
  type CommandContext,
  completeMilestone,
  createItem,
  decideExtension,
  editItem,
  extendDeadline,
  recordFirstResponse,
  removeFile,
  reportProgress,
  requestExtension,
  transitionItem,
  urgeItem,
  urgeItems,
  voidItem,
  withdrawExtension,
} from '../ledger/commands.ts';
import { figuresNow, nowMoment } from '../now.ts';
import {
  A_DAY_OR_TIME,
  daySchema,
  LEDGER_YEARS,
  nameText,
  ownReason,
  pagingShape,
  printableText,
  validate,
} from '../validation.ts';

const code = z.string().trim().min(1).max(ITEM_TEXT_LIMITS.ledgerCode);
const text = printableText;
/** A deadline: a day, or a moment for deadlines counted in hours. */
const deadline = z
  .string()
  .refine((v) => isDay(v) || parseMoment(v) !== null, A_DAY_OR_TIME)
  .refine(inLedgerYears, LEDGER_YEARS)
  .transform((v) => (isDay(v) ? v : parseMoment(v)!));
/**
 * A file's name as a download offers it: one line, no folders. A line break or a path separator in
 * the name is for a client to strip, and not every download tool does.
 */
const offeredName = (name: string) => name.replace(/[\r\n\t/\\]/g, '_');
/** A file's name as a browser gives it: refused unless it is offered as it is. */
const fileName = text(ITEM_FILE_LIMITS.name)
  .min(1)
  .refine(
    (v) => offeredName(v) === v,
    ownReason({
      zh: '不能包含换行、制表符或路径分隔符（/ \\）',
      en: 'must not contain line breaks, tabs or path separators (/ \\)',
    }),
  );
const id = z.object({ id: z.coerce.number().int().positive() });
const requestParam = z.strictObject({ id: id.shape.id, request: id.shape.id });
const fileParam = z.strictObject({ id: id.shape.id, file: id.shape.id });

/** The table's filters and sort; the ledger export (routes/exports.ts) takes the same ones. */
export const itemListShape = {
  // Not even a line break: the search index marks the end of each field with a control character.
  q: nameText(100).optional(),
  campaign: code.optional(),
  domain: code.optional(),
  source: z.enum(SOURCES).optional(),
  department: code.optional(),
  status: z.enum(STATUSES).optional(),
  light: z.enum(['red', 'yellow', 'green']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  voided: z.enum(['true', 'false']).optional(),
  sort: z.enum(Object.keys(ITEM_SORTS) as [ItemSort, ...ItemSort[]]).default('registered'),
};
const listQuery = z.strictObject({ ...itemListShape, ...pagingShape });
/** The filters of a list a write takes (its overdue, voided and sort are the write's own). */
const { overdue: _o, voided: _v, sort: _s, ...filterShape } = itemListShape;
type ItemListQuery = z.infer<z.ZodObject<typeof itemListShape>>;

const assignShape = {
  department: code,
  responsiblePerson: text(ITEM_TEXT_LIMITS.person).nullable().default(null),
  deadline: deadline.nullable().default(null),
};

const createBody = z.strictObject({
  ledgerCode: code.optional(),
  title: text(ITEM_TEXT_LIMITS.title).min(1),
  description: text(ITEM_TEXT_LIMITS.description).default(''),
  campaign: code,
  domain: code.nullable().default(null),
  source: z.enum(SOURCES),
  rectificationType: z.enum(RECTIFICATION_TYPES),
  handlingMode: z.enum(HANDLING_MODES).nullable().default(null),
  measures: text(ITEM_TEXT_LIMITS.measures).default(''),
  department: code.optional(),
  responsiblePerson: text(ITEM_TEXT_LIMITS.person).nullable().default(null),
  deadline: deadline.nullable().default(null),
  participants: z.array(code).max(20).default([]),
});

const editBody = z.strictObject({
  version: z.number().int().positive(),
  title: text(ITEM_TEXT_LIMITS.title).min(1).optional(),
  description: text(ITEM_TEXT_LIMITS.description).optional(),
  domain: code.nullable().optional(),
  source: z.enum(SOURCES).optional(),
  responsiblePerson: text(ITEM_TEXT_LIMITS.person).nullable().optional(),
  measures: text(ITEM_TEXT_LIMITS.measures).optional(),
  handlingMode: z.enum(HANDLING_MODES).nullable().optional(),
  rectificationType: z.enum(RECTIFICATION_TYPES).optional(),
  participants: z.array(code).max(20).optional(),
});

const transitionBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), version: z.number().int().positive(), ...assignShape }),
  z.strictObject({ action: z.literal('start'), version: z.number().int().positive() }),
  z.strictObject({
    action: z.literal('rectify'),
    version: z.number().int().positive(),
    evidence: text(ITEM_TEXT_LIMITS.evidence).min(1),
  }),
  z.strictObject({
    action: z.literal('reject'),
    version: z.number().int().positive(),
    note: text(1000).min(1),
  }),
  z.strictObject({
    action: z.literal('close'),
    version: z.number().int().positive(),
    evidence: text(ITEM_TEXT_LIMITS.evidence).optional(),
  }),
  z.strictObject({
    action: z.literal('reopen'),
    version: z.number().int().positive(),
    note: text(1000).min(1),
    // The deadline the look-back sets anew (an extension, with the note as its reason).
    deadline: deadline.optional(),
  }),
]);

const DEPARTMENT = { zh: '部门', en: 'department' };
function departmentId(deps: AppDeps, departmentCode: string, field = 'department'): number {
  const row = findByCode(deps.db, 'departments', departmentCode);
  if (!row) throw notFound(DEPARTMENT, departmentCode, field);
  return row.id;
}
/** A department an item is assigned to must be active: a deactivated one takes no new items. */
function activeDepartment(deps: AppDeps, id: number, departmentCode?: string): number {
  if (!isDepartmentActive(deps.db, id)) {
    const code = departmentCode ?? findById(deps.db, 'departments', id)?.code ?? String(id);
    throw invalidParameter('department', {
      zh: `部门 ${code} 已停用，不能再交办事项`,
      en: `the department ${code} is deactivated and takes no new items`,
    });
  }
  return id;
}
function optionalId(
  deps: AppDeps,
  table: 'campaigns' | 'domains',
  value: string | null | undefined,
  field: string,
) {
  if (value === undefined || value === null) return value;
  const row = findByCode(deps.db, table, value);
  if (!row)
    throw notFound(
      table === 'campaigns' ? { zh: '活动', en: 'campaign' } : { zh: '领域', en: 'domain' },
      value,
      field,
    );
  return row.id;
}

function commandContext(c: { var: { deps: AppDeps; user: CommandContext['user'] } }): CommandContext {
  const { deps, user } = c.var;
  return { db: deps.db, user, now: nowMoment(deps), nowUtc: deps.clock.now().toISOString() };
}

/** The item as every route answers it; allowedActions: the steps its state allows that this user may take. */
function detail(deps: AppDeps, user: SessionUser, itemId: number) {
  const found = getItemDetail(deps.db, itemId);
  if (!found) throw notFound({ zh: '事项', en: 'item' }, String(itemId), 'id');
  const allowed = allowedActions(found.item.status as Status, found.item.voided_at !== null);
  // At the table's T, as the table shows them.
  const now = figuresNow(deps);
  return {
    ...found,
    ...itemWarning(deps.db, itemId, { now, warn: warningHorizon(deps.db, now) }),
    allowedActions: statusActionsFor(
      user,
      { departmentId: found.item.department_id as number | null },
      allowed,
    ),
  };
}

/** The table's filter with codes resolved (unknown ones are 404s naming the parameter). */
function itemListFilter(deps: AppDeps, q: ItemListQuery): ItemListFilter {
  return {
    ...(q.q ? { q: q.q } : {}),
    ...(q.campaign ? { campaignId: optionalId(deps, 'campaigns', q.campaign, 'campaign')! } : {}),
    ...(q.domain ? { domainId: optionalId(deps, 'domains', q.domain, 'domain')! } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.department ? { departmentId: departmentId(deps, q.department) } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.light ? { light: q.light } : {}),
    ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
    ...(q.voided ? { voided: q.voided === 'true' } : {}),
  };
}

/** The table's filter and sort, now and the warning horizon: what the export lists the items by. */
export function resolveItemList(deps: AppDeps, q: ItemListQuery) {
  const now = nowMoment(deps);
  return { filter: itemListFilter(deps, q), sort: q.sort, now, warn: warningHorizon(deps.db, now) };
}

/** The ledger: the item table, one item with its history, and the workflow by role. */
export const items = new Hono<AppEnv>()
  // A page is answered as the figures are (figures/json-answer.ts): cached until the data changes or
  // the minute turns, and read off the main thread, where a common search term at a province's scale
  // took 120–260 ms.
  .get('/', validate('query', listQuery), (c) => {
    const q = c.req.valid('query');
    const filter = itemListFilter(c.var.deps, q);
    return answerWith(c, 'ledgerPage', {
      list: { filter, sort: q.sort, page: q.page, pageSize: q.pageSize },
    });
  })
  .get('/:id', requireUser(), validate('param', id), (c) =>
    c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 200),
  )
  .post('/', requireRole('admin', 'editor'), validate('json', createBody), (c) => {
    const b = c.req.valid('json');
    const deps = c.var.deps;
    const ctx = commandContext(c);
    const campaign = findByCode(deps.db, 'campaigns', b.campaign);
    if (!campaign) throw notFound({ zh: '活动', en: 'campaign' }, b.campaign, 'campaign');
    // An editor's new item is its own department's; an admin's is assigned when a department is given.
    // Either way a deactivated department takes none.
    const assignTo =
      b.department !== undefined
        ? activeDepartment(deps, departmentId(deps, b.department), b.department)
        : ctx.user.departmentId === null
          ? null
          : activeDepartment(deps, ctx.user.departmentId);
    const itemId = createItem(ctx, {
      ledgerCode: b.ledgerCode,
      title: b.title,
      description: b.description,
      campaignId: campaign.id,
      campaignCode: campaign.code,
      domainId: optionalId(deps, 'domains', b.domain, 'domain') ?? null,
      source: b.source,
      rectificationType: b.rectificationType,
      handlingMode: b.handlingMode,
      measures: b.measures,
      participants: b.participants.map((p) => departmentId(deps, p, 'participants')),
      assign:
        assignTo === null
          ? undefined
          : { departmentId: assignTo, person: b.responsiblePerson, deadline: b.deadline },
    });
    return c.json(detail(deps, c.var.user, itemId), 201);
  })
  .patch('/:id', requireRole('admin', 'editor'), validate('param', id), validate('json', editBody), (c) => {
    const deps = c.var.deps;
    const { version, participants, domain, responsiblePerson, handlingMode, rectificationType, ...rest } =
      c.req.valid('json');
    const changes = {
      ...rest,
      ...(domain !== undefined ? { domain_id: optionalId(deps, 'domains', domain, 'domain') ?? null } : {}),
      ...(responsiblePerson !== undefined ? { responsible_person: responsiblePerson } : {}),
      ...(handlingMode !== undefined ? { handling_mode: handlingMode } : {}),
      ...(rectificationType !== undefined ? { rectification_type: rectificationType } : {}),
    };
    const participantIds = participants?.map((p) => departmentId(deps, p, 'participants'));
    editItem(commandContext(c), c.req.valid('param').id, version, changes, participantIds);
    return c.json(detail(deps, c.var.user, c.req.valid('param').id), 200);
  })
  .post(
    '/:id/transitions',
    requireRole('admin', 'editor'),
    validate('param', id),
    validate('json', transitionBody),
    (c) => {
      const deps = c.var.deps;
      const body = c.req.valid('json');
      const itemId = c.req.valid('param').id;
      transitionItem(commandContext(c), itemId, {
        action: body.action,
        version: body.version,
        ...('evidence' in body ? { evidence: body.evidence } : {}),
        ...('note' in body ? { note: body.note } : {}),
        ...(body.action === 'reopen' && body.deadline ? { deadline: body.deadline } : {}),
        ...(body.action === 'assign'
          ? {
              assign: {
                departmentId: activeDepartment(deps, departmentId(deps, body.department), body.department),
                person: body.responsiblePerson,
                deadline: body.deadline,
              },
            }
          : {}),
      });
      return c.json(detail(deps, c.var.user, itemId), 200);
    },
  )
  .post(
    '/:id/extensions',
    requireRole('admin'),
    validate('param', id),
    validate(
      'json',
      z.strictObject({ version: z.number().int().positive(), deadline, reason: text(1000).min(1) }),
    ),
    (c) => {
      const { version, deadline: newDeadline, reason } = c.req.valid('json');
      extendDeadline(commandContext(c), c.req.valid('param').id, version, newDeadline, reason);
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 200);
    },
  )
  .post(
    '/:id/extension-requests',
    requireRole('editor'),
    validate('param', id),
    validate('json', z.strictObject({ deadline, reason: text(1000).min(1) })),
    (c) => {
      const { deadline: asked, reason } = c.req.valid('json');
      requestExtension(commandContext(c), c.req.valid('param').id, asked, reason);
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 201);
    },
  )
  .post(
    '/:id/extension-requests/:request/approve',
    requireRole('admin'),
    validate('param', requestParam),
    validate('json', z.strictObject({ deadline: deadline.optional(), note: text(1000).optional() })),
    (c) => {
      const { id: itemId, request } = c.req.valid('param');
      const { deadline: granted, note } = c.req.valid('json');
      decideExtension(commandContext(c), itemId, request, {
        approve: true,
        deadline: granted,
        note: note || undefined,
      });
      return c.json(detail(c.var.deps, c.var.user, itemId), 200);
    },
  )
  .post(
    '/:id/extension-requests/:request/decline',
    requireRole('admin'),
    validate('param', requestParam),
    validate('json', z.strictObject({ note: text(1000).min(1) })),
    (c) => {
      const { id: itemId, request } = c.req.valid('param');
      decideExtension(commandContext(c), itemId, request, { approve: false, note: c.req.valid('json').note });
      return c.json(detail(c.var.deps, c.var.user, itemId), 200);
    },
  )
  .post(
    '/:id/extension-requests/:request/withdraw',
    requireRole('editor'),
    validate('param', requestParam),
    (c) => {
      const { id: itemId, request } = c.req.valid('param');
      withdrawExtension(commandContext(c), itemId, request);
      return c.json(detail(c.var.deps, c.var.user, itemId), 200);
    },
  )
  // The overdue items a filter lists, urged at once (批量催办); `count` is how many the office saw.
  .post(
    '/urgings',
    requireRole('admin'),
    validate(
      'json',
      z.strictObject({
        ...filterShape,
        count: z.number().int().min(1).max(URGE_AT_ONCE),
        note: text(1000).min(1),
      }),
    ),
    (c) => {
      const { count, note, ...q } = c.req.valid('json');
      const list = resolveItemList(c.var.deps, { ...q, overdue: 'true', voided: 'false', sort: 'deadline' });
      const urged = urgeItems(commandContext(c), () => listItemIds(c.var.deps.db, list), count, note);
      return c.json({ urged }, 200);
    },
  )
  .post(
    '/:id/urgings',
    requireRole('admin'),
    validate('param', id),
    validate('json', z.strictObject({ note: text(1000).min(1) })),
    (c) => {
      urgeItem(commandContext(c), c.req.valid('param').id, c.req.valid('json').note);
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 200);
    },
  )
  .post(
    '/:id/response',
    requireRole('admin', 'editor'),
    validate('param', id),
    validate('json', z.strictObject({ note: text(1000).optional() })),
    (c) => {
      recordFirstResponse(commandContext(c), c.req.valid('param').id, c.req.valid('json').note || null);
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 200);
    },
  )
  .post(
    '/:id/progress',
    requireRole('admin', 'editor'),
    validate('param', id),
    validate('json', z.strictObject({ note: text(2000).min(1) })),
    (c) => {
      reportProgress(commandContext(c), c.req.valid('param').id, c.req.valid('json').note);
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 201);
    },
  )
  // 佐证材料: the file is the request's body, its name in `name` (10 MB at most, server/auth/body-limit.ts).
  .post(
    '/:id/files',
    requireRole('admin', 'editor'),
    validate('param', id),
    validate('query', z.strictObject({ name: fileName })),
    async (c) => {
      const itemId = c.req.valid('param').id;
      const content = new Uint8Array(await c.req.arrayBuffer());
      addItemFile(commandContext(c), itemId, { name: c.req.valid('query').name, content });
      return c.json(detail(c.var.deps, c.var.user, itemId), 201);
    },
  )
  .get('/:id/files/:file', requireUser(), validate('param', fileParam), (c) => {
    const { id: itemId, file: fileId } = c.req.valid('param');
    const file = itemFileContent(c.var.deps.db, itemId, fileId);
    if (!file) throw notFound({ zh: '佐证材料', en: 'file' }, String(fileId), 'file');
    // Always a download, as the type its name says: never shown in the app's own origin.
    const ascii = file.name.replace(/[^\w.-]/g, '_');
    return c.body(new Uint8Array(file.content), 200, {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(offeredName(file.name))}`,
      'cache-control': 'private, no-store',
    });
  })
  .post(
    '/:id/files/:file/remove',
    requireRole('admin', 'editor'),
    validate('param', fileParam),
    validate('json', z.strictObject({ reason: text(1000).min(1) })),
    (c) => {
      const { id: itemId, file } = c.req.valid('param');
      removeFile(commandContext(c), itemId, file, c.req.valid('json').reason);
      return c.json(detail(c.var.deps, c.var.user, itemId), 200);
    },
  )
  .post(
    '/:id/milestones',
    requireRole('admin', 'editor'),
    validate('param', id),
    validate('json', z.strictObject({ title: text(200).min(1), dueOn: daySchema })),
    (c) => {
      addMilestone(commandContext(c), c.req.valid('param').id, c.req.valid('json'));
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 200);
    },
  )
  .post(
    '/:id/milestones/:milestone/done',
    requireRole('admin', 'editor'),
    validate('param', z.strictObject({ id: id.shape.id, milestone: id.shape.id })),
    validate('json', z.strictObject({})),
    (c) => {
      const { id: itemId, milestone } = c.req.valid('param');
      completeMilestone(commandContext(c), itemId, milestone);
      return c.json(detail(c.var.deps, c.var.user, itemId), 200);
    },
  )
  .post(
    '/:id/void',
    requireRole('admin'),
    validate('param', id),
    validate('json', z.strictObject({ version: z.number().int().positive(), reason: text(1000).min(1) })),
    (c) => {
      const { version, reason } = c.req.valid('json');
      voidItem(commandContext(c), c.req.valid('param').id, version, reason);
      return c.json(detail(c.var.deps, c.var.user, c.req.valid('param').id), 200);
    },
  );
