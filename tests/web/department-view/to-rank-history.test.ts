import { describe, expect, it } from 'vitest';
import { rankAxisMax, toRankHistory } from '../../../web/features/department-view/to-rank-history.ts';
import { row } from '../fixtures.ts';

const department = row('D21').department;
const series = {
  weeks: ['2026-11-02', '2026-11-09'],
  departments: [
    {
      department,
      points: [
        { weekStart: '2026-11-02', score: 70.5, rank: null, overallRank: null, ranked: false },
        { weekStart: '2026-11-09', score: 81, rank: 4, overallRank: 9, ranked: true },
      ],
    },
  ],
};

describe('rank history', () => {
  it('gives each week its score and ranks, with no rank in a week it was not ranked', () => {
    expect(toRankHistory(series, 'D21')).toEqual([
      { weekStart: '2026-11-02', score: 70.5, rank: null, overallRank: null },
      { weekStart: '2026-11-09', score: 81, rank: 4, overallRank: 9 },
    ]);
  });

  it('is empty for a department not in the series', () => {
    expect(toRankHistory(series, 'D99')).toEqual([]);
  });

  it.each([
    [[4, null], 5],
    [[9, 3], 9],
    [[], 5],
  ])('the rank axis for ranks %o goes down to %s', (ranks, expected) => {
    const points = ranks.map((rank, i) => ({ weekStart: `w${i}`, score: 50, rank, overallRank: rank }));
    expect(rankAxisMax(points)).toBe(expected);
  });

  it('goes down to the worst overall rank when that is drawn too', () => {
    const points = [
      { weekStart: 'w0', score: 50, rank: 3, overallRank: 22 },
      { weekStart: 'w1', score: 55, rank: 2, overallRank: 18 },
      { weekStart: 'w2', score: 40, rank: null, overallRank: null },
    ];
    expect([rankAxisMax(points), rankAxisMax(points, true)]).toEqual([5, 22]);
  });
});
