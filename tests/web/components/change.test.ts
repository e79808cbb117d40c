import { describe, expect, it } from 'vitest';
import {
  changeOf,
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
