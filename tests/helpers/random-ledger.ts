/**
 * Random ledgers and random writes for the figures' property tests: items drawn by fast-check, and the
 * writes of server/ledger/commands.ts in SQL (create, close, reopen, extend, void, first response, a new
 * lead department, a domain or source edited, a first deadline set, a department moved to another peer
 * group), each at a given moment.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Db } from '../../db/open.ts';
import type { Figures, Scope } from '../../db/queries/figures.ts';
import { deadlineEnd } from '../../server/domain/time.ts';
import { ledger } from './ledger.ts';

export const START = Date.parse('2026-01-01T00:00:00Z');
export const HOUR = 3_600_000;
export const at = (hours: number) => new Date(START + hours * HOUR).toISOString().slice(0, 19);
export const day = (hours: number) => at(hours).slice(0, 10);
export const shift = (moment: string, seconds: number) =>
  new Date(Date.parse(`${moment}Z`) + seconds * 1000).toISOString().slice(0, 19);

export const SOURCES = ['self_inspection', 'public_complaint', 'hotline', 'inspection_feedback'] as const;
export const DEPARTMENTS = ['A', 'B', 'C', null] as const;

export const itemArb = fc.record({
  reg: fc.integer({ min: 0, max: 1500 }),
  department: fc.constantFrom(...DEPARTMENTS),
  source: fc.constantFrom(...SOURCES),
  domain: fc.constantFrom('D1', 'D2', undefined),
  deadline: fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 40 }).map((d) => ({ days: d })),
    fc.integer({ min: 1, max: 300 }).map((h) => ({ hours: h })),
  ),
  closedAfter: fc.option(fc.integer({ min: 1, max: 600 })),
  responseAfter: fc.option(fc.integer({ min: 0, max: 100 })),
});

export type ItemDraft = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;

export type Write =
  | { kind: 'create'; item: ItemDraft & { backdate: number } }
  | { kind: 'close' | 'reopen' | 'void' | 'respond'; pick: number }
  | { kind: 'extend'; pick: number; days: number }
  | { kind: 'reassign'; pick: number; department: (typeof DEPARTMENTS)[number] }
  | { kind: 'edit'; pick: number; source: (typeof SOURCES)[number]; domain: 'D1' | 'D2' | null }
  | { kind: 'redeadline'; pick: number; days: number }
  | { kind: 'regroup'; department: 'A' | 'B' | 'C'; group: 'G1' | 'G2' }
  // The rankings' other inputs: a public appraisal given or changed, a peer group renamed or reordered.
  | { kind: 'appraise'; department: 'A' | 'B' | 'C'; period: (typeof PERIODS)[number]; score: number }
  | { kind: 'rename'; group: 'G1' | 'G2'; sortOrder: number };

/** Appraisal periods that begin before, among and after the writes' moments (2026-03 to 2026-05). */
const PERIODS = ['2025', '2026', '2026-Q2', '2026-04'] as const;

export const writeArb: fc.Arbitrary<{ gap: number; write: Write }> = fc.record({
  gap: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 200 })),
  write: fc.oneof(
    itemArb.chain((item) =>
      fc
        .integer({ min: 0, max: 300 })
        .map((backdate) => ({ kind: 'create' as const, item: { ...item, backdate } })),
    ),
    fc.record({
      kind: fc.constantFrom('close' as const, 'reopen' as const, 'void' as const, 'respond' as const),
      pick: fc.nat(),
    }),
    fc.record({
      kind: fc.constant('extend' as const),
      pick: fc.nat(),
      days: fc.integer({ min: 0, max: 60 }),
    }),
    fc.record({
      kind: fc.constant('reassign' as const),
      pick: fc.nat(),
      department: fc.constantFrom(...DEPARTMENTS),
    }),
    fc.record({
      kind: fc.constant('edit' as const),
      pick: fc.nat(),
      source: fc.constantFrom(...SOURCES),
      domain: fc.constantFrom('D1' as const, 'D2' as const, null),
    }),
    fc.record({
      kind: fc.constant('redeadline' as const),
      pick: fc.nat(),
      days: fc.integer({ min: -30, max: 60 }),
    }),
    fc.record({
      kind: fc.constant('regroup' as const),
      department: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
      group: fc.constantFrom('G1' as const, 'G2' as const),
    }),
    fc.record({
      kind: fc.constant('appraise' as const),
      department: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
      period: fc.constantFrom(...PERIODS),
      score: fc.integer({ min: 0, max: 100 }),
    }),
    fc.record({
      kind: fc.constant('rename' as const),
      group: fc.constantFrom('G1' as const, 'G2' as const),
      sortOrder: fc.integer({ min: 0, max: 2 }),
    }),
  ),
});

export function setUp(db: Db) {
  const l = ledger(db)
    .department('A', 'G1')
    .department('B', 'G1')
    .department('C', 'G2')
    .campaign('K1')
    .campaign('K2')
    .domain('D1', 'K1')
    .domain('D2', 'K2');
  let n = 0;
  /** Events of an item created by a write must not lie after that write (`notAfter`, in hours). */
  const create = (item: ItemDraft, registered: number, campaign: string, notAfter = Infinity) => {
    const closedAfter =
      item.closedAfter !== null && registered + item.closedAfter <= notAfter ? item.closedAfter : null;
    const responseAfter =
      item.responseAfter !== null && registered + item.responseAfter <= notAfter ? item.responseAfter : null;
    const deadline =
      item.deadline === null
        ? null
        : 'days' in item.deadline
          ? day(registered + item.deadline.days * 24)
          : at(registered + item.deadline.hours);
    return l.item({
      code: `x${n++}`,
      department: item.department,
      registered: at(registered),
      deadline,
      source: item.source,
      campaign,
      ...(item.domain ? { domain: item.domain } : {}),
      closures: closedAfter === null ? [] : [{ closed: at(registered + closedAfter) }],
      ...(responseAfter !== null ? { firstResponse: at(registered + responseAfter) } : {}),
    }).id;
  };
  return { l, create };
}

/** The writes of server/ledger/commands.ts, in SQL, at moment `now`. */
export function applyWrite(
  db: Db,
  ids: number[],
  write: Write,
  now: string,
  create: (item: ItemDraft, backdate: number) => number,
) {
  const id = ids.length > 0 && 'pick' in write ? ids[write.pick % ids.length]! : undefined;
  const row =
    id === undefined
      ? undefined
      : (db.prepare('SELECT closed_at, voided_at, extension_count FROM items WHERE id = ?').get(id) as {
          closed_at: string | null;
          voided_at: string | null;
          extension_count: number;
        });
  const idOf = (table: string, code: string) =>
    (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(code) as { id: number }).id;
  switch (write.kind) {
    case 'create':
      ids.push(create(write.item, write.item.backdate));
      return;
    case 'close':
      if (!row || row.voided_at || row.closed_at) return;
      db.prepare(
        `UPDATE items SET status = 'closed', closed_at = @now, first_closed_at = COALESCE(first_closed_at, @now),
           state_changed_at = @now WHERE id = @id`,
      ).run({ id, now });
      db.prepare('INSERT INTO item_closures (item_id, closed_at) VALUES (?, ?)').run(id, now);
      return;
    case 'reopen':
      if (!row || row.voided_at || !row.closed_at) return;
      db.prepare(
        `UPDATE items SET status = 'in_progress', closed_at = NULL, reopen_count = reopen_count + 1,
           first_reopened_at = COALESCE(first_reopened_at, @now), state_changed_at = @now WHERE id = @id`,
      ).run({ id, now });
      db.prepare('UPDATE item_closures SET reopened_at = ? WHERE item_id = ? AND reopened_at IS NULL').run(
        now,
        id,
      );
      return;
    case 'extend': {
      if (!row || row.voided_at || row.closed_at) return;
      const deadline = shiftDay(now.slice(0, 10), write.days);
      db.prepare(
        `UPDATE items SET deadline = @deadline, deadline_end = @end, extension_count = extension_count + 1,
           first_extended_at = COALESCE(first_extended_at, @now), state_changed_at = @now WHERE id = @id`,
      ).run({ id, now, deadline, end: deadlineEnd(deadline) });
      db.prepare(
        `INSERT INTO deadline_extensions (item_id, approved_at, new_deadline, new_deadline_end, reason)
         VALUES (?, ?, ?, ?, 'test')`,
      ).run(id, now, deadline, deadlineEnd(deadline));
      return;
    }
    case 'void':
      if (!row || row.voided_at) return;
      db.prepare("UPDATE items SET voided_at = ?, void_reason = 'duplicate' WHERE id = ?").run(now, id);
      return;
    case 'respond':
      if (!row || row.voided_at) return;
      db.prepare('UPDATE items SET first_response_at = COALESCE(first_response_at, ?) WHERE id = ?').run(
        now,
        id,
      );
      return;
    case 'reassign': {
      if (!row) return;
      const department =
        write.department === null
          ? null
          : (db.prepare('SELECT id FROM departments WHERE code = ?').get(write.department) as { id: number })
              .id;
      db.prepare('UPDATE items SET department_id = ? WHERE id = ?').run(department, id);
      return;
    }
    case 'edit':
      // editItem: descriptive fields, which include the domain and the source.
      if (!row || row.voided_at) return;
      db.prepare('UPDATE items SET source = ?, domain_id = ? WHERE id = ?').run(
        write.source,
        write.domain === null ? null : idOf('domains', write.domain),
        id,
      );
      return;
    case 'redeadline': {
      // Assigning sets the first deadline (no event): only before any extension, as the workflow allows.
      if (!row || row.voided_at || row.extension_count > 0) return;
      const deadline = shiftDay(now.slice(0, 10), write.days);
      db.prepare(
        `UPDATE items SET original_deadline = @deadline, original_deadline_end = @end, deadline = @deadline,
           deadline_end = @end WHERE id = @id`,
      ).run({ id, deadline, end: deadlineEnd(deadline) });
      return;
    }
    case 'regroup':
      db.prepare('UPDATE departments SET peer_group_id = ? WHERE code = ?').run(
        idOf('peer_groups', write.group),
        write.department,
      );
      return;
    case 'appraise':
      db.prepare(
        `INSERT INTO appraisals (department_id, kind, period, score) VALUES (?, 'public_appraisal', ?, ?)
         ON CONFLICT (department_id, kind, period) DO UPDATE SET score = excluded.score`,
      ).run(idOf('departments', write.department), write.period, write.score);
      return;
    case 'rename':
      db.prepare(
        `UPDATE peer_groups SET name_en = name_en || '.', name_zh = name_zh || '。', sort_order = ? WHERE code = ?`,
      ).run(write.sortOrder, write.group);
      return;
  }
}

export const shiftDay = (d: string, days: number) => shift(`${d}T00:00:00`, days * 86_400).slice(0, 10);

/** Equal figure for figure; the mean of response hours may differ in its last bits (summation order). */
export function expectSame(actual: Figures | undefined, expected: Figures | undefined, label: string) {
  if (expected === undefined || actual === undefined) {
    expect(actual, label).toEqual(expected);
    return;
  }
  const { meanHours: a, ...restActual } = actual.firstResponse;
  const { meanHours: e, ...restExpected } = expected.firstResponse;
  expect({ ...actual, firstResponse: restActual }, label).toEqual({
    ...expected,
    firstResponse: restExpected,
  });
  if (e === null) expect(a, label).toBeNull();
  else expect(a, label).toBeCloseTo(e, 9);
}

export function scopesOf(db: Db): Scope[] {
  const id = (table: string, code: string) =>
    (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(code) as { id: number }).id;
  return [
    {},
    { campaignId: id('campaigns', 'K1') },
    { domainId: id('domains', 'D2') },
    { source: 'hotline' },
    { departmentId: id('departments', 'A') },
    { peerGroupId: id('peer_groups', 'G1') },
    { campaignId: id('campaigns', 'K2'), source: 'public_complaint' },
  ];
}
