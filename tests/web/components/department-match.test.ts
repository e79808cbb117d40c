import { describe, expect, it } from 'vitest';
import { matchesDepartment, matchesWords } from '../../../web/components/department-match.ts';

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

describe('finding anything by the words typed', () => {
  it('finds a user by a word of the name and a word of the department', () => {
    const user = ['editor-k05-d21', '王老师', 'K05-D21', '平安县教育局', 'Education Bureau, County 5'];
    expect(matchesWords(user, '王 教育')).toBe(true);
    expect(matchesWords(user, 'Education county 5')).toBe(true);
    expect(matchesWords(user, 'education 6')).toBe(false);
  });
});
