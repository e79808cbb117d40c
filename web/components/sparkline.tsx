import { lonePoints, sparklineSegments } from './sparkline-points.ts';

/** A small trend line (score by week) drawn as SVG; its label says what it shows in words. */
export function Sparkline({
  values,
  label,
  width = 96,
  height = 24,
  minSpan = 0,
}: {
  values: (number | null)[];
  label: string;
  width?: number;
  height?: number;
  /** The least range the height stands for, in the values' unit. */
  minSpan?: number;
}) {
  const segments = sparklineSegments(values, width, height, 2, minSpan);
  const lastPoint = segments.at(-1)?.split(' ').at(-1)?.split(',').map(Number);
  return (
    <svg className="sparkline" width={width} height={height} role="img" aria-label={label}>
      <title>{label}</title>
      {segments.map((points) => (
        <polyline key={points} points={points} fill="none" stroke="currentColor" strokeWidth={1.5} />
      ))}
      {lonePoints(segments).map(([x, y]) => (
        <circle key={`${x},${y}`} cx={x} cy={y} r={1.5} fill="currentColor" />
      ))}
      {lastPoint && values.at(-1) !== null && (
        <circle cx={lastPoint[0]} cy={lastPoint[1]} r={2.5} fill="currentColor" />
      )}
    </svg>
  );
}
