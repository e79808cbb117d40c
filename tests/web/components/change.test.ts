import { describe, expect, it } from 'vitest';
import {
  changeLine,
  changeOf,
  changeWords,
  directionOf,
  formatPointChange,
  formatSigned,
  toneOf,
} from '../../../web/components/change.ts';

describe('change since last week', () => {
  it.each([
    [10, 7, 3],
    [0.9, 0.85, 0.9 - 0.85],
    [5, null, null],
    [null, 5, null],
    [5, undefined, null],
  ])('changeOf(%s, %s) is %s', (current, previous, expected) => {
    expect(changeOf(current, previous)).toBe(expected);
  });

  it.each([
    [null, 0, null],
    [3, 0, 'up'],
    [-2, 0, 'down'],
    [0.4, 0, 'flat'],
    [0.0003, 3, 'flat'],
    [0.001, 3, 'up'],
    [-0.0006, 3, 'down'],
  ] as const)('directionOf(%s, %s digits) is %s', (change, digits, expected) => {
    expect(directionOf(change, digits)).toBe(expected);
  });

  it.each([
    ['up', 'up', 'good'],
    ['up', 'down', 'bad'],
    ['down', 'down', 'good'],
    ['down', 'up', 'bad'],
    ['flat', 'up', 'neutral'],
    [null, 'down', 'neutral'],
  ] as const)('a change going %s where %s is better is %s', (direction, better, expected) => {
    expect(toneOf(direction, better)).toBe(expected);
  });

  it.each([
    ['en', 14, 0, '+14'],
    ['en', -6, 0, '−6'],
    ['en', 0, 0, '0'],
    ['en', 1234, 0, '+1,234'],
    ['en', null, 0, '—'],
    ['zh-CN', 0.96, 1, '+1.0'],
    ['en', -0.04, 1, '0.0'],
  ] as const)('formatSigned(%s, %s, %s digits) is %s', (lang, change, digits, expected) => {
    expect(formatSigned(lang, change, digits)).toBe(expected);
  });

  it.each([
    ['en', 0.0056, '+0.6 points'],
    ['zh-CN', 0.0056, '+0.6个百分点'],
    ['en', -0.012, '−1.2 points'],
    ['en', -0.0003, '0.0 points'],
    ['zh-CN', null, '—'],
  ] as const)('a rate change in %s of %s is %s', (lang, change, expected) => {
    expect(formatPointChange(lang, change)).toBe(expected);
  });
});

describe('a change since last week in words', () => {
  it.each([
    ['zh-CN', 'up', '+48', { before: '较上周', arrow: '▲', text: '+48', after: '' }],
    ['en', 'down', '−3', { before: '', arrow: '▼', text: '−3', after: 'vs last week' }],
    // Zero at the digits shown: one phrase, not 较上周 ＝0.
    ['zh-CN', 'flat', '0', { before: '', arrow: null, text: '较上周持平', after: '' }],
    ['en', 'flat', '0.0 points', { before: '', arrow: null, text: 'no change vs last week', after: '' }],
    ['zh-CN', null, '—', { before: '', arrow: null, text: '无可比数据', after: '' }],
    ['en', null, '—', { before: '', arrow: null, text: 'no comparison', after: '' }],
  ] as const)('in %s, a change going %s shown as %s', (lang, direction, amount, expected) => {
    expect(changeWords(lang, direction, amount)).toEqual(expected);
  });

  it.each([
    // A department's score: 80.00 against 80.00 a week before.
    ['zh-CN', 0, '较上周持平'],
    ['en', 0, 'no change vs last week'],
    ['zh-CN', 0.004, '较上周持平'],
    ['zh-CN', 1.234, '较上周+1.23'],
    ['en', -2.5, '−2.50 vs last week'],
  ] as const)('a score change in %s of %s reads %s', (lang, change, expected) => {
    expect(changeLine(lang, changeWords(lang, directionOf(change, 2), formatSigned(lang, change, 2)))).toBe(
      expected,
    );
  });
});
