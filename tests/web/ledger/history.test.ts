import { describe, expect, it } from 'vitest';
import { historyChanges, historyKind } from '../../../web/features/ledger/history.ts';

describe('history kinds', () => {
  it.each([
    ['assigned', 'assigned'],
    ['started', 'started'],
    ['rectified', 'rectified'],
    ['rejected', 'rejected'],
    ['closed', 'closed'],
    ['reopened', 'reopened'],
    ['assign', 'other'],
    ['extended', 'extended'],
    ['urged', 'urged'],
    ['voided', 'voided'],
    ['edited', 'edited'],
    ['imported', 'imported'],
    ['import_updated', 'import_updated'],
    ['responded', 'responded'],
    ['something_new', 'other'],
  ])('%s reads as %s', (kind, expected) => {
    expect(historyKind(kind)).toBe(expected);
  });
});

describe('what an event changed', () => {
  it('lists each field as before → after, in timeline order', () => {
    expect(
      historyChanges(
        'assigned',
        { status: 'registered' },
        { status: 'assigned', department_id: 21, responsible_person: '王芳', deadline: '2026-11-30' },
      ),
    ).toEqual([
      { field: 'status', before: 'registered', after: 'assigned' },
      { field: 'department_id', before: undefined, after: 21 },
      { field: 'responsible_person', before: undefined, after: '王芳' },
      { field: 'deadline', before: undefined, after: '2026-11-30' },
    ]);
  });

  it('reads camelCase field names too', () => {
    expect(
      historyChanges('registered', null, { ledgerCode: 'ZF-1', title: '班额超标', source: 'hotline' }),
    ).toEqual([
      { field: 'ledger_code', before: undefined, after: 'ZF-1' },
      { field: 'title', before: undefined, after: '班额超标' },
      { field: 'source', before: undefined, after: 'hotline' },
    ]);
  });

  it('leaves out fields that did not change, empty new values and bookkeeping columns', () => {
    expect(
      historyChanges(
        'edited',
        { title: '旧', measures: '约谈', version: 3, deadline_end: '2026-11-30T24:00:00' },
        {
          title: '新',
          measures: '约谈',
          version: 4,
          handling_mode: null,
          deadline_end: '2026-12-31T24:00:00',
        },
      ),
    ).toEqual([{ field: 'title', before: '旧', after: '新' }]);
  });

  it('shows participating departments beside the lead department, emptied too', () => {
    expect(historyChanges('edited', { participants: [3] }, { participants: [3, 5] })).toEqual([
      { field: 'participants', before: [3], after: [3, 5] },
    ]);
    expect(historyChanges('edited', { participants: [3] }, { participants: [] })).toEqual([
      { field: 'participants', before: [3], after: [] },
    ]);
  });

  it('shows an edit that cleared a field', () => {
    expect(historyChanges('edited', { responsible_person: '王芳' }, { responsible_person: null })).toEqual([
      { field: 'responsible_person', before: '王芳', after: null },
    ]);
  });

  it('sums up an imported item (every column is in its row) by status, department, person and deadline', () => {
    const row = {
      ledger_code: 'ZF-9',
      title: '班额超标',
      status: 'in_progress',
      department_id: 3,
      responsible_person: '李强',
      deadline: '2026-12-31',
      deadline_end: '2026-12-31T24:00:00',
      campaign_id: 1,
      created_at: '2026-11-20T02:00:00.000Z',
    };
    expect(historyChanges('imported', null, row).map((c) => c.field)).toEqual([
      'status',
      'department_id',
      'responsible_person',
      'deadline',
    ]);
  });

  it('has nothing to list for an urging without recorded fields', () => {
    expect(historyChanges('urged', undefined, undefined)).toEqual([]);
  });
});
