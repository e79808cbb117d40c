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

/** The Monday that starts the week ending on a Sunday. */
export const weekOf = (sunday: Day): Day => addDays(sunday, -6);

/**
 * The day a moment T closes: T counts events strictly before it, so midnight T belongs to the day
 * before ("as of 16 Nov" is T = 17 Nov 00:00); any other T is within its own day.
 */
export function lastDayCounted(t: Moment): Day {
  return t.slice(11) === '00:00:00' ? addDays(dayOf(t), -1) : dayOf(t);
}

/** A short month and day for chart ticks: "Nov 16" / "11月16日". */
export function formatMonthDay(lang: 'zh-CN' | 'en', day: Day): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
