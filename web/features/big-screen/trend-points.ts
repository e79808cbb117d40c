import { percentTenths } from '../../../server/domain/rounding.ts';
import type { ScreenData } from '../../api/screen.ts';

export interface TrendPoint {
  weekStart: string;
  /** Percent, 0–100, rounded to 0.1; null where the rate is undefined (nothing registered or due). */
  closureRate: number | null;
  onTimeRate: number | null;
}

const percent = (rate: number | null) => (rate === null ? null : percentTenths(rate));

export function toTrendPoints(trend: ScreenData['trend']): TrendPoint[] {
  return trend.map((w) => ({
    weekStart: w.weekStart,
    closureRate: percent(w.closureRate),
    onTimeRate: percent(w.onTimeRate),
  }));
}

/** The lower end of the y axis: 10 points under the lowest rate, in tens, at least 0. */
export function trendAxisFloor(points: readonly TrendPoint[]): number {
  const rates = points.flatMap((p) => [p.closureRate, p.onTimeRate]).filter((r): r is number => r !== null);
  if (rates.length === 0) return 0;
  return Math.max(0, Math.floor((Math.min(...rates) - 10) / 10) * 10);
}

/** The latest defined value of a rate, for the legend. */
export function latestRate(points: readonly TrendPoint[], key: 'closureRate' | 'onTimeRate'): number | null {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]![key];
    if (value !== null) return value;
  }
  return null;
}
