import type { ServerResponse } from 'node:http';

/** Headers on every answer: nothing is sniffed, framed or leaked through a referrer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** JSON answers are data, never a document: a CSP that allows nothing. */
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-security-policy': API_CSP,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(payload);
}

export const sendError = (res: ServerResponse, status: number, error: string, headers?: Record<string, string>) =>
  sendJson(res, status, { ok: false, error }, headers);

/** Plain text (a webhook challenge): never rendered as a page, whatever it holds. */
export function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-security-policy': API_CSP,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/**
 * A customer's file. It is data for the app to show through a blob URL, never a page of this origin: a sandboxing
 * CSP and nosniff keep an HTML or SVG "image" from running anything even if opened directly.
 */
export function sendBytes(res: ServerResponse, bytes: Buffer, mimeType: string) {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-security-policy': `${API_CSP}; sandbox`,
    'content-type': /^[\w.+-]+\/[\w.+-]+$/.test(mimeType) ? mimeType : 'application/octet-stream',
    'content-length': bytes.length,
    'content-disposition': 'attachment',
    'cache-control': 'private, max-age=86400',
  });
  res.end(bytes);
}
