import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` header: the HMAC-SHA256 of the raw body bytes, keyed with the
 * app secret. The bytes must be the ones received (re-serialized JSON would differ), and the compare takes the
 * same time whatever the mismatch, so the signature cannot be guessed one byte at a time.
 */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const given = HEADER.exec(header?.trim() ?? '')?.[1];
  if (!given || appSecret === '') return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

/** The header value Meta would send for `rawBody`: for tests, benchmarks and the sandbox's own webhooks. */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
