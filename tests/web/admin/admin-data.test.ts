import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROFILE } from '../../../server/domain/scoring.ts';
import { parseAliases } from '../../../web/features/admin/parse-aliases.ts';
import { decodeFileText, parseAppraisals, readPeriod } from '../../../web/features/admin/parse-appraisals.ts';
import { fromDraft, sameConfig, toDraft, weightTotal } from '../../../web/features/admin/profile-draft.ts';

describe('aliases as typed', () => {
  it('split on lines, 、, commas and semicolons; blanks dropped, repeats kept once', () => {
    expect(parseAliases('教育局\n县教体局、 教体局 ,教育局；\n\n 县教委 ')).toEqual([
      '教育局',
      '县教体局',
      '教体局',
      '县教委',
    ]);
    expect(parseAliases('   ')).toEqual([]);
  });
});

const departments = [
  { code: 'D21', nameZh: '县教育局', nameEn: 'Education Bureau' },
  { code: 'D11', nameZh: '县发展和改革局', nameEn: 'Development and Reform Bureau' },
];

describe('appraisal rows pasted or read from a file', () => {
  it('read tab-separated rows from Excel, skipping the header, by code or name, kind in either language', () => {
    const text =
      '部门\t类别\t期间\t得分\t名次\t总数\n县教育局\t民主评议\t2025\t82.5\t22\t40\nD11\twork assessment\t2025-H1\t91\t8\t40\n';
    expect(parseAppraisals(text, departments)).toEqual({
      rows: [
        { department: 'D21', kind: 'public_appraisal', period: '2025', score: 82.5, rank: 22, outOf: 40 },
        { department: 'D11', kind: 'work_assessment', period: '2025-H1', score: 91, rank: 8, outOf: 40 },
      ],
      problems: [],
    });
  });

  it('read comma-separated rows (a CSV file, BOM and quotes included) with rank and total optional', () => {
    const text =
      '\ufeffEducation Bureau,政府工作考核,2025-Q3,88,,\n"县发展和改革局",民主评议,2025-06,70.25,3\n';
    expect(parseAppraisals(text, departments).rows).toEqual([
      { department: 'D21', kind: 'work_assessment', period: '2025-Q3', score: 88, rank: null, outOf: null },
      { department: 'D11', kind: 'public_appraisal', period: '2025-06', score: 70.25, rank: 3, outOf: null },
    ]);
  });

  it('name every problem with its line', () => {
    const text = [
      '县教育局\t民主评议\t2025\t82.5\t22\t40',
      '县不存在局\t评比\t去年\tabc\t0\t40',
      '县教育局\t民主评议\t2025\t80\t41\t40',
      '县教育局',
    ].join('\n');
    expect(parseAppraisals(text, departments).problems).toEqual([
      { line: 2, problem: 'department', value: '县不存在局' },
      { line: 2, problem: 'kind', value: '评比' },
      { line: 2, problem: 'period', value: '去年' },
      { line: 2, problem: 'score', value: 'abc' },
      { line: 2, problem: 'rank', value: '0' },
      { line: 3, problem: 'rankAboveOutOf', value: '41 / 40' },
      { line: 4, problem: 'columns', value: '县教育局' },
    ]);
  });
});

describe('an appraisal file as Excel saves it', () => {
  const sheet = '部门,类别,期间,得分,名次,总数\r\n县教育局,民主评议,2025年,８２.５分,第22名,40\r\n';
  const expected = [
    { department: 'D21', kind: 'public_appraisal', period: '2025', score: 82.5, rank: 22, outOf: 40 },
  ];

  it('is read in the encoding it was saved in: GBK ("CSV" on Chinese Windows), UTF-8 with or without BOM, UTF-16', () => {
    const gbk = new Uint8Array(iconv.encode(sheet, 'gbk'));
    // Read as UTF-8 (as File.text() does), the Chinese names are lost.
    expect(new TextDecoder().decode(gbk)).toContain('\ufffd');
    expect(decodeFileText(gbk)).toBe(sheet);
    expect(decodeFileText(new Uint8Array(Buffer.from(sheet, 'utf8')))).toBe(sheet);
    expect(decodeFileText(new Uint8Array(Buffer.from(`\ufeff${sheet}`, 'utf8')))).toBe(sheet);
    const utf16 = new Uint8Array(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet.replaceAll(',', '\t'), 'utf16le')]),
    );
    expect(decodeFileText(utf16)).toBe(sheet.replaceAll(',', '\t'));
    expect(parseAppraisals(decodeFileText(gbk), departments)).toEqual({ rows: expected, problems: [] });
  });

  it('takes full-width digits, a score in 分 and a rank as 第22名', () => {
    expect(parseAppraisals(sheet, departments).rows).toEqual(expected);
    expect(parseAppraisals('Ｄ２１\t民主评议\t２０２５\t９０\t３\t４０', departments).rows).toEqual([
      { department: 'D21', kind: 'public_appraisal', period: '2025', score: 90, rank: 3, outOf: 40 },
    ]);
  });

  it.each([
    ['2025', '2025'],
    ['2025年', '2025'],
    ['2025年度', '2025'],
    ['2025-H1', '2025-H1'],
    ['2025-h2', '2025-H2'],
    ['2025年上半年', '2025-H1'],
    ['2025年下半年', '2025-H2'],
    ['2025年第三季度', '2025-Q3'],
    ['2025年一季度', '2025-Q1'],
    ['2025年第4季度', '2025-Q4'],
    ['2025Q2', '2025-Q2'],
    ['2025-Q3', '2025-Q3'],
    // A month typed 2025-06 is a date to Excel, which shows and saves it as 2025年6月.
    ['2025年6月', '2025-06'],
    ['2025年12月份', '2025-12'],
    ['2025/6', '2025-06'],
    ['2025.11', '2025-11'],
    ['２０２５年６月', '2025-06'],
    ['2025-06', '2025-06'],
    // Not periods: left as they are, for the problem to name.
    ['2025年13月', '2025年13月'],
    ['去年', '去年'],
  ])('reads the period %s as %s', (text, period) => {
    expect(readPeriod(text)).toBe(period);
  });

  it('names a second row for the same department, kind and period by its line, and the first', () => {
    // A header, a blank line, then the Education Bureau twice (by name and by alias-free code).
    const text =
      '部门\t类别\t期间\t得分\n\n县教育局\t民主评议\t2025年\t80\nD11\t民主评议\t2025\t70\nD21\t民主评议\t2025\t82';
    expect(parseAppraisals(text, departments)).toEqual({
      rows: [
        { department: 'D21', kind: 'public_appraisal', period: '2025', score: 80, rank: null, outOf: null },
        { department: 'D11', kind: 'public_appraisal', period: '2025', score: 70, rank: null, outOf: null },
      ],
      problems: [{ line: 5, problem: 'duplicate', value: 'D21', first: 3 }],
    });
    // Another kind or period is another value.
    expect(
      parseAppraisals(
        'D21\t民主评议\t2025\t80\nD21\t政府工作考核\t2025\t82\nD21\t民主评议\t2025-H1\t81',
        departments,
      ).problems,
    ).toEqual([]);
  });

  it('names a period it cannot read as the cell says it', () => {
    expect(parseAppraisals('县教育局\t民主评议\t2025年13月\t80', departments).problems).toEqual([
      { line: 1, problem: 'period', value: '2025年13月' },
    ]);
  });
});

describe('the scoring profile editor', () => {
  it('shows rates in percent and days as days, and reads them back exactly', () => {
    const draft = toDraft(DEFAULT_PROFILE);
    expect(draft.components.onTimeRate).toEqual({ weight: '30', floor: '50', target: '95' });
    expect(draft.components.medianDaysToClose).toEqual({ weight: '15', floor: '90', target: '15' });
    expect(fromDraft(draft)).toEqual(DEFAULT_PROFILE);
  });

  it('adds up the weights as typed', () => {
    const draft = toDraft(DEFAULT_PROFILE);
    expect(weightTotal(draft)).toBe(100);
    draft.components.appraisal.weight = '10';
    expect(weightTotal(draft)).toBe(110);
  });

  it('refuses a draft with a field that is not a number', () => {
    const draft = toDraft(DEFAULT_PROFILE);
    draft.components.closureRate.floor = '';
    expect(fromDraft(draft)).toBeNull();
    const fractional = toDraft(DEFAULT_PROFILE);
    fractional.minDueItems = '2.5';
    expect(fromDraft(fractional)).toBeNull();
  });

  it('knows when a preview still stands for the draft', () => {
    const changed = fromDraft({ ...toDraft(DEFAULT_PROFILE), warningDays: '5' });
    expect(sameConfig(DEFAULT_PROFILE, fromDraft(toDraft(DEFAULT_PROFILE)))).toBe(true);
    expect(sameConfig(DEFAULT_PROFILE, changed)).toBe(false);
    expect(sameConfig(DEFAULT_PROFILE, null)).toBe(false);
  });
});
