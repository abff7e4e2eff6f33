import { describe, expect, it } from 'vitest';
import {
  outboundMessageId,
  reduceBatch,
  SyncEventSchema,
  type Message,
  type SyncEvent,
  type Thread,
} from '../../../src/core';

const thread = (over: Partial<Thread> = {}): Thread => ({
  id: 't1',
  contactId: 'c1',
  channel: 'whatsapp',
  status: 'open',
  assigneeId: null,
  createdAt: 1,
  lastMessageAt: 1,
  lastMessagePreview: 'hi',
  lastMessageDirection: 'in',
  unreadCount: 1,
  lastInboundAt: 1,
  ...over,
});
const message = (over: Partial<Message> = {}): Message => ({
  id: 'm1',
  threadId: 't1',
  direction: 'in',
  author: { kind: 'customer', contactId: 'c1' },
  text: 'hi',
  ts: 1,
  status: 'delivered',
  error: null,
  provider: 'sandbox',
  providerMessageId: 'p1',
  clientId: null,
  ...over,
});

describe('reduceBatch', () => {
  it('keeps the last version of each entity and the highest seq', () => {
    const events: SyncEvent[] = [
      { seq: 5, at: 1, actor: 'system', type: 'thread.upserted', thread: thread({ unreadCount: 1 }) },
      { seq: 6, at: 1, actor: 'system', type: 'message.added', message: message({ status: 'sent' }) },
      { seq: 7, at: 1, actor: 'system', type: 'message.updated', message: message({ status: 'read' }) },
      { seq: 8, at: 1, actor: 'system', type: 'thread.upserted', thread: thread({ unreadCount: 2 }) },
    ];
    const batch = reduceBatch(events, 4);
    expect(batch.lastSeq).toBe(8);
    expect(batch.threads).toEqual([thread({ unreadCount: 2 })]);
    expect(batch.messages).toEqual([message({ status: 'read' })]);
    expect(batch.contacts).toEqual([]);
  });

  it('skips events at or below the cursor so a replay never rolls state back', () => {
    const events: SyncEvent[] = [
      { seq: 3, at: 1, actor: 'system', type: 'thread.upserted', thread: thread({ status: 'resolved' }) },
      { seq: 4, at: 1, actor: 'system', type: 'thread.upserted', thread: thread({ status: 'open' }) },
    ];
    const batch = reduceBatch(events, 3);
    expect(batch.threads.map((t) => t.status)).toEqual(['open']);
    expect(reduceBatch(events, 10)).toEqual({ contacts: [], threads: [], messages: [], lastSeq: 10 });
  });
});

describe('SyncEventSchema', () => {
  it('accepts a well-formed event and refuses a malformed one', () => {
    const good = { seq: 1, at: 2, actor: 'system', type: 'message.added', message: message() };
    expect(SyncEventSchema.safeParse(good).success).toBe(true);
    expect(SyncEventSchema.safeParse({ ...good, seq: 0 }).success).toBe(false);
    expect(SyncEventSchema.safeParse({ ...good, type: 'message.deleted' }).success).toBe(false);
    expect(SyncEventSchema.safeParse({ ...good, message: { ...message(), status: 'lost' } }).success).toBe(false);
  });
});

describe('outboundMessageId', () => {
  it('is stable for one client id and distinct across client ids', () => {
    expect(outboundMessageId('abc12345')).toBe(outboundMessageId('abc12345'));
    expect(outboundMessageId('abc12345')).not.toBe(outboundMessageId('abc12346'));
  });
});
