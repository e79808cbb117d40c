import type { Lang } from './lang.ts';

/** Numbers, percentages and dates formatted per language; null (zero denominator) is "—". */
export const DASH = '—';

// Building an Intl formatter costs far more than using one (a chart's ticks and a table's cells ask
// for thousands of values), so each language × options pair is built once. `keyOf` names the options:
// the province ranking's cells ask ≈ 6,000 times, and serializing their options took ≈ 40 ms of them.
function builtOnce<Options, Formatter>(
  build: (lang: Lang, options: Options) => Formatter,
  keyOf: (options: Options) => string = (options) => JSON.stringify(options),
): (lang: Lang, options: Options) => Formatter {
  const built = new Map<string, Formatter>();
  return (lang, options) => {
    const key = `${lang}|${keyOf(options)}`;
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

/** Numbers and percentages with a fixed number of digits, by that number. */
const fixedDigits = builtOnce(
  (lang, digits: number) =>
    new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  String,
);
const percentDigits = builtOnce(
  (lang, digits: number) =>
    new Intl.NumberFormat(lang, {
      style: 'percent',
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    }),
  String,
);

export function formatNumber(lang: Lang, value: number | null, digits = 0): string {
  if (value === null) return DASH;
  return fixedDigits(lang, digits).format(value);
}

const proseCount = builtOnce(
  (lang, _: 'prose') => new Intl.NumberFormat(lang, { useGrouping: lang === 'en' }),
  String,
);

/**
 * A count in running text of a document such as the 通报: Chinese official documents (公文) write 5874个,
 * never 5,874个; English keeps its separators (5,874 items).
 */
export function formatCountInProse(lang: Lang, value: number): string {
  return proseCount(lang, 'prose').format(value);
}

/** Scores (and their changes) as the ranking computes them, to 0.01: 79.83 and 79.79, not two 79.8s. */
export const SCORE_DIGITS = 2;

export function formatScore(lang: Lang, score: number | null): string {
  return formatNumber(lang, score, SCORE_DIGITS);
}

/**
 * A component's points to the score's precision, so the points beside a score add up to it: 21.63 of
 * 25, not 21.6 (which beside a score of 90.64 leaves a head adding 0.1s that never meet the total).
 */
export function formatPoints(lang: Lang, points: number | null): string {
  return formatNumber(lang, points, SCORE_DIGITS);
}

/** Points lost, as points: "−3.37", and "0" when none are lost. */
export function formatPointsLost(lang: Lang, lost: number): string {
  const shown = formatPoints(lang, lost);
  return Number(lost.toFixed(SCORE_DIGITS)) > 0 ? `−${shown}` : '0';
}

export function formatPercent(lang: Lang, value: number | null, digits = 1): string {
  if (value === null) return DASH;
  return percentDigits(lang, digits).format(value);
}

/**
 * The day of a recorded instant (an ISO time with its offset, e.g. a last sign-in) in the organisation's
 * time zone: 20:05 UTC on 6 December is 7 December in Shanghai.
 */
export function formatInstantDay(lang: Lang, instant: string | null, timeZone: string | undefined): string {
  if (!instant) return DASH;
  return dateFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone }).format(
    new Date(instant),
  );
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

/**
 * A range of days as people write one, the year only where the range crosses into another:
 * 11月17日至23日, 11月30日至12月6日, 2025年12月29日至2026年1月4日 / Nov 17–23, Nov 30 – Dec 6,
 * Dec 29, 2025 – Jan 4, 2026. (Intl's formatRange writes zh-CN as 11/17 – 11/23.)
 */
export function formatDayRange(lang: Lang, from: string, to: string): string {
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (fy !== ty)
    return lang === 'en'
      ? `${formatDay(lang, from)} – ${formatDay(lang, to)}`
      : `${formatDay(lang, from)}至${formatDay(lang, to)}`;
  if (lang !== 'en') return fm === tm ? `${fm}月${fd}日至${td}日` : `${fm}月${fd}日至${tm}月${td}日`;
  const month = (m: number) =>
    dateFormat(lang, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  return fm === tm ? `${month(fm)} ${fd}–${td}` : `${month(fm)} ${fd} – ${month(tm)} ${td}`;
}
