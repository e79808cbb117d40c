import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open.ts';
import type { SessionUser } from '../../server/auth/principal.ts';
import { fixedClock } from '../../server/domain/time.ts';
import {
  commitImport,
  dryRunImport,
  type ImportReport,
  inspectImport,
  mappingOf,
} from '../../server/import/index.ts';
import { makeResolver } from '../../server/import/plan.ts';
import { editItem } from '../../server/ledger/commands.ts';
import { CLI_ACTOR, count, countyDb, csv, NOW_LOCAL, OPTIONS, snapshot, xlsx } from './fixtures.ts';
import { brokenInvariants } from './invariants.ts';

const deptId = (db: Db, code: string) =>
  (db.prepare('SELECT id FROM departments WHERE code = ?').get(code) as { id: number }).id;
const item = (db: Db, code: string) =>
  db.prepare('SELECT * FROM items WHERE ledger_code = ?').get(code) as Record<string, unknown>;
/** The Education Bureau's liaison (editor-d21), as the ledger's commands take a signed-in user. */
const educationLiaison = (db: Db) =>
  db
    .prepare(
      "SELECT id, username, display_name AS displayName, role, department_id AS departmentId FROM users WHERE username = 'editor-d21'",
    )
    .get() as SessionUser;
const actions = (r: ImportReport) => r.rows.map((x) => [x.row, x.action, x.ledgerCode]);

const HEADER = [
  '序号',
  '台账编号',
  '问题描述',
  '领域',
  '问题来源',
  '责任单位',
  '责任人',
  '登记日期',
  '整改时限',
  '整改措施',
  '整改状态',
  '销号日期',
];

/** A county office's sheet: a merged title row, a unit line, the header in row 3, merged department cells, a blank row, totals and a note. */
function countySheet(overrides: Partial<Record<string, unknown[]>> = {}) {
  return xlsx((sheet) => {
    sheet.addRow(['青山县作风建设专项整治问题整改台账']);
    sheet.mergeCells('A1:L1');
    sheet.addRow(['填报单位：县委督查室　　填报日期：2023年6月1日']);
    sheet.mergeCells('A2:L2');
    sheet.addRow(HEADER);
    const rows: Record<string, unknown[]> = {
      r4: [
        1,
        'ZF-001',
        '学校违规收取资料费',
        '大班额',
        '自查',
        '县教育局',
        '张三',
        new Date(Date.UTC(2023, 2, 1)),
        45077,
        '退还费用',
        '已销号',
        '2023/5/20',
      ],
      r5: [
        2,
        'ZF-002',
        '教师有偿补课',
        '有偿补课',
        '群众反映',
        '教育局',
        '李四',
        '2023.3.2',
        '2023年6月30日',
        '建立台账',
        '整改中',
        null,
      ],
      r6: [
        3,
        'ZF-003',
        '医院停车乱收费',
        '停车收费',
        '督查',
        null,
        '王五',
        '2023-03-03 09:30',
        '长期坚持',
        '常态化监管',
        '推进中',
        null,
      ],
      r8: [
        4,
        'ZF-004',
        '窗口服务态度差',
        '窗口服务作风',
        '12345',
        '审批局',
        '赵六',
        '2023年3月4日',
        '2023-04-30 18:00',
        '约谈整改',
        '已完成',
        '2023-04-29 10:00',
      ],
      ...overrides,
    };
    sheet.addRow(rows.r4!);
    sheet.getCell('H4').numFmt = 'yyyy-mm-dd';
    sheet.addRow(rows.r5!);
    sheet.addRow(rows.r6!);
    sheet.mergeCells('F5:F6');
    sheet.addRow([]);
    sheet.addRow(rows.r8!);
    sheet.addRow(['合计', null, '4项']);
    sheet.addRow(['注：本表由各责任单位填报，每周五更新']);
  });
}

describe('dry run of a county sheet (xlsx)', () => {
  it('finds the header under the title, reads every format and reports each row', async () => {
    const db = countyDb();
    const report = await dryRunImport(db, { name: '台账.xlsx', bytes: await countySheet() }, OPTIONS);
    expect(report.file).toMatchObject({ format: 'xlsx', sheet: '台账', headerRow: 3 });
    expect(report.columns.map((c) => c.field)).toEqual([
      null,
      'ledgerCode',
      'title',
      'domain',
      'source',
      'department',
      'person',
      'registeredAt',
      'deadline',
      'measures',
      'status',
      'closedAt',
    ]);
    expect(actions(report)).toEqual([
      [4, 'create', 'ZF-001'],
      [5, 'create', 'ZF-002'],
      [6, 'create', 'ZF-003'],
      [8, 'create', 'ZF-004'],
      [9, 'skip', null],
      [10, 'skip', null],
    ]);
    expect(report.rows.filter((r) => r.action === 'skip').map((r) => r.skipped)).toEqual(['totals', 'note']);
    expect(report.summary).toEqual({ rows: 6, create: 4, update: 0, unchanged: 0, reject: 0, skip: 2 });
    expect(count(db, 'SELECT COUNT(*) AS n FROM items')).toBe(0);
  });

  it('commits items with the values the sheet gives', async () => {
    const db = countyDb();
    const result = await commitImport(
      db,
      { name: '台账.xlsx', bytes: await countySheet() },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.committed).toBe(true);
    const a = item(db, 'ZF-001');
    expect(a).toMatchObject({
      title: '学校违规收取资料费',
      source: 'self_inspection',
      department_id: deptId(db, 'D21'),
      responsible_person: '张三',
      registered_at: '2023-03-01T00:00:00', // a date cell
      deadline: '2023-05-31', // Excel serial 45077
      deadline_end: '2023-05-31T24:00:00',
      original_deadline: '2023-05-31',
      rectification_type: 'phased',
      measures: '退还费用',
      status: 'closed',
      closed_at: '2023-05-20T00:00:00', // 2023/5/20
      first_closed_at: '2023-05-20T00:00:00',
      state_changed_at: '2023-05-20T00:00:00',
    });
    expect(item(db, 'ZF-002')).toMatchObject({
      department_id: deptId(db, 'D21'), // alias 教育局
      source: 'public_complaint',
      registered_at: '2023-03-02T00:00:00', // 2023.3.2
      deadline: '2023-06-30', // 2023年6月30日
      status: 'in_progress',
      closed_at: null,
    });
    expect(item(db, 'ZF-003')).toMatchObject({
      department_id: deptId(db, 'D21'), // merged F5:F6
      source: 'supervision_check',
      registered_at: '2023-03-03T09:30:00',
      deadline: null, // 长期坚持
      rectification_type: 'long_term',
      status: 'in_progress',
    });
    expect(item(db, 'ZF-004')).toMatchObject({
      department_id: deptId(db, 'D29'), // alias 审批局
      source: 'hotline',
      deadline: '2023-04-30T18:00:00',
      deadline_end: '2023-04-30T18:00:00',
      status: 'closed',
      closed_at: '2023-04-29T10:00:00',
    });
    const domain = db.prepare(
      'SELECT d.code FROM items i JOIN domains d ON d.id = i.domain_id WHERE ledger_code = ?',
    );
    expect((domain.get('ZF-003') as { code: string }).code).toBe('parking-fees');
    expect(brokenInvariants(db)).toEqual({});
  });
});

describe('an item written over several rows, one per measure', () => {
  const HEAD = ['序号', '问题名称', '责任单位', '登记日期', '整改时限', '整改措施', '问题来源'];
  /** Row 2's problem merged down over rows 2–4 (序号, title, department, dates, source), a measure per row. */
  const merged = () =>
    xlsx((s) => {
      s.addRow(HEAD);
      s.addRow([
        1,
        '学校违规收取资料费',
        '县教育局',
        '2026-03-01',
        '2026-06-30',
        '1.全面排查收费项目',
        '自查',
      ]);
      s.addRow([null, null, null, null, null, '2.退还违规收取费用', null]);
      s.addRow([null, null, null, null, null, '3.建立长效机制', null]);
      s.addRow([2, '窗口推诿扯皮', '县财政局', '2026-03-01', '2026-06-30', '加强窗口管理', '自查']);
      for (const c of ['A', 'B', 'C', 'D', 'E', 'G']) s.mergeCells(`${c}2:${c}4`);
    });
  /** The same sheet saved as CSV: the merged cells are empty below their first row. */
  const saved = csv(
    `${HEAD.join(',')}\n1,学校违规收取资料费,县教育局,2026-03-01,2026-06-30,1.全面排查收费项目,自查\n,,,,,2.退还违规收取费用,\n,,,,,3.建立长效机制,\n2,窗口推诿扯皮,县财政局,2026-03-01,2026-06-30,加强窗口管理,自查`,
  );
  const MEASURES = '1.全面排查收费项目\n2.退还违规收取费用\n3.建立长效机制';

  it.each([
    ['xlsx', '台账.xlsx', merged],
    ['csv', '台账.csv', async () => saved],
  ] as const)(
    'is one item with every measure (%s), its other rows listed as its continuation',
    async (_, name, file) => {
      const db = countyDb();
      const report = await dryRunImport(db, { name, bytes: await file() }, OPTIONS);
      expect(report.rows.map((r) => [r.row, r.action, r.skipped ?? r.title, r.continues])).toEqual([
        [2, 'create', '学校违规收取资料费', undefined],
        [3, 'skip', 'continuation', 2],
        [4, 'skip', 'continuation', 2],
        [5, 'create', '窗口推诿扯皮', undefined],
      ]);
      expect(report.summary).toMatchObject({ rows: 4, create: 2, skip: 2, reject: 0 });
      const result = await commitImport(db, { name, bytes: await file() }, { ...OPTIONS, actor: CLI_ACTOR });
      expect(result.committed).toBe(true);
      const rows = db.prepare('SELECT title, measures, deadline FROM items ORDER BY id').all();
      expect(rows).toEqual([
        { title: '学校违规收取资料费', measures: MEASURES, deadline: '2026-06-30' },
        { title: '窗口推诿扯皮', measures: '加强窗口管理', deadline: '2026-06-30' },
      ]);
      // The same file again changes nothing: the joined item is found and equal.
      const again = await dryRunImport(db, { name, bytes: await file() }, OPTIONS);
      expect(again.summary).toMatchObject({ unchanged: 2, create: 0, update: 0, reject: 0 });
    },
  );

  it('lists a heading alone in the 序号 column as a heading (a CSV of a sheet with sections)', async () => {
    const db = countyDb();
    const file = csv(
      `${HEAD.join(',')}\n一、教育领域,,,,,,\n1,学校违规收取资料费,县教育局,2026-03-01,2026-06-30,全面排查,自查\n,,,,,,`,
    );
    const report = await dryRunImport(db, { name: 'x.csv', bytes: file }, OPTIONS);
    expect(report.rows.map((r) => [r.row, r.action, r.skipped])).toEqual([
      [2, 'skip', 'heading'],
      [3, 'create', undefined],
    ]);
  });

  it('joins measure rows whatever a column the import leaves out says (备注 per measure)', async () => {
    const db = countyDb();
    const file = csv(
      `${HEAD.join(',')},备注\n1,学校违规收取资料费,县教育局,2026-03-01,2026-06-30,1.全面排查,自查,已完成\n,,,,,2.退还费用,,进行中`,
    );
    const report = await dryRunImport(db, { name: 'x.csv', bytes: file }, OPTIONS);
    expect(report.rows.map((r) => [r.row, r.action, r.continues])).toEqual([
      [2, 'create', undefined],
      [3, 'skip', 2],
    ]);
  });

  it('keeps rows apart that differ in anything but their text (a deadline per measure, a number)', async () => {
    const db = countyDb();
    const file = csv(
      `${HEAD.join(',')}\n1,学校违规收取资料费,县教育局,2026-03-01,2026-06-30,1.全面排查,自查\n,,,,2026-09-30,2.退还费用,\n2,,,,,3.长效机制,`,
    );
    const report = await dryRunImport(db, { name: 'x.csv', bytes: file }, OPTIONS);
    expect(report.rows.map((r) => [r.row, r.action])).toEqual([
      [2, 'create'],
      [3, 'reject'],
      [4, 'reject'],
    ]);
    expect(report.rows[1]!.errors.map((e) => e.field)).toContain('title');
  });
});

describe("an office's sheet with sections, merged notes and progress words", () => {
  /** Sections headed by merged rows and numbered titles, a planned date for the deadline, notes merged across. */
  const sheet = () =>
    xlsx((s) => {
      s.addRow([
        '序号',
        '台账编号',
        '问题名称',
        '责任单位',
        '问题来源',
        '登记日期',
        '计划完成时间',
        '整改状态',
        '完成时间',
      ]);
      s.addRow(['一、教育领域（共3项）']);
      s.mergeCells('A2:I2');
      s.addRow([1, 'S-1', '食堂台账不全', '县教育局', '自查', '2026-03-01', '2026-06-30', '完成80%', null]);
      s.addRow([
        2,
        'S-2',
        '校车维护不及时',
        '县教育局',
        '自查',
        '2026-03-01',
        '2026-06-30',
        '已完成（阶段性）',
        null,
      ]);
      s.addRow([
        3,
        'S-3',
        '宿舍消防通道堵塞',
        '县教育局',
        '自查',
        '2026-03-01',
        '2026-06-30',
        '已完成整改，待验收',
        null,
      ]);
      s.addRow(['二', '审批领域（共1项）']);
      s.addRow([
        4,
        'S-4',
        '窗口服务不规范',
        '县财政局',
        '自查',
        '2026-03-01',
        '2026-06-30',
        '已完成',
        '2026-06-20',
      ]);
      s.addRow(['注：1.本表由各单位每周五填报；2.完成时间填实际销号日期。']);
      s.mergeCells('A8:I8');
      s.addRow(['填表人：张三　审核人：李四']);
      s.mergeCells('A9:I9');
    });

  it('skips the headings and the merged notes, and reads progress as open, not closed', async () => {
    const db = countyDb();
    const report = await dryRunImport(db, { name: '台账.xlsx', bytes: await sheet() }, OPTIONS);
    expect(report.columns.map((c) => c.field)).toEqual([
      null,
      'ledgerCode',
      'title',
      'department',
      'source',
      'registeredAt',
      'deadline',
      'status',
      'closedAt',
    ]);
    expect(report.rows.map((r) => [r.row, r.action, r.skipped ?? r.ledgerCode])).toEqual([
      [2, 'skip', 'heading'],
      [3, 'create', 'S-1'],
      [4, 'create', 'S-2'],
      [5, 'create', 'S-3'],
      [6, 'skip', 'heading'],
      [7, 'create', 'S-4'],
      [8, 'skip', 'note'],
      [9, 'skip', 'note'],
    ]);
    const result = await commitImport(
      db,
      { name: '台账.xlsx', bytes: await sheet() },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.committed).toBe(true);
    const status = (code: string) => item(db, code).status;
    expect([status('S-1'), status('S-2'), status('S-3'), status('S-4')]).toEqual([
      'in_progress',
      'in_progress',
      'rectified',
      'closed',
    ]);
    expect(item(db, 'S-4')).toMatchObject({ deadline: '2026-06-30', closed_at: '2026-06-20T00:00:00' });
    expect(count(db, 'SELECT COUNT(*) AS n FROM item_closures')).toBe(1);
  });

  it('reads a header of two rows, the lower naming the columns under merged groups', async () => {
    const db = countyDb();
    const file = await xlsx((s) => {
      s.addRow(['青山县问题整改台账']);
      s.mergeCells('A1:I1');
      s.addRow(['序号', '台账编号', '问题名称', '责任单位', null, '问题来源', '整改情况', null, '整改时限']);
      s.addRow([null, null, null, '牵头', '配合', null, '是否完成', '完成时间', null]);
      for (const c of ['A', 'B', 'C', 'F', 'I']) s.mergeCells(`${c}2:${c}3`);
      s.mergeCells('D2:E2');
      s.mergeCells('G2:H2');
      s.addRow([1, 'T-1', '食堂台账不全', '县教育局', '县财政局', '自查', '是', '2026-05-20', '2026-06-30']);
      s.addRow([2, 'T-2', '窗口服务不规范', '县财政局', null, '自查', '否', null, '2026-06-30']);
    });
    const report = await dryRunImport(db, { name: '台账.xlsx', bytes: file }, OPTIONS);
    expect(report.file.headerRow).toBe(3);
    expect(report.columns.map((c) => [c.letter, c.header, c.field])).toEqual([
      ['A', '序号', null],
      ['B', '台账编号', 'ledgerCode'],
      ['C', '问题名称', 'title'],
      ['D', '牵头单位', 'department'],
      ['E', '配合单位', 'participants'],
      ['F', '问题来源', 'source'],
      ['G', '是否完成情况', 'status'],
      ['H', '完成时间', 'closedAt'],
      ['I', '整改时限', 'deadline'],
    ]);
    expect(actions(report)).toEqual([
      [4, 'create', 'T-1'],
      [5, 'create', 'T-2'],
    ]);
    const result = await commitImport(
      db,
      { name: '台账.xlsx', bytes: file },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.committed).toBe(true);
    expect(item(db, 'T-1')).toMatchObject({ status: 'closed', closed_at: '2026-05-20T00:00:00' });
    expect(item(db, 'T-2')).toMatchObject({ status: 'in_progress' });
  });

  it('names a formula error in a cell rather than reading it as empty', async () => {
    const db = countyDb();
    const file = await xlsx((s) => {
      s.addRow(['台账编号', '问题名称', '责任单位', '问题来源', '整改时限']);
      s.addRow(['E-1', '食堂台账不全', null, '自查', '2026-06-30']);
      s.getCell('C2').value = { formula: 'VLOOKUP(B2,单位表!A:B,2,FALSE)', result: { error: '#N/A' } };
    });
    const report = await dryRunImport(db, { name: 'e.xlsx', bytes: file }, OPTIONS);
    expect(report.rows[0]!.errors).toEqual([
      {
        column: 'C',
        header: '责任单位',
        field: 'department',
        value: '#N/A',
        message: {
          zh: '单元格是公式错误 #N/A：请在表中改正公式或填入数值',
          en: 'The cell is a formula error, #N/A: correct the formula or type the value',
        },
      },
    ]);
  });

  it('rejects a date of something that has not happened yet, naming the field', async () => {
    const db = countyDb();
    const file = csv(
      [
        '台账编号,问题名称,责任单位,问题来源,登记日期,整改时限,整改状态,销号日期',
        'F-1,提前销号的问题,县教育局,自查,2026-03-01,2026-06-30,已销号,2027-06-20',
        'F-2,将来登记的问题,县教育局,自查,2027-05-01,2027-06-30,整改中,',
        'F-3,今天销号的问题,县教育局,自查,2026-03-01,2026-06-30,已销号,2026-11-20',
      ].join('\n'),
    );
    const report = await dryRunImport(db, { name: 'f.csv', bytes: file }, OPTIONS);
    expect(actions(report)).toEqual([
      [2, 'reject', 'F-1'],
      [3, 'reject', 'F-2'],
      [4, 'create', 'F-3'],
    ]);
    const errors = (row: number) => report.rows.find((r) => r.row === row)!.errors;
    expect(errors(2)).toEqual([
      {
        column: 'H',
        header: '销号日期',
        field: 'closedAt',
        value: '2027-06-20',
        message: {
          zh: '销号时间晚于当前时间（2026年11月20日 16:00），不能登记尚未发生的事项',
          en: 'Closed is later than now (Nov 20, 2026, 16:00): it cannot have happened yet',
        },
      },
    ]);
    expect(errors(3)).toMatchObject([{ column: 'E', field: 'registeredAt', value: '2027-05-01' }]);
  });
});

describe('inspecting a file for the mapping screen', () => {
  it('gives the header row, each column with its suggestion, and the first rows parsed', async () => {
    const preview = await inspectImport({ name: '台账.xlsx', bytes: await countySheet() }, {});
    expect(preview.file.headerRow).toBe(3);
    expect(preview.columns[5]).toMatchObject({
      letter: 'F',
      header: '责任单位',
      field: 'department',
      suggested: 'department',
      from: 'suggestion',
    });
    expect(preview.sample.map((r) => r.row)).toEqual([4, 5, 6, 8]);
    expect(preview.sample[0]!.values).toMatchObject({
      ledgerCode: 'ZF-001',
      deadline: { kind: 'date', value: '2023-05-31' },
    });
    expect(mappingOf(preview.columns)).toMatchObject({ 序号: null, 问题描述: 'title', 整改时限: 'deadline' });
  });

  it('applies a corrected mapping', async () => {
    const preview = await inspectImport(
      { name: '台账.xlsx', bytes: await countySheet() },
      { mapping: { 问题描述: 'description', 整改措施: 'title' } },
    );
    expect(preview.columns.map((c) => c.field)).toContain('description');
    expect(preview.sample[0]!.values).toMatchObject({ title: '退还费用', description: '学校违规收取资料费' });
  });
});

describe('csv ledgers', () => {
  it('reads an English sheet in UTF-8 without BOM', async () => {
    const db = countyDb();
    const file = csv(
      [
        'No.,Ledger code,Title,Lead department,Deadline,Responsible person,Source,Status,Closed date,Registered',
        '1,EN-1,Fees charged for materials,Education Bureau,2023-05-31,Zhang San,Self-inspection,Closed,2023-05-20,2023-03-01',
        '2,EN-2,"Queue at the service window, again",D29,ongoing,Li Si,hotline,in progress,,2023-03-02',
      ].join('\n'),
    );
    const result = await commitImport(
      db,
      { name: 'ledger.csv', bytes: file },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.report.file).toMatchObject({ format: 'csv', encoding: 'utf-8', headerRow: 1 });
    expect(actions(result.report)).toEqual([
      [2, 'create', 'EN-1'],
      [3, 'create', 'EN-2'],
    ]);
    expect(item(db, 'EN-1')).toMatchObject({
      department_id: deptId(db, 'D21'),
      status: 'closed',
      closed_at: '2023-05-20T00:00:00',
    });
    expect(item(db, 'EN-2')).toMatchObject({
      title: 'Queue at the service window, again',
      department_id: deptId(db, 'D29'),
      rectification_type: 'long_term',
      deadline: null,
      status: 'in_progress',
    });
  });

  const CHINESE = [
    '序号,问题名称,牵头单位,完成时限,第一责任人,来源,完成情况',
    '1,学生课业负担重,县教育局,2023年6月30日,张三,巡视反馈,已完成',
    '2,群众办事多头跑,县政府办公室,2023/7/1,李四,回头看,正在整改',
  ].join('\n');

  it.each([
    ['GBK (Excel on Chinese Windows)', 'gbk', 'gb18030'],
    ['UTF-8 with BOM', 'utf8-bom', 'utf-8'],
    ['UTF-8 without BOM', 'utf8', 'utf-8'],
  ] as const)('reads Chinese %s', async (_name, encoding, detected) => {
    const db = countyDb();
    const report = await dryRunImport(db, { name: '台账.csv', bytes: csv(CHINESE, encoding) }, OPTIONS);
    expect(report.file.encoding).toBe(detected);
    expect(report.columns.map((c) => c.field)).toEqual([
      null,
      'title',
      'department',
      'deadline',
      'person',
      'source',
      'status',
    ]);
    expect(report.summary).toMatchObject({ create: 2, reject: 0 });
    const result = await commitImport(
      db,
      { name: '台账.csv', bytes: csv(CHINESE, encoding) },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.committed).toBe(true);
    const rows = db.prepare('SELECT title, source, status, deadline FROM items ORDER BY id').all();
    expect(rows).toEqual([
      { title: '学生课业负担重', source: 'inspection_feedback', status: 'closed', deadline: '2023-06-30' },
      { title: '群众办事多头跑', source: 'look_back', status: 'in_progress', deadline: '2023-07-01' },
    ]);
    // Without a ledger code column each row gets one from the campaign and its content.
    expect(report.rows[0]!.ledgerCode).toMatch(/^C-CONDUCT-[0-9A-F]{10}$/);
  });
});

describe('rejected rows', () => {
  const BAD = [
    '台账编号,问题名称,牵头单位,整改时限,问题来源',
    'B-1,正常的问题,县教育局,2023-06-30,自查',
    'B-2,单位写错的问题,县教育所,2023-06-30,自查',
    'B-3,日期写错的问题,县教育局,2023-02-30,自查',
    'B-4,,县教育局,2023-06-30,自查',
    'B-5,来源写错的问题,县教育局,2023-06-30,路边听说',
  ].join('\n');

  it('name the row as the user sees it, the column and the reason in both languages', async () => {
    const db = countyDb();
    const report = await dryRunImport(db, { name: 'bad.csv', bytes: csv(BAD) }, OPTIONS);
    expect(actions(report)).toEqual([
      [2, 'create', 'B-1'],
      [3, 'reject', 'B-2'],
      [4, 'reject', 'B-3'],
      [5, 'reject', 'B-4'],
      [6, 'reject', 'B-5'],
    ]);
    const issue = (row: number) => report.rows.find((r) => r.row === row)!.errors;
    expect(issue(3)).toEqual([
      {
        column: 'C',
        header: '牵头单位',
        field: 'department',
        value: '县教育所',
        message: {
          zh: '找不到单位“县教育所”（是否为“县教育局”？如是，可在“管理 → 部门”中编辑该部门，把“县教育所”添加为别名）',
          en: 'No department "县教育所" (is it "Education Bureau"? If so, edit that department under Admin → Departments and add "县教育所" as an alias)',
        },
      },
    ]);
    expect(issue(4)).toMatchObject([
      { column: 'D', header: '整改时限', field: 'deadline', value: '2023-02-30' },
    ]);
    expect(issue(4)[0]!.message.en).toBe(
      '"2023-02-30" is not a date (write 2023-05-31, 2023/5/31, 2023.5.31 or 2023年5月31日, optionally with a time)',
    );
    expect(issue(5)).toEqual([
      {
        column: 'B',
        header: '问题名称',
        field: 'title',
        message: { zh: '问题名称为空', en: 'Title is empty' },
      },
    ]);
    expect(issue(6)).toMatchObject([{ column: 'E', field: 'source', value: '路边听说' }]);
    expect(issue(6)[0]!.message.zh).toContain('不认识的问题来源“路边听说”');
    expect(report.summary).toMatchObject({ create: 1, reject: 4 });
  });

  it('say of a lead department left empty under a named one that a merged cell saved as CSV keeps it on its first row', async () => {
    const merged = [
      '台账编号,问题名称,牵头单位,整改时限,问题来源,整改情况',
      'M-0,无单位的问题,,2023-06-30,自查,整改中',
      'M-1,第一个问题,县教育局,2023-06-30,自查,整改中',
      'M-2,第二个问题,,2023-06-30,自查,整改中',
      'M-3,第三个问题,,2023-06-30,自查,整改中',
    ].join('\n');
    const report = await dryRunImport(countyDb(), { name: 'merged.csv', bytes: csv(merged) }, OPTIONS);
    expect(actions(report)).toEqual([
      [2, 'reject', 'M-0'],
      [3, 'create', 'M-1'],
      [4, 'reject', 'M-2'],
      [5, 'reject', 'M-3'],
    ]);
    const message = (row: number) => report.rows.find((r) => r.row === row)!.errors[0]!.message;
    // Nothing above it: the plain reason.
    expect(message(2)).toEqual({
      zh: '已交办的事项须有牵头部门',
      en: 'An assigned item needs a lead department',
    });
    for (const row of [4, 5])
      expect(message(row).zh).toBe(
        '已交办的事项须有牵头部门（上方最近填写的是“县教育局”：如原表中是合并单元格，另存为CSV后只有第一行保留内容，请导入原xlsx文件，或逐行填写牵头部门）',
      );
    expect(message(4).en).toContain('the nearest row above names "县教育局"');
  });

  it('commit nothing at all, leaving the database exactly as it was', async () => {
    const db = countyDb();
    await commitImport(db, { name: 'a.xlsx', bytes: await countySheet() }, { ...OPTIONS, actor: CLI_ACTOR });
    const before = snapshot(db);
    const result = await commitImport(
      db,
      { name: 'bad.csv', bytes: csv(BAD) },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result).toMatchObject({ committed: false, batchId: null });
    expect(snapshot(db)).toEqual(before);
  });

  it('refuse text longer than the item takes, as the API would, naming the column', async () => {
    const db = countyDb();
    const title = '长'.repeat(301);
    const person = 'p'.repeat(61);
    const file = csv(
      [
        '台账编号,问题名称,牵头单位,整改时限,问题来源,第一责任人',
        `L-1,${'长'.repeat(300)},县教育局,2023-06-30,自查,${'p'.repeat(60)}`,
        `L-2,${title},县教育局,2023-06-30,自查,${person}`,
      ].join('\n'),
    );
    const report = await dryRunImport(db, { name: 'long.csv', bytes: file }, OPTIONS);
    expect(actions(report)).toEqual([
      [2, 'create', 'L-1'],
      [3, 'reject', 'L-2'],
    ]);
    expect(report.rows[1]!.errors).toEqual([
      {
        column: 'B',
        header: '问题名称',
        field: 'title',
        value: `${'长'.repeat(40)}…`,
        message: {
          zh: '问题名称超过 300 个字符（共 301 个）',
          en: 'Title is longer than 300 characters (301)',
        },
      },
      {
        column: 'F',
        header: '第一责任人',
        field: 'person',
        value: `${'p'.repeat(40)}…`,
        message: {
          zh: '第一责任人超过 60 个字符（共 61 个）',
          en: 'Responsible person is longer than 60 characters (61)',
        },
      },
    ]);
  });

  it('bring in no character the API refuses in typed text: control characters and direction overrides are dropped', async () => {
    const db = countyDb();
    // A terminal's escape and bell (the command line prints cells), a right-to-left override (the
    // ledger would show the rest of the title reversed), the search index's field end (U+0001); a
    // Word line break (vertical tab) is a line break; tabs and line breaks stay.
    const file = csv(
      [
        '台账编号,问题名称,牵头单位,整改时限,问题来源,整改措施',
        'L-1,\u001b[2J食堂\u0007台账\u202e不全\u0001,县教育局,2023-06-30,自查,"排查\u000b整改\t到位\n建立制度"',
      ].join('\n'),
    );
    const result = await commitImport(db, { name: 'ctl.csv', bytes: file }, { ...OPTIONS, actor: CLI_ACTOR });
    expect(result.committed).toBe(true);
    expect(item(db, 'L-1')).toMatchObject({
      title: '[2J食堂台账不全',
      measures: '排查\n整改\t到位\r\n建立制度',
    });
  });

  it('warn of a deadline before the registration, and create the item overdue from the start', async () => {
    const db = countyDb();
    const file = csv(
      [
        '台账编号,问题名称,牵头单位,登记日期,整改时限,问题来源',
        'E-1,先到期后登记的问题,县教育局,2023-07-01,2023年6月底,自查',
        'E-2,正常的问题,县教育局,2023-07-01,2023-07-01,自查',
      ].join('\n'),
    );
    const report = await dryRunImport(db, { name: 'early.csv', bytes: file }, OPTIONS);
    expect(actions(report)).toEqual([
      [2, 'create', 'E-1'],
      [3, 'create', 'E-2'],
    ]);
    expect(report.rows[0]!.warnings).toEqual([
      {
        column: 'E',
        header: '整改时限',
        field: 'deadline',
        message: {
          zh: '整改期限（2023年6月30日）早于登记时间（2023年7月1日 00:00），登记时即已逾期',
          en: 'The deadline (Jun 30, 2023) is before the registration (Jul 1, 2023, 00:00): overdue from the start',
        },
      },
    ]);
    expect(report.rows[1]!.warnings).toEqual([]);
  });

  it('reject a ledger code that appears twice in the file', async () => {
    const db = countyDb();
    const file = csv(
      '台账编号,问题名称,牵头单位,整改时限,问题来源\nD-1,甲,县教育局,2023-06-30,自查\nD-1,乙,县教育局,2023-06-30,自查',
    );
    const report = await dryRunImport(db, { name: 'dup.csv', bytes: file }, OPTIONS);
    expect(report.rows[1]!.errors[0]).toMatchObject({
      column: 'A',
      message: { en: 'Same ledger code as row 2' },
    });
  });

  it('reject a row the same as another when neither has a code, naming the title, not a made code', async () => {
    const db = countyDb();
    const file = csv(
      '问题名称,牵头单位,整改时限,问题来源\n食堂台账不全,县教育局,2023-06-30,自查\n食堂台账不全,县教育局,2023-06-30,自查',
    );
    const report = await dryRunImport(db, { name: 'same.csv', bytes: file }, OPTIONS);
    expect(report.rows[1]!.errors).toEqual([
      {
        column: 'A',
        header: '问题名称',
        field: 'title',
        value: '食堂台账不全',
        message: {
          zh: '与第 2 行是同一问题（问题名称、牵头部门和登记日期都相同，且都没有台账编号）：一个问题只写一行，或给每行编号',
          en: 'The same item as row 2 (same title, lead department and registration, and no ledger codes): write an item on one row, or number the rows',
        },
      },
    ]);
  });

  it('require a campaign for new rows', async () => {
    const db = countyDb();
    const file = csv('问题名称,牵头单位,整改时限,问题来源\n甲,县教育局,2023-06-30,自查');
    const report = await dryRunImport(
      db,
      { name: 'c.csv', bytes: file },
      { ...OPTIONS, campaign: undefined },
    );
    expect(report.rows[0]!.errors.map((e) => e.field)).toEqual(['campaign']);
    // Said as the import page's choice is, never as a command-line flag.
    expect(report.rows[0]!.errors[0]!.message).toEqual({
      zh: '没有指定专项活动，请为本次导入选择专项活动（还没有的，先在“管理 → 专项活动”中新增），或在表中加“专项活动”列',
      en: 'No campaign: choose one for this import (if there is none yet, add it under Admin → Campaigns first), or add a "Campaign" column',
    });
  });

  it('warn that a closed row without a closing date past its deadline counts as closed late', async () => {
    const db = countyDb();
    const file = csv(
      [
        '台账编号,问题名称,牵头单位,问题来源,整改时限,整改状态',
        'L-1,早已办结的问题,县教育局,自查,2026-06-30,已完成',
        'L-2,期限未到已办结的问题,县教育局,自查,2026-12-31,已完成',
      ].join('\n'),
    );
    const report = await dryRunImport(db, { name: 'l.csv', bytes: file }, OPTIONS);
    const closing = (row: number) =>
      report.rows.find((r) => r.row === row)!.warnings.filter((w) => w.field === 'closedAt');
    // Now is 20 November 2026: L-1's deadline is past, L-2's is not.
    expect(closing(2).map((w) => w.message)).toEqual([
      {
        zh: '已销号但没有销号时间：按导入时间记为销号时间，晚于整改期限（2026年6月30日），计为逾期办结；如按期办结，请在“销号时间”列填写实际日期',
        en: 'Closed without a closing date: the import time is recorded as the closing time, after the deadline (Jun 30, 2026), so it counts as closed late; if it closed on time, give the date in a closing date column',
      },
    ]);
    expect(closing(3).map((w) => w.message)).toEqual([
      {
        zh: '已销号但没有销号时间：按导入时间记为销号时间',
        en: 'Closed without a closing date: the import time is recorded as the closing time',
      },
    ]);

    // The same for an item the ledger holds, closed by a later sheet.
    const open = csv(
      '台账编号,问题名称,牵头单位,问题来源,整改时限,整改状态\nL-3,后来办结的问题,县教育局,自查,2026-06-30,整改中',
    );
    expect(
      (await commitImport(db, { name: 'o.csv', bytes: open }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    const later = csv('台账编号,问题名称,整改状态\nL-3,后来办结的问题,已完成');
    const update = await dryRunImport(db, { name: 'c.csv', bytes: later }, OPTIONS);
    expect(update.rows[0]!.warnings.find((w) => w.field === 'closedAt')!.message.zh).toBe(
      '已销号但没有销号时间：按导入时间记为销号时间，晚于整改期限（2026年6月30日），计为逾期办结；如按期办结，请在“销号时间”列填写实际日期',
    );
  });

  it('tell how to add a department nobody has registered yet, as well as how to name one registered otherwise', async () => {
    const db = countyDb();
    const file = csv('问题名称,牵头单位,整改时限,问题来源\n甲,县气象局,2023-06-30,自查');
    const report = await dryRunImport(db, { name: 'd.csv', bytes: file }, OPTIONS);
    expect(report.rows[0]!.errors.map((e) => e.message)).toEqual([
      {
        zh: '找不到单位“县气象局”（如尚未登记，请在“管理 → 部门”中新增该部门；如已用其他名称登记，可编辑该部门，把它添加为别名）',
        en: 'No department "县气象局" (if it is not registered yet, add it under Admin → Departments; if it is, under another name, edit that department and add this name as an alias)',
      },
    ]);
  });

  it('ask for a source where a row has none, without a command-line flag', async () => {
    const db = countyDb();
    const file = csv('问题名称,牵头单位,整改时限,问题来源\n甲,县教育局,2023-06-30,');
    const report = await dryRunImport(db, { name: 's.csv', bytes: file }, OPTIONS);
    const error = report.rows[0]!.errors.find((e) => e.field === 'source')!;
    expect(error.message).toEqual({
      zh: '问题来源为空，请在表中填写，或为本次导入选择默认的问题来源',
      en: 'Source is empty: fill it in, or choose a default source for this import',
    });
  });
});

describe('a failure at any row', () => {
  it('leaves the database byte for byte as before, whichever row fails', async () => {
    const file = await countySheet();
    for (const failing of ['ZF-001', 'ZF-002', 'ZF-003', 'ZF-004']) {
      const db = countyDb();
      await commitImport(
        db,
        {
          name: 'first.csv',
          bytes: csv('台账编号,问题名称,牵头单位,整改时限,问题来源\nX-1,先有的问题,县教育局,2023-06-30,自查'),
        },
        { ...OPTIONS, actor: CLI_ACTOR },
      );
      db.exec(`CREATE TRIGGER fail_import BEFORE INSERT ON item_history WHEN (SELECT ledger_code FROM items WHERE id = NEW.item_id) = '${failing}'
               BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
      const before = snapshot(db);
      await expect(
        commitImport(db, { name: 'a.xlsx', bytes: file }, { ...OPTIONS, actor: CLI_ACTOR }),
      ).rejects.toThrow('disk full');
      expect(snapshot(db)).toEqual(before);
    }
  });

  it('leaves it as before when an update fails half-way', async () => {
    const db = countyDb();
    await commitImport(db, { name: 'a.xlsx', bytes: await countySheet() }, { ...OPTIONS, actor: CLI_ACTOR });
    db.exec(
      `CREATE TRIGGER fail_update BEFORE UPDATE ON items WHEN NEW.ledger_code = 'ZF-003' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    );
    const before = snapshot(db);
    const changed = await countySheet({
      r5: [
        2,
        'ZF-002',
        '教师有偿补课',
        '有偿补课',
        '群众反映',
        '教育局',
        '李四新',
        '2023.3.2',
        '2023年6月30日',
        '建立台账',
        '整改中',
        null,
      ],
      r6: [
        3,
        'ZF-003',
        '医院停车乱收费',
        '停车收费',
        '督查',
        null,
        '王五新',
        '2023-03-03 09:30',
        '长期坚持',
        '常态化监管',
        '推进中',
        null,
      ],
    });
    await expect(
      commitImport(db, { name: 'b.xlsx', bytes: changed }, { ...OPTIONS, actor: CLI_ACTOR }),
    ).rejects.toThrow('boom');
    expect(snapshot(db)).toEqual(before);
  });
});

describe('a ledger without codes, imported again', () => {
  const sheet = (education: string, finance: string) =>
    csv(
      [
        '问题名称,责任单位,问题来源,登记日期,整改时限,整改状态',
        `食堂台账不全,${education},自查,2026-03-01,2026-06-30,整改中`,
        `窗口服务不规范,${finance},自查,2026-03-02,2026-06-30,整改中`,
      ].join('\n'),
    );
  const commit = (db: Db, file: Buffer) =>
    commitImport(db, { name: 'a.csv', bytes: file }, { ...OPTIONS, actor: CLI_ACTOR });

  it('finds its items again when a department is written another way', async () => {
    const db = countyDb();
    expect((await commit(db, sheet('教育局', '县 财政局'))).report.summary.create).toBe(2);
    const again = await dryRunImport(db, { name: 'a.csv', bytes: sheet('县教育局', '县财政局') }, OPTIONS);
    expect(again.summary).toMatchObject({ create: 0, unchanged: 2 });
  });

  it("finds an item imported before codes were made from the department's code", async () => {
    const db = countyDb();
    // The code the import made until December 2026: the department hashed as the sheet wrote it.
    const hash = createHash('sha1')
      .update(['食堂台账不全', '教育局', '2026-03-01'].join('\u0000'))
      .digest('hex')
      .slice(0, 10)
      .toUpperCase();
    const old = `C-CONDUCT-${hash}`;
    const withCode = csv(
      [
        '台账编号,问题名称,责任单位,问题来源,登记日期,整改时限,整改状态',
        `${old},食堂台账不全,教育局,自查,2026-03-01,2026-06-30,整改中`,
      ].join('\n'),
    );
    expect((await commit(db, withCode)).committed).toBe(true);
    const again = await dryRunImport(db, { name: 'a.csv', bytes: sheet('教育局', '县财政局') }, OPTIONS);
    expect(again.rows.map((r) => [r.action, r.ledgerCode])).toEqual([
      ['unchanged', old],
      ['create', expect.stringMatching(/^C-CONDUCT-[0-9A-F]{10}$/)],
    ]);
  });
});

describe('importing again', () => {
  it('changes nothing the second time: every row is unchanged and no batch is written', async () => {
    const db = countyDb();
    const file = await countySheet();
    const first = await commitImport(db, { name: 'a.xlsx', bytes: file }, { ...OPTIONS, actor: CLI_ACTOR });
    expect(first.batchId).not.toBeNull();
    const before = snapshot(db);
    const second = await commitImport(db, { name: 'a.xlsx', bytes: file }, { ...OPTIONS, actor: CLI_ACTOR });
    expect(second).toMatchObject({ committed: true, batchId: null });
    expect(second.report.summary).toMatchObject({ unchanged: 4, create: 0, update: 0 });
    expect(snapshot(db)).toEqual(before);
  });

  it('bumps the data version once for the whole commit, marks every moment changed, and keeps every trigger', async () => {
    const db = countyDb();
    const version = () =>
      (db.prepare('SELECT version FROM data_version').get() as { version: number }).version;
    const schema = () => db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all();
    const before = { version: version(), schema: schema() };
    const result = await commitImport(
      db,
      { name: 'a.xlsx', bytes: await countySheet() },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.report.summary.create).toBe(4);
    expect(version()).toBe(before.version + 1);
    expect(db.prepare('SELECT * FROM figure_changes WHERE version = ?').get(version())).toMatchObject({
      affected_from: '',
      responses_from: '',
      closed_from: '',
    });
    expect(schema()).toEqual(before.schema);
    // The triggers work again after it: a later write bumps the version itself.
    db.prepare("UPDATE items SET department_id = NULL WHERE ledger_code = 'ZF-001'").run();
    expect(version()).toBeGreaterThan(before.version + 1);
  });

  it('records one batch with a history row per created item', async () => {
    const db = countyDb();
    const { batchId } = await commitImport(
      db,
      { name: 'a.xlsx', bytes: await countySheet() },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(
      db.prepare('SELECT file_name, created_by, rows_created, rows_updated FROM import_batches').all(),
    ).toEqual([{ file_name: 'a.xlsx', created_by: null, rows_created: 4, rows_updated: 0 }]);
    const history = db
      .prepare(
        'SELECT i.ledger_code AS code, h.kind, h.actor_name, h.import_batch_id FROM item_history h JOIN items i ON i.id = h.item_id ORDER BY h.id',
      )
      .all();
    expect(history).toEqual([
      { code: 'ZF-001', kind: 'imported', actor_name: 'import', import_batch_id: batchId },
      { code: 'ZF-001', kind: 'closed', actor_name: 'import', import_batch_id: batchId },
      { code: 'ZF-002', kind: 'imported', actor_name: 'import', import_batch_id: batchId },
      { code: 'ZF-003', kind: 'imported', actor_name: 'import', import_batch_id: batchId },
      { code: 'ZF-004', kind: 'imported', actor_name: 'import', import_batch_id: batchId },
      { code: 'ZF-004', kind: 'closed', actor_name: 'import', import_batch_id: batchId },
    ]);
    const after = JSON.parse(
      (
        db.prepare("SELECT after FROM item_history WHERE kind = 'imported' LIMIT 1").get() as {
          after: string;
        }
      ).after,
    );
    expect(after).toMatchObject({ ledger_code: 'ZF-001', status: 'closed', deadline: '2023-05-31' });
  });

  it('reopens a closed item and sends back a rectified one as the workflow does: its rectification and evidence are no longer on it', async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,整改时限,问题来源,整改状态,整改完成时间,销号日期,整改佐证';
    const first = csv(
      `${head}\nRO-1,食堂卫生不达标,县教育局,2026-06-30,督查,已销号,2026-06-10,2026-06-15,整改报告`,
    );
    expect(
      (await commitImport(db, { name: 'a.csv', bytes: first }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    expect(item(db, 'RO-1')).toMatchObject({ rectified_at: '2026-06-10T00:00:00', evidence: '整改报告' });
    const again = csv(`${head}\nRO-1,食堂卫生不达标,县教育局,2026-06-30,督查,整改中,,,`);
    // The dry run says so before anything is written: a sheet not brought up to date would do the same.
    const warned = async (bytes: Buffer) =>
      (await dryRunImport(db, { name: 'x.csv', bytes }, OPTIONS)).rows[0]!.warnings.map((w) => [
        w.field,
        w.message.zh,
      ]);
    expect(await warned(again)).toEqual([
      [
        'status',
        '将重新打开2026年6月15日已验收销号的事项（计入重新整改次数）；如只是表格未更新，请将整改状态改为“已销号”',
      ],
    ]);
    // And the report says from which status to which.
    const statusOf = async (bytes: Buffer) =>
      (await dryRunImport(db, { name: 'x.csv', bytes }, OPTIONS)).rows[0]!.status;
    expect(await statusOf(again)).toEqual({ from: 'closed', to: 'in_progress' });
    expect(
      (await commitImport(db, { name: 'b.csv', bytes: again }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    expect(item(db, 'RO-1')).toMatchObject({ status: 'in_progress', rectified_at: null, evidence: null });
    // A rectification sent back (已整改待验收 → 整改中) is taken off the item the same way.
    const rectified = csv(
      `${head}\nRO-1,食堂卫生不达标,县教育局,2026-06-30,督查,已整改待验收,2026-07-01,,补充报告`,
    );
    expect(
      (await commitImport(db, { name: 'c.csv', bytes: rectified }, { ...OPTIONS, actor: CLI_ACTOR }))
        .committed,
    ).toBe(true);
    expect(item(db, 'RO-1')).toMatchObject({ status: 'rectified', evidence: '补充报告' });
    expect(await warned(again)).toEqual([['status', '将退回已报整改完成、待验收的事项']]);
    expect(await statusOf(again)).toEqual({ from: 'rectified', to: 'in_progress' });
    // A row whose status stays says none.
    expect(await statusOf(rectified)).toBeUndefined();
    expect(
      (await commitImport(db, { name: 'd.csv', bytes: again }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    expect(item(db, 'RO-1')).toMatchObject({ status: 'in_progress', rectified_at: null, evidence: null });
    // The closure keeps its evidence.
    expect(db.prepare('SELECT evidence, reopened_at FROM item_closures').get()).toEqual({
      evidence: '整改报告',
      reopened_at: NOW_LOCAL,
    });
  });

  it('says, for each field an update row changes, its value before and after, in both languages', async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,参与单位,登记日期,整改时限,问题来源,整改状态,整改措施,销号日期';
    const long = `${'一'.repeat(50)}已完成3所学校${'二'.repeat(30)}`;
    const first = csv(
      `${head}\nUV-1,食堂卫生不达标,县教育局,,2026-03-01,2026-06-30,督查,整改中,${long},\nUV-2,校车超载,县教育局,,2026-03-01,2026-06-30,督查,已销号,,2026-06-15`,
    );
    expect(
      (await commitImport(db, { name: 'a.csv', bytes: first }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    // The office moves the deadline, hands the item to another department with a participant,
    // renames it, writes a new figure into its measures, reports it rectified; and reopens the other one.
    const again = csv(
      `${head}\nUV-1,学校食堂卫生不达标,县卫生健康局,县教育局、县民政局,,2026年12月1日,督查,已整改待验收,${long.replace('3所', '5所')},\nUV-2,校车超载,县教育局,,,2026-06-30,督查,整改中,,`,
    );
    const [one, two] = (await dryRunImport(db, { name: 'b.csv', bytes: again }, OPTIONS)).rows;
    expect(one!.changes).toEqual([
      'title',
      'department',
      'participants',
      'measures',
      'deadline',
      'status',
      'rectifiedAt',
    ]);
    const zh = Object.fromEntries(
      Object.entries(one!.values!).map(([f, v]) => [f, `${v.from.zh} → ${v.to.zh}`]),
    );
    const en = Object.fromEntries(
      Object.entries(one!.values!).map(([f, v]) => [f, `${v.from.en} → ${v.to.en}`]),
    );
    // The measures (87 characters) differ at the 54th: the last 60 are shown (from 10 before the
    // difference would leave fewer), cut at the front.
    const before = `…${'一'.repeat(23)}已完成3所学校${'二'.repeat(30)}`;
    expect(zh).toEqual({
      title: '食堂卫生不达标 → 学校食堂卫生不达标',
      department: '县教育局 → 县卫生健康局',
      // The department that led it until now is one of them.
      participants: '（空） → 县教育局、县民政局',
      measures: `${before} → ${before.replace('3所', '5所')}`,
      deadline: '2026年6月30日 → 2026年12月1日',
      status: '整改中 → 已整改待验收',
      // Rectified now (the import's time, 16:00 in Asia/Shanghai), as the sheet gives no date.
      rectifiedAt: '（空） → 2026年11月20日 16:00',
    });
    expect(en).toEqual({
      title: '食堂卫生不达标 → 学校食堂卫生不达标',
      department: 'Education Bureau → Health Commission',
      participants: '(empty) → Education Bureau, Civil Affairs Bureau',
      measures: `${before} → ${before.replace('3所', '5所')}`,
      deadline: 'Jun 30, 2026 → Dec 1, 2026',
      status: 'In progress → Rectified, awaiting verification',
      rectifiedAt: '(empty) → Nov 20, 2026, 16:00',
    });
    // A reopening: the closing date goes, as the workflow's reopening takes it off the item.
    expect(two!.values).toEqual({
      status: { from: { zh: '已销号', en: 'Closed' }, to: { zh: '整改中', en: 'In progress' } },
      closedAt: { from: { zh: '2026年6月15日', en: 'Jun 15, 2026' }, to: { zh: '（空）', en: '(empty)' } },
    });
  });

  it("never rectifies an item before it was registered: a closing or rectification day on the registration's own day is the registration's time", async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,登记时间,整改时限,问题来源,整改状态,整改完成时间,销号日期';
    const first = csv(
      `${head}\nRA-1,食堂卫生不达标,县教育局,2026-11-20 09:30,2026-12-31,督查,整改中,,\nRA-2,校车超载,县教育局,2026-11-20 09:30,2026-12-31,督查,整改中,,`,
    );
    expect(
      (await commitImport(db, { name: 'a.csv', bytes: first }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    // The same day, the office closes one (rectified on the way) and reports the other rectified,
    // each by the day only.
    const again = csv(
      `${head}\nRA-1,食堂卫生不达标,县教育局,,2026-12-31,督查,已销号,,2026-11-20\nRA-2,校车超载,县教育局,,2026-12-31,督查,已整改待验收,2026-11-20,`,
    );
    const result = await commitImport(db, { name: 'b.csv', bytes: again }, { ...OPTIONS, actor: CLI_ACTOR });
    expect(result.report.summary).toMatchObject({ update: 2, reject: 0 });
    // Registered at 09:30: rectified and closed at 09:30 that day, not at its midnight before it.
    expect(item(db, 'RA-1')).toMatchObject({
      registered_at: '2026-11-20T09:30:00',
      rectified_at: '2026-11-20T09:30:00',
      closed_at: '2026-11-20T09:30:00',
    });
    expect(item(db, 'RA-2')).toMatchObject({ status: 'rectified', rectified_at: '2026-11-20T09:30:00' });
    // A rectification a day before the registration is refused, naming it.
    const earlier = csv(`${head}\nRA-2,校车超载,县教育局,,2026-12-31,督查,已整改待验收,2026-11-19,`);
    const refused = await dryRunImport(db, { name: 'c.csv', bytes: earlier }, OPTIONS);
    expect(refused.rows[0]!.errors.map((e) => [e.field, e.message.zh])).toEqual([
      ['rectifiedAt', '整改完成时间早于登记时间（2026年11月20日 09:30）'],
    ]);
    expect(brokenInvariants(db)).toEqual({});
    // An item rectified hours early by an import before this (its closing day's midnight) is left
    // as it is: its row, unchanged, is not refused for it.
    db.prepare("UPDATE items SET rectified_at = '2026-11-20T00:00:00' WHERE ledger_code = 'RA-1'").run();
    const same = await dryRunImport(db, { name: 'd.csv', bytes: again }, OPTIONS);
    expect(same.rows.map((r) => [r.ledgerCode, r.action])).toEqual([
      ['RA-1', 'unchanged'],
      ['RA-2', 'unchanged'],
    ]);
  });

  it('warns that a sheet not brought up to date would put back what a department changed here since, naming who and when', async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,整改时限,问题来源,整改措施,第一责任人';
    const monday = csv(`${head}\nST-1,食堂卫生不达标,县教育局,2026-12-31,督查,开展自查,张三`);
    expect(
      (await commitImport(db, { name: 'a.csv', bytes: monday }, { ...OPTIONS, actor: CLI_ACTOR })).committed,
    ).toBe(true);
    // On Saturday morning the Education Bureau's liaison updates the measures and the person in Closeout.
    const editor = educationLiaison(db);
    const { id, version } = item(db, 'ST-1') as { id: number; version: number };
    editItem(
      { db, user: editor, now: '2026-11-21T09:12:00', nowUtc: '2026-11-21T01:12:00.000Z' },
      id,
      version,
      { measures: '开展自查，更换餐具消毒设备', responsible_person: '李四' },
    );
    // In the afternoon the liaison refines the measures again: Monday's sheet is two changes behind.
    editItem(
      { db, user: editor, now: '2026-11-21T15:30:00', nowUtc: '2026-11-21T07:30:00.000Z' },
      id,
      version + 1,
      { measures: '开展自查，更换餐具消毒设备，每周抽检' },
    );
    // The office imports Monday's sheet again, with a new title of its own: the title changes
    // quietly, the two fields the sheet would put back are said, with who changed them last and when.
    const stale = csv(`${head}\nST-1,学校食堂卫生不达标,县教育局,2026-12-31,督查,开展自查,张三`);
    const [row] = (
      await dryRunImport(
        db,
        { name: 'b.csv', bytes: stale },
        { ...OPTIONS, clock: fixedClock('2026-11-21T08:00:00Z') },
      )
    ).rows;
    expect(row!.changes).toEqual(['title', 'person', 'measures']);
    const name = editor.displayName;
    expect(row!.warnings.map((w) => [w.field, w.header, w.message.zh])).toEqual([
      [
        'person',
        '第一责任人',
        `${name}于2026年11月21日 09:12改过此项，表格中的仍是改前的值；如只是表格未更新，请按系统中的现值填写，否则导入将改回表格中的值`,
      ],
      [
        'measures',
        '整改措施',
        `${name}于2026年11月21日 15:30改过此项，表格中的仍是改前的值；如只是表格未更新，请按系统中的现值填写，否则导入将改回表格中的值`,
      ],
    ]);
    expect(row!.warnings[1]!.message.en).toBe(
      `${name} changed this on Nov 21, 2026, 15:30 and the sheet still has the value from before: if the sheet is only out of date, write the current value; otherwise the import puts the sheet's value back`,
    );
    // A sheet brought up to date says nothing; one with a value of its own changes it without a word.
    const current = csv(
      `${head}\nST-1,食堂卫生不达标,县教育局,2026-12-31,督查,开展自查，更换餐具消毒设备，每周抽检,王五`,
    );
    const [own] = (
      await dryRunImport(
        db,
        { name: 'c.csv', bytes: current },
        { ...OPTIONS, clock: fixedClock('2026-11-21T08:00:00Z') },
      )
    ).rows;
    expect([own!.changes, own!.warnings]).toEqual([['person'], []]);
  });

  it('warns too when the sheet would put back the participating departments a department changed here', async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,参与单位,整改时限,问题来源';
    const monday = csv(`${head}\nST-2,校车接送不规范,县教育局,D29,2026-12-31,督查`);
    await commitImport(db, { name: 'a.csv', bytes: monday }, { ...OPTIONS, actor: CLI_ACTOR });
    const editor = educationLiaison(db);
    const { id, version } = item(db, 'ST-2') as { id: number; version: number };
    // The liaison adds the Finance Bureau beside the Approval Bureau on Saturday.
    editItem(
      { db, user: editor, now: '2026-11-21T09:12:00', nowUtc: '2026-11-21T01:12:00.000Z' },
      id,
      version,
      {},
      [deptId(db, 'D29'), deptId(db, 'D22')],
    );
    const dryRun = (text: string) =>
      dryRunImport(
        db,
        { name: 'b.csv', bytes: csv(`${head}\n${text}`) },
        { ...OPTIONS, clock: fixedClock('2026-11-21T08:00:00Z') },
      ).then((r) => r.rows[0]!);
    const stale = await dryRun('ST-2,校车接送不规范,县教育局,D29,2026-12-31,督查');
    expect(stale.changes).toEqual(['participants']);
    expect(stale.warnings.map((w) => [w.field, w.message.zh])).toEqual([
      [
        'participants',
        `${editor.displayName}于2026年11月21日 09:12改过此项，表格中的仍是改前的值；如只是表格未更新，请按系统中的现值填写，否则导入将改回表格中的值`,
      ],
    ]);
    // Brought up to date, nothing to say; a list of the office's own changes it without a word.
    expect((await dryRun('ST-2,校车接送不规范,县教育局,D29、D22,2026-12-31,督查')).action).toBe('unchanged');
    const own = await dryRun('ST-2,校车接送不规范,县教育局,D23,2026-12-31,督查');
    expect([own.changes, own.warnings]).toEqual([['participants'], []]);
  });

  it("takes back the office's sheet after an extension made here: the original deadline it still shows changes nothing", async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,整改时限,问题来源,整改状态';
    const sheet = (deadline: string) => csv(`${head}\nEX-1,窗口服务不规范,县教育局,${deadline},督查,整改中`);
    await commitImport(db, { name: 'a.csv', bytes: sheet('2026-06-30') }, { ...OPTIONS, actor: CLI_ACTOR });
    // Extended here (as an approved request or the office's own extension records it).
    const id = item(db, 'EX-1').id as number;
    db.prepare(
      `UPDATE items SET deadline = '2026-09-30', deadline_end = '2026-10-01T00:00:00', extension_count = 1 WHERE id = ?`,
    ).run(id);
    const report = await dryRunImport(db, { name: 'b.csv', bytes: sheet('2026-06-30') }, OPTIONS);
    expect(report.rows[0]).toMatchObject({ action: 'unchanged', errors: [] });
    expect(report.rows[0]!.warnings.map((w) => [w.field, w.message.zh])).toEqual([
      ['deadline', '表中为原整改期限，事项已延期至2026年9月30日：整改期限不变'],
    ]);
    // Another earlier day is still refused: it is no deadline the item ever had.
    const other = await dryRunImport(db, { name: 'c.csv', bytes: sheet('2026-07-31') }, OPTIONS);
    expect([other.rows[0]!.action, other.rows[0]!.errors[0]!.field]).toEqual(['reject', 'deadline']);
  });

  it('gives a deactivated department no new item, nor moves one to it; its items already there update', async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,整改时限,问题来源,整改状态';
    await commitImport(
      db,
      { name: 'a.csv', bytes: csv(`${head}\nDA-1,校车超员,县教育局,2026-06-30,督查,整改中`) },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    db.prepare("UPDATE departments SET active = 0 WHERE name_zh = '县教育局'").run();
    const code = db
      .prepare("SELECT code FROM departments WHERE name_zh = '县教育局'")
      .pluck()
      .get() as string;
    const report = await dryRunImport(
      db,
      {
        name: 'b.csv',
        bytes: csv(
          `${head}\nDA-1,校车超员（已核实）,县教育局,2026-06-30,督查,整改中\nDA-2,新问题,县教育局,2026-07-31,督查,整改中\nDA-3,另一问题,县财政局,2026-07-31,督查,整改中`,
        ),
      },
      OPTIONS,
    );
    expect(
      report.rows.map((r) => [r.ledgerCode, r.action, r.errors.map((e) => [e.field, e.message.zh])]),
    ).toEqual([
      // Already the department's: its row still updates the item.
      ['DA-1', 'update', []],
      ['DA-2', 'reject', [['department', `部门 ${code} 已停用，不能再交办事项`]]],
      ['DA-3', 'create', []],
    ]);
    // An item moved to it is refused the same way.
    await commitImport(
      db,
      { name: 'd.csv', bytes: csv(`${head}\nDA-4,财政问题,县财政局,2026-07-31,督查,整改中`) },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    const move = await dryRunImport(
      db,
      { name: 'e.csv', bytes: csv(`${head}\nDA-4,财政问题,县教育局,2026-07-31,督查,整改中`) },
      OPTIONS,
    );
    expect([move.rows[0]!.action, move.rows[0]!.errors.map((e) => e.field)]).toEqual([
      'reject',
      ['department'],
    ]);
  });

  it('leaves out the row of an item voided here, saying so, and imports the rest of the sheet', async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,整改时限,问题来源,整改状态';
    const sheet = (title: string) =>
      csv(
        `${head}\nVO-1,${title},县教育局,2026-06-30,督查,整改中\nVO-2,${title}（二）,县教育局,2026-06-30,督查,整改中`,
      );
    await commitImport(
      db,
      { name: 'a.csv', bytes: sheet('重复登记的问题') },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    db.prepare("UPDATE items SET voided_at = ?, void_reason = '重复登记' WHERE ledger_code = 'VO-1'").run(
      NOW_LOCAL,
    );
    const before = item(db, 'VO-1');
    // Even a row that says something else about it: nothing of it is written.
    const result = await commitImport(
      db,
      { name: 'b.csv', bytes: sheet('重复登记的问题（已改）') },
      { ...OPTIONS, actor: CLI_ACTOR },
    );
    expect(result.committed).toBe(true);
    expect(
      result.report.rows.map((r) => [r.ledgerCode, r.action, r.warnings.map((w) => w.message.zh)]),
    ).toEqual([
      ['VO-1', 'unchanged', ['该事项已作废：本行不导入，事项保持不变']],
      ['VO-2', 'update', []],
    ]);
    expect(item(db, 'VO-1')).toEqual(before);
    expect(item(db, 'VO-2').title).toBe('重复登记的问题（已改）（二）');
  });

  it("records a reopening's reason once, in the ledger's language, as its closure and its history say it", async () => {
    const db = countyDb();
    const head = '台账编号,问题名称,牵头单位,整改时限,问题来源,整改状态,销号日期';
    for (const [name, status, closedAt] of [
      ['a.csv', '已销号', '2026-06-15'],
      ['b.csv', '整改中', ''],
    ] as const)
      expect(
        (
          await commitImport(
            db,
            {
              name,
              bytes: csv(`${head}\nRO-2,食堂卫生不达标,县教育局,2026-06-30,督查,${status},${closedAt}`),
            },
            { ...OPTIONS, actor: CLI_ACTOR },
          )
        ).committed,
      ).toBe(true);
    // One language, not '导入台账：… / Imported ledger: …': the interface shows it in English (reasonIn).
    const reason = '导入台账：整改状态为“整改中”';
    expect(db.prepare('SELECT reopen_reason FROM item_closures').get()).toEqual({ reopen_reason: reason });
    expect(db.prepare("SELECT note FROM item_history WHERE kind = 'reopened'").get()).toEqual({
      note: reason,
    });
  });

  it('updates what changed: an extension, a closure, a reopening, with history before and after', async () => {
    const db = countyDb();
    await commitImport(
      db,
      { name: 'a.xlsx', bytes: await countySheet() },
      { ...OPTIONS, actor: { userId: 1, name: '县委督查室' } },
    );
    const changed = await countySheet({
      // ZF-001 is reopened by a look-back; ZF-002 gets a later deadline and a new person; ZF-004 unchanged.
      r4: [
        1,
        'ZF-001',
        '学校违规收取资料费',
        '大班额',
        '自查',
        '县教育局',
        '张三',
        new Date(Date.UTC(2023, 2, 1)),
        45077,
        '退还费用',
        '整改中',
        null,
      ],
      r5: [
        2,
        'ZF-002',
        '教师有偿补课',
        '有偿补课',
        '群众反映',
        '教育局',
        '李四、钱七',
        '2023.3.2',
        '2023年7月31日',
        '建立台账',
        '整改中',
        null,
      ],
      r6: [
        3,
        'ZF-003',
        '医院停车乱收费',
        '停车收费',
        '督查',
        null,
        '王五',
        '2023-03-03 09:30',
        '长期坚持',
        '常态化监管',
        '已销号',
        '2023-06-01',
      ],
    });
    const dry = await dryRunImport(db, { name: 'b.xlsx', bytes: changed }, OPTIONS);
    expect(
      dry.rows.filter((r) => r.action !== 'skip').map((r) => [r.ledgerCode, r.action, r.changes]),
    ).toEqual([
      ['ZF-001', 'update', ['status', 'closedAt']],
      ['ZF-002', 'update', ['person', 'deadline']],
      ['ZF-003', 'update', ['status', 'rectifiedAt', 'closedAt']],
      ['ZF-004', 'unchanged', undefined],
    ]);
    const result = await commitImport(
      db,
      { name: 'b.xlsx', bytes: changed },
      { ...OPTIONS, actor: { userId: 1, name: '县委督查室' } },
    );
    expect(result.committed).toBe(true);
    expect(item(db, 'ZF-001')).toMatchObject({
      status: 'in_progress',
      closed_at: null,
      reopen_count: 1,
      first_reopened_at: NOW_LOCAL,
      version: 2,
    });
    expect(item(db, 'ZF-002')).toMatchObject({
      responsible_person: '李四、钱七',
      original_deadline: '2023-06-30',
      deadline: '2023-07-31',
      extension_count: 1,
      first_extended_at: NOW_LOCAL,
    });
    // The extension's reason in the ledger's language only; the interface shows it in English (reasonIn).
    expect(db.prepare('SELECT reason FROM deadline_extensions').all()).toEqual([
      { reason: '导入台账记载的延期' },
    ]);
    expect(db.prepare("SELECT note FROM item_history WHERE kind = 'extended'").all()).toEqual([
      { note: '导入台账记载的延期' },
    ]);
    expect(item(db, 'ZF-003')).toMatchObject({
      status: 'closed',
      closed_at: '2023-06-01T00:00:00',
      rectified_at: '2023-06-01T00:00:00',
      verified_by: 1,
    });
    const kinds = db
      .prepare('SELECT h.kind FROM item_history h WHERE h.import_batch_id = ? ORDER BY h.id')
      .all(result.batchId)
      .map((r) => (r as { kind: string }).kind);
    expect(kinds).toEqual([
      'import_updated',
      'reopened',
      'import_updated',
      'extended',
      'import_updated',
      'closed',
    ]);
    const updated = db
      .prepare(
        "SELECT before, after FROM item_history WHERE kind = 'import_updated' AND item_id = (SELECT id FROM items WHERE ledger_code = 'ZF-002')",
      )
      .get() as { before: string; after: string };
    expect(JSON.parse(updated.before)).toMatchObject({ responsible_person: '李四', deadline: '2023-06-30' });
    expect(JSON.parse(updated.after)).toMatchObject({
      responsible_person: '李四、钱七',
      deadline: '2023-07-31',
    });
    expect(
      db.prepare('SELECT rows_created, rows_updated FROM import_batches WHERE id = ?').get(result.batchId),
    ).toEqual({
      rows_created: 0,
      rows_updated: 3,
    });
    expect(brokenInvariants(db)).toEqual({});
  });

  it('rejects a status change the lifecycle does not allow, naming the statuses', async () => {
    const db = countyDb();
    await commitImport(db, { name: 'a.xlsx', bytes: await countySheet() }, { ...OPTIONS, actor: CLI_ACTOR });
    const changed = await countySheet({
      r5: [
        2,
        'ZF-002',
        '教师有偿补课',
        '有偿补课',
        '群众反映',
        '教育局',
        '李四',
        '2023.3.2',
        '2023年6月30日',
        '建立台账',
        '已登记',
        null,
      ],
    });
    const report = await dryRunImport(db, { name: 'b.xlsx', bytes: changed }, OPTIONS);
    expect(report.rows.find((r) => r.ledgerCode === 'ZF-002')!.errors).toMatchObject([
      {
        column: 'K',
        field: 'status',
        message: { en: 'The status cannot change from "In progress" to "Registered"' },
      },
    ]);
  });
});

describe('an update that would break a rule of the ledger', () => {
  const UPDATE_HEADER = '台账编号,问题描述,专项活动,领域,整改时限';
  async function committedCounty() {
    const db = countyDb();
    await commitImport(db, { name: 'a.xlsx', bytes: await countySheet() }, { ...OPTIONS, actor: CLI_ACTOR });
    return db;
  }

  it("moves an item to another campaign only with one of that campaign's domains", async () => {
    const db = await committedCounty();
    const otherDomain = db
      .prepare(
        "SELECT d.name_zh FROM domains d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = 'C-EFFICIENCY' LIMIT 1",
      )
      .pluck()
      .get() as string;
    const without = await dryRunImport(
      db,
      { name: 'b.csv', bytes: csv(`${UPDATE_HEADER}\nZF-002,教师有偿补课,C-EFFICIENCY,,2023年6月30日`) },
      OPTIONS,
    );
    expect(without.rows[0]!.errors).toMatchObject([
      {
        field: 'domain',
        message: {
          zh: '事项原有的领域不属于新的专项活动：请在“领域”列填写该活动的领域',
          en: "The item's domain is not one of the new campaign's: give one of its domains in the domain column",
        },
      },
    ]);
    const withDomain = await dryRunImport(
      db,
      {
        name: 'b.csv',
        bytes: csv(`${UPDATE_HEADER}\nZF-002,教师有偿补课,C-EFFICIENCY,${otherDomain},2023年6月30日`),
      },
      OPTIONS,
    );
    expect([withDomain.rows[0]!.action, withDomain.rows[0]!.changes]).toEqual([
      'update',
      ['campaign', 'domain'],
    ]);
  });

  it("says which campaign a domain belongs to when it is not the row's campaign's", async () => {
    const db = countyDb();
    const header = '台账编号,问题描述,专项活动,领域,问题来源,整改时限';
    const report = await dryRunImport(
      db,
      { name: 'b.csv', bytes: csv(`${header}\nXL-1,窗口推诿,C-EFFICIENCY,有偿补课,自查,2026年12月31日`) },
      OPTIONS,
    );
    expect(report.rows[0]!.errors).toMatchObject([
      {
        field: 'domain',
        message: {
          zh: '找不到领域“有偿补课”（它属于“作风建设专项整治”，不属于“行政效能提升年”）',
          en: 'No domain "有偿补课" (it belongs to "Work-style rectification campaign", not to "Administrative efficiency year")',
        },
      },
    ]);
    // A name no campaign has is simply not found.
    const unknown = await dryRunImport(
      db,
      { name: 'b.csv', bytes: csv(`${header}\nXL-1,窗口推诿,C-EFFICIENCY,不存在的领域,自查,2026年12月31日`) },
      OPTIONS,
    );
    expect(unknown.rows[0]!.errors[0]!.message.zh).toBe('找不到领域“不存在的领域”');
  });

  it('extends a deadline only to a later one, naming the deadline otherwise', async () => {
    const db = await committedCounty();
    for (const deadline of ['2023年5月31日', '2023年6月30日 0:00']) {
      const report = await dryRunImport(
        db,
        { name: 'b.csv', bytes: csv(`${UPDATE_HEADER}\nZF-002,教师有偿补课,C-CONDUCT,有偿补课,${deadline}`) },
        OPTIONS,
      );
      expect([deadline, report.rows[0]!.action, report.rows[0]!.errors]).toMatchObject([
        deadline,
        'reject',
        [
          {
            field: 'deadline',
            message: { en: expect.stringContaining('later than the current one (Jun 30, 2023)') },
          },
        ],
      ]);
    }
    const later = await dryRunImport(
      db,
      { name: 'b.csv', bytes: csv(`${UPDATE_HEADER}\nZF-002,教师有偿补课,C-CONDUCT,有偿补课,2023年7月1日`) },
      OPTIONS,
    );
    expect([later.rows[0]!.action, later.rows[0]!.changes]).toEqual(['update', ['deadline']]);
  });
  it('gives a deadline only when an item is assigned, as the ledger does: never to a long-term item in progress', async () => {
    const db = await committedCounty();
    const header = '台账编号,问题描述,整改类型,整改时限,整改状态';
    const title = item(db, 'ZF-003').title;
    const rows = [
      `ZF-003,${title},,2023年9月30日,`, // long-term, in progress, no deadline: none added
      `ZF-003,${title},限期整改,,`, // no deadline: it cannot stop being long-term
      `ZF-003,${title},限期整改,2023年9月30日,`, // nor both at once
    ];
    const reports = [];
    for (const row of rows)
      reports.push(
        (await dryRunImport(db, { name: 'b.csv', bytes: csv(`${header}\n${row}`) }, OPTIONS)).rows[0]!,
      );
    expect(reports.map((r) => [r.action, r.errors.map((e) => [e.field, e.message])])).toEqual([
      [
        'reject',
        [
          [
            'deadline',
            {
              zh: '该事项为“长期坚持”，交办时未定整改期限，不能事后补定',
              en: 'The item is long-term (长期坚持), assigned without a deadline: none can be added later',
            },
          ],
        ],
      ],
      [
        'reject',
        [
          [
            'rectificationType',
            {
              zh: '事项没有整改期限，整改类型只能是“长期坚持”',
              en: 'The item has no deadline, so its rectification type can only be long-term (长期坚持)',
            },
          ],
        ],
      ],
      [
        'reject',
        [['deadline', expect.objectContaining({ en: expect.stringContaining('none can be added later') })]],
      ],
    ]);
    // An item only registered gets its deadline as the row assigns it, and needs one unless long-term.
    const registered = [
      '台账编号,问题描述,专项活动,问题来源,牵头单位,整改类型,整改时限,整改状态',
      'ZX-1,门前停车难,C-CONDUCT,自查,,限期整改,,已登记',
      'ZX-2,门前停车难（二）,C-CONDUCT,自查,,限期整改,,已登记',
    ].join('\n');
    await commitImport(db, { name: 'c.csv', bytes: csv(registered) }, { ...OPTIONS, actor: CLI_ACTOR });
    const assign = await dryRunImport(
      db,
      {
        name: 'd.csv',
        bytes: csv(
          `${header.replace('整改状态', '牵头单位,整改状态')}\nZX-1,门前停车难,,2023年9月30日,D21,已交办\nZX-2,门前停车难（二）,,,D21,已交办`,
        ),
      },
      OPTIONS,
    );
    expect(assign.rows.map((r) => [r.action, r.errors.map((e) => e.field)])).toEqual([
      ['update', []],
      ['reject', ['deadline']],
    ]);
  });
});

describe('the demo ledger rules', () => {
  it('hold on the demo data itself', () => {
    expect(brokenInvariants(countyDb())).toEqual({});
  });
});

describe('the rows a report lists', () => {
  /** 1,500 rows: row 400 a total line (skipped), row 700 without a ledger code (a warning: one is made), row 900 rejected. */
  function file(): Buffer {
    const lines = ['台账编号,问题名称,问题来源,牵头单位,整改时限'];
    for (let i = 1; i <= 1_500; i++) lines.push(`L-${i},问题${i},自查,县教育局,2026-12-31`);
    lines[399] = '合计,,,,';
    lines[699] = ',问题699,自查,县教育局,2026-12-31';
    lines[899] = 'L-899,问题899,自查,县不存在局,2026-12-31';
    return csv(lines.join('\n'));
  }
  const input = { name: 'big.csv', bytes: file() };

  it('are, beyond 1,000 rows, only those that say more than "created", in the sheet\'s order; the summary counts all', async () => {
    for (const ownConnection of [false, true]) {
      const report = await dryRunImport(countyDb(), input, {
        ...OPTIONS,
        source: 'self_inspection',
        ownConnection,
      });
      expect(report.summary).toEqual({
        rows: 1_500,
        create: 1_498, // 1,500 less the total line and the rejected row
        update: 0,
        unchanged: 0,
        reject: 1,
        skip: 1,
      });
      expect(report.rows.map((r) => [r.row, r.action, r.warnings.length > 0])).toEqual([
        [400, 'skip', false],
        [700, 'create', true],
        [900, 'reject', false],
      ]);
      expect(report.unlisted).toBe(1_497);
    }
  });

  it('are, beyond 1,000 rows, at most 1,000 of each action, found anywhere in the file', async () => {
    // 3,000 rows: rows 2–1,201 rejected (an unknown department), 1,202–2,301 created with a warning
    // (no ledger code: one is made), the rest plain creates, and the last row rejected.
    const lines = ['台账编号,问题名称,问题来源,牵头单位,整改时限'];
    for (let i = 1; i <= 3_000; i++) {
      const code = i > 1_200 && i <= 2_300 ? '' : `M-${i}`;
      const department = i <= 1_200 || i === 3_000 ? '县不存在局' : '县教育局';
      lines.push(`${code},问题${i},自查,${department},2026-12-31`);
    }
    const report = await dryRunImport(
      countyDb(),
      { name: 'many.csv', bytes: csv(lines.join('\n')) },
      {
        ...OPTIONS,
        source: 'self_inspection',
      },
    );
    expect(report.summary).toEqual({
      rows: 3_000,
      create: 1_799,
      update: 0,
      unchanged: 0,
      reject: 1_201,
      skip: 0,
    });
    const listed = (action: string) => report.rows.filter((r) => r.action === action).map((r) => r.row);
    // The first 1,000 of each; the spreadsheet's row is the file's line + 1 (the header is row 1).
    expect(listed('reject')).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 2));
    expect(listed('create')).toEqual(Array.from({ length: 1_000 }, (_, i) => i + 1_202));
    expect(report.rows.every((r) => r.action === 'reject' || r.warnings.length > 0)).toBe(true);
    expect(report.unlisted).toBe(1_000);
  });

  it("are every row when asked (the command line's --all), or when the file has at most 1,000", async () => {
    const every = await dryRunImport(countyDb(), input, {
      ...OPTIONS,
      source: 'self_inspection',
      listEveryRow: true,
    });
    expect(every.rows.map((r) => r.row)).toEqual(Array.from({ length: 1_500 }, (_, i) => i + 2));
    expect(every.unlisted).toBe(0);
    const small = await dryRunImport(
      countyDb(),
      {
        name: 'small.csv',
        bytes: csv(['问题名称,问题来源,牵头单位,整改时限', '问题1,自查,县教育局,2026-12-31'].join('\n')),
      },
      OPTIONS,
    );
    expect(small.rows.map((r) => [r.row, r.action])).toEqual([[2, 'create']]);
    expect(small.unlisted).toBe(0);
  });
});

describe('a department name import does not know', () => {
  const resolver = makeResolver({
    departments: [
      { id: 1, code: 'D1', nameZh: '县卫生健康局', nameEn: 'Health Commission' },
      { id: 2, code: 'D2', nameZh: '县教育局', nameEn: 'Education Bureau' },
      { id: 3, code: 'D3', nameZh: '县体育局', nameEn: 'Sports Bureau' },
    ],
    aliases: [],
    campaigns: [],
    domains: [],
  });

  it('is taken for the department holding 3 of its 4 characters or more, when one alone does', () => {
    // 县卫健委: 县, 卫, 健 of 县卫生健康局.
    expect(resolver.closestDepartment('县卫健委')).toEqual({
      nameZh: '县卫生健康局',
      nameEn: 'Health Commission',
    });
    // 县教育所: 3 of 4 in 县教育局, 2 in 县体育局.
    expect(resolver.closestDepartment('县教育所')?.nameZh).toBe('县教育局');
    // 县育局: all three in both 县教育局 and 县体育局 — no guess; 公安局: one of three.
    expect(resolver.closestDepartment('县育局')).toBeUndefined();
    expect(resolver.closestDepartment('公安局')).toBeUndefined();
  });
});
