import { describe, expect, it } from 'vitest';
import { BadgeInputSchema, IPC, IPC_INPUTS, LinkInputSchema, NotifyInputSchema } from '../../../src/core';

describe('IPC contract', () => {
  it('has a schema for every channel', () => {
    expect(Object.keys(IPC_INPUTS).sort()).toEqual(Object.values(IPC).sort());
  });

  it('opens only http(s) links outside the app', () => {
    for (const url of ['https://shop.example.com/orders/1042', 'http://example.org', 'HTTPS://EXAMPLE.COM/a?b=c#d']) {
      expect(LinkInputSchema.safeParse({ url }).success, url).toBe(true);
    }
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://',
      'https://user@evil.example',
      'https://exa mple.com',
      'app://comptoir/index.html',
      '',
    ]) {
      expect(LinkInputSchema.safeParse({ url }).success, url).toBe(false);
    }
  });

  it('bounds notifications and badges', () => {
    expect(NotifyInputSchema.safeParse({ title: 'Ana', body: 'hi', threadId: 't1' }).success).toBe(true);
    expect(NotifyInputSchema.safeParse({ title: '', body: 'hi', threadId: 't1' }).success).toBe(false);
    expect(BadgeInputSchema.safeParse({ count: -1 }).success).toBe(false);
    expect(BadgeInputSchema.safeParse({ count: 3 }).success).toBe(true);
  });
});
