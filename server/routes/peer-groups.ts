import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { insertPeerGroup, renamePeerGroup } from '../../db/queries/departments.ts';
import { findByCode, listPeerGroups } from '../../db/queries/lookups.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { englishOrChinese, nameText, newCodeSchema, validate } from '../validation.ts';

const names = {
  nameZh: nameText(60).min(1),
  nameEn: nameText(120).default(''),
};
const code = newCodeSchema;
const PEER_GROUP = { zh: '部门分组', en: 'peer group' };
const found = (db: Db, id: number) => listPeerGroups(db).find((g) => g.id === id)!;

/** Filters and rankings name groups by their names: two groups with one name could not be told apart. */
function checkNamesFree(db: Db, names: { nameZh: string; nameEn: string }, id?: number) {
  for (const g of listPeerGroups(db)) {
    if (g.id === id) continue;
    const field =
      g.nameZh === names.nameZh
        ? 'nameZh'
        : g.nameEn.toLowerCase() === names.nameEn.toLowerCase()
          ? 'nameEn'
          : null;
    if (field === null) continue;
    const name = field === 'nameZh' ? g.nameZh : g.nameEn;
    throw new ApiError(
      409,
      'duplicate',
      {
        zh: `已有名为“${name}”的部门分组（${g.code}）`,
        en: `A peer group is already named "${name}" (${g.code})`,
      },
      { field },
    );
  }
}

/**
 * Peer groups (部门分组): the departments a ranking compares with each other. Listed with the
 * reference data (GET /api/reference); added and renamed by the supervision office. A group is not
 * deleted: its departments, rankings and published rankings name it.
 */
export const peerGroups = new Hono<AppEnv>()
  .post(
    '/',
    requireRole('admin'),
    validate('json', z.strictObject({ code, ...names }).transform(englishOrChinese)),
    (c) => {
      const body = c.req.valid('json');
      const { db, clock } = c.var.deps;
      if (findByCode(db, 'peer_groups', body.code))
        throw new ApiError(
          409,
          'duplicate',
          { zh: `部门分组编码 ${body.code} 已存在`, en: `code ${body.code} already exists` },
          { field: 'code' },
        );
      checkNamesFree(db, body);
      const id = db
        .transaction(() => {
          const id = insertPeerGroup(db, body);
          recordAudit(db, {
            at: clock.now().toISOString(),
            actor: actorOf(c.var.user),
            action: 'peer_group.create',
            entity: 'peer_group',
            entityId: id,
            after: body,
          });
          return id;
        })
        .immediate();
      return c.json({ peerGroup: found(db, id) }, 201);
    },
  )
  .put(
    '/:code',
    requireRole('admin'),
    validate('param', z.object({ code: z.string().min(1).max(64) })),
    validate('json', z.strictObject(names).transform(englishOrChinese)),
    (c) => {
      const { db, clock } = c.var.deps;
      const before = findByCode(db, 'peer_groups', c.req.valid('param').code);
      if (!before) throw notFound(PEER_GROUP, c.req.valid('param').code, 'code');
      checkNamesFree(db, c.req.valid('json'), before.id);
      const names = c.req.valid('json');
      // A rename to the names it has changes nothing and leaves nothing in the log.
      if (names.nameZh === before.nameZh && names.nameEn === before.nameEn)
        return c.json({ peerGroup: before }, 200);
      db.transaction(() => {
        renamePeerGroup(db, before.id, c.req.valid('json'));
        recordAudit(db, {
          at: clock.now().toISOString(),
          actor: actorOf(c.var.user),
          action: 'peer_group.update',
          entity: 'peer_group',
          entityId: before.id,
          before,
          after: found(db, before.id),
        });
      }).immediate();
      return c.json({ peerGroup: found(db, before.id) }, 200);
    },
  );
