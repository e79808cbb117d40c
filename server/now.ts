import type { AppDeps } from './context.ts';
import { type Moment, toLocalMoment } from './domain/time.ts';

/** The current local moment of the organisation. */
export function nowMoment(deps: Pick<AppDeps, 'clock' | 'tz'>): Moment {
  return toLocalMoment(deps.clock.now(), deps.tz);
}
