import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../../web/api/client.ts';
import { connectionOf, isFinalRefusal } from '../../../web/features/big-screen/connection.ts';
import { displayTokenFrom } from '../../../web/features/big-screen/display-token.ts';
import { presenterAction } from '../../../web/features/big-screen/presenter-keys.ts';
import { planSlides, stepIndex } from '../../../web/features/big-screen/slide-plan.ts';
import { topAndBottom } from '../../../web/features/big-screen/top-bottom.ts';

const dept = (code: string, overallRank: number | null) => ({
  department: { code },
  ranked: overallRank !== null,
  overallRank,
});

describe('the slides of a deck', () => {
  const ranking = [dept('D3', 1), dept('D1', 2), dept('D2', 2), dept('D9', null)];

  it('expands "departments" into one slide per ranked department, best first', () => {
    expect(planSlides(['headline', 'departments', 'trend'], ranking)).toEqual([
      { id: 'headline', kind: 'headline' },
      { id: 'department:D3', kind: 'department', departmentCode: 'D3', position: 1, of: 3 },
      { id: 'department:D1', kind: 'department', departmentCode: 'D1', position: 2, of: 3 },
      { id: 'department:D2', kind: 'department', departmentCode: 'D2', position: 3, of: 3 },
      { id: 'trend', kind: 'trend' },
    ]);
  });

  it('shows the other slides again after every 8 departments, so the headline comes round often', () => {
    const many = Array.from({ length: 18 }, (_, i) => dept(`D${i + 1}`, i + 1));
    const ids = planSlides(['headline', 'ranking', 'departments'], many).map((s) => s.id);
    const depts = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, i) => `department:D${from + i}`);
    expect(ids).toEqual([
      'headline',
      'ranking',
      ...depts(1, 8),
      'headline#2',
      'ranking#2',
      ...depts(9, 16),
      'headline#3',
      'ranking#3',
      ...depts(17, 18),
    ]);
    // Each department once, numbered in the whole pass; without departments in the deck, one round.
    expect(planSlides(['headline', 'departments'], many).at(-1)).toMatchObject({ position: 18, of: 18 });
    expect(planSlides(['headline', 'trend'], many).map((s) => s.id)).toEqual(['headline', 'trend']);
  });

  it('shows the best and the worst half of a province, numbered among all the ranked', () => {
    const province = Array.from({ length: 400 }, (_, i) => dept(`D${i + 1}`, i + 1));
    const shown = planSlides(['headline', 'departments'], province, 40).filter(
      (s) => s.kind === 'department',
    );
    expect(shown.map((s) => s.id)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `department:D${i + 1}`),
      ...Array.from({ length: 20 }, (_, i) => `department:D${381 + i}`),
    ]);
    expect(shown.at(-1)).toMatchObject({ position: 400, of: 400 });
    // 40 departments in rounds of 8, the headline before each: 45 slides, not 450.
    expect(planSlides(['headline', 'departments'], province, 40)).toHaveLength(45);
    // By default too; an odd number gives the best the larger half; a county's 37 are all shown.
    expect(planSlides(['departments'], province)).toHaveLength(40);
    expect(planSlides(['departments'], province, 5).map((s) => s.id)).toEqual(
      ['D1', 'D2', 'D3', 'D399', 'D400'].map((c) => `department:${c}`),
    );
    expect(planSlides(['departments'], province.slice(0, 37))).toHaveLength(37);
  });

  it('has no department slides when nobody is ranked', () => {
    expect(planSlides(['departments'], [dept('D9', null)])).toEqual([]);
  });

  it.each([
    [0, 1, 5, 1],
    [4, 1, 5, 0],
    [0, -1, 5, 4],
    [2, -1, 5, 1],
    [3, 1, 1, 0],
    [0, 1, 0, 0],
  ])('steps from %i by %i among %i slides to %i', (index, delta, count, expected) => {
    expect(stepIndex(index, delta, count)).toBe(expected);
  });
});

describe('top and bottom of the ranking', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => dept(`D${i + 1}`, i + 1));

  it('takes 10 from each end of 38 ranked departments', () => {
    const { top, bottom } = topAndBottom([...rows(38), dept('X', null)], 10);
    expect(top.map((r) => r.overallRank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(bottom.map((r) => r.overallRank)).toEqual([29, 30, 31, 32, 33, 34, 35, 36, 37, 38]);
  });

  it('never shows a department twice: 15 ranked give 8 and 7', () => {
    const { top, bottom } = topAndBottom(rows(15), 10);
    expect(top.map((r) => r.overallRank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(bottom.map((r) => r.overallRank)).toEqual([9, 10, 11, 12, 13, 14, 15]);
  });

  it('orders by rank whatever the input order, and leaves out the not ranked', () => {
    const { top, bottom } = topAndBottom([dept('B', 2), dept('N', null), dept('A', 1), dept('C', 3)], 10);
    expect(top.map((r) => r.department.code)).toEqual(['A', 'B']);
    expect(bottom.map((r) => r.department.code)).toEqual(['C']);
  });

  it('has nothing to show when nobody is ranked', () => {
    expect(topAndBottom([dept('N', null)], 10)).toEqual({ top: [], bottom: [] });
  });
});

describe('what the screen shows for the state of its data', () => {
  const refused = (status: number, code: string) => new ApiRequestError(status, code, `message ${code}`);

  it.each([
    ['first load', false, null, { kind: 'loading' }],
    ['data, no error', true, null, { kind: 'live' }],
    ['data, then the server cannot be reached', true, new TypeError('Failed to fetch'), { kind: 'stale' }],
    ['data, then a timeout', true, new DOMException('timed out', 'TimeoutError'), { kind: 'stale' }],
    ['data, then a server error', true, refused(500, 'internal'), { kind: 'stale' }],
    ['data, then too many requests', true, refused(429, 'too_many'), { kind: 'stale' }],
    ['no data and no server', false, new TypeError('Failed to fetch'), { kind: 'unreachable' }],
    [
      'a revoked link, even with data on screen',
      true,
      refused(401, 'display_link_invalid'),
      { kind: 'revoked' },
    ],
    ['no link and no session', false, refused(401, 'unauthenticated'), { kind: 'signed-out' }],
    [
      'an unknown campaign',
      false,
      refused(404, 'not_found'),
      { kind: 'refused', message: 'message not_found' },
    ],
  ])('%s', (_name, hasData, error, expected) => {
    expect(connectionOf({ hasData, error })).toEqual(expected);
  });

  it('stops asking after a refusal no retry can cure, and only then', () => {
    expect(isFinalRefusal(refused(401, 'display_link_invalid'))).toBe(true);
    expect(isFinalRefusal(refused(403, 'forbidden'))).toBe(true);
    expect(isFinalRefusal(refused(503, 'unavailable'))).toBe(false);
    expect(isFinalRefusal(refused(408, 'timeout'))).toBe(false);
    expect(isFinalRefusal(new TypeError('Failed to fetch'))).toBe(false);
  });
});

describe('the display link token', () => {
  it.each([
    ['#display=abc123', 'abc123'],
    ['display=abc123', 'abc123'],
    ['#display=abc&x=1', 'abc'],
    ['#display=', undefined],
    ['', undefined],
    ['#other=1', undefined],
  ])('%j gives %j', (hash, expected) => {
    expect(displayTokenFrom(hash)).toBe(expected);
  });
});

describe('presenter keys', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
    presenterAction({ key: k, ctrlKey: false, altKey: false, metaKey: false, ...mods });

  it.each([
    [' ', 'toggle-pause'],
    ['ArrowRight', 'next'],
    ['PageDown', 'next'],
    ['ArrowLeft', 'previous'],
    ['PageUp', 'previous'],
    ['f', 'toggle-fullscreen'],
    ['F', 'toggle-fullscreen'],
    ['l', 'toggle-language'],
    ['x', null],
    ['Enter', null],
  ])('%j → %s', (k, expected) => {
    expect(key(k)).toBe(expected);
  });

  it('leaves browser shortcuts alone (Ctrl+F finds, Ctrl+L goes to the address bar)', () => {
    expect(key('f', { ctrlKey: true })).toBeNull();
    expect(key('l', { metaKey: true })).toBeNull();
    expect(key('ArrowRight', { altKey: true })).toBeNull();
  });
});
