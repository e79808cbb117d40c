import { describe, expect, it } from 'vitest';
import {
  departmentsDiffering,
  type PublishedMeta,
  publishedFor,
} from '../../../web/features/bulletin/published-ranking.ts';

const T = '2026-11-16T00:00:00';
const list: PublishedMeta[] = [
  { id: 1, period: '2026-W46', asOf: T, scope: {} },
  { id: 2, period: '2026-W46', asOf: T, scope: { campaign: 'C-EFFICIENCY', peerGroup: 'economic' } },
  { id: 3, period: '2026-W45', asOf: '2026-11-09T00:00:00', scope: {} },
];

describe("the bulletin's published ranking", () => {
  it('is the one published as of the same moment over the same scope', () => {
    expect(publishedFor(list, T, { asOf: '2026-11-15' })?.id).toBe(1);
    // The scope's keys in any order; an empty filter is no filter.
    expect(
      publishedFor(list, T, { peerGroup: 'economic', asOf: '2026-11-15', campaign: 'C-EFFICIENCY' })?.id,
    ).toBe(2);
    expect(publishedFor(list, '2026-11-09T00:00:00', { campaign: '' })?.id).toBe(3);
  });

  it('is none for another moment or another scope', () => {
    expect(publishedFor(list, '2026-11-20T10:00:00', {})).toBeUndefined();
    expect(publishedFor(list, T, { campaign: 'C-EFFICIENCY' })).toBeUndefined();
    expect(publishedFor([], T, {})).toBeUndefined();
  });
});

describe('a ranking computed now against the one published', () => {
  const row = (code: string, score: number | null, overallRank: number | null) => ({
    department: { code },
    score,
    overallRank,
  });
  const published = [row('D21', 81.56, 8), row('D22', 80.1, 9), row('D23', null, null)];

  it('differs in no department when scores (to the hundredth) and ranks are the same', () => {
    expect(
      departmentsDiffering([row('D23', null, null), row('D22', 80.104, 9), row('D21', 81.556, 8)], published),
    ).toBe(0);
  });

  it('counts each department with another score or rank, or in one ranking only', () => {
    // D21 81.56 → 81.68 (an item voided since), D22 moved a place, D23 gone, D24 new: 4.
    expect(
      departmentsDiffering([row('D21', 81.68, 8), row('D22', 80.1, 10), row('D24', 70, 11)], published),
    ).toBe(4);
  });
});
