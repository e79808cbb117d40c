import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../server/import/columns.ts';
import {
  lostInGbk,
  normalizeName,
  parseDate,
  parseDeadline,
  sameDate,
  unquote,
} from '../../server/import/values.ts';
import {
  parseHandlingModeWord,
  parseRectificationTypeWord,
  parseSourceWord,
  parseStatusWord,
} from '../../server/import/vocabulary.ts';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : 'ERROR');

describe('dates as offices write them', () => {
  it.each([
    ['2023-05-31', '2023-05-31'],
    ['2023/5/31', '2023-05-31'],
    ['2023.5.31', '2023-05-31'],
    ['2023年5月31日', '2023-05-31'],
    ['２０２３年５月３１日', '2023-05-31'],
    ['20230531', '2023-05-31'],
    ['2023-05-31 14:30', '2023-05-31T14:30:00'],
    ['2023/5/31 9:05:07', '2023-05-31T09:05:07'],
    ['2023-05-31T14:30:00', '2023-05-31T14:30:00'],
    ['2023年5月31日14时30分', '2023-05-31T14:30:00'],
    ['2023年5月31日 14:30', '2023-05-31T14:30:00'],
  ])('reads %s as %s', (text, expected) => {
    expect(value(parseDate(text))).toBe(expected);
  });

  it('reads Excel serial numbers, with the time of day as a fraction', () => {
    expect(value(parseDate(45077))).toBe('2023-05-31');
    expect(value(parseDate(45077.5))).toBe('2023-05-31T12:00:00');
    expect(value(parseDate('45077'))).toBe('2023-05-31');
    expect(value(parseDate(20230531))).toBe('2023-05-31');
  });

  it('refuses what is not a date, naming the value in both languages', () => {
    // (5/31/2023 is refused too, saying the year is last: below.)
    for (const bad of ['2023-02-30', '下月底', '2023', 2023, '2023-05-31 25:00']) {
      const p = parseDate(bad);
      expect(p.ok).toBe(false);
      if (!p.ok) {
        expect(p.reason.zh).toContain('不是日期');
        expect(p.reason.en).toContain('is not a date');
      }
    }
  });

  it('refuses a year outside 1900–2999, which no ledger means, in both languages', () => {
    for (const bad of ['1899-12-31', '9999-12-31', '3000年1月1日', '18990101']) {
      const p = parseDate(bad);
      expect(p).toEqual({
        ok: false,
        reason: {
          zh: `“${bad}”的年份须在 1900 至 2999 之间`,
          en: `"${bad}": the year must be between 1900 and 2999`,
        },
      });
    }
    expect(value(parseDate('1900-01-01'))).toBe('1900-01-01');
    expect(value(parseDeadline('2999年12月底'))).toEqual({ kind: 'date', value: '2999-12-31' });
  });

  it('treats an empty cell as no date', () => {
    expect(value(parseDate(''))).toBeNull();
    expect(value(parseDate(null))).toBeNull();
  });
});

describe("a stored time and the sheet, at the sheet's precision", () => {
  it.each([
    // A day matches any time that day.
    ['2026-11-15T15:10:44', '2026-11-15', true],
    ['2026-11-15T15:10:44', '2026-11-16', false],
    // A time to the minute (as Excel shows and saves it) matches any second of that minute.
    ['2026-11-15T15:10:44', '2026-11-15T15:10:00', true],
    ['2026-11-15T15:10:00', '2026-11-15T15:10:00', true],
    ['2026-11-15T15:10:44', '2026-11-15T15:11:00', false],
    ['2026-11-15T23:59:59', '2026-11-16T00:00:00', false],
    // Seconds given are compared.
    ['2026-11-15T15:10:44', '2026-11-15T15:10:44', true],
    ['2026-11-15T15:10:44', '2026-11-15T15:10:45', false],
    [null, '2026-11-15', false],
  ])('%s and %s: %s', (stored, sheet, same) => {
    expect(sameDate(stored, sheet)).toBe(same);
  });
});

describe('a date with the year last (Excel in English saves a CSV so)', () => {
  const reason = (text: string) => {
    const p = parseDate(text);
    return p.ok ? 'OK' : p.reason;
  };

  it('is refused, saying the day it must be when one number cannot be a month', () => {
    expect(reason('11/15/2026 15:10')).toEqual({
      zh: '“11/15/2026 15:10”把年份写在最后（英文版 Excel 另存的 CSV 如此）：是 2026-11-15 15:10 吗？请照此填写，或导入 .xlsx 文件',
      en: '"11/15/2026 15:10" has the year last (as Excel in English saves a CSV): is it 2026-11-15 15:10? Write it so, or import the .xlsx file',
    });
    expect(reason('15/11/2026')).toMatchObject({ en: expect.stringContaining('is it 2026-11-15?') });
    expect(reason('5/31/2023')).toMatchObject({ zh: expect.stringContaining('是 2023-05-31 吗？') });
  });

  it('is refused as ambiguous when both numbers could be the month, and as no date when neither day is real', () => {
    expect(reason('5/6/2026')).toEqual({
      zh: '“5/6/2026”把年份写在最后（英文版 Excel 另存的 CSV 如此），月和日的先后无法确定：请按“年-月-日”填写（如 2026-05-06），或导入 .xlsx 文件',
      en: '"5/6/2026" has the year last (as Excel in English saves a CSV), so the month and the day cannot be told apart: write year-month-day (2026-05-06), or import the .xlsx file',
    });
    expect(reason('2/30/2026')).toMatchObject({ zh: expect.stringContaining('不是日期') });
  });
});

describe('text a GBK CSV lost', () => {
  it.each([
    ['整改•落实', '整改?落实', true],
    ['面积200m²', '面积200m?', true],
    ['张𠮷', '张?', true],
    ['见\u00a0第3条', '见 第3条', true], // a look-alike for what GBK cannot hold
    // Anything else that differs is a change.
    ['整改•落实', '整改?落', false],
    ['整改•落实', '整改?完成', false],
    ['整改落实', '整改?实', false], // 落 is in GBK: the ? is the sheet's own
    ['整改落实', '整改落实', false], // the same is no loss
    [null, '?', false],
  ])('%s read back as %s: %s', (stored, sheet, lost) => {
    expect(lostInGbk(stored, sheet)).toBe(lost);
  });
});

describe('deadlines', () => {
  it('reads 长期坚持, 长期 and "ongoing" as a long-term item without an end date', () => {
    for (const w of ['长期坚持', '长期', 'ongoing', 'Ongoing', 'long-term'])
      expect(value(parseDeadline(w))).toEqual({ kind: 'ongoing' });
  });
  it('reads a month or a year end as its last day, with 前', () => {
    expect(value(parseDeadline('2023年6月底前'))).toEqual({ kind: 'date', value: '2023-06-30' });
    expect(value(parseDeadline('2024年2月底'))).toEqual({ kind: 'date', value: '2024-02-29' });
    expect(value(parseDeadline('2023年底前'))).toEqual({ kind: 'date', value: '2023-12-31' });
    expect(value(parseDeadline('2023年5月31日前'))).toEqual({ kind: 'date', value: '2023-05-31' });
  });
  it('reads a month written with a dot, as text, not as a number (2026.10 is October)', () => {
    expect(value(parseDeadline('2026.6'))).toEqual({ kind: 'date', value: '2026-06-30' });
    expect(value(parseDeadline('2026.10'))).toEqual({ kind: 'date', value: '2026-10-31' });
    expect(value(parseDeadline('2026.10底前'))).toEqual({ kind: 'date', value: '2026-10-31' });
    // A date cell is still a date: only a deadline reads a month.
    expect(parseDate('2026.6').ok).toBe(false);
  });
  it('says why 立行立改 or a month without its year is not a deadline', () => {
    const reason = (v: string) => {
      const p = parseDeadline(v);
      return p.ok ? null : p.reason;
    };
    expect(reason('立行立改')?.zh).toBe(
      '“立行立改”是整改类型，不是期限：请写在“整改类型”列，期限列写完成日期（无期限的写“长期坚持”）',
    );
    expect(reason('即知即改')?.en).toContain('is a kind of rectification, not a deadline');
    expect(reason('6月底前')).toEqual({
      zh: '“6月底前”没有年份：请写成 2026年6月底前这样的形式',
      en: '"6月底前" has no year: write it with one, e.g. 2026年6月底前',
    });
    expect(reason('下周五')?.zh).toContain('不是日期');
  });
});

describe('names', () => {
  it('match without zero-width characters a copy from the web leaves in them', () => {
    expect(normalizeName('县\u200b教育局\ufeff')).toBe(normalizeName('县教育局'));
    expect(normalizeName('县 教育局')).toBe('县教育局');
  });
});

describe('value words', () => {
  it.each([
    ['巡视反馈', 'inspection_feedback'],
    ['巡察', 'inspection_feedback'],
    ['自查', 'self_inspection'],
    ['自查自纠', 'self_inspection'],
    ['群众反映', 'public_complaint'],
    ['群众投诉', 'public_complaint'],
    ['投诉', 'public_complaint'],
    ['督查', 'supervision_check'],
    ['回头看', 'look_back'],
    ['热线', 'hotline'],
    ['12345', 'hotline'],
    ['12345热线', 'hotline'],
    ['Public complaint', 'public_complaint'],
    ['look-back review', 'look_back'],
    ['hotline', 'hotline'],
    // Who found it, around the word, as offices write it
    ['县委巡察反馈', 'inspection_feedback'],
    ['市委第二巡察组反馈', 'inspection_feedback'],
    ['12345热线转办', 'hotline'],
    ['县委督查室督查发现', 'supervision_check'],
    ['安全隐患排查', 'self_inspection'],
  ])('source %s → %s', (word, source) => {
    expect(parseSourceWord(word)).toBe(source);
  });

  it('refuses a source cell holding the words of two sources rather than guess one', () => {
    expect(parseSourceWord('经督查核实的群众举报')).toBeNull();
    expect(parseSourceWord('审计发现')).toBeNull();
  });

  it.each([
    ['已销号', 'closed'],
    ['已完成', 'closed'],
    ['办结', 'closed'],
    ['整改中', 'in_progress'],
    ['推进中', 'in_progress'],
    ['未完成', 'in_progress'],
    ['正在整改，预计6月底完成', 'in_progress'],
    ['已整改', 'rectified'],
    ['待验收', 'rectified'],
    ['已交办', 'assigned'],
    ['已登记', 'registered'],
    ['Closed', 'closed'],
    ['In progress', 'in_progress'],
    ['done', 'closed'],
    // A word of completion with progress after it is not a closure.
    ['完成80%', 'in_progress'],
    ['已完成60%', 'in_progress'],
    ['完成100%', 'closed'],
    ['已完成（阶段性）', 'in_progress'],
    ['完成阶段性目标', 'in_progress'],
    ['基本完成', 'in_progress'],
    ['已完成整改，待验收', 'rectified'],
    ['已整改50%', 'in_progress'],
  ])('status %s → %s', (word, status) => {
    expect(parseStatusWord(word)).toBe(status);
  });

  it('reads rectification types and handling modes', () => {
    expect(parseRectificationTypeWord('立行立改')).toBe('immediate');
    expect(parseRectificationTypeWord('立查立改')).toBe('immediate');
    expect(parseRectificationTypeWord('分阶段整改')).toBe('phased');
    expect(parseRectificationTypeWord('长期坚持')).toBe('long_term');
    expect(parseRectificationTypeWord('Long-term')).toBe('long_term');
    expect(parseHandlingModeWord('上门办')).toBe('on_site');
    expect(parseHandlingModeWord('On-site')).toBe('on_site');
    expect(parseSourceWord('不知道')).toBeNull();
  });

  it('undoes export neutralisation only where export added it', () => {
    expect(unquote("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unquote("''hello")).toBe("'hello");
    expect(unquote("'hello")).toBe("'hello");
    expect(unquote('-5')).toBe('-5');
  });
});

describe('header suggestion', () => {
  const fields = (headers: string[]) => mapColumns(headers).map((c) => c.field);

  it('knows the common Chinese headers', () => {
    expect(
      fields([
        '序号',
        '台账编号',
        '问题描述',
        '责任单位',
        '整改时限',
        '责任人',
        '问题来源',
        '整改状态',
        '整改措施',
        '登记日期',
        '领域',
        '销号日期',
        '备注',
      ]),
    ).toEqual([
      null,
      'ledgerCode',
      'title',
      'department',
      'deadline',
      'person',
      'source',
      'status',
      'measures',
      'registeredAt',
      'domain',
      'closedAt',
      null,
    ]);
  });

  it('knows the variants', () => {
    expect(fields(['存在问题', '牵头部门', '完成时限', '第一责任人', '来源', '完成情况', '编号'])).toEqual([
      'title',
      'department',
      'deadline',
      'person',
      'source',
      'status',
      'ledgerCode',
    ]);
    expect(
      fields(['问题名称', '牵头单位', '办结时限', '办理状态', '发现时间', '问题类别', '办结日期']),
    ).toEqual(['title', 'department', 'deadline', 'status', 'registeredAt', 'domain', 'closedAt']);
    expect(fields(['问题', '责任部门', '整改期限', '完成时间', '问题编号'])).toEqual([
      'title',
      'department',
      'deadline',
      'closedAt',
      'ledgerCode',
    ]);
  });

  it('knows the English headers, in any case and spacing', () => {
    expect(
      fields([
        'No.',
        'Ledger code',
        'Title',
        'Lead department',
        'Deadline',
        'Responsible person',
        'SOURCE',
        'status',
        'closed date',
      ]),
    ).toEqual([
      null,
      'ledgerCode',
      'title',
      'department',
      'deadline',
      'person',
      'source',
      'status',
      'closedAt',
    ]);
  });

  it('recognises a header word inside a longer header and ignores notes in brackets', () => {
    expect(fields(['具体整改措施', '计划完成时限（年月日）', '*牵头责任单位'])).toEqual([
      'measures',
      'deadline',
      'department',
    ]);
  });

  it('gives 问题描述 to the description when 问题名称 is the title', () => {
    expect(fields(['问题名称', '问题描述'])).toEqual(['title', 'description']);
    expect(fields(['问题描述', '问题名称'])).toEqual(['description', 'title']);
  });

  it('leaves out a second column for the same field, with a note', () => {
    const columns = mapColumns(['整改时限', '完成时限']);
    expect(columns.map((c) => c.field)).toEqual(['deadline', null]);
    expect(columns[1]!.note?.en).toContain('Column A');
  });

  it('lets a saved mapping override the suggestion', () => {
    const columns = mapColumns(['问题', '说明', '部门'], {
      说明: 'description',
      问题: 'title',
      部门: 'department',
    });
    expect(columns.map((c) => [c.field, c.from])).toEqual([
      ['title', 'mapping'],
      ['description', 'mapping'],
      ['department', 'mapping'],
    ]);
    expect(mapColumns(['问题', '备注'], { 问题: null }).map((c) => c.field)).toEqual([null, null]);
  });
});
