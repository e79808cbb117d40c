/** Formatting for the big screen: the "data as of" marker and signed changes. */
import { formatDay } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/lang.ts';

/** The wall-clock time of a local moment 'YYYY-MM-DDTHH:MM:SS', as HH:MM. */
export const clockTime = (moment: string): string => moment.slice(11, 16);

/** The day and time of a local moment: "Nov 20, 2026 10:00" / "2026年11月20日 10:00". */
export const dayAndTime = (lang: Lang, moment: string): string =>
  `${formatDay(lang, moment)} ${clockTime(moment)}`;

/** A share of full points for a bar's width, 0–100, safe for a zero weight. */
export const shareOf = (points: number, weight: number): number =>
  weight <= 0 ? 0 : Math.max(0, Math.min(100, (points / weight) * 100));
