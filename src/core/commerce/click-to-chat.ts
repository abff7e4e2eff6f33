/**
 * Click to chat: the business's `https://wa.me/<number>?text=<message>` link, which opens a WhatsApp chat with the
 * shop (with the message pre-filled) from a website, a QR code on a receipt or a poster. WhatsApp's format
 * ("How to use click to chat", https://faq.whatsapp.com/general/26000030): the full international number in digits
 * only, without `+`, leading zeros, brackets or dashes; the message URL-encoded.
 */
import { toE164 } from '../orders/phone';

export const WA_ME = 'https://wa.me/';

/** Why no link could be made; `error` says it in a sentence for logs, `reason` lets the UI say it in its language. */
export type WaMeLinkError = 'missing-number' | 'invalid-number';

export type WaMeLink = { ok: true; url: string; number: string } | { ok: false; reason: WaMeLinkError; error: string };

// A lone UTF-16 surrogate (from a bad paste) would make encodeURIComponent throw: it becomes U+FFFD instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The wa.me link for `phone` as an agent types it (`+33 6 12 34 56 78`, `0033 6…`, or `06 12 34 56 78` with
 * `defaultCountry` `FR`), with `text` pre-filled when it is not empty. The text is kept as typed (spaces, newlines,
 * emoji): `decodeURIComponent` of the `text` parameter gives it back.
 */
export function waMeLink(phone: string, text?: string, defaultCountry?: string): WaMeLink {
  if (!phone.trim()) return { ok: false, reason: 'missing-number', error: 'no WhatsApp number was given' };
  const e164 = toE164(phone, defaultCountry);
  if (!e164) {
    return {
      ok: false,
      reason: 'invalid-number',
      error: `“${phone.trim().slice(0, 40)}” is not a phone number with its country code (e.g. +33 6 12 34 56 78)`,
    };
  }
  const number = e164.slice(1);
  const query = text ? `?text=${encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'))}` : '';
  return { ok: true, url: `${WA_ME}${number}${query}`, number };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * A "Chat with us on WhatsApp" link for the shop to paste into its website's HTML. Only http(s) URLs are accepted
 * (a `javascript:` one would run on the shop's page); the label is text, never markup.
 */
export function embedSnippet(url: string, label: string): string {
  if (!/^https?:\/\//i.test(url)) throw new RangeError(`not a web link: ${url.slice(0, 40)}`);
  return `<a href="${escapeAttribute(url)}" target="_blank" rel="noopener noreferrer">${escapeText(label)}</a>`;
}
