import type { DotItemDotProps } from 'recharts';

/**
 * Which values of a line a chart would not draw: those with no value on either side, since a line
 * needs two points (the first week of a ledger, or a week between weeks with nothing registered).
 */
export function lonePoints(values: readonly (number | null)[]): boolean[] {
  return values.map(
    (v, i) => v !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null,
  );
}

/** A line's `dot`: a dot on each lone value only, so a single week's rate shows instead of an empty chart. */
export function loneDot(values: readonly (number | null)[], r: number, fill: string) {
  const lone = lonePoints(values);
  return ({ cx, cy, index }: DotItemDotProps) =>
    lone[index] && cx !== undefined && cy !== undefined ? (
      <circle key={index} cx={cx} cy={cy} r={r} fill={fill} className="lone-dot" />
    ) : null;
}
