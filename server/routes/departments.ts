import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import {
  getDepartmentByCode,
  insertDepartment,
  setAliases,
  updateDepartment,
} from '../../db/queries/departments.ts';
import { loadImportLookups } from '../../db/queries/import.ts';
import { findByCode } from '../../db/queries/lookups.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppDeps, AppEnv } from '../context.ts';
import { DEPARTMENT_KINDS } from '../domain/lifecycle.ts';
import { ApiError, notFound } from '../errors.ts';
import { answerWith } from '../figures/json-answer.ts';
import { refuseNameClash } from '../import/name-clash.ts';
import { englishOrChinese, nameText, newCodeSchema, validate } from '../validation.ts';

const fields = {
  nameZh: nameText(60).min(1),
  nameEn: nameText(120).default(''),
  kind: z.enum(DEPARTMENT_KINDS).default('county_department'),
  peerGroup: z.string().trim().min(1).max(64),
  parent: z.string().trim().min(1).max(64).nullable().default(null),
  active: z.boolean().default(true),
  // The same alias twice in one list is one alias.
  aliases: z
    .array(nameText(60).min(1))
    .max(30)
    .default([])
    .transform((list) => [...new Set(list)]),
};
/** A PUT's fields: each left out keeps what the department has (a PUT that omits `active` does not reactivate it). */
const changes = z.strictObject({
  nameZh: fields.nameZh.optional(),
  nameEn: z.string().trim().max(120).optional(),
  kind: z.enum(DEPARTMENT_KINDS).optional(),
  peerGroup: fields.peerGroup.optional(),
  parent: z.string().trim().min(1).max(64).nullable().optional(),
  active: z.boolean().optional(),
  aliases: z
    .array(z.string().trim().min(1).max(60))
    .max(30)
    .transform((list) => [...new Set(list)])
    .optional(),
});
const codeParam = z.object({ code: z.string().min(1).max(64) });
const DEPARTMENT = { zh: '部门', en: 'department' };

/** The id of a peer group given by code; an unknown code is a 404 naming peerGroup. */
function peerGroupId(deps: AppDeps, code: string): number {
  const group = findByCode(deps.db, 'peer_groups', code);
  if (!group) throw notFound({ zh: '部门分组', en: 'peer group' }, code, 'peerGroup');
  return group.id;
}

/** The id of a parent department given by code (null for none); an unknown code is a 404 naming parent. */
function parentId(deps: AppDeps, code: string | null): number | null {
  if (code === null) return null;
  const parent = findByCode(deps.db, 'departments', code);
  if (!parent) throw notFound(DEPARTMENT, code, 'parent');
  return parent.id;
}

/**
 * The names an import matches a department by (its names and aliases) must not be another department's
 * code, name or alias, compared as the import compares them (case, spaces and full-width forms folded).
 */
function checkNames(
  deps: AppDeps,
  body: { nameZh: string; nameEn: string; aliases: string[] },
  id: number | null,
) {
  const lookups = loadImportLookups(deps.db);
  const others = lookups.departments.map((d) => ({
    ...d,
    aliases: lookups.aliases.filter((a) => a.departmentId === d.id).map((a) => a.alias),
  }));
  const names = [
    { field: 'nameZh', name: body.nameZh },
    { field: 'nameEn', name: body.nameEn },
    ...body.aliases.map((name, index) => ({ field: `aliases.${index}`, name })),
  ];
  refuseNameClash(names, others, id, DEPARTMENT);
}

/** Departments: the list with item counts (everyone), and their upkeep by the supervision office. */
export const departments = new Hono<AppEnv>()
  // Its counts are figures at now: computed and cached as the figures are, so a province's list costs
  // a cached answer, not a count of its million items on the main thread.
  .get('/', (c) => answerWith(c, 'departments', {}))
  .get('/:code', validate('param', codeParam), (c) => {
    const department = getDepartmentByCode(c.var.deps.db, c.req.valid('param').code);
    if (!department) throw notFound(DEPARTMENT, c.req.valid('param').code, 'code');
    return c.json({ department }, 200);
  })
  // 督查室的处理: what the office did to the department's items in the last `days` days, the latest first.
  .get(
    '/:code/office-actions',
    validate('param', codeParam),
    validate(
      'query',
      z.strictObject({
        days: z.coerce.number().int().min(1).max(90).default(14),
        limit: z.coerce.number().int().min(1).max(200).default(20),
      }),
    ),
    (c) => {
      const { code } = c.req.valid('param');
      const { days, limit } = c.req.valid('query');
      const deps = c.var.deps;
      const department = findByCode(deps.db, 'departments', code);
      if (!department) throw notFound(DEPARTMENT, code, 'code');
      // From the start of now's minute, as the figures' answers are cached: a minute's requests share one.
      const minute = Math.floor(deps.clock.now().getTime() / 60_000) * 60_000;
      const since = new Date(minute - days * 86_400_000).toISOString();
      return answerWith(c, 'officeActions', {
        officeActions: { departmentId: department.id, since, days, limit },
      });
    },
  )
  .post(
    '/',
    requireRole('admin'),
    validate('json', z.strictObject({ code: newCodeSchema, ...fields }).transform(englishOrChinese)),
    (c) => {
      const body = c.req.valid('json');
      const deps = c.var.deps;
      if (findByCode(deps.db, 'departments', body.code)) {
        throw new ApiError(
          409,
          'duplicate',
          { zh: `部门编码 ${body.code} 已存在`, en: `Department code ${body.code} already exists` },
          { field: 'code' },
        );
      }
      const refs = { peerGroupId: peerGroupId(deps, body.peerGroup), parentId: parentId(deps, body.parent) };
      const at = deps.clock.now().toISOString();
      deps.db
        .transaction(() => {
          checkNames(deps, body, null);
          const created = insertDepartment(deps.db, { ...body, ...refs });
          setAliases(deps.db, created, body.aliases);
          recordAudit(deps.db, {
            at,
            actor: actorOf(c.var.user),
            action: 'department.create',
            entity: 'department',
            entityId: created,
            after: body,
          });
        })
        .immediate();
      return c.json({ department: getDepartmentByCode(deps.db, body.code)! }, 201);
    },
  )
  .put('/:code', requireRole('admin'), validate('param', codeParam), validate('json', changes), (c) => {
    const { code } = c.req.valid('param');
    const asked = c.req.valid('json');
    const deps = c.var.deps;
    const before = getDepartmentByCode(deps.db, code);
    if (!before) throw notFound(DEPARTMENT, code, 'code');
    // Emptied, the English name is the Chinese one, as when created.
    const body = englishOrChinese({
      nameZh: asked.nameZh ?? before.nameZh,
      nameEn: asked.nameEn ?? before.nameEn,
      kind: asked.kind ?? before.kind,
      active: asked.active ?? before.active,
      aliases: asked.aliases ?? before.aliases,
    });
    const refs = {
      peerGroupId: asked.peerGroup === undefined ? before.peerGroupId : peerGroupId(deps, asked.peerGroup),
      parentId: asked.parent === undefined ? before.parentId : parentId(deps, asked.parent),
    };
    if (refs.parentId === before.id) {
      throw new ApiError(
        400,
        'invalid_parameter',
        {
          zh: '参数 parent 无效：不能以自身为上级',
          en: 'Invalid parameter parent: a department cannot be its own parent',
        },
        { field: 'parent' },
      );
    }
    const at = deps.clock.now().toISOString();
    deps.db
      .transaction(() => {
        checkNames(deps, body, before.id);
        updateDepartment(deps.db, before.id, { ...body, ...refs });
        setAliases(deps.db, before.id, body.aliases);
        recordAudit(deps.db, {
          at,
          actor: actorOf(c.var.user),
          action: 'department.update',
          entity: 'department',
          entityId: before.id,
          // Both sides as the record reads, so the log shows exactly what changed.
          before,
          after: getDepartmentByCode(deps.db, code),
        });
      })
      .immediate();
    return c.json({ department: getDepartmentByCode(deps.db, code)! }, 200);
  });
