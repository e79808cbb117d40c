/**
 * The deck saved on a display link (display_links.deck, a JSON object): its schema, for whoever saves
 * one, and a lenient reader for the screen, which keeps every valid field of a stored deck and drops
 * the rest, so an old or hand-edited deck still shows what it can.
 */
import { z } from 'zod';
import { ownReason } from '../validation.ts';
import {
  DECK_LANGS,
  DECK_LIMITS,
  DEPARTMENTS_SHOWN,
  isSlideKey,
  type SavedDeck,
  SLIDE_KEYS,
  type SlideKey,
} from './deck-shape.ts';

const seconds = (limits: { min: number; max: number }) => z.number().min(limits.min).max(limits.max);
const departmentsShown = z.number().int().min(DEPARTMENTS_SHOWN.min).max(DEPARTMENTS_SHOWN.max);

/**
 * A saved deck, strictly: what an admin sends as a display link's `deck`. Every field is optional (an
 * absent one takes the default); whether the campaign exists is the route's check, not the schema's.
 */
export const savedDeckSchema = z.strictObject({
  slides: z
    .array(z.enum(SLIDE_KEYS))
    .min(1)
    .max(SLIDE_KEYS.length)
    .refine(
      (s) => new Set(s).size === s.length,
      ownReason({ zh: '同一页面只能出现一次', en: 'a slide may appear only once' }),
    )
    .optional(),
  interval: seconds(DECK_LIMITS.interval).optional(),
  refresh: seconds(DECK_LIMITS.refresh).optional(),
  departments: departmentsShown.optional(),
  campaign: z.string().trim().min(1).max(64).optional(),
  lang: z.enum(DECK_LANGS).optional(),
});

/** The valid parts of a stored deck; null when nothing in it is usable (or there is none). */
export function readSavedDeck(raw: Record<string, unknown> | null | undefined): SavedDeck | null {
  if (!raw || typeof raw !== 'object') return null;
  const deck: SavedDeck = {};
  if (Array.isArray(raw.slides)) {
    const slides = [
      ...new Set(raw.slides.filter((s): s is SlideKey => typeof s === 'string' && isSlideKey(s))),
    ];
    if (slides.length > 0) deck.slides = slides;
  }
  const interval = seconds(DECK_LIMITS.interval).safeParse(raw.interval);
  if (interval.success) deck.interval = interval.data;
  const refresh = seconds(DECK_LIMITS.refresh).safeParse(raw.refresh);
  if (refresh.success) deck.refresh = refresh.data;
  const departments = departmentsShown.safeParse(raw.departments);
  if (departments.success) deck.departments = departments.data;
  if (typeof raw.campaign === 'string' && raw.campaign.trim() !== '' && raw.campaign.length <= 64)
    deck.campaign = raw.campaign.trim();
  if (raw.lang === 'zh-CN' || raw.lang === 'en') deck.lang = raw.lang;
  return Object.keys(deck).length > 0 ? deck : null;
}
