/**
 * The UTF-8 JSON of a report whose bulk is a row per department (the ranking's and improvement's
 * `rows`, the department series' `departments`), made again only for the rows that changed.
 *
 * A cold ranking at 1M items (400 departments, 570 K characters of JSON) spent ≈ 6 ms computing and
 * ≈ 8–10 ms turning the result into bytes: ≈ 3 ms in JSON.stringify, ≈ 4–5 ms encoding the fresh
 * string as UTF-8 (a string encoded before takes 0.8 ms). After a write most rows are as they were.
 * So a figures worker keeps, per question, each row's bytes with the row itself, by the row's
 * department, and reuses them while the new row is equal to it, value for value and key for key (the
 * same JSON). The bytes come in pieces: the report around its rows, and the rows in blocks of
 * BLOCK_ROWS; a block whose rows all kept their bytes is the same object as last time, so its gzip can
 * be kept too (piece-gzip.ts). Joined, the pieces are byte for byte `JSON.stringify(report)`.
 */

/** What is kept of a question's last answer: each department's row and bytes, and the pieces. */
interface Kept {
  rows: Map<number, { row: unknown; bytes: Uint8Array }>;
  head: { text: string; bytes: Uint8Array };
  blocks: { rows: Uint8Array[]; bytes: Uint8Array }[];
}

/** Rows per block: ≈ 40 KB of a province ranking, more than the 32 KB a piece's gzip looks back. */
const BLOCK_ROWS = 32;

const utf8 = new TextEncoder();
/** The report's property holding a row per department: the first of these that is an array. */
const ROW_KEYS = ['rows', 'departments'];
/** Stands for the rows in the report's own JSON, which is split around it. */
const MARK = '\u0000rows\u0000';
const MARK_JSON = JSON.stringify(MARK);
const COMMA = utf8.encode(',');

/** True when `a` and `b` stringify to the same JSON; plain data only (anything else counts as changed). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (
    Array.isArray(b) ||
    Object.getPrototypeOf(a) !== Object.prototype ||
    Object.getPrototypeOf(b) !== Object.prototype
  )
    return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    const k = ak[i]!;
    if (k !== bk[i] || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
      return false;
  }
  return true;
}

const departmentOf = (row: unknown): number | undefined => {
  const id = (row as { department?: { id?: unknown } } | null)?.department?.id;
  return typeof id === 'number' ? id : undefined;
};

/** True when two lists hold the same objects in the same order. */
export const sameObjects = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The parts' bytes one after another, in a buffer of their own. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export class RowBytes {
  private readonly kept = new Map<string, Kept>();

  /** `limit`: how many questions keep their rows (the least recently asked is forgotten first). */
  constructor(private readonly limit = 16) {}

  /** The report's JSON as UTF-8, in pieces; `question` names what was asked (the rows are kept under it). */
  encode(question: string, report: object): Uint8Array[] {
    const whole = () => [utf8.encode(JSON.stringify(report))];
    const key = ROW_KEYS.find((k) => Array.isArray((report as Record<string, unknown>)[k]));
    if (key === undefined) return whole();
    const around = JSON.stringify({ ...report, [key]: MARK }).split(MARK_JSON);
    // The mark in the data itself: no reuse this time.
    if (around.length !== 2) return whole();
    const rows = (report as Record<string, unknown[]>)[key]!;
    const before = this.kept.get(question);
    this.kept.delete(question);
    const now: Kept['rows'] = new Map();
    const rowBytes = rows.map((row) => {
      const id = departmentOf(row);
      const old = id === undefined ? undefined : before?.rows.get(id);
      const bytes = old && sameJson(old.row, row) ? old.bytes : utf8.encode(JSON.stringify(row) ?? 'null');
      if (id !== undefined && !now.has(id)) now.set(id, { row, bytes });
      return bytes;
    });
    const blocks: Kept['blocks'] = [];
    for (let at = 0; at < rowBytes.length; at += BLOCK_ROWS) {
      const blockRows = rowBytes.slice(at, at + BLOCK_ROWS);
      const old = before?.blocks[blocks.length];
      const bytes =
        old !== undefined && sameObjects(old.rows, blockRows)
          ? old.bytes
          : concatBytes(blockRows.flatMap((b, i) => (at + i > 0 ? [COMMA, b] : [b])));
      blocks.push({ rows: blockRows, bytes });
    }
    const headText = `${around[0]}[`;
    const head =
      before?.head.text === headText ? before.head : { text: headText, bytes: utf8.encode(headText) };
    this.kept.set(question, { rows: now, head, blocks });
    if (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
    return [head.bytes, ...blocks.map((b) => b.bytes), utf8.encode(`]${around[1]}`)];
  }
}
