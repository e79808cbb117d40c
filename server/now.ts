import type { AppDeps } from './context.ts';
import { type Moment, toLocalMoment } from './domain/time.ts';

/** The current local moment of the organisation (to the second, as every time is recorded). */
export function nowMoment(deps: Pick<AppDeps, 'clock' | 'tz'>): Moment {
  return toLocalMoment(deps.clock.now(), deps.tz);
}

/**
 * The moment T of a question about now: the end of the current second, the start of the next. Times
 * are recorded to the second and an event counts strictly before T (docs/metrics.md), so T at the
 * current second would leave out an item registered in that second (with a clock pinned to a whole
 * second, every write made since), and the answer, kept for the rest of the minute, would miss it
 * until the minute turned.
 */
export function figuresNow(deps: Pick<AppDeps, 'clock' | 'tz'>): Moment {
  return toLocalMoment(new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000 + 1000), deps.tz);
}
