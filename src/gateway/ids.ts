import { randomBytes } from 'node:crypto';

/** Random ids with a readable prefix (`th_`, `ct_`...): 96 bits, URL-safe, no coordination needed. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}

/** A bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
