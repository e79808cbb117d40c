import { DASH, dateFormat, formatDay } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/lang.ts';

/** A local moment 'YYYY-MM-DDTHH:MM[:SS]' as date and time of day; a bare day as a date. */
export function formatMoment(lang: Lang, moment: string | null | undefined): string {
  if (!moment) return DASH;
  if (moment.length <= 10) return formatDay(lang, moment);
  const [y, m, d] = moment.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [hh, mm] = moment.slice(11, 16).split(':').map(Number) as [number, number];
  return dateFormat(lang, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d, hh, mm)));
}

/**
 * A deadline: a day, or a moment for deadlines counted in hours; none on a long-term item (长期坚持).
 * `longTerm` is the word for that.
 */
export function formatDeadline(lang: Lang, deadline: string | null | undefined, longTerm: string): string {
  if (!deadline) return longTerm;
  // A day's deadline is stored as the day; an hour's as the moment.
  return deadline.length > 10 && !deadline.endsWith('T24:00:00')
    ? formatMoment(lang, deadline)
    : formatDay(lang, deadline);
}
