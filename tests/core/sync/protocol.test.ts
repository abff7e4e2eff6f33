import { describe, expect, it } from 'vitest';
import {
  describeIssues,
  MAX_MESSAGE_LENGTH,
  MessageTextSchema,
  PullInputSchema,
  SendInputSchema,
} from '../../../src/core';

describe('SendInputSchema', () => {
  const good = { clientId: 'c_12345678', threadId: 't1', text: 'Bonjour 👋' };

  it('accepts a reply, including 100 KB of text, RTL and zero-width characters', () => {
    expect(SendInputSchema.parse(good)).toEqual(good);
    expect(SendInputSchema.safeParse({ ...good, text: 'x'.repeat(MAX_MESSAGE_LENGTH) }).success).toBe(true);
    expect(SendInputSchema.safeParse({ ...good, text: 'مرحبا\u200bשלום' }).success).toBe(true);
  });

  it('refuses empty, oversized and malformed replies with a readable reason', () => {
    const cases: unknown[] = [
      { ...good, text: '   ' },
      { ...good, text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) },
      { ...good, clientId: 'short' },
      { ...good, clientId: 'has spaces in it' },
      { ...good, threadId: '' },
      { ...good, text: 42 },
      null,
      'send',
    ];
    for (const input of cases) {
      const parsed = SendInputSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      if (!parsed.success) expect(describeIssues(parsed.error.issues).length).toBeGreaterThan(0);
    }
  });
});

describe('PullInputSchema', () => {
  it('defaults the page size and bounds it', () => {
    expect(PullInputSchema.parse({ after: 0 })).toEqual({ after: 0, limit: 1000 });
    expect(PullInputSchema.safeParse({ after: -1 }).success).toBe(false);
    expect(PullInputSchema.safeParse({ after: 0, limit: 1_000_000 }).success).toBe(false);
    expect(PullInputSchema.safeParse({ after: 1.5 }).success).toBe(false);
  });
});

describe('MessageTextSchema', () => {
  it('keeps every real character and refuses what a store cannot hold', () => {
    for (const text of [
      'Bonjour 👋',
      'שלום مرحبا',
      'zero\u200bwidth',
      'e\u0301 combining',
      '\u{1F468}\u200d\u{1F469}',
    ]) {
      expect(MessageTextSchema.safeParse(text).success, text).toBe(true);
    }
    for (const text of ['a\u0000b', 'lone \ud800 high', 'lone \udc00 low', 'swapped \udc00\ud800']) {
      expect(MessageTextSchema.safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
  });
});
