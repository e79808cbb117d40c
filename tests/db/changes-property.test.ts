/**
 * "Since the last review" in one pass (db/queries/changes.ts) against `listChangedItems`, which
 * reads each moment's item state separately: same totals, same items in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listChangedSince } from '../../db/queries/changes.ts';
import { listChangedItems } from '../../db/queries/figures.ts';
import { memoryDb } from '../helpers/db.ts';
import { ledgerArb, windowArb, writeLedger } from '../helpers/ledger-arbitraries.ts';

describe('changed items since an earlier moment', () => {
  it('agree with the two-pass listing on random ledgers', () => {
    fc.assert(
      fc.property(ledgerArb, windowArb, fc.integer({ min: 1, max: 6 }), (drafts, window, limit) => {
        fc.pre(window.since < window.t);
        const db = memoryDb();
        writeLedger(db, drafts);
        for (const part of ['overdue', 'closed'] as const) {
          const p = { t: window.t, since: window.since, scope: {}, warningDays: 7, part, limit };
          expect(listChangedSince(db, p), part).toEqual(listChangedItems(db, p));
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });
});
