/**
 * A day or a moment in a message, as the pages write it: 2026-11-30 → 2026年11月30日 / Nov 30, 2026;
 * a moment with its time of day to the minute (2026年12月7日 12:12 / Dec 7, 2026, 12:12). Local wall
 * time in, no time zone arithmetic.
 */
import type { Lang } from '../errors.ts';
import { lastDayCounted, type Moment } from './time.ts';

export const zhDate = (date: string) =>
  date
    .slice(0, 16)
    .replace(/^(\d{4})-(\d{2})-(\d{2})T?/, (_, y, m, d) => `${y}年${Number(m)}月${Number(d)}日 `)
    .trim();

export const enDate = (date: string) => {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  return date.length > 10 ? `${day}, ${date.slice(11, 16)}` : day;
};

/** A day or a moment in the reader's language (zhDate or enDate). */
export const dateWords = (lang: Lang, date: string) => (lang === 'en' ? enDate(date) : zhDate(date));

/** "As of" a midnight is the whole day before (asOf=2026-11-15 is the moment 2026-11-16T00:00:00). */
export function asOfWords(lang: Lang, t: Moment): string {
  return dateWords(lang, t.endsWith('T00:00:00') ? lastDayCounted(t) : t);
}

/**
 * A period's name as people write it: an ISO week '2026-W49' as 2026年第49周 / Week 49, 2026; any
 * other name (2026-Q3, 第一季度) as it is. The code stays the period's key.
 */
export function formatPeriod(lang: Lang, period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!week) return period;
  const [, year, n] = week;
  return lang === 'en' ? `Week ${Number(n)}, ${year}` : `${year}年第${Number(n)}周`;
}
