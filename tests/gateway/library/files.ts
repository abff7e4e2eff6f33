/** Small real files for library tests: a 1×1 PNG, a JPEG header, and a one-page PDF. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const PDF = Buffer.from(
  [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n'),
  'latin1',
);

/** Something that is neither: an HTML page renamed .png must still be refused. */
export const HTML_AS_PNG = Buffer.from('<html><script>alert(1)</script></html>');

/** The same kind of file with other bytes (the library keeps one copy of identical bytes). */
export const variant = (file: Buffer, tag: string): Buffer => Buffer.concat([file, Buffer.from(`\n%${tag}\n`)]);
