/**
 * Display links for meeting-room screens, managed by admins. The token is shown once, at creation;
 * the database keeps only its hash, so a lost link is revoked and replaced, never recovered.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import {
  getDisplayLink,
  insertDisplayLink,
  listDisplayLinks,
  revokeDisplayLink,
} from '../../db/queries/display-links.ts';
import { actorOf } from '../auth/principal.ts';
import { requireRole } from '../auth/require-role.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, invalidParameter, notFound } from '../errors.ts';
import { validate } from '../validation.ts';

const DECK_MAX_CHARS = 20_000;

const createSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  deck: z.record(z.string(), z.unknown()).nullable().optional(),
});
const idParam = z.strictObject({ id: z.coerce.number().int().positive() });

const DISPLAY_LINK = { zh: '大屏链接', en: 'display link' };

/** Where a screen opens a link: the token rides in the URL fragment, which browsers never send to servers. */
export const displayLinkPath = (token: string) => `/big-screen#display=${token}`;

export const displayLinks = new Hono<AppEnv>()
  .get('/', requireRole('admin'), (c) => c.json({ links: listDisplayLinks(c.var.deps.db) }, 200))
  .post('/', requireRole('admin'), validate('json', createSchema), (c) => {
    const { deps, user } = c.var;
    const { name, deck = null } = c.req.valid('json');
    if (deck !== null && JSON.stringify(deck).length > DECK_MAX_CHARS)
      throw invalidParameter('deck', {
        zh: `大屏配置太长（上限 ${DECK_MAX_CHARS} 个字符）`,
        en: `the deck configuration is too long (limit ${DECK_MAX_CHARS} characters)`,
      });
    const token = newToken();
    const link = deps.db.transaction(() => {
      const at = deps.clock.now().toISOString();
      const id = insertDisplayLink(deps.db, {
        name,
        tokenHash: hashToken(token),
        deck,
        createdAt: at,
        createdBy: user.id,
      });
      recordAudit(deps.db, {
        at,
        actor: actorOf(user),
        action: 'display_link.create',
        entity: 'display_link',
        entityId: id,
        after: { name, deck },
      });
      return getDisplayLink(deps.db, id)!;
    })();
    return c.json({ link, token, path: displayLinkPath(token) }, 201);
  })
  .post('/:id/revoke', requireRole('admin'), validate('param', idParam), (c) => {
    const { deps, user } = c.var;
    const { id } = c.req.valid('param');
    const link = deps.db.transaction(() => {
      const before = getDisplayLink(deps.db, id);
      if (!before) throw notFound(DISPLAY_LINK, String(id), 'id');
      const at = deps.clock.now().toISOString();
      if (!revokeDisplayLink(deps.db, id, at, user.id))
        throw new ApiError(409, 'already_revoked', {
          zh: `大屏链接 ${id} 已于此前撤销`,
          en: `Display link ${id} was already revoked`,
        });
      recordAudit(deps.db, {
        at,
        actor: actorOf(user),
        action: 'display_link.revoke',
        entity: 'display_link',
        entityId: id,
        before: { name: before.name, revokedAt: null },
        after: { name: before.name, revokedAt: at },
      });
      return getDisplayLink(deps.db, id)!;
    })();
    return c.json({ link }, 200);
  });
