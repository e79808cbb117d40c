import { percentTenths } from '../../../server/domain/rounding.ts';
import type { Series } from '../../api/figures.ts';

export interface TrendPoint {
  weekStart: string;
  /** Rates as percentages (0–100) for the chart's axis; null where the rate is undefined. */
  closureRate: number | null;
  onTimeRate: number | null;
  closed: number;
  registered: number;
  due: number;
  onTime: number;
}

const percent = (rate: number | null) => (rate === null ? null : percentTenths(rate));

/** The weekly series as chart points: rates in percent, rounded to 0.1, gaps kept as null. */
export function toTrendSeries(weeks: Series['weeks']): TrendPoint[] {
  return weeks.map((w) => ({
    weekStart: w.weekStart,
    closureRate: percent(w.closureRate),
    onTimeRate: percent(w.onTimeRate),
    closed: w.closed,
    registered: w.registered,
    due: w.due,
    onTime: w.onTime,
  }));
}

/** A y-axis lower bound that shows movement: 10 below the lowest rate, floored to tens, at least 0. */
export function trendAxisFloor(points: TrendPoint[]): number {
  const rates = points.flatMap((p) => [p.closureRate, p.onTimeRate]).filter((r): r is number => r !== null);
  if (rates.length === 0) return 0;
  return Math.max(0, Math.floor((Math.min(...rates) - 10) / 10) * 10);
}
