import { describe, expect, it } from 'vitest';
import {
  foldRanking,
  nextSort,
  sortRanking,
  splitRanked,
} from '../../../web/features/weekly-review/sort-ranking.ts';
import { row } from '../fixtures.ts';

const lost = (onTimeRate: number) => ({
  closureRate: 0,
  onTimeRate,
  overdueShare: 0,
  medianDaysToClose: 0,
  reopenRate: 0,
  appraisal: 0,
});

const rows = [
  row('D03', { overallRank: 1, rank: 1, score: 90, overallRankChange: 2, lost: lost(3) }),
  row('D01', { overallRank: 2, rank: 1, score: 85, overallRankChange: null, lost: lost(10) }),
  row('D02', { overallRank: 2, rank: 2, score: 85, overallRankChange: -4, lost: lost(10) }),
  row('D04', { overallRank: 4, rank: 3, score: 60, overallRankChange: 0, lost: lost(1) }),
];
const NAMES: Record<string, { nameZh: string; nameEn: string }> = {
  D01: { nameZh: '县财政局', nameEn: 'Finance Bureau' },
  D02: { nameZh: '县教育局', nameEn: 'Education Bureau' },
  D03: { nameZh: '县公安局', nameEn: 'Public Security Bureau' },
  D04: { nameZh: '审批局', nameEn: 'Approval Bureau' },
};
const codes = (rs: typeof rows) => rs.map((r) => r.department.code);

describe('sorting the ranking table', () => {
  it.each([
    ['overallRank', 'asc', ['D03', 'D01', 'D02', 'D04']],
    ['overallRank', 'desc', ['D04', 'D01', 'D02', 'D03']],
    ['score', 'desc', ['D03', 'D01', 'D02', 'D04']],
    ['score', 'asc', ['D04', 'D01', 'D02', 'D03']],
    ['rank', 'asc', ['D03', 'D01', 'D02', 'D04']],
    // Most points lost on the on-time rate first; ties in rank order, then code.
    ['onTimeRate', 'desc', ['D01', 'D02', 'D03', 'D04']],
    // Biggest climb first; a department without a previous rank goes last either way.
    ['rankChange', 'desc', ['D03', 'D04', 'D02', 'D01']],
    ['rankChange', 'asc', ['D02', 'D04', 'D03', 'D01']],
  ] as const)('by %s %s', (key, direction, expected) => {
    expect(codes(sortRanking(rows, { key, direction }, 'zh-CN'))).toEqual(expected);
  });

  // The names as shown, in the language's order (pinyin in Chinese), not the codes' order.
  const named = rows.map((r) => ({ ...r, department: { ...r.department, ...NAMES[r.department.code] } }));
  it.each([
    ['zh-CN', 'asc', ['D04', 'D01', 'D03', 'D02']],
    ['zh-CN', 'desc', ['D02', 'D03', 'D01', 'D04']],
    ['en', 'asc', ['D04', 'D02', 'D01', 'D03']],
  ] as const)('by department name in %s, %s', (lang, direction, expected) => {
    expect(codes(sortRanking(named, { key: 'department', direction }, lang))).toEqual(expected);
  });

  it('does not change the rows it is given', () => {
    sortRanking(rows, { key: 'department', direction: 'desc' }, 'zh-CN');
    expect(codes(rows)).toEqual(['D03', 'D01', 'D02', 'D04']);
  });

  it.each([
    [{ key: 'score', direction: 'desc' }, 'score', { key: 'score', direction: 'asc' }],
    [{ key: 'score', direction: 'asc' }, 'overallRank', { key: 'overallRank', direction: 'asc' }],
    [{ key: 'overallRank', direction: 'asc' }, 'closureRate', { key: 'closureRate', direction: 'desc' }],
    [{ key: 'overallRank', direction: 'asc' }, 'department', { key: 'department', direction: 'asc' }],
  ] as const)('from %o, clicking %s sorts %o', (current, key, expected) => {
    expect(nextSort(current, key)).toEqual(expected);
  });

  it('keeps the not-ranked departments apart', () => {
    const all = [
      ...rows,
      row('D09', { ranked: false, notRankedReason: 'too_few_due', rank: null, overallRank: null }),
    ];
    const { ranked, notRanked } = splitRanked(all);
    expect(codes(ranked)).toEqual(['D03', 'D01', 'D02', 'D04']);
    expect(codes(notRanked)).toEqual(['D09']);
  });
});

describe('a long ranking folded', () => {
  const ranks = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('shows a county whole', () => {
    expect(foldRanking(ranks(40), false)).toEqual({ head: ranks(40), tail: [], hidden: 0 });
  });

  it('shows the top and the bottom 10 of a province, with how many lie between', () => {
    expect(foldRanking(ranks(370), false)).toEqual({
      head: ranks(10),
      tail: ranks(10).map((r) => r + 360),
      hidden: 350,
    });
    expect(foldRanking(ranks(370), true)).toEqual({ head: ranks(370), tail: [], hidden: 0 });
  });
});
