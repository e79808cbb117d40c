import { describe, expect, it } from 'vitest';
import { auditChanges } from '../../../web/features/admin/audit-changes.ts';

describe('what an audit entry changed', () => {
  it.each([
    [
      'an update: only the fields that differ',
      { name: 'A', active: true },
      { name: 'B', active: true },
      [{ field: 'name', before: 'A', after: 'B' }],
    ],
    [
      'a creation: every field of after',
      null,
      { code: 'D03', aliases: ['财政局'] },
      [
        { field: 'code', before: null, after: 'D03' },
        { field: 'aliases', before: null, after: '["财政局"]' },
      ],
    ],
    [
      'a field that appears',
      { active: true },
      { active: false, note: 'x' },
      [
        { field: 'active', before: 'true', after: 'false' },
        { field: 'note', before: null, after: 'x' },
      ],
    ],
    ['nothing recorded', null, null, []],
    ['a value that is not an object', 'x', 'y', []],
  ])('%s', (_, before, after, expected) => {
    expect(auditChanges(before, after)).toEqual(expected);
  });

  it('shortens long values to 80 characters', () => {
    const [change] = auditChanges(null, { note: '长'.repeat(200) });
    expect(change!.after).toHaveLength(80);
    expect(change!.after!.endsWith('…')).toBe(true);
  });
});
