import { addDays, type Day, dayOf, type Moment, weekStart } from '../../server/domain/time.ts';
import { dateFormat } from '../i18n/format.ts';

/**
 * The ends (Sundays) of the last `count` whole weeks before `now`, latest first: the choices of the
 * "as of week" filter. As an asOf value a day means the end of that day, so a Sunday is the whole week.
 */
export function recentWeekEnds(now: Moment, count: number): Day[] {
  const lastSunday = addDays(weekStart(dayOf(now)), -1);
  return Array.from({ length: count }, (_, i) => addDays(lastSunday, -7 * i));
}

/**
 * The ISO week holding a day, as bulletins name a weekly period: '2026-W48'. A week belongs to the year
 * of its Thursday, so 28 December 2026 (a Monday) is in 2026-W53 and 1 January 2027 in it too.
 */
export function isoWeekLabel(day: Day): string {
  const thursday = addDays(weekStart(day), 3);
  const year = Number(thursday.slice(0, 4));
  const dayOfYear = (Date.parse(`${thursday}T00:00:00Z`) - Date.UTC(year, 0, 1)) / 86_400_000;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * A period's name as people write it: an ISO week '2026-W49' as 2026年第49周 / Week 49, 2026; any
 * other name (2026-Q3, 第一季度) as it is. The code stays the period's key.
 */
export function formatPeriod(lang: 'zh-CN' | 'en', period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!week) return period;
  const [, year, n] = week;
  return lang === 'en' ? `Week ${Number(n)}, ${year}` : `${year}年第${Number(n)}周`;
}

/** The Monday that starts the week ending on a Sunday. */
export const weekOf = (sunday: Day): Day => addDays(sunday, -6);

/** A short month and day for chart ticks: "Nov 16" / "11月16日". */
export function formatMonthDay(lang: 'zh-CN' | 'en', day: Day): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
