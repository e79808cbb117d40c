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

  it('compares whole values: a scoring profile whose thresholds differ after character 80 is a change, shown where it differs', () => {
    const config = (target: number) => ({
      minDueItems: 5,
      warningDays: 7,
      components: {
        closureRate: { weight: 25, floor: 0.5, target: 1 },
        onTimeRate: { weight: 30, floor: 0.5, target: 0.95 },
        medianDaysToClose: { weight: 15, floor: 90, target },
      },
    });
    const before = JSON.stringify(config(15));
    const after = JSON.stringify(config(20));
    // The two differ first at the median's target, beyond the 80 characters shown.
    expect(before.slice(0, 80)).toBe(after.slice(0, 80));
    expect(before.indexOf('"target":15}')).toBeGreaterThan(80);
    const [change] = auditChanges({ config: config(15) }, { config: config(20) });
    expect(change!.field).toBe('config');
    expect(change!.before).not.toBe(change!.after);
    expect(change!.before!.length).toBeLessThanOrEqual(80);
    expect(change!.before!.startsWith('…')).toBe(true);
    expect(change!.before).toContain('"target":15}');
    expect(change!.after).toContain('"target":20}');
    // A field whose long value is the same is no change.
    expect(auditChanges({ config: config(15), note: 'a' }, { config: config(15), note: 'b' })).toEqual([
      { field: 'note', before: 'a', after: 'b' },
    ]);
  });
});
