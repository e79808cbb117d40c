/**
 * The big-screen deck's data (DESIGN.md §5 Big screen): one response with everything the deck shows,
 * cached per (data version, campaign, profile, as-of minute) so that many screens refreshing cost one
 * computation, and a change to the ledger shows on the next refresh, not the next minute.
 * Readable by signed-in users and by display links (server/auth/access.ts DISPLAY_READABLE_ROUTES).
 *
 * A display link's saved deck comes back in `deck`; when the request names no campaign, the deck's
 * campaign is used, so a screen opened by a link needs no settings of its own.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { listCampaigns } from '../../db/queries/lookups.ts';
import type { AppEnv } from '../context.ts';
import { dataVersion } from '../figures/cache.ts';
import { resolveProfile, resolveScope } from '../figures/params.ts';
import { nowMoment } from '../now.ts';
import { readSavedDeck } from '../screen/saved-deck.ts';
import { minuteOf, screenCacheOf } from '../screen/screen-cache.ts';
import { buildScreenData, type ScreenData } from '../screen/screen-data.ts';
import { validate } from '../validation.ts';

const querySchema = z.strictObject({ campaign: z.string().min(1).max(64).optional() });

export const screen = new Hono<AppEnv>().get('/', validate('query', querySchema), (c) => {
  const { deps, principal } = c.var;
  const deck = principal.kind === 'display' ? readSavedDeck(principal.display.deck) : null;
  const campaignCode = c.req.valid('query').campaign ?? deck?.campaign;
  const scope = resolveScope(deps, { campaign: campaignCode });
  const profile = resolveProfile(deps, undefined);
  const t = minuteOf(nowMoment(deps));
  const key = `${dataVersion(deps.db)}|${campaignCode ?? ''}|${profile.id}`;
  const data = screenCacheOf<ScreenData>(deps.db).get(t, key, () =>
    buildScreenData(deps.db, {
      t,
      scope,
      campaign:
        campaignCode === undefined
          ? null
          : (listCampaigns(deps.db).find((x) => x.code === campaignCode) ?? null),
      profile,
      generatedAt: deps.clock.now(),
    }),
  );
  return c.json({ ...data, deck }, 200);
});
