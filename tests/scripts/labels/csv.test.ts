import { describe, expect, it } from 'vitest';
import { columns, parseCsv, toCsv } from '../../../scripts/labels/csv';

describe('parseCsv', () => {
  it('reads plain rows with LF or CRLF, with or without a final newline', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('handles quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('text,label\n"hello, world",greet\n"she said ""hi""",quote\n"two\nlines",multi\n')).toEqual([
      ['text', 'label'],
      ['hello, world', 'greet'],
      ['she said "hi"', 'quote'],
      ['two\nlines', 'multi'],
    ]);
  });

  it('keeps empty fields, a leading BOM is ignored, quotes inside an unquoted field are literal', () => {
    expect(parseCsv('\ufeffa,b,c\n,,\nx"y,"",z')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['x"y', '', 'z'],
    ]);
  });

  it('refuses an unterminated quoted field', () => {
    expect(() => parseCsv('a\n"oops')).toThrow(/unterminated/);
  });

  it('round trips through toCsv', () => {
    const rows = [
      ['a, b', 'c"d'],
      ['e\nf', 'plain'],
    ];
    expect(parseCsv(toCsv(['x', 'y'], rows))).toEqual([['x', 'y'], ...rows]);
  });
});

describe('columns', () => {
  it('picks named columns and skips blank lines', () => {
    expect(columns(parseCsv('id,text,label\n1,hi,a\n\n2,yo,b\n'), ['text', 'label'], 'f.csv')).toEqual([
      ['hi', 'a'],
      ['yo', 'b'],
    ]);
  });

  it('names the missing column', () => {
    expect(() => columns(parseCsv('text\nhi\n'), ['text', 'intent'], 'f.csv')).toThrow('f.csv: no column "intent"');
    expect(() => columns([], ['text'], 'e.csv')).toThrow(/empty/);
  });
});
