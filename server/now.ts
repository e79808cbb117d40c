import type { AppDeps } from './context.ts';
import { type Moment, toLocalMoment } from './domain/time.ts';

/** The current local moment of the organisation (to the second, as every time is recorded). */
export function nowMoment(deps: Pick<AppDeps, 'clock' | 'tz'>): Moment {
  return toLocalMoment(deps.clock.now(), deps.tz);
}

/**
 * The moment T of a question about now: the end of the current second. Times are recorded to the
 * second and an event counts strictly before T (docs/metrics.md), so T at the current second would
 * leave out an item registered earlier in that second, and the answer, kept for the rest of the
 * minute, would miss it until the minute turned.
 */
export function figuresNow(deps: Pick<AppDeps, 'clock' | 'tz'>): Moment {
  return toLocalMoment(new Date(Math.ceil(deps.clock.now().getTime() / 1000) * 1000), deps.tz);
}
