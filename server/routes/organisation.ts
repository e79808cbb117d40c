import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import { getOrganisation, updateOrganisation } from '../../db/queries/organisation.ts';
import { actorOf, requireRole } from '../auth/index.ts';
import type { AppEnv } from '../context.ts';
import { nameText, validate } from '../validation.ts';

const fields = z.strictObject({
  nameZh: nameText(60),
  nameEn: nameText(120),
  areaZh: nameText(4).min(1),
  areaEn: nameText(30).min(1),
});

/**
 * 单位信息: read by anyone (the sign-in page, the public page and the big screen show the name before
 * anyone signs in), kept by the supervision office.
 */
export const organisation = new Hono<AppEnv>()
  .get('/', (c) => c.json({ organisation: getOrganisation(c.var.deps.db) }, 200))
  .put('/', requireRole('admin'), validate('json', fields), (c) => {
    const { db, clock } = c.var.deps;
    const after = c.req.valid('json');
    db.transaction(() => {
      const before = getOrganisation(db);
      updateOrganisation(db, after);
      recordAudit(db, {
        at: clock.now().toISOString(),
        actor: actorOf(c.var.user),
        action: 'organisation.update',
        entity: 'organisation',
        entityId: 1,
        before,
        after,
      });
    }).immediate();
    return c.json({ organisation: getOrganisation(db) }, 200);
  });
