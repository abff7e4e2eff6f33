/**
 * RFC 4180 CSV with the line each record starts on, so an import can say "line 7: ...". Comma-separated, fields
 * optionally in double quotes (`""` is a quote inside one; commas and line breaks allowed inside), LF or CRLF, an
 * optional UTF-8 byte-order mark. Blank lines are skipped.
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; error: string };

export function parseCsvLines(text: string): CsvParse {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let started = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    started = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        if (c === '\n') line += 1;
        field += c;
        i += 1;
      }
    } else if (c === '"' && !started) {
      quoted = true;
      started = true;
      quoteLine = line;
      i += 1;
    } else if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\n' || c === '\r') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
    } else {
      field += c;
      started = true;
      i += 1;
    }
  }
  if (quoted) return { ok: false, error: `line ${quoteLine}: a quoted field is not closed` };
  if (started || fields.length > 0) endRecord();
  return { ok: true, records };
}
