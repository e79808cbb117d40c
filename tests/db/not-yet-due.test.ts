/**
 * The deadline split kept in memory (db/queries/not-yet-due.ts) against a count in plain JavaScript
 * over every item: random ledgers, random writes at a moving "now" (including voiding, a new lead
 * department, an edited domain or source, an extension, a first deadline, a department moved to
 * another peer group) and questions at moments drawn near the last one (the same moment, minutes,
 * hours, more than a day away), in every scope, grouping and warning period.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withOneVersionBump } from '../../db/derived.ts';
import type { Db } from '../../db/open.ts';
import type { FigureParams, GroupBy } from '../../db/queries/figures.ts';
import { type NotYetDue, notYetDue, notYetDueTally } from '../../db/queries/not-yet-due.ts';
import { memoryDb } from '../helpers/db.ts';
import { applyWrite, at, itemArb, scopesOf, setUp, shift, writeArb } from '../helpers/random-ledger.ts';

interface Row {
  department_id: number | null;
  campaign_id: number | null;
  domain_id: number | null;
  source: string;
  deadline_end: string | null;
  closed_at: string | null;
  voided_at: string | null;
  peer_group_id: number | null;
}

/** Every item read and counted one by one, by the definition (docs/metrics.md: due, yellow). */
function reference(db: Db, p: FigureParams, by: GroupBy | null): NotYetDue[] {
  const rows = db
    .prepare(
      `SELECT i.department_id, i.campaign_id, i.domain_id, i.source, i.deadline_end, i.closed_at, i.voided_at,
         d.peer_group_id FROM items i LEFT JOIN departments d ON d.id = i.department_id`,
    )
    .all() as Row[];
  const { scope, t } = p;
  const tWarn = shift(t, p.warningDays * 86_400);
  const groups = new Map<number | string | null, NotYetDue>();
  for (const r of rows) {
    if (r.voided_at !== null || r.deadline_end === null || r.deadline_end < t) continue;
    if (scope.campaignId !== undefined && r.campaign_id !== scope.campaignId) continue;
    if (scope.domainId !== undefined && r.domain_id !== scope.domainId) continue;
    if (scope.source !== undefined && r.source !== scope.source) continue;
    if (scope.departmentId !== undefined && r.department_id !== scope.departmentId) continue;
    if (scope.peerGroupId !== undefined && r.peer_group_id !== scope.peerGroupId) continue;
    const key = by === null ? null : by === 'source' ? r.source : r[`${by}_id`];
    const g = groups.get(key) ?? { group_key: key, n: 0, on_time: 0, open: 0, warned: 0 };
    g.n++;
    if (r.closed_at !== null && r.closed_at <= r.deadline_end) g.on_time++;
    if (r.closed_at === null) g.open++;
    if (r.closed_at === null && r.deadline_end < tWarn) g.warned++;
    groups.set(key, g);
  }
  return sorted([...groups.values()]);
}

const sorted = (rows: NotYetDue[]) =>
  rows.map((r) => ({ ...r })).sort((a, b) => String(a.group_key).localeCompare(String(b.group_key)));

const GROUPINGS = [null, 'department', 'domain', 'source'] as const;

/** How far the next question's moment lies from the last one's, in seconds. */
const stepArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -600, max: 600 }),
  fc.integer({ min: -30 * 3600, max: 30 * 3600 }),
  fc.integer({ min: -10 * 86_400, max: 10 * 86_400 }),
);

/**
 * A question asked at a moment moved on from the last one; or at a few moments around an item's
 * deadline or the moment it turns yellow (its deadline less the warning days), so that moving a kept
 * count from one to the next crosses it.
 */
const questionArb = fc.record({
  kind: fc.constant('ask' as const),
  step: stepArb,
  around: fc.option(fc.record({ pick: fc.nat(), warning: fc.boolean() })),
  offsets: fc.array(fc.integer({ min: -20 * 3600, max: 20 * 3600 }), { minLength: 1, maxLength: 3 }),
  warningDays: fc.constantFrom(0, 1, 7),
});

describe('the deadline split kept in memory', () => {
  it('equals every item counted afresh, after writes and at moments near the kept ones', () => {
    const total = { read: 0, logged: 0, shifted: 0 };
    fc.assert(
      fc.property(
        fc.array(itemArb, { maxLength: 20 }),
        fc.array(
          fc.oneof(
            questionArb,
            writeArb.map((w) => ({ kind: 'write' as const, ...w })),
          ),
          {
            minLength: 1,
            maxLength: 40,
          },
        ),
        (items, steps) => {
          const db = memoryDb();
          const { create } = setUp(db);
          const ids = items.map((item, k) => create(item, item.reg, k % 3 === 0 ? 'K2' : 'K1'));
          const scopes = scopesOf(db);
          let clock = 2200;
          let moment = at(2200);
          const ask = (p: FigureParams, by: GroupBy | null) =>
            expect(sorted(notYetDue(db, p, by)), `T=${p.t} by ${by} ${JSON.stringify(p.scope)}`).toEqual(
              reference(db, p, by),
            );
          for (const step of steps) {
            if (step.kind === 'write') {
              clock += step.gap;
              applyWrite(db, ids, step.write, at(clock), (item, backdate) =>
                create(item, clock - backdate, 'K1', clock),
              );
              // Again at the last moment: the kept counts brought up to date by this write.
              for (const scope of scopes)
                for (const by of GROUPINGS) ask({ t: moment, scope, warningDays: 7 }, by);
              continue;
            }
            const deadlines = (
              db
                .prepare('SELECT deadline_end FROM items WHERE deadline_end IS NOT NULL ORDER BY id')
                .all() as {
                deadline_end: string;
              }[]
            ).map((r) => r.deadline_end);
            const moments =
              step.around && deadlines.length > 0
                ? step.offsets.map((offset) => {
                    const deadline = deadlines[step.around!.pick % deadlines.length]!;
                    const warning = step.around!.warning ? step.warningDays * 86_400 : 0;
                    return shift(deadline, offset - warning);
                  })
                : [shift(moment, step.step)];
            for (const t of moments) {
              moment = t;
              for (const scope of scopes)
                for (const by of GROUPINGS) ask({ t, scope, warningDays: step.warningDays }, by);
            }
          }
          const tally = notYetDueTally(db);
          total.read += tally.read;
          total.logged += tally.logged;
          total.shifted += tally.shifted;
        },
      ),
      { numRuns: 100 },
    );
    // Not a vacuous pass: counts were brought up to date by the log and moved to other moments.
    expect(total.logged).toBeGreaterThan(20);
    expect(total.shifted).toBeGreaterThan(20);
    expect(total.read).toBeGreaterThan(0);
  }, 60_000);

  function ledgerWithItems() {
    const db = memoryDb();
    const { create } = setUp(db);
    const item = { department: 'A', source: 'hotline', domain: 'D1', closedAfter: null, responseAfter: null };
    const ids = [10, 20, 30].map((days) =>
      create({ ...item, reg: 2000, deadline: { days } } as Parameters<typeof create>[0], 2000, 'K1'),
    );
    const p = { t: at(2100), scope: {}, warningDays: 7 };
    const voidItem = (id: number, hours: number) =>
      db.prepare("UPDATE items SET voided_at = ?, void_reason = 'dup' WHERE id = ?").run(at(hours), id);
    return { db, ids, p, voidItem };
  }

  it('is read afresh when the log no longer reaches back to the kept count', () => {
    const { db, ids, p, voidItem } = ledgerWithItems();
    expect(sorted(notYetDue(db, p, 'department'))).toEqual(reference(db, p, 'department'));
    voidItem(ids[0]!, 2250);
    // As the log's own trigger does to rows beyond the last 20,000.
    db.exec('DELETE FROM figure_item_log');
    const before = notYetDueTally(db);
    const counts = sorted(notYetDue(db, p, 'department'));
    expect(counts).toEqual(reference(db, p, 'department'));
    expect(counts[0]!.n).toBe(2);
    expect(notYetDueTally(db).read).toBe(before.read + 1);
  });

  it('is read afresh after a write recorded as changing everything (the log suspended)', () => {
    const { db, ids, p, voidItem } = ledgerWithItems();
    notYetDue(db, p, null);
    db.transaction(() => withOneVersionBump(db, () => voidItem(ids[1]!, 2050)))();
    expect(db.prepare('SELECT COUNT(*) AS n FROM figure_item_log').get()).toEqual({ n: 3 });
    const before = notYetDueTally(db);
    expect(sorted(notYetDue(db, p, null))).toEqual(reference(db, p, null));
    expect(notYetDueTally(db).read).toBe(before.read + 1);
  });

  it('takes a deleted item out', () => {
    const { db, ids, p } = ledgerWithItems();
    notYetDue(db, p, 'domain');
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM items WHERE id = ?').run(ids[2]);
    db.pragma('foreign_keys = ON');
    const before = notYetDueTally(db);
    const counts = sorted(notYetDue(db, p, 'domain'));
    expect(counts).toEqual(reference(db, p, 'domain'));
    expect(counts[0]!.n).toBe(2);
    expect(notYetDueTally(db).logged).toBe(before.logged + 1);
  });

  it('keeps nothing read inside a write that is then rolled back', () => {
    const { db, ids, p, voidItem } = ledgerWithItems();
    notYetDue(db, p, null);
    const rollback = new Error('rolled back');
    expect(() =>
      db.transaction(() => {
        voidItem(ids[0]!, 2250);
        expect(sorted(notYetDue(db, p, null))).toEqual(reference(db, p, null));
        throw rollback;
      })(),
    ).toThrow(rollback);
    expect(sorted(notYetDue(db, p, null))).toEqual(reference(db, p, null));
    expect(notYetDue(db, p, null)[0]!.n).toBe(3);
  });
});
