/** Percentiles of timings (nearest rank), for benchmark tables. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function summarize(values: number[]) {
  return { n: values.length, p50: round(percentile(values, 50), 2), p99: round(percentile(values, 99), 2) };
}
