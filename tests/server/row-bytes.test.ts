/**
 * A report's bytes with each unchanged row's bytes reused (server/figures/row-bytes.ts): always byte for
 * byte JSON.stringify of the report, a row is stringified again only when it changed, and a block of
 * unchanged rows is the same piece as last time.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { concatBytes, RowBytes, sameJson } from '../../server/figures/row-bytes.ts';

const text = (pieces: Uint8Array[]) => new TextDecoder().decode(concatBytes(pieces));
const row = (id: number, score: number, extra: Record<string, unknown> = {}) => ({
  department: { id, nameZh: `部门${id}`, nameEn: `Department ${id}` },
  score,
  figures: { closureRate: score / 100, lights: { red: id % 3, green: 2 } },
  ...extra,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RowBytes', () => {
  it('gives exactly the JSON of the report, whatever changed since the last time', () => {
    const encoder = new RowBytes();
    const reports: object[] = [
      { asOf: '2026-11-20 10:00', rows: [row(1, 90), row(2, 80), row(3, 70)] },
      // Row 2 changed; the rest as before.
      { asOf: '2026-11-20 10:01', rows: [row(1, 90), row(2, 81), row(3, 70)] },
      // Reordered, one gone, one new, one without a department.
      { asOf: '2026-11-20 10:02', rows: [row(3, 70), row(1, 90), row(4, 60), { note: 'no department' }] },
      // The same values with the keys in another order, and a value left undefined.
      {
        asOf: '2026-11-20 10:03',
        rows: [
          (({ department, ...rest }) => ({ ...rest, department }))(row(3, 70)),
          row(1, 90, { gone: undefined }),
        ],
      },
      // A value that is not plain data, and a row that is not an object.
      { asOf: '2026-11-20 10:04', rows: [row(1, 90, { when: new Date(0) }), null, 5] },
      // The rows under `departments`, rows as the last or the first key, the mark itself in the data.
      { weeks: ['2026-11-16'], departments: [row(1, 90), row(2, 80)] },
      { rows: [row(1, 90)], asOf: '\u0000rows\u0000' },
      { profile: { id: 1 } },
    ];
    for (const report of [...reports, ...reports])
      expect(text(encoder.encode('ranking {}', report))).toBe(JSON.stringify(report));
  });

  it('stringifies again only the rows that changed', () => {
    const encoder = new RowBytes();
    encoder.encode('q', { rows: [row(1, 90), row(2, 80), row(3, 70)] });
    const stringify = vi.spyOn(JSON, 'stringify');
    const again = { rows: [row(1, 90), row(2, 81), row(3, 70)] };
    expect(text(encoder.encode('q', again))).toBe(JSON.stringify(again));
    // The report around its rows, and row 2: two calls before the check's own.
    expect(stringify).toHaveBeenCalledTimes(3);
    expect(stringify.mock.calls.map((c) => c[0])).toContainEqual(row(2, 81));
  });

  it('gives a block of 32 rows that all kept their bytes as the same piece as last time', () => {
    const encoder = new RowBytes();
    const rows = Array.from({ length: 70 }, (_, i) => row(i + 1, i));
    const first = encoder.encode('q', { asOf: 'a', rows });
    // The report around the rows, blocks of rows 1–32, 33–64 and 65–70, the end.
    expect(first).toHaveLength(5);
    const changed = rows.map((r, i) => (i === 40 ? row(41, 99) : r));
    const second = encoder.encode('q', { asOf: 'a', rows: changed });
    expect(text(second)).toBe(JSON.stringify({ asOf: 'a', rows: changed }));
    expect(second.map((piece, i) => piece === first[i])).toEqual([true, true, false, true, false]);
    // A new moment: the report around the rows is new, the rows' blocks are as they were.
    const third = encoder.encode('q', { asOf: 'b', rows: changed });
    expect(third.map((piece, i) => piece === second[i])).toEqual([false, true, true, true, false]);
    // One row fewer: the last block is new, as its rows are.
    const fourth = encoder.encode('q', { asOf: 'b', rows: changed.slice(0, 69) });
    expect(fourth.map((piece, i) => piece === third[i])).toEqual([true, true, true, false, false]);
  });

  it('keeps the rows of a limited number of questions, forgetting the least recent', () => {
    const encoder = new RowBytes(2);
    const report = { rows: [row(1, 90)] };
    for (const q of ['a', 'b', 'c']) encoder.encode(q, report);
    const stringify = vi.spyOn(JSON, 'stringify');
    encoder.encode('a', report); // forgotten: its row is stringified again
    encoder.encode('c', report); // kept
    expect(stringify).toHaveBeenCalledTimes(3);
  });

  it('equals JSON.stringify for random reports and random changes', () => {
    const value = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const rowArb = fc.record({
      department: fc.record({ id: fc.integer({ min: 1, max: 6 }) }),
      a: value,
      b: fc.array(value, { maxLength: 3 }),
      c: fc.dictionary(fc.string({ maxLength: 3 }), value, { maxKeys: 3 }),
    });
    const reportArb = fc.record({ asOf: fc.string(), rows: fc.array(rowArb, { maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(reportArb, { minLength: 1, maxLength: 5 }), (reports) => {
        const encoder = new RowBytes();
        for (const report of reports) expect(text(encoder.encode('q', report))).toBe(JSON.stringify(report));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sameJson', () => {
  it('is true exactly when two values have the same JSON, for plain data', () => {
    expect(sameJson({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toBe(true);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false); // key order is part of the JSON
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false); // counted as changed: stringified again
    expect(sameJson([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameJson(Number.NaN, Number.NaN)).toBe(false);
    expect(sameJson(new Date(0), new Date(0))).toBe(false);
    expect(sameJson(0, -0)).toBe(true); // both are 0 in JSON
  });
});
