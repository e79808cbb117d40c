/**
 * Time for the demo generator: local wall time as seconds since 1970 read as if UTC, so arithmetic
 * stays in the organisation's clock. The generator formats tens of millions of these, so the text is
 * built from cached day strings rather than a Date per call (which was a third of its time).
 */
import { type Day, localToInstant } from '../../server/domain/time.ts';

export const DAY = 86_400;

const dayTexts = new Map<number, Day>();
const daySeconds = new Map<Day, number>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** The day of whole seconds s. */
function dayOfWhole(s: number): Day {
  const n = Math.floor(s / DAY);
  let day = dayTexts.get(n);
  if (day === undefined) {
    day = new Date(n * DAY * 1000).toISOString().slice(0, 10);
    dayTexts.set(n, day);
  }
  return day;
}

export function toSec(day: Day): number {
  let sec = daySeconds.get(day);
  if (sec === undefined) {
    sec = Date.parse(`${day}T00:00:00Z`) / 1000;
    daySeconds.set(day, sec);
  }
  return sec;
}

/** 'YYYY-MM-DDTHH:MM:SS', to the nearest second. */
export function text(sec: number): string {
  const s = Math.round(sec);
  const t = s - Math.floor(s / DAY) * DAY;
  return `${dayOfWhole(s)}T${TWO_DIGITS[Math.floor(t / 3600)]}:${TWO_DIGITS[Math.floor(t / 60) % 60]}:${TWO_DIGITS[t % 60]}`;
}

export const dayText = (sec: number): Day => dayOfWhole(Math.round(sec));

export const plusDays = (day: Day, n: number): Day => dayOfWhole(toSec(day) + n * DAY);

/** The UTC instant of a wall time as ISO text (with milliseconds, like Date#toISOString). */
export function utcText(tz: string): (sec: number) => string {
  // Intl is slow, so the zone's offset is looked up once per local day: at its start and at the next
  // day's start. Where the two differ (a daylight-saving change), once per hour of that day.
  // Whole seconds: both instants come from text to the second.
  const offsetAt = (hour: number) => hour * 3600 - localToInstant(text(hour * 3600), tz).getTime() / 1000;
  const dayOffsets = new Map<number, number | null>();
  const hourOffsets = new Map<number, number>();
  return (sec) => {
    const hour = Math.floor(sec / 3600);
    const day = Math.floor(hour / 24);
    let offset = dayOffsets.get(day);
    if (offset === undefined) {
      const first = offsetAt(day * 24);
      offset = first === offsetAt(day * 24 + 24) ? first : null;
      dayOffsets.set(day, offset);
    }
    if (offset === null) {
      offset = hourOffsets.get(hour) ?? offsetAt(hour);
      hourOffsets.set(hour, offset);
    }
    return `${text(Math.round(sec) - offset)}.000Z`;
  };
}
