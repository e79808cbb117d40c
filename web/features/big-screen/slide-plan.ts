import type { SlideKey } from '../../../server/screen/deck-shape.ts';

/** One slide the deck shows: a named slide, or one department of the per-department pass. */
export type PlannedSlide =
  | { id: string; kind: Exclude<SlideKey, 'departments'> }
  | { id: string; kind: 'department'; departmentCode: string; position: number; of: number };

/** The slides in order: `departments` becomes one slide per ranked department, best first. */
export function planSlides(
  keys: readonly SlideKey[],
  ranking: readonly { ranked: boolean; department: { code: string } }[],
): PlannedSlide[] {
  const ranked = ranking.filter((r) => r.ranked);
  return keys.flatMap((kind): PlannedSlide[] =>
    kind === 'departments'
      ? ranked.map((r, i) => ({
          id: `department:${r.department.code}`,
          kind: 'department',
          departmentCode: r.department.code,
          position: i + 1,
          of: ranked.length,
        }))
      : [{ id: kind, kind }],
  );
}

/** The slide after (delta 1) or before (delta −1) an index, wrapping round. */
export function stepIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((index + delta) % count) + count) % count;
}
