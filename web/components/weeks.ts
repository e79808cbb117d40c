import { formatPeriod } from '../../server/domain/date-text.ts';
import { addDays, type Day, dayOf, isoWeekLabel, type Moment, weekStart } from '../../server/domain/time.ts';
import { dateFormat } from '../i18n/format.ts';

/**
 * The ends (Sundays) of the last `count` whole weeks before `now`, latest first: the choices of the
 * "as of week" filter. As an asOf value a day means the end of that day, so a Sunday is the whole week.
 */
export function recentWeekEnds(now: Moment, count: number): Day[] {
  const lastSunday = addDays(weekStart(dayOf(now)), -1);
  return Array.from({ length: count }, (_, i) => addDays(lastSunday, -7 * i));
}

/** The ISO week holding a day ('2026-W48'), as bulletins name a weekly period (server/domain/time.ts). */
/** A period's name as people write it (2026年第49周 / Week 49, 2026): shared with the exports' titles. */
export { formatPeriod, isoWeekLabel };

/** The Monday that starts the week ending on a Sunday. */
export const weekOf = (sunday: Day): Day => addDays(sunday, -6);

/** A short month and day for chart ticks: "Nov 16" / "11月16日". */
export function formatMonthDay(lang: 'zh-CN' | 'en', day: Day): string {
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return dateFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}
