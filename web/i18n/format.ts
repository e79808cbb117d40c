import type { Lang } from './lang.ts';

/** Numbers, percentages and dates formatted per language; null (zero denominator) is "—". */
export const DASH = '—';

export function formatNumber(lang: Lang, value: number | null, digits = 0): string {
  if (value === null) return DASH;
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    value,
  );
}

export function formatPercent(lang: Lang, value: number | null, digits = 1): string {
  if (value === null) return DASH;
  return new Intl.NumberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** A day 'YYYY-MM-DD' or local moment, shown as a date in the language's style. */
export function formatDay(lang: Lang, day: string | null): string {
  if (!day) return DASH;
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
