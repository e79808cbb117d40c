import { describe, expect, it } from 'vitest';
import { topAndBottom } from '../../../web/features/big-screen/top-bottom.ts';
import { bestAndWorst } from '../../../web/features/bulletin/best-and-worst.ts';
import { row } from '../fixtures.ts';

const ranked = (code: string, overallRank: number) => row(code, { overallRank, rank: overallRank });
const codes = (rs: { department: { code: string } }[]) => rs.map((r) => r.department.code);

describe('best and worst of a ranking', () => {
  const rows = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ranked(`D0${n}`, n));

  it('takes the first n and the last n, both in rank order (the worst last, as on the big screen)', () => {
    const { best, worst } = bestAndWorst(rows, 3);
    expect(codes(best)).toEqual(['D01', 'D02', 'D03']);
    expect(codes(worst)).toEqual(['D06', 'D07', 'D08']);
  });

  it('includes departments tied with the n-th', () => {
    const tied = [
      ranked('A', 1),
      ranked('B', 2),
      ranked('C', 2),
      ranked('D', 4),
      ranked('E', 5),
      ranked('F', 5),
      ranked('G', 7),
      ranked('H', 8),
    ];
    const { best, worst } = bestAndWorst(tied, 2);
    expect(codes(best)).toEqual(['A', 'B', 'C']);
    expect(codes(worst)).toEqual(['G', 'H']);
  });

  it('never lists a department as both best and worst', () => {
    const few = [ranked('A', 1), ranked('B', 2), ranked('C', 3)];
    const { best, worst } = bestAndWorst(few, 5);
    expect(codes(best)).toEqual(['A']);
    expect(codes(worst)).toEqual(['C']);
  });

  it('leaves out departments that are not ranked', () => {
    const withUnranked = [...rows.slice(0, 4), row('X', { ranked: false, overallRank: null, rank: null })];
    const { best, worst } = bestAndWorst(withUnranked, 2);
    expect(codes(best)).toEqual(['D01', 'D02']);
    expect(codes(worst)).toEqual(['D03', 'D04']);
  });

  it.each([
    ['no ranked departments', [], { best: [], worst: [] }],
    ['one ranked department', [ranked('A', 1)], { best: ['A'], worst: [] }],
  ])('%s', (_name, input, expected) => {
    const { best, worst } = bestAndWorst(input, 5);
    expect({ best: codes(best), worst: codes(worst) }).toEqual(expected);
  });

  it('lists the bottom in the order the big screen does', () => {
    const { worst } = bestAndWorst(rows, 3);
    expect(codes(worst)).toEqual(codes(topAndBottom(rows, 3).bottom));
  });
});
