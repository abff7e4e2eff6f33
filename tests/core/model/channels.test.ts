import { describe, expect, it } from 'vitest';
import {
  contentSummary,
  messagePreview,
  orderTotal,
  replyWindow,
  windowApplies,
  type MessageContent,
} from '../../../src/core';

const HOUR = 3_600_000;
const NOW = 1_750_000_000_000;

describe('the customer-service window', () => {
  it('is open for 24 hours after the last customer message, on every channel', () => {
    for (const channel of ['whatsapp', 'messenger', 'instagram'] as const) {
      expect(replyWindow(channel, NOW - 23 * HOUR, NOW)).toEqual({ state: 'open', closesAt: NOW + HOUR });
    }
  });

  it('then WhatsApp takes only templates, Messenger and Instagram the human-agent tag for 7 days', () => {
    expect(replyWindow('whatsapp', NOW - 24 * HOUR, NOW)).toEqual({ state: 'template' });
    expect(replyWindow('messenger', NOW - 30 * HOUR, NOW)).toEqual({
      state: 'human-agent',
      closesAt: NOW - 30 * HOUR + 7 * 24 * HOUR,
    });
    expect(replyWindow('instagram', NOW - 7 * 24 * HOUR, NOW)).toEqual({ state: 'closed' });
  });

  it('is closed when the customer never wrote, and only real providers have one', () => {
    expect(replyWindow('whatsapp', null, NOW)).toEqual({ state: 'template' });
    expect(replyWindow('messenger', null, NOW)).toEqual({ state: 'closed' });
    expect(windowApplies('whatsapp-cloud')).toBe(true);
    expect(windowApplies('sandbox')).toBe(false);
    expect(windowApplies('app')).toBe(false);
  });
});

describe('message content', () => {
  it('adds up a cart in cents', () => {
    expect(
      orderTotal([
        { productId: 'A', quantity: 3, unitPrice: 0.1, currency: 'EUR' },
        { productId: 'B', quantity: 1, unitPrice: 19.99, currency: 'EUR' },
      ]),
    ).toBe(20.29);
    expect(orderTotal([])).toBe(0);
  });

  it('summarizes every kind in one line, with the message own words first', () => {
    const cases: Array<[MessageContent, string, string]> = [
      [{ kind: 'media', media: 'image', mediaId: '1', mimeType: 'image/jpeg', filename: null }, '', '📷 image'],
      [
        { kind: 'media', media: 'document', mediaId: '1', mimeType: null, filename: 'facture.pdf' },
        '',
        '📄 facture.pdf',
      ],
      [{ kind: 'media', media: 'voice', mediaId: '1', mimeType: null, filename: null }, 'caption', '🎤 caption'],
      [{ kind: 'location', latitude: 45.76, longitude: 4.83, name: null, address: null }, '', '📍 45.76, 4.83'],
      [{ kind: 'contacts', contacts: [{ name: 'Ana', phones: [], emails: [] }] }, '', '👤 Ana'],
      [
        {
          kind: 'order',
          catalogId: null,
          items: [{ productId: 'SKU-1', name: 'Mug', quantity: 2, unitPrice: 5, currency: 'EUR' }],
        },
        '',
        '🛒 2 × Mug',
      ],
      [{ kind: 'choice', choiceId: 'yes', title: 'Oui' }, 'Oui', '☑️ Oui'],
      [{ kind: 'unsupported', type: 'poll' }, '', '⚠️ poll'],
    ];
    for (const [content, text, summary] of cases) expect(contentSummary(content, text)).toBe(summary);
    expect(contentSummary(undefined, 'plain')).toBe('plain');
  });

  it('previews a deleted message without its words', () => {
    expect(messagePreview({ text: 'secret', deletedAt: NOW })).toBe('🚫');
    expect(messagePreview({ text: 'a\nb' })).toBe('a b');
  });
});
