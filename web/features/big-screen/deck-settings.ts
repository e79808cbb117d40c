/**
 * What a screen shows and how fast: read from the URL, then from the display link's saved deck, then
 * the defaults. URL values win so that a presenter can adjust one screen without touching the link.
 *
 * URL parameters (all optional):
 *   slides=headline,ranking,trend,red-list,domains,departments   which slides, in this order
 *   interval=15     seconds per slide (at least 0.05 — tiny values are for tests; about 15 suits a hall)
 *   refresh=60      seconds between data refreshes (1 to 3600)
 *   departments=40  departments the per-department pass shows at most: the best and the worst half (1 to 1000)
 *   campaign=CODE   one campaign; all campaigns when absent
 *   lang=zh-CN|en   the screen's language
 * Numbers outside their limits are clamped to them; unknown slides are ignored.
 */
import {
  DECK_LANGS,
  DECK_LIMITS,
  DEPARTMENTS_SHOWN,
  type DeckLang,
  isSlideKey,
  type SavedDeck,
  SLIDE_KEYS,
  type SlideKey,
} from '../../../server/screen/deck-shape.ts';

export interface DeckSettings {
  slides: SlideKey[];
  intervalMs: number;
  refreshMs: number;
  departments: number;
  campaign: string | undefined;
  lang: DeckLang | undefined;
}

const clamp = (value: number, limits: { min: number; max: number }) =>
  Math.min(limits.max, Math.max(limits.min, value));

function numberParam(
  search: URLSearchParams,
  name: string,
  limits: { min: number; max: number },
): number | undefined {
  const raw = search.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? clamp(value, limits) : undefined;
}

/** The deck settings a URL's query string names (only those it names). */
export function deckFromSearch(search: URLSearchParams): SavedDeck {
  const deck: SavedDeck = {};
  const slides = search.get('slides');
  if (slides !== null) {
    const keys = [...new Set(slides.split(',').map((s) => s.trim()))].filter(isSlideKey);
    if (keys.length > 0) deck.slides = keys;
  }
  const interval = numberParam(search, 'interval', DECK_LIMITS.interval);
  if (interval !== undefined) deck.interval = interval;
  const refresh = numberParam(search, 'refresh', DECK_LIMITS.refresh);
  if (refresh !== undefined) deck.refresh = refresh;
  const departments = numberParam(search, 'departments', DEPARTMENTS_SHOWN);
  if (departments !== undefined) deck.departments = Math.round(departments);
  const campaign = search.get('campaign')?.trim();
  if (campaign) deck.campaign = campaign;
  const lang = search.get('lang');
  if (lang !== null && (DECK_LANGS as readonly string[]).includes(lang)) deck.lang = lang as DeckLang;
  return deck;
}

/** URL settings over the saved deck over the defaults. */
export function deckSettings(fromUrl: SavedDeck, saved: SavedDeck | null): DeckSettings {
  const pick = <K extends keyof SavedDeck>(key: K): SavedDeck[K] => fromUrl[key] ?? saved?.[key];
  return {
    slides: pick('slides') ?? [...SLIDE_KEYS],
    intervalMs: Math.round(
      clamp(pick('interval') ?? DECK_LIMITS.interval.default, DECK_LIMITS.interval) * 1000,
    ),
    refreshMs: Math.round(clamp(pick('refresh') ?? DECK_LIMITS.refresh.default, DECK_LIMITS.refresh) * 1000),
    departments: pick('departments') ?? DEPARTMENTS_SHOWN.default,
    campaign: pick('campaign'),
    lang: pick('lang'),
  };
}
