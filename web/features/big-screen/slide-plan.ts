import { DEPARTMENTS_SHOWN, type SlideKey } from '../../../server/screen/deck-shape.ts';

/** One slide the deck shows: a named slide, or one department of the per-department pass. */
export type PlannedSlide =
  | { id: string; kind: Exclude<SlideKey, 'departments'> }
  | { id: string; kind: 'department'; departmentCode: string; position: number; of: number };

/**
 * How many department slides a round of the deck shows before the other slides come round again: with
 * 40 departments at 15 s a slide, the headline and the ranking return every ≈ 3 minutes, not every 11.
 */
export const DEPARTMENTS_PER_ROUND = 8;

/**
 * The slides in order: `departments` becomes one slide per ranked department, best first, in rounds of
 * DEPARTMENTS_PER_ROUND, each round showing the other slides again (named `ranking#2`, … after the first).
 * With more ranked than `shown`, the pass shows the best half of `shown` and then the worst half, each
 * numbered by its place among all the ranked.
 */
export function planSlides(
  keys: readonly SlideKey[],
  ranking: readonly { ranked: boolean; department: { code: string } }[],
  shown: number = DEPARTMENTS_SHOWN.default,
): PlannedSlide[] {
  const ranked = ranking.filter((r) => r.ranked);
  const best = Math.ceil(shown / 2);
  const departments = ranked.flatMap((r, i): PlannedSlide[] =>
    ranked.length > shown && i >= best && i < ranked.length - (shown - best)
      ? []
      : [
          {
            id: `department:${r.department.code}`,
            kind: 'department',
            departmentCode: r.department.code,
            position: i + 1,
            of: ranked.length,
          },
        ],
  );
  const rounds = keys.includes('departments')
    ? Math.max(1, Math.ceil(departments.length / DEPARTMENTS_PER_ROUND))
    : 1;
  return Array.from({ length: rounds }, (_, round) =>
    keys.flatMap((kind): PlannedSlide[] =>
      kind === 'departments'
        ? departments.slice(round * DEPARTMENTS_PER_ROUND, (round + 1) * DEPARTMENTS_PER_ROUND)
        : [{ id: round === 0 ? kind : `${kind}#${round + 1}`, kind }],
    ),
  ).flat();
}

/** The slide after (delta 1) or before (delta −1) an index, wrapping round. */
export function stepIndex(index: number, delta: number, count: number): number {
  if (count <= 0) return 0;
  return (((index + delta) % count) + count) % count;
}
