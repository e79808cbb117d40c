import { describe, expect, it } from 'vitest';
import { improvedAndSlipped } from '../../../web/features/weekly-review/improved-and-slipped.ts';
import { row } from '../fixtures.ts';

const improvement = (code: string, change: number) => ({
  department: row(code).department,
  score: 60 + change,
  baselineScore: 60,
  change,
  rank: 1,
  overallRank: 10,
  baselineOverallRank: 12,
});
const codes = (rows: { department: { code: string } }[]) => rows.map((r) => r.department.code);

describe('who improved and who slipped', () => {
  const rows = [
    improvement('D01', 7.96),
    improvement('D28', 12.48),
    improvement('D05', -2.89),
    improvement('D07', 0),
    improvement('D36', -3.1),
    improvement('D15', 7.96),
    improvement('D37', -2.13),
  ];

  it.each([
    [2, ['D28', 'D01'], ['D36', 'D05']],
    [5, ['D28', 'D01', 'D15'], ['D36', 'D05', 'D37']],
  ])('the top %s each way', (n, improved, slipped) => {
    const lists = improvedAndSlipped(rows, n);
    expect(codes(lists.improved)).toEqual(improved);
    expect(codes(lists.slipped)).toEqual(slipped);
  });

  it('lists a department without change in neither', () => {
    const { improved, slipped } = improvedAndSlipped([improvement('D07', 0)], 5);
    expect([improved, slipped]).toEqual([[], []]);
  });
});
