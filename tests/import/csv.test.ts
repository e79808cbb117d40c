import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../server/import/csv.ts';

/** Records or 'ERROR', from csv-parse with the options the importer used to give it. */
function reference(text: string, delimiter: string, maxRecordBytes: number): string[][] | 'ERROR' {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: maxRecordBytes,
    }) as string[][];
  } catch {
    return 'ERROR';
  }
}

/** Records or 'ERROR', from CsvParser fed the text in the given chunks. */
function ours(chunks: string[], delimiter: string, maxRecordBytes: number): string[][] | 'ERROR' {
  const records: string[][] = [];
  try {
    const parser = new CsvParser(delimiter, maxRecordBytes, (r) => records.push(r));
    for (const chunk of chunks) parser.write(chunk);
    parser.end();
    return records;
  } catch {
    return 'ERROR';
  }
}

const split = (text: string, cuts: number[]) => {
  const at = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  return [...at, text.length].map((end, i) => text.slice(i === 0 ? 0 : at[i - 1], end));
};

describe('CsvParser reads what csv-parse read', () => {
  it('on random text of quotes, delimiters, line breaks and Chinese, cut into random chunks', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      '中',
      '"',
      '""',
      ',',
      ';',
      '\t',
      '\r',
      '\n',
      '\r\n',
      ' ',
      '\u0000',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.constantFrom(8, 20, 1 << 20),
        (text, delimiter, cuts, max) => {
          expect(ours(split(text, cuts), delimiter, max)).toEqual(reference(text, delimiter, max));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a,b\r\nc,d\r\n', ','],
    ['"a,b","c""d"\n"e\nf",g', ','],
    ['x"y,"z"w,"v"\n', ','],
    ['\n\n1\t2\n', '\t'],
    ['a\rb\r\nc', ','],
    ['"unclosed,a\n', ','],
  ])('on %j', (text, delimiter) => {
    expect(ours([text], delimiter, 1 << 20)).toEqual(reference(text, delimiter, 1 << 20));
  });
});
