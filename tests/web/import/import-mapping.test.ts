import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS as SERVER_FIELDS } from '../../../server/import/vocabulary.ts';
import type { ImportColumn, ImportField, ImportRow } from '../../../web/api/imports.ts';
import {
  canCommit,
  changeLines,
  filterRows,
  hasTitle,
  IMPORT_FIELDS,
  mappingOf,
  remap,
} from '../../../web/features/import/import-mapping.ts';

const col = (index: number, header: string, field: ImportField | null): ImportColumn => ({
  index,
  letter: String.fromCharCode(65 + index),
  header,
  field,
  suggested: field,
  from: 'suggestion',
});

describe('the column mapping screen', () => {
  it('offers exactly the fields import knows', () => {
    expect([...IMPORT_FIELDS]).toEqual([...SERVER_FIELDS]);
  });

  it('sends every named header with its field, left-out columns as null', () => {
    expect(
      mappingOf([
        col(0, '序号', null),
        col(1, '问题', 'title'),
        col(2, '', null),
        col(3, '责任单位', 'department'),
      ]),
    ).toEqual({
      序号: null,
      问题: 'title',
      责任单位: 'department',
    });
  });

  it('gives a field to one column only: the column that held it lets it go', () => {
    const columns = [col(0, '问题', 'title'), col(1, '问题描述', 'description')];
    expect(remap(columns, 1, 'title').map((c) => c.field)).toEqual([null, 'title']);
    expect(remap(columns, 0, null).map((c) => c.field)).toEqual([null, 'description']);
    expect(hasTitle(remap(columns, 0, null))).toBe(false);
  });
});

const row = (r: number, action: ImportRow['action'], errors = 0, warnings = 0) =>
  ({
    row: r,
    action,
    ledgerCode: null,
    title: null,
    errors: Array.from({ length: errors }, () => ({
      column: 'C',
      header: 'x',
      field: null,
      message: { zh: '', en: '' },
      text: '',
    })),
    warnings: Array.from({ length: warnings }, () => ({
      column: null,
      header: null,
      field: null,
      message: { zh: '', en: '' },
      text: '',
    })),
  }) as ImportRow;

describe('the dry-run report', () => {
  const rows = [
    row(2, 'create'),
    row(3, 'reject', 1),
    row(4, 'update', 0, 1),
    row(5, 'skip'),
    row(6, 'unchanged'),
  ];

  it('lists all rows, one action, or the rows with problems', () => {
    expect(filterRows(rows, 'all')).toHaveLength(5);
    expect(filterRows(rows, 'reject').map((r) => r.row)).toEqual([3]);
    expect(filterRows(rows, 'problems').map((r) => r.row)).toEqual([3, 4]);
  });

  it('can be committed only with no rejected row and something to write', () => {
    const summary = (s: Partial<Record<'create' | 'update' | 'unchanged' | 'reject' | 'skip', number>>) => ({
      summary: { rows: 0, create: 0, update: 0, unchanged: 0, reject: 0, skip: 0, ...s },
    });
    expect(canCommit(null)).toBe(false);
    expect(canCommit(summary({ create: 3 }))).toBe(true);
    expect(canCommit(summary({ update: 1, unchanged: 4 }))).toBe(true);
    expect(canCommit(summary({ create: 3, reject: 1 }))).toBe(false);
    expect(canCommit(summary({ unchanged: 5, skip: 1 }))).toBe(false);
  });
});

describe("an update row's changes", () => {
  const row: Pick<ImportRow, 'changes' | 'values'> = {
    changes: ['department', 'deadline', 'status'],
    values: {
      deadline: {
        from: { zh: '2026年6月30日', en: 'Jun 30, 2026' },
        to: { zh: '2026年12月1日', en: 'Dec 1, 2026' },
      },
      department: {
        from: { zh: '县教育局', en: 'Education Bureau' },
        to: { zh: '县民政局', en: 'Civil Affairs Bureau' },
      },
      status: { from: { zh: '已销号', en: 'Closed' }, to: { zh: '整改中', en: 'In progress' } },
    },
  };

  it("are one per field, in the order the report names them, from and to in the reader's language", () => {
    expect(changeLines(row, 'zh-CN')).toEqual([
      { field: 'department', from: '县教育局', to: '县民政局' },
      { field: 'deadline', from: '2026年6月30日', to: '2026年12月1日' },
      { field: 'status', from: '已销号', to: '整改中' },
    ]);
    expect(changeLines(row, 'en')).toEqual([
      { field: 'department', from: 'Education Bureau', to: 'Civil Affairs Bureau' },
      { field: 'deadline', from: 'Jun 30, 2026', to: 'Dec 1, 2026' },
      { field: 'status', from: 'Closed', to: 'In progress' },
    ]);
  });

  it('name a field alone when the report has no values for it (a report from before values)', () => {
    expect(changeLines({ changes: ['title', 'deadline'] }, 'en')).toEqual([
      { field: 'title' },
      { field: 'deadline' },
    ]);
    expect(changeLines({}, 'en')).toEqual([]);
  });
});
