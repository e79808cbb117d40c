/**
 * The big-screen deck's data (DESIGN.md §5 Big screen): one response with everything the deck shows,
 * as of now as the figures take it (the end of the current second, figuresNow), in the figures cache
 * per minute (keyed by the data version too), so that many screens refreshing cost one computation a
 * minute, and a change to the ledger shows on the next refresh, not the next minute: the same figures
 * as the weekly review's at the same moment. Like the figures, a miss is computed by the worker thread.
 * Readable by signed-in users and by display links (server/auth/access.ts DISPLAY_READABLE_ROUTES).
 *
 * A display link's saved deck comes back in `deck`; when the request names no campaign, the deck's
 * campaign is used, so a screen opened by a link needs no settings of its own. A link whose deck names
 * a campaign reads that campaign only: asking for another is a 403 (DESIGN.md §7, a display link reads
 * its deck and nothing else). The URL may still choose the slides, timings and language.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import { minuteOf } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import type { FiguresQuery } from '../figures/computations.ts';
import { cachedAnswer, JsonAnswer, respondJson } from '../figures/json-answer.ts';
import { resolveProfile, resolveScope } from '../figures/params.ts';
import { figuresNow, nowMoment } from '../now.ts';
import { readSavedDeck } from '../screen/saved-deck.ts';
import type { ScreenData } from '../screen/screen-data.ts';
import { validate } from '../validation.ts';

const querySchema = z.strictObject({ campaign: z.string().min(1).max(64).optional() });

const outsideDeck = (saved: string, asked: string) =>
  new ApiError(
    403,
    'outside_deck',
    {
      zh: `此大屏链接只能显示专项活动 ${saved}，不能显示 ${asked}`,
      en: `This display link shows campaign ${saved} only, not ${asked}`,
    },
    { field: 'campaign' },
  );

/**
 * The cached answer with a link's deck added as its last member, kept beside the answer (and gone with
 * it): the deck data (a province's is 217 K characters) is neither parsed nor copied for every refresh,
 * and its gzip (37 KB) is made once, as for the other figures.
 */
const withDecks = new WeakMap<JsonAnswer, Map<string, JsonAnswer>>();

function withDeck(data: JsonAnswer, deck: unknown): JsonAnswer {
  const deckJson = JSON.stringify(deck);
  let byDeck = withDecks.get(data);
  if (!byDeck) {
    byDeck = new Map();
    withDecks.set(data, byDeck);
  }
  let answer = byDeck.get(deckJson);
  if (!answer) {
    answer = JsonAnswer.of(`${data.text.slice(0, -1)},"deck":${deckJson}}`);
    byDeck.set(deckJson, answer);
  }
  return answer;
}

export const screen = new Hono<AppEnv>().get('/', validate('query', querySchema), async (c) => {
  const { deps, principal } = c.var;
  const deck = principal.kind === 'display' ? readSavedDeck(principal.display.deck) : null;
  const asked = c.req.valid('query').campaign;
  if (deck?.campaign !== undefined && asked !== undefined && asked !== deck.campaign)
    throw outsideDeck(deck.campaign, asked);
  const campaign = asked ?? deck?.campaign;
  resolveScope(deps, { campaign }); // an unknown campaign is a 404 before anything is computed
  const profile = resolveProfile(deps, undefined);
  const t = figuresNow(deps);
  const key = `screen|${campaign ?? ''}|${profile.id}|${minuteOf(nowMoment(deps))}`;
  const query: FiguresQuery = { campaign, generatedAt: deps.clock.now().toISOString() };
  const data = await cachedAnswer(deps, key, 'screen', query, t);
  // Typed as c.json's answer, so the web client's RPC types still see the response's shape.
  return (await respondJson(c, withDeck(data, deck))) as unknown as ReturnType<
    typeof c.json<ScreenData & { deck: typeof deck }, 200>
  >;
});
