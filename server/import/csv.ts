/**
 * CSV records from text that arrives in chunks. It reads what csv-parse read with the options
 * Closeout gave it (relax_quotes, relax_column_count, empty lines kept, a record size limit) —
 * tests/import/csv.test.ts compares the two on random text — at several times its speed: the text is
 * scanned as a string and fields are cut from it as slices instead of being built byte by byte.
 *
 * - The line ending is the first of CRLF, LF or CR met outside quotes; other line breaks are text.
 * - A quoted field may hold delimiters, line breaks and doubled quotes. A quote not followed by the
 *   delimiter or the line ending does not close the field: the field keeps both quotes as text.
 * - A quote inside an unquoted field is text.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export class CsvError extends Error {}

export class CsvParser {
  /** Text not yet scanned: the end of a chunk, where the next characters decide what a quote or a CR is. */
  private carry = '';
  private field = '';
  private record: string[] = [];
  /** Characters of the record's earlier fields (the size limit counts them so, as csv-parse did). */
  private recordChars = 0;
  private quoting = false;
  private wasQuoting = false;
  private newline: string | null = null;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxRecordBytes: number,
    private readonly onRecord: (record: string[]) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  write(chunk: string): void {
    this.scan(this.carry + chunk, false);
  }

  end(): void {
    this.scan(this.carry, true);
    this.carry = '';
    if (this.quoting) throw new CsvError('Quote Not Closed: the text ends inside a quoted field');
    if (this.wasQuoting || this.record.length > 0 || this.field.length > 0) {
      this.endField(this.field);
      this.endRecord();
    }
  }

  /** The line ending starting at i: its length, or 0 (found on first sight, as csv-parse did). */
  private newlineAt(t: string, i: number): number {
    if (this.newline === null) {
      const c = t.charCodeAt(i);
      if (c === CR) this.newline = t.charCodeAt(i + 1) === LF ? '\r\n' : '\r';
      else if (c === LF) this.newline = '\n';
      else return 0;
      return this.newline.length;
    }
    return t.startsWith(this.newline, i) ? this.newline.length : 0;
  }

  private scan(t: string, final: boolean): void {
    // Without the final chunk, stop 3 characters short: a quote's meaning depends on up to 3 after it.
    const stop = final ? t.length : t.length - 3;
    const delimiter = this.delimiter;
    let start = 0; // the current field's text not yet added to this.field begins here
    let i = 0;
    for (; i < stop; i++) {
      const c = t.charCodeAt(i);
      if (c === QUOTE) {
        if (this.quoting) {
          const next = t.charCodeAt(i + 1);
          if (next === QUOTE) {
            // A doubled quote: one quote of text.
            this.field += t.slice(start, i);
            start = i + 1;
            i++;
            continue;
          }
          this.field += t.slice(start, i);
          this.quoting = false;
          this.wasQuoting = true;
          // NaN: the end of the text; 0: csv-parse took a NUL after the quote for the end too.
          if (Number.isNaN(next) || next === 0 || next === delimiter || this.newlineAt(t, i + 1) > 0) {
            start = i + 1;
            continue;
          }
          // Not a closing quote: the field is kept with its quotes, as text.
          this.field = `"${this.field}`;
          start = i;
          continue;
        }
        if (this.field.length === 0 && i === start) {
          this.quoting = true;
          start = i + 1;
          continue;
        }
        continue;
      }
      if (this.quoting) continue;
      if (c === delimiter) {
        this.endField(this.field + t.slice(start, i));
        start = i + 1;
        continue;
      }
      if (c === CR || c === LF) {
        const n = this.newlineAt(t, i);
        if (n > 0) {
          this.endField(this.field + t.slice(start, i));
          this.endRecord();
          i += n - 1;
          start = i + 1;
        }
      }
    }
    this.field += t.slice(start, i);
    this.carry = t.slice(i);
  }

  private endField(field: string): void {
    // csv-parse refused a record once its earlier fields' characters and the field's bytes before its
    // last byte passed the limit.
    if (
      this.recordChars + field.length * 3 - 1 > this.maxRecordBytes &&
      this.recordChars + Buffer.byteLength(field) - 1 > this.maxRecordBytes
    )
      throw new CsvError(`Max Record Size: a record is longer than ${this.maxRecordBytes} bytes`);
    this.record.push(field);
    this.recordChars += field.length;
    this.field = '';
    this.wasQuoting = false;
  }

  private endRecord(): void {
    const record = this.record;
    this.record = [];
    this.recordChars = 0;
    this.onRecord(record);
  }
}
