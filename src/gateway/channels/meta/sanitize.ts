import { MAX_MESSAGE_LENGTH } from '../../../core';

const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text from a provider made storable: PostgreSQL refuses NUL, and half a surrogate pair is no character. Customer
 * words are kept otherwise, cut at the app's message limit (WhatsApp's own limit is far below it).
 */
export function storableText(text: string, max = MAX_MESSAGE_LENGTH): string {
  const clean = text.replaceAll('\u0000', '').replace(LONE_SURROGATES, '\uFFFD');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Every string inside `value`, made storable (the normalized update carries strings in many places). */
export function storableDeep<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => storableDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, storableDeep(v)])) as T;
  }
  return value;
}
