import type { FigureKey, Figures } from '../../api/figures.ts';
import { type BetterWhen, changeOf } from '../../components/change.ts';

export type HeadlineKind = 'count' | 'rate' | 'days';

export interface HeadlineFigure {
  key: 'registered' | 'closed' | 'closureRate' | 'onTimeRate' | 'overdue' | 'medianDaysToClose';
  /** The figure whose definition and items explain this one. */
  figure: FigureKey;
  kind: HeadlineKind;
  value: number | null;
  previous: number | null;
  /** value − previous; null when either is undefined. */
  change: number | null;
  betterWhen: BetterWhen;
}

type Pick = (f: Figures) => number | null;

/** More items registered is neither good nor bad news: its change is grey, as on the big screen. */
const HEADLINES: [HeadlineFigure['key'], FigureKey, HeadlineKind, BetterWhen, Pick][] = [
  ['registered', 'registered', 'count', 'neither', (f) => f.registered],
  ['closed', 'closed', 'count', 'up', (f) => f.closed],
  ['closureRate', 'closureRate', 'rate', 'up', (f) => f.closureRate],
  ['onTimeRate', 'onTimeRate', 'rate', 'up', (f) => f.onTimeRate],
  ['overdue', 'overdue', 'count', 'down', (f) => f.overdue],
  ['medianDaysToClose', 'timeToClose', 'days', 'down', (f) => f.timeToClose.medianDays],
];

/** The six headline figures of the weekly review, each with its change since a week before. */
export function toHeadline(current: Figures, previous: Figures): HeadlineFigure[] {
  return HEADLINES.map(([key, figure, kind, betterWhen, read]) => {
    const value = read(current);
    const before = read(previous);
    return { key, figure, kind, value, previous: before, change: changeOf(value, before), betterWhen };
  });
}
