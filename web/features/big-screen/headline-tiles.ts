import type { ScreenData } from '../../api/screen.ts';
import { type BetterWhen, changeOf, type Direction, directionOf, toneOf } from '../../components/change.ts';

type Headline = ScreenData['headline']['current'];

export interface HeadlineTile {
  key: 'registered' | 'closed' | 'closureRate' | 'onTimeRate' | 'overdue' | 'medianDaysToClose';
  kind: 'count' | 'rate' | 'days';
  value: number | null;
  /** value − the value a week before; null when either is undefined. */
  change: number | null;
  direction: Direction | null;
  tone: 'good' | 'bad' | 'neutral';
}

const TILES: [HeadlineTile['key'], HeadlineTile['kind'], BetterWhen][] = [
  ['registered', 'count', 'neither'],
  ['closed', 'count', 'up'],
  ['closureRate', 'rate', 'up'],
  ['onTimeRate', 'rate', 'up'],
  ['overdue', 'count', 'down'],
  ['medianDaysToClose', 'days', 'down'],
];

/** Digits shown per kind, so that "no change" means no change at the precision on screen. */
const DIGITS = { count: 0, rate: 3, days: 1 } as const;

/**
 * The six headline figures of the first slide with their week-on-week change. Registering more items
 * is neither good nor bad news, so its change is neutral; more closed is good, more overdue is bad.
 */
export function headlineTiles(current: Headline, previous: Headline): HeadlineTile[] {
  return TILES.map(([key, kind, betterWhen]) => {
    const change = changeOf(current[key], previous[key]);
    const direction = directionOf(change, DIGITS[kind]);
    return {
      key,
      kind,
      value: current[key],
      change,
      direction,
      tone: toneOf(direction, betterWhen),
    };
  });
}
