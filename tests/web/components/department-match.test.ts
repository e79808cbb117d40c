import { describe, expect, it } from 'vitest';
import { matchesDepartment } from '../../../web/components/department-match.ts';

const bureau = { code: 'K03-D21', nameZh: '柳江县教育局', nameEn: 'Education Bureau, County 3' };

describe('finding a department by what is typed', () => {
  it.each([
    ['', true],
    ['教育', true],
    ['柳江 教育', true],
    ['EDUCATION', true],
    ['education county 3', true],
    ['k03-d21', true],
    ['  教育  ', true],
    ['公安', false],
    ['education county 4', false],
  ])('"%s" → %s', (query, expected) => {
    expect(matchesDepartment(bureau, query)).toBe(expected);
  });
});
