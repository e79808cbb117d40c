import { DASH, dateFormat, formatDay } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/lang.ts';
import type { MessageKey } from '../../i18n/messages.ts';

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

/** What an item's rectification type and status say about a deadline it does not have. */
export interface DeadlineFacts {
  rectificationType?: string | null | undefined;
  status?: string | null | undefined;
}

/** The facts of an item as the API's detail gives them (snake_case columns). */
export function deadlineFacts(item: Record<string, unknown>): DeadlineFacts {
  return { rectificationType: item.rectification_type as string, status: item.status as string };
}

/**
 * The words for an item without a deadline: 长期坚持 only for a long-term item; an item not yet
 * assigned gets its deadline when it is assigned; any other has none set yet.
 */
export function noDeadlineKey(item: DeadlineFacts): MessageKey {
  if (item.rectificationType === 'long_term') return 'items.longTerm';
  if (item.status === 'registered') return 'items.deadlineAtAssign';
  return 'items.deadlineNotSet';
}

/**
 * A deadline: a day, or a moment for deadlines counted in hours; without one, the words
 * `noDeadlineKey` chooses for the item.
 */
export function formatDeadline(
  lang: Lang,
  t: (key: MessageKey) => string,
  deadline: string | null | undefined,
  item: DeadlineFacts,
): string {
  if (!deadline) return t(noDeadlineKey(item));
  return isTimed(deadline) ? formatMoment(lang, deadline) : formatDay(lang, deadline);
}

/** Whether a deadline is a moment (counted in hours), not a day: a day's is stored as the day. */
export const isTimed = (deadline: string) => deadline.length > 10 && !deadline.endsWith('T24:00:00');
