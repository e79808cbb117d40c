/**
 * "Since the last review" in one pass (db/queries/changes.ts) against `listChangedItems`, which
 * reads each moment's item state separately: same totals, same items in the same order, page by page.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listChangedParts, listChangedSince } from '../../db/queries/changes.ts';
import { listChangedItems } from '../../db/queries/figures.ts';
import { memoryDb } from '../helpers/db.ts';
import { ledgerArb, windowArb, writeLedger } from '../helpers/ledger-arbitraries.ts';

/** The two-pass listing's page at `offset`: its items after the first `offset`, with the whole total. */
function listChangedItemsPage(
  db: Parameters<typeof listChangedItems>[0],
  p: Parameters<typeof listChangedItems>[1] & { offset: number },
) {
  const longer = listChangedItems(db, { ...p, limit: p.offset + p.limit });
  return { total: longer.total, items: longer.items.slice(p.offset) };
}

describe('changed items since an earlier moment', () => {
  it('agree with the two-pass listing on random ledgers', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        windowArb,
        fc.integer({ min: 1, max: 6 }),
        fc.nat(),
        (drafts, window, limit, pick) => {
          const db = memoryDb();
          writeLedger(db, drafts);
          // Often the earlier moment is exactly some item's event, to test "strictly before" at both ends.
          const events = db
            .prepare(
              `SELECT closed_at AS at FROM item_closures UNION SELECT reopened_at FROM item_closures
             UNION SELECT approved_at FROM deadline_extensions UNION SELECT registered_at FROM items`,
            )
            .all()
            .map((r) => (r as { at: string | null }).at)
            .filter((x): x is string => x !== null && x < window.t);
          const since = pick % 2 === 0 && events.length > 0 ? events[pick % events.length]! : window.since;
          fc.pre(since < window.t);
          // Both parts from one pass (the review's answer) equal each part on its own, on a page and past it.
          for (const offset of [0, limit]) {
            const base = { t: window.t, since, scope: {}, warningDays: 7, limit, offset };
            expect(
              listChangedParts(db, { ...base, parts: ['overdue', 'closed'] }),
              `both, offset ${offset}`,
            ).toEqual({
              overdue: listChangedItemsPage(db, { ...base, part: 'overdue' }),
              closed: listChangedItemsPage(db, { ...base, part: 'closed' }),
            });
          }
          for (const part of ['overdue', 'closed'] as const) {
            const p = { t: window.t, since, scope: {}, warningDays: 7, part, limit };
            const all = listChangedItems(db, p);
            expect(listChangedSince(db, p), part).toEqual(all);
            // A later page: the same total, and the items after the first `limit`, even past the end.
            const longer = listChangedItems(db, { ...p, limit: 2 * limit });
            expect(listChangedSince(db, { ...p, offset: limit }), `${part} page 2`).toEqual({
              total: all.total,
              items: longer.items.slice(limit),
            });
          }
        },
      ),
      { numRuns: 300, seed: 20261125 },
    );
  }, 120_000);
});
