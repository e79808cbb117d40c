/**
 * The gzip of an answer in pieces (server/figures/piece-gzip.ts): always a gzip of exactly the joined
 * pieces, as small as gzipping them whole, and a piece is deflated again only when it or the 32 KB
 * before it changed.
 */
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gzipPieces } from '../../server/figures/piece-gzip.ts';
import { concatBytes } from '../../server/figures/row-bytes.ts';

vi.mock('node:zlib', async (original) => {
  const actual = await original<typeof import('node:zlib')>();
  return { ...actual, deflateRawSync: vi.fn(actual.deflateRawSync) };
});

const utf8 = new TextEncoder();
/** Rows of a ranking-like answer: much in common, so deflate refers back across pieces. */
const rowsText = (n: number, seed: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `{"department":{"id":${i},"code":"K${i % 9}-D${i}","nameZh":"第${i}部门"},"score":${((i * 37 + seed) % 1000) / 10},"rank":${i + 1}}`,
  ).join(',');

const gzipOf = (pieces: Uint8Array[]) => gzipPieces(pieces, concatBytes(pieces), 1);
/** Compared as text: a deep comparison of 100 KB as numbers takes vitest a good part of a second. */
const gunzip = (bytes: Uint8Array) => zlib.gunzipSync(bytes).toString('utf8');
const joined = (pieces: Uint8Array[]) => Buffer.from(concatBytes(pieces)).toString('utf8');

afterEach(() => {
  vi.mocked(zlib.deflateRawSync).mockClear();
});

describe('gzipPieces', () => {
  it('is a gzip of the joined pieces, as small as the whole gzipped at once', () => {
    const pieces = [utf8.encode('{"asOf":"2026-11-20T10:00:00","rows":[')];
    for (let block = 0; block < 13; block++) pieces.push(utf8.encode(rowsText(100, block)));
    pieces.push(utf8.encode(']}'));
    const whole = concatBytes(pieces);
    expect(whole.length).toBeGreaterThan(3 * 32 * 1024);
    const zipped = gzipOf(pieces);
    expect(gunzip(zipped)).toBe(joined(pieces));
    // Each piece deflated on its own without the 32 KB before it would be ≈ 10 % larger.
    expect(zipped.length).toBeLessThan(zlib.gzipSync(whole, { level: 1 }).length * 1.01);
  });

  it('deflates again only the pieces that changed and the pieces within 32 KB after them', () => {
    const pieces = Array.from({ length: 6 }, (_, i) => utf8.encode(rowsText(200, i))); // ≈ 20 KB each
    expect(pieces.every((p) => p.length > 16 * 1024 && p.length < 32 * 1024)).toBe(true);
    gzipOf(pieces);
    expect(zlib.deflateRawSync).toHaveBeenCalledTimes(6);
    vi.mocked(zlib.deflateRawSync).mockClear();
    expect(gunzip(gzipOf(pieces))).toBe(joined(pieces));
    expect(zlib.deflateRawSync).not.toHaveBeenCalled();
    // Piece 2 is new: it, and pieces 3 and 4 (whose 32 KB before reach into it), are deflated again.
    const changed = pieces.map((p, i) => (i === 2 ? utf8.encode(rowsText(200, 99)) : p));
    expect(gunzip(gzipOf(changed))).toBe(joined(changed));
    expect(
      vi
        .mocked(zlib.deflateRawSync)
        .mock.calls.map((call) => changed.indexOf(call[0] as (typeof changed)[number])),
    ).toEqual([2, 3, 4]);
  });

  it('is a gzip of the joined pieces for any pieces, kept or new, in any order', () => {
    // A few pieces used again and again in other places: what is kept of a piece must match what
    // comes before it each time.
    const pool = [0, 1, 2, 3, 4, 5].map((k) => utf8.encode(rowsText(k * 60, k)));
    pool.push(new Uint8Array(0), utf8.encode('x'), utf8.encode('{"rows":['));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: pool.length - 1 }), { maxLength: 8 }), {
          minLength: 1,
          maxLength: 6,
        }),
        (answers) => {
          for (const picks of answers) {
            const pieces = picks.map((k) => pool[k]!);
            expect(gunzip(gzipOf(pieces))).toBe(joined(pieces));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
