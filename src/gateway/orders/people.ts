import { toE164 as coreToE164 } from '../../core';
/**
 * Small conversions both shop sources need: names split and joined, phone numbers brought to E.164, amounts read
 * from the decimal strings shops send.
 */

/** "Dana Scully" → { first: "Dana", last: "Scully" }; one word goes to the last name, which shops require. */
export function splitName(name: string): { first: string; last: string } {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { first: '', last: words[0] ?? '' };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] ?? '' };
}

export function joinName(...parts: (string | null | undefined)[]): string | null {
  const joined = parts
    .map((p) => p?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return joined || null;
}

/**
 * E.164 ("+33612345678") from what a shop stored, using the address's country for national numbers; else null.
 * The calling-code table lives in core (src/core/orders/phone.ts), shared with the conversation side.
 */
export function toE164(raw: string | null | undefined, country?: string | null): string | null {
  if (!raw) return null;
  // Without a country, only an international number can be placed: a shop's "612345678" is not WhatsApp's
  // digits-only id, and reading it as one would match the wrong customer.
  if (!country && !/^\s*(\+|00)/.test(raw)) return null;
  return coreToE164(raw, country ?? undefined);
}

/** Whether a stored phone is the customer's number: same E.164, or the same last nine digits when not placeable. */
export function samePhone(stored: string | null | undefined, e164: string, country?: string | null): boolean {
  if (!stored) return false;
  const normalized = toE164(stored, country);
  if (normalized) return normalized === e164;
  const digits = stored.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 8 && e164.replace(/\D/g, '').endsWith(digits.slice(-9));
}

/** A money amount from a decimal string ("49.90") or number; null when it is not a finite non-negative number. */
export function amount(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) / 100 : null;
}
