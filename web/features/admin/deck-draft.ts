/**
 * The deck form of a display link, as plain data: every slide in the order the deck shows them, each on
 * or off, and the other settings as typed (empty = the default). Turned into the deck the server takes
 * (server/screen/saved-deck.ts) only on saving, so a half-typed number is never lost.
 */
import {
  DECK_LIMITS,
  DEPARTMENTS_SHOWN,
  type DeckLang,
  type SavedDeck,
  SLIDE_KEYS,
  type SlideKey,
} from '../../../server/screen/deck-shape.ts';

export interface DeckDraft {
  slides: { key: SlideKey; on: boolean }[];
  interval: string;
  refresh: string;
  departments: string;
  campaign: string;
  lang: DeckLang | '';
}

export type DeckProblem = 'noSlides' | 'interval' | 'refresh' | 'departments';

/** The form for a saved deck (or none): its slides first, in its order, then the others, off. */
export function draftOf(deck: SavedDeck | null): DeckDraft {
  const chosen = deck?.slides ?? [...SLIDE_KEYS];
  return {
    slides: [
      ...chosen.map((key) => ({ key, on: true })),
      ...SLIDE_KEYS.filter((k) => !chosen.includes(k)).map((key) => ({ key, on: false })),
    ],
    interval: deck?.interval === undefined ? '' : String(deck.interval),
    refresh: deck?.refresh === undefined ? '' : String(deck.refresh),
    departments: deck?.departments === undefined ? '' : String(deck.departments),
    campaign: deck?.campaign ?? '',
    lang: deck?.lang ?? '',
  };
}

export function toggleSlide(draft: DeckDraft, index: number): DeckDraft {
  return { ...draft, slides: draft.slides.map((s, i) => (i === index ? { ...s, on: !s.on } : s)) };
}

/** The slide at `index` swapped with its neighbour above (-1) or below (+1); unchanged at either end. */
export function moveSlide(draft: DeckDraft, index: number, by: -1 | 1): DeckDraft {
  const other = index + by;
  if (other < 0 || other >= draft.slides.length) return draft;
  const slides = [...draft.slides];
  [slides[index], slides[other]] = [slides[other]!, slides[index]!];
  return { ...draft, slides };
}

/** A number typed in a field: undefined when empty, null when not a number within the limits. */
function numberIn(text: string, limits: { min: number; max: number }): number | undefined | null {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value >= limits.min && value <= limits.max ? value : null;
}

/**
 * The deck to save, or what is wrong with the form. Settings left at their defaults are left out (all
 * slides in the default order is no `slides`), and a deck that sets nothing is null.
 */
export function deckOf(draft: DeckDraft): { deck: SavedDeck | null } | { problem: DeckProblem } {
  const slides = draft.slides.filter((s) => s.on).map((s) => s.key);
  if (slides.length === 0) return { problem: 'noSlides' };
  const interval = numberIn(draft.interval, DECK_LIMITS.interval);
  if (interval === null) return { problem: 'interval' };
  const refresh = numberIn(draft.refresh, DECK_LIMITS.refresh);
  if (refresh === null) return { problem: 'refresh' };
  const departments = numberIn(draft.departments, DEPARTMENTS_SHOWN);
  if (departments === null || (departments !== undefined && !Number.isInteger(departments)))
    return { problem: 'departments' };
  const deck: SavedDeck = {};
  if (slides.join() !== SLIDE_KEYS.join()) deck.slides = slides;
  if (interval !== undefined) deck.interval = interval;
  if (refresh !== undefined) deck.refresh = refresh;
  if (departments !== undefined) deck.departments = departments;
  if (draft.campaign) deck.campaign = draft.campaign;
  if (draft.lang) deck.lang = draft.lang;
  return { deck: Object.keys(deck).length > 0 ? deck : null };
}
