/**
 * What a big-screen deck is made of (DESIGN.md §5 Big screen): the slides, in their default order, and
 * the limits of its timings. Plain constants with no dependencies, shared by the server (which reads a
 * display link's saved deck) and the web app (which reads the same settings from the URL).
 */

/** The slides of a deck in their default order; `departments` is one slide per ranked department. */
export const SLIDE_KEYS = ['headline', 'ranking', 'trend', 'red-list', 'domains', 'departments'] as const;
export type SlideKey = (typeof SLIDE_KEYS)[number];

export const isSlideKey = (value: string): value is SlideKey =>
  (SLIDE_KEYS as readonly string[]).includes(value);

export const DECK_LANGS = ['zh-CN', 'en'] as const;
export type DeckLang = (typeof DECK_LANGS)[number];

/**
 * Seconds. `interval` is how long each slide stays; its minimum is deliberately tiny (50 ms) so that
 * tests can rotate a deck hundreds of times quickly — anything under ~5 s is unreadable in a hall.
 * `refresh` is how often the screen asks the server for new data.
 */
export const DECK_LIMITS = {
  interval: { min: 0.05, max: 3600, default: 15 },
  refresh: { min: 1, max: 3600, default: 60 },
} as const;

/**
 * How many departments the per-department pass shows at most, a whole number: when more are ranked, the
 * best half and the worst half of them. The default keeps a county's whole pass (40 departments,
 * ≈ 16 minutes at 15 s a slide with the other slides between rounds) and bounds a province's: 400
 * ranked one by one would take 2½ hours, and the worst would never come up in a meeting.
 */
export const DEPARTMENTS_SHOWN = { min: 1, max: 1000, default: 40 } as const;

/** A deck an admin saved on a display link (all fields optional; absent ones take the defaults). */
export interface SavedDeck {
  slides?: SlideKey[];
  /** Seconds per slide. */
  interval?: number;
  /** Seconds between data refreshes. */
  refresh?: number;
  /** Departments the per-department pass shows at most (DEPARTMENTS_SHOWN). */
  departments?: number;
  /** Campaign code the deck shows; all campaigns when absent. */
  campaign?: string;
  lang?: DeckLang;
}
