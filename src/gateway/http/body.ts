import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1_000_000;
/** Past this, an oversized upload is cut off instead of being read to the end and discarded. */
const MAX_DISCARD_BYTES = 16_000_000;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };
export type RawBodyResult = { ok: true; value: Buffer } | { ok: false; status: 400 | 413; error: string };

/**
 * Reads a JSON body of at most `limit` bytes. Too large → 413 without buffering it; not JSON → 400. An oversized
 * body is still drained (up to a cap) so the client reads the 413 rather than a reset connection.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const raw = await readRawBody(req, limit);
  return raw.ok ? parseJson(raw.value.toString('utf8')) : raw;
}

/** The body's exact bytes (a webhook signature is computed over them), at most `limit` of them. */
export function readRawBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<RawBodyResult> {
  const tooLarge: RawBodyResult = { ok: false, status: 413, error: `the body is larger than ${limit} bytes` };
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discard(req);
      resolve(tooLarge);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: RawBodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        discard(req);
        settle(tooLarge);
      } else chunks.push(chunk);
    });
    req.on('end', () => settle({ ok: true, value: Buffer.concat(chunks) }));
    req.on('error', () => settle({ ok: false, status: 400, error: 'the request was aborted' }));
  });
}

export function parseJson(text: string): BodyResult {
  if (text.trim() === '') return { ok: false, status: 400, error: 'the body must be a JSON object' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, error: 'the body is not valid JSON' };
  }
}

function discard(req: IncomingMessage): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DISCARD_BYTES) req.destroy();
  });
  req.resume();
}
