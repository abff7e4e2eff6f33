import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedSnippet, waMeLink } from '../../../src/core/commerce/click-to-chat';

function textParam(url: string): string | null {
  const query = url.split('?')[1];
  if (query === undefined) return null;
  expect(query.startsWith('text=')).toBe(true);
  // Nothing after the text: an unencoded `&` or `#` would have cut the message short.
  expect(query).not.toMatch(/[&#?\s]/);
  return decodeURIComponent(query.slice('text='.length));
}

describe('waMeLink', () => {
  it.each([
    ['+33 6 12 34 56 78', undefined],
    ['+33 (0)6 12-34-56-78', undefined],
    ['0033 6 12 34 56 78', undefined],
    ['0033612345678', 'FR'],
    ['06 12 34 56 78', 'FR'],
    ['33612345678', undefined],
  ])('turns %s (country %s) into digits only, without + or leading zeros', (phone, country) => {
    expect(waMeLink(phone, undefined, country)).toEqual({
      ok: true,
      url: 'https://wa.me/33612345678',
      number: '33612345678',
    });
  });

  it('reads other countries’ numbers', () => {
    expect(waMeLink('+1 (415) 555-2671')).toMatchObject({ ok: true, url: 'https://wa.me/14155552671' });
    expect(waMeLink('07911 123456', '', 'GB')).toMatchObject({ ok: true, url: 'https://wa.me/447911123456' });
  });

  it('needs the country code when no default country says what a national number means', () => {
    expect(waMeLink('06 12 34 56 78')).toMatchObject({ ok: false, reason: 'invalid-number' });
  });

  it.each(['', '   '])('asks for a number when there is none (%j)', (phone) => {
    expect(waMeLink(phone, 'Bonjour')).toEqual({
      ok: false,
      reason: 'missing-number',
      error: 'no WhatsApp number was given',
    });
  });

  it.each(['hello', '+33 6 12 AB 56 78', '12', '+33 6 12', '+1234567890123456', '06 12 34 56 78 +33', 'javascript:1'])(
    'refuses %j with a readable error',
    (phone) => {
      const link = waMeLink(phone, undefined, 'FR');
      expect(link.ok).toBe(false);
      if (!link.ok) {
        expect(link.reason).toBe('invalid-number');
        expect(link.error).toMatch(/is not a phone number with its country code/);
      }
    },
  );

  it('leaves the text out when there is none', () => {
    expect(waMeLink('+33612345678', '')).toMatchObject({ url: 'https://wa.me/33612345678' });
  });

  it('encodes accents, emoji, &, # and newlines', () => {
    const link = waMeLink('+33 6 12 34 56 78', 'Bonjour Maison Lumière ! 🕯️\nCommande #12 & 13?');
    expect(link).toMatchObject({
      ok: true,
      url:
        'https://wa.me/33612345678?text=Bonjour%20Maison%20Lumi%C3%A8re%20!%20%F0%9F%95%AF%EF%B8%8F%0A' +
        'Commande%20%2312%20%26%2013%3F',
    });
  });

  it('gives any text back through the URL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (text) => {
        const link = waMeLink('+33612345678', text);
        if (!link.ok) throw new Error(link.error);
        expect(link.url.startsWith('https://wa.me/33612345678?text=')).toBe(true);
        expect(textParam(link.url)).toBe(text);
      }),
    );
  });

  it('never throws on broken UTF-16: a lone surrogate becomes U+FFFD, the rest comes back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), (text) => {
        const link = waMeLink('+33612345678', text);
        if (!link.ok) throw new Error(link.error);
        expect(textParam(link.url)).toBe(wellFormed(text));
      }),
    );
    expect(textParam((waMeLink('+33612345678', 'a\uD83Db') as { url: string }).url)).toBe('a\uFFFDb');
  });
});

/** What String.prototype.toWellFormed (ES2024) does, walking code units. */
function wellFormed(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += text[i]! + text[i + 1]!;
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) out += '\uFFFD';
    else out += text[i]!;
  }
  return out;
}

describe('embedSnippet', () => {
  it('links to the chat in a new tab, without giving the shop’s page to WhatsApp', () => {
    expect(embedSnippet('https://wa.me/33612345678?text=Bonjour', 'Chat with us on WhatsApp')).toBe(
      '<a href="https://wa.me/33612345678?text=Bonjour" target="_blank" rel="noopener noreferrer">' +
        'Chat with us on WhatsApp</a>',
    );
  });

  it('escapes the URL as an attribute and the label as text', () => {
    expect(embedSnippet('https://wa.me/1?a="b"&c=<d>\'', 'Écrivez-nous <b>vite</b> & "bien"')).toBe(
      '<a href="https://wa.me/1?a=&quot;b&quot;&amp;c=&lt;d&gt;&#39;" target="_blank" rel="noopener noreferrer">' +
        'Écrivez-nous &lt;b&gt;vite&lt;/b&gt; &amp; "bien"</a>',
    );
  });

  it('keeps any label as text', () => {
    fc.assert(
      fc.property(fc.string(), (label) => {
        const html = embedSnippet('https://wa.me/33612345678', label);
        const text = html.slice(html.indexOf('>') + 1, -'</a>'.length);
        expect(text).not.toMatch(/[<>]/);
        expect(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(label);
      }),
    );
  });

  it.each(['javascript:alert(1)', 'data:text/html,hi', ' https://wa.me/1', 'wa.me/1'])('refuses %j', (url) => {
    expect(() => embedSnippet(url, 'Chat')).toThrow(RangeError);
  });
});
