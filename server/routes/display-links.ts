/**
 * Display links for meeting-room screens, managed by admins. The token is shown once, at creation;
 * the database keeps only its hash, so a lost link is revoked and replaced, never recovered.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Db } from '../../db/open.ts';
import { recordAudit } from '../../db/queries/accounts-audit.ts';
import {
  type DisplayLinkRow,
  getDisplayLink,
  insertDisplayLink,
  listDisplayLinks,
  revokeDisplayLink,
  updateDisplayLinkDeck,
} from '../../db/queries/display-links.ts';
import { findByCode } from '../../db/queries/lookups.ts';
import { actorOf } from '../auth/principal.ts';
import { requireRole } from '../auth/require-role.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { AppEnv } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import type { SavedDeck } from '../screen/deck-shape.ts';
import { readSavedDeck, savedDeckSchema } from '../screen/saved-deck.ts';
import { nameText, validate } from '../validation.ts';

const createSchema = z.strictObject({
  name: nameText(100).min(1),
  deck: savedDeckSchema.nullable().optional(),
});
const deckSchema = z.strictObject({ deck: savedDeckSchema.nullable() });
const idParam = z.strictObject({ id: z.coerce.number().int().positive() });

const DISPLAY_LINK = { zh: '大屏链接', en: 'display link' };

/** The deck to store: null when it sets nothing; its campaign must exist (404 naming deck.campaign). */
function checkedDeck(db: Db, deck: SavedDeck | null | undefined): SavedDeck | null {
  if (!deck || Object.keys(deck).length === 0) return null;
  if (deck.campaign !== undefined && !findByCode(db, 'campaigns', deck.campaign))
    throw notFound({ zh: '专项活动', en: 'campaign' }, deck.campaign, 'deck.campaign');
  return deck;
}

/**
 * A link as admins see it: the deck as the screen will read it (decks stored before they were
 * validated may hold fields the screen ignores).
 */
const present = (link: DisplayLinkRow) => ({ ...link, deck: readSavedDeck(link.deck) });

const linkRevoked = (id: number) =>
  new ApiError(409, 'already_revoked', {
    zh: `大屏链接 ${id} 已于此前撤销`,
    en: `Display link ${id} was already revoked`,
  });

/** Where a screen opens a link: the token rides in the URL fragment, which browsers never send to servers. */
export const displayLinkPath = (token: string) => `/big-screen#display=${token}`;

export const displayLinks = new Hono<AppEnv>()
  .get('/', requireRole('admin'), (c) => c.json({ links: listDisplayLinks(c.var.deps.db).map(present) }, 200))
  .post('/', requireRole('admin'), validate('json', createSchema), (c) => {
    const { deps, user } = c.var;
    const { name } = c.req.valid('json');
    const deck = checkedDeck(deps.db, c.req.valid('json').deck);
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
      return present(getDisplayLink(deps.db, id)!);
    })();
    return c.json({ link, token, path: displayLinkPath(token) }, 201);
  })
  // The deck changes, the token does not: the screens showing the link pick the new deck up at their
  // next refresh, with no new address to hand out.
  .patch('/:id', requireRole('admin'), validate('param', idParam), validate('json', deckSchema), (c) => {
    const { deps, user } = c.var;
    const { id } = c.req.valid('param');
    const link = deps.db.transaction(() => {
      const before = getDisplayLink(deps.db, id);
      if (!before) throw notFound(DISPLAY_LINK, String(id), 'id');
      const deck = checkedDeck(deps.db, c.req.valid('json').deck);
      if (!updateDisplayLinkDeck(deps.db, id, deck)) throw linkRevoked(id);
      if (JSON.stringify(before.deck) !== JSON.stringify(deck))
        recordAudit(deps.db, {
          at: deps.clock.now().toISOString(),
          actor: actorOf(user),
          action: 'display_link.update',
          entity: 'display_link',
          entityId: id,
          before: { name: before.name, deck: before.deck },
          after: { name: before.name, deck },
        });
      return present(getDisplayLink(deps.db, id)!);
    })();
    return c.json({ link }, 200);
  })
  .post('/:id/revoke', requireRole('admin'), validate('param', idParam), (c) => {
    const { deps, user } = c.var;
    const { id } = c.req.valid('param');
    const link = deps.db.transaction(() => {
      const before = getDisplayLink(deps.db, id);
      if (!before) throw notFound(DISPLAY_LINK, String(id), 'id');
      const at = deps.clock.now().toISOString();
      if (!revokeDisplayLink(deps.db, id, at, user.id)) throw linkRevoked(id);
      recordAudit(deps.db, {
        at,
        actor: actorOf(user),
        action: 'display_link.revoke',
        entity: 'display_link',
        entityId: id,
        before: { name: before.name, revokedAt: null },
        after: { name: before.name, revokedAt: at },
      });
      return present(getDisplayLink(deps.db, id)!);
    })();
    return c.json({ link }, 200);
  });
