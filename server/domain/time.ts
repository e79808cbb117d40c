/**
 * Time in Closeout. Domain moments are the organisation's local wall time as ISO text without an
 * offset ('YYYY-MM-DDTHH:MM:SS'), days are 'YYYY-MM-DD', so comparisons are plain text comparisons in
 * SQL. A figure "as of T" counts the events strictly before T.
 */

export type Day = string; // 'YYYY-MM-DD'
export type Moment = string; // 'YYYY-MM-DDTHH:MM:SS', local wall time

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A week in seconds, as `addMoment` counts. */
export const WEEK = 7 * 86_400;

/** A moment truncated to the start of its minute. */
export const minuteOf = (t: Moment): Moment => `${t.slice(0, 16)}:00`;

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`Invalid clock time: ${iso}`);
  return { now: () => new Date(at) };
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MOMENT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar day 'YYYY-MM-DD' (years 0100–9999). Arithmetic, no Date: it runs for every imported row. */
export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  // Years below 100 never were days here (Date.UTC, used before, reads them as 19xx).
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** Normalises 'YYYY-MM-DDTHH:MM[:SS]' (or with a space) to a Moment; null when it is not a valid time. */
export function parseMoment(value: string): Moment | null {
  const m = MOMENT_RE.exec(value);
  if (!m) return null;
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (!isDay(day) || h > 23 || min > 59 || s > 59) return null;
  return `${day}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The last moment formatted per time zone: every request asks for "now", many within one second. */
const lastFormatted = new Map<string, { second: number; moment: Moment }>();

/** The local wall time of an instant in a time zone. */
export function toLocalMoment(instant: Date, tz: string): Moment {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastFormatted.get(tz);
  if (last?.second === second) return last.moment;
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
  const moment = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
  lastFormatted.set(tz, { second, moment });
  return moment;
}

export function dayOf(moment: Moment): Day {
  return moment.slice(0, 10);
}

/**
 * A comparison's default earlier moment (the week before, the baseline, the last review): the start of
 * T's day, `seconds` earlier. In use T is the current minute; an earlier moment that moved with it would
 * be computed afresh every minute, while one fixed through the day is remembered until a write reaches
 * back to it (db/figure-memo.ts). At 1M items the improvement's baseline 26 weeks back took 2.4 s.
 */
export function comparedMoment(t: Moment, seconds: number): Moment {
  return addMoment(`${dayOf(t)}T00:00:00`, -seconds);
}

export function addDays(day: Day, n: number): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Whole calendar days from a to b (b − a). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addMoment(moment: Moment, seconds: number): Moment {
  return new Date(Date.parse(`${moment}Z`) + seconds * 1000).toISOString().slice(0, 19);
}

/**
 * The last day a moment T counts: T counts events strictly before it, so midnight T belongs to the day
 * before ("as of 16 Nov" is T = 17 Nov 00:00); any other T is within its own day.
 */
export function lastDayCounted(t: Moment): Day {
  return dayOf(addMoment(t, -1));
}

/** Hours from a to b, both local moments. */
export function hoursBetween(a: Moment, b: Moment): number {
  return (Date.parse(`${b}Z`) - Date.parse(`${a}Z`)) / 3_600_000;
}

/**
 * The moment T of an "as of" value: a day means the end of that day (the start of the next), so
 * "as of 31 May" includes everything that happened on 31 May; a moment is taken as it is.
 */
export function asOfMoment(asOf: string): Moment | null {
  if (isDay(asOf)) return `${addDays(asOf, 1)}T00:00:00`;
  return parseMoment(asOf);
}

/** Years a ledger's dates fall in; beyond 9999 the date arithmetic of weeks and "as of" leaves YYYY-MM-DD. */
export const inLedgerYears = (dateText: string) =>
  dateText.slice(0, 4) >= '1900' && dateText.slice(0, 4) <= '2999';

/**
 * The moment a deadline passes: a day deadline is over at its midnight, written 'T24:00:00', which
 * sorts after every real time of that day and before the next day; a timed deadline passes at its time.
 */
export function deadlineEnd(deadline: string): Moment {
  return isDay(deadline) ? `${deadline}T24:00:00` : (parseMoment(deadline) ?? deadline);
}

/** A deadline's end written one way, for comparing two ends: a day's T24:00:00 as the next day's T00:00:00. */
export const comparableEnd = (end: Moment): Moment =>
  end.endsWith('T24:00:00') ? `${addDays(end.slice(0, 10), 1)}T00:00:00` : end;

/** Monday of the ISO week containing the day. */
export function weekStart(day: Day): Day {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
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

/** The UTC instant of a local wall time (exact outside daylight-saving transitions). */
export function localToInstant(moment: Moment, tz: string): Date {
  const guess = Date.parse(`${moment}Z`);
  const offset = Date.parse(`${toLocalMoment(new Date(guess), tz)}Z`) - guess;
  return new Date(guess - offset);
}
