/**
 * A day or a moment as people read it, in their language: 2026-11-30 → 2026年11月30日 / Nov 30, 2026;
 * a moment keeps its time of day (2026年11月30日 09:30 / Nov 30, 2026, 09:30). Local wall time in, no
 * time zone arithmetic.
 */
import type { Lang } from '../errors.ts';
import { lastDayCounted, type Moment } from './time.ts';

export function dateWords(lang: Lang, date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const time = date.length > 10 ? date.slice(11, 16) : null;
  if (lang !== 'en') return `${y}年${m}月${d}日${time ? ` ${time}` : ''}`;
  const day = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  return time ? `${day}, ${time}` : day;
}

/** "As of" a midnight is the whole day before (asOf=2026-11-15 is the moment 2026-11-16T00:00:00). */
export function asOfWords(lang: Lang, t: Moment): string {
  return t.endsWith('T00:00:00') ? dateWords(lang, lastDayCounted(t)) : dateWords(lang, t);
}
