import type { Moment } from '../domain/time.ts';
import { ApiError } from '../errors.ts';
import type { ComputationName, FiguresQuery } from './computations.ts';

/**
 * The weekly review's questions about now, in the order its page asks them (the ranking and the
 * headline first, which it waits for most).
 */
export const WEEKLY_REVIEW_QUESTIONS: readonly (readonly [ComputationName, FiguresQuery])[] = [
  ['ranking', {}],
  ['summary', {}],
  ['changes', {}],
  ['series', {}],
  ['departmentSeries', { weeks: 12 }],
  ['improvement', {}],
  ['breakdown', { by: 'domain' }],
  ['breakdown', { by: 'source' }],
];

/**
 * Computes the weekly review's questions once as the server starts, so the figures workers have
 * filled what they keep in memory (each moment's figures, the deadline split, the histograms) before
 * the first leader opens the page. At a province's scale a worker's first series takes it 5–6 s and
 * its next one milliseconds. One question at a time: a request arriving meanwhile waits for at most
 * the one being computed. A failure ends the warm-up and is logged (the requests will say what fails).
 */
export async function warmUpFigures(
  pool: { compute(name: ComputationName, query: FiguresQuery, t: Moment): Promise<unknown> },
  t: Moment,
  log: (message: string) => void = console.warn,
): Promise<void> {
  for (const [name, query] of WEEKLY_REVIEW_QUESTIONS) {
    try {
      await pool.compute(name, query, t);
    } catch (error) {
      // A server stopping while it warms up has nothing to report.
      if (!(error instanceof ApiError && error.code === 'stopping'))
        log(`Figures warm-up stopped at ${name}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
  }
}
