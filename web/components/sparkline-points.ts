/**
 * The polyline of a sparkline: values spread evenly over the width, the lowest at the bottom and the
 * highest at the top of the box (with a margin for the stroke). Missing values split the line. The
 * vertical scale covers at least `minSpan` (centred on the values), so small wiggles stay small.
 */
export function sparklineSegments(
  values: (number | null)[],
  width: number,
  height: number,
  margin = 2,
  minSpan = 0,
): string[] {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return [];
  const widen = Math.max(0, minSpan - (Math.max(...known) - Math.min(...known))) / 2;
  const lo = Math.min(...known) - widen;
  const hi = Math.max(...known) + widen;
  const step = values.length > 1 ? (width - 2 * margin) / (values.length - 1) : 0;
  const y = (v: number) => (hi === lo ? height / 2 : margin + ((hi - v) / (hi - lo)) * (height - 2 * margin));
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = values.length > 1 ? margin + i * step : width / 2;
    current.push(`${round1(x)},${round1(y(v))}`);
  });
  if (current.length) segments.push(current.join(' '));
  return segments;
}

/**
 * The segments of one point (a week between two missing ones), as [x, y]: a polyline of one point draws
 * nothing, so the sparkline dots them.
 */
export function lonePoints(segments: string[]): [number, number][] {
  return segments.filter((s) => !s.includes(' ')).map((s) => s.split(',').map(Number) as [number, number]);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
