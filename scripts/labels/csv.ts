/**
 * A small RFC 4180 CSV parser: comma-separated, fields optionally in double quotes, `""` for a quote inside a
 * quoted field, commas and newlines (LF or CRLF) allowed inside quotes. Returns rows of strings.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let quoted = false;
  let fieldStarted = false;
  const n = text.length;
  const endField = (): void => {
    row.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (c === ',') {
      endField();
      i++;
    } else if (c === '\n' || c === '\r') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field at end of input');
  if (fieldStarted || row.length > 0) endRow();
  return rows;
}

/** Quotes a field when needed (for writing CSV files: the held-out split). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** Reads the named columns of a parsed CSV (header on the first row); throws a one-line error if one is missing. */
export function columns(rows: string[][], names: readonly string[], source: string): string[][] {
  const header = rows[0];
  if (!header) throw new Error(`${source}: empty file (no header row)`);
  const at = names.map((name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${source}: no column "${name}" (columns: ${header.join(', ')})`);
    return i;
  });
  const out: string[][] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length === 1 && row[0] === '') continue;
    out.push(at.map((i) => row[i] ?? ''));
  }
  return out;
}
