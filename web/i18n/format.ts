import type { Lang } from './lang.ts';

/** Numbers, percentages and dates formatted per language; null (zero denominator) is "—". */
export const DASH = '—';

// Building an Intl formatter costs far more than using one (a chart's ticks and a table's cells ask
// for thousands of values), so each language × options pair is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, options);
    numberFormats.set(key, f);
  }
  return f;
}

export function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, options);
    dateFormats.set(key, f);
  }
  return f;
}

export function formatNumber(lang: Lang, value: number | null, digits = 0): string {
  if (value === null) return DASH;
  return numberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

export function formatPercent(lang: Lang, value: number | null, digits = 1): string {
  if (value === null) return DASH;
  return numberFormat(lang, {
    style: 'percent',
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** A day 'YYYY-MM-DD' or local moment, shown as a date in the language's style. */
export function formatDay(lang: Lang, day: string | null): string {
  if (!day) return DASH;
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}
