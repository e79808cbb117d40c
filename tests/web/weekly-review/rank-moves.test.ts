import { describe, expect, it } from 'vitest';
import { biggestMoves } from '../../../web/features/weekly-review/rank-moves.ts';

describe('the biggest rank moves', () => {
  it('keeps the biggest climbs and falls alike, in the list order', () => {
    const moves = [11, 8, 6, 5, 3, 3, -3, -4, -9, -12].map((change) => ({ change }));
    expect(biggestMoves(moves, 4).map((m) => m.change)).toEqual([11, 8, -9, -12]);
    expect(biggestMoves(moves, 20)).toEqual(moves);
  });
});
