import type { Lang } from './lang.ts';

/** Numbers, percentages and dates formatted per language; null (zero denominator) is "—". */
export const DASH = '—';

// Building an Intl formatter costs far more than using one (a chart's ticks and a table's cells ask
// for thousands of values), so each language × options pair is built once.
function builtOnce<Options, Formatter>(
  build: (lang: Lang, options: Options) => Formatter,
): (lang: Lang, options: Options) => Formatter {
  const built = new Map<string, Formatter>();
  return (lang, options) => {
    const key = `${lang}|${JSON.stringify(options)}`;
    let formatter = built.get(key);
    if (formatter === undefined) {
      formatter = build(lang, options);
      built.set(key, formatter);
    }
    return formatter;
  };
}

export const numberFormat = builtOnce(
  (lang, options: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, options),
);
export const dateFormat = builtOnce(
  (lang, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang, options),
);

const listFormat = builtOnce((lang, options: Intl.ListFormatOptions) => new Intl.ListFormat(lang, options));

/** Names in a sentence: "A, B, and C" / "A、B和C". */
export function formatList(lang: Lang, items: string[]): string {
  return listFormat(lang, { type: 'conjunction', style: 'long' }).format(items);
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
