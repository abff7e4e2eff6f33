import { describe, expect, it } from 'vitest';
import {
  outboundMessageId,
  reduceBatch,
  SyncEventSchema,
  type Label,
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

const label = (over: Partial<Label> = {}): Label => ({
  id: 'l1',
  name: 'Refund',
  color: 'red',
  description: '',
  createdAt: 1,
  updatedAt: 1,
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
    expect(reduceBatch(events, 10)).toEqual({
      contacts: [],
      threads: [],
      messages: [],
      labels: [],
      activity: [],
      replies: [],
      lastSeq: 10,
    });
  });

  it('keeps the last version of each label, a deletion included', () => {
    const events: SyncEvent[] = [
      { seq: 1, at: 1, actor: 'a1', type: 'label.upserted', label: label({ name: 'Refund' }) },
      { seq: 2, at: 2, actor: 'a1', type: 'label.upserted', label: label({ id: 'l2', name: 'Wholesale' }) },
      { seq: 3, at: 3, actor: 'a1', type: 'label.upserted', label: label({ name: 'Refunds', deletedAt: 3 }) },
    ];
    const batch = reduceBatch(events, 0);
    expect(batch.labels).toEqual([label({ name: 'Refunds', deletedAt: 3 }), label({ id: 'l2', name: 'Wholesale' })]);
    expect(batch.lastSeq).toBe(3);
  });

  it('keeps every history entry, in order, keyed by its seq, and skips those the cursor covers', () => {
    const events: SyncEvent[] = [
      {
        seq: 4,
        at: 40,
        actor: 'system',
        type: 'thread.activity',
        threadId: 't1',
        change: { kind: 'label.added', labelId: 'l1' },
        cause: { kind: 'classifier', confidence: 0.92, messageId: 'm1' },
      },
      {
        seq: 5,
        at: 50,
        actor: 'system',
        type: 'thread.activity',
        threadId: 't1',
        change: { kind: 'priority', priority: 'urgent' },
        cause: { kind: 'rule', ruleId: 'r1', ruleName: 'Angry' },
      },
      {
        seq: 6,
        at: 50,
        actor: 'system',
        type: 'thread.upserted',
        thread: thread({ priority: 'urgent', labels: ['l1'] }),
      },
      {
        seq: 7,
        at: 70,
        actor: 'a1',
        type: 'thread.activity',
        threadId: 't1',
        change: { kind: 'label.removed', labelId: 'l1' },
        cause: { kind: 'agent', agentId: 'a1' },
      },
    ];
    const batch = reduceBatch(events, 4);
    expect(batch.activity).toEqual([
      {
        seq: 5,
        threadId: 't1',
        at: 50,
        actor: 'system',
        change: { kind: 'priority', priority: 'urgent' },
        cause: { kind: 'rule', ruleId: 'r1', ruleName: 'Angry' },
      },
      {
        seq: 7,
        threadId: 't1',
        at: 70,
        actor: 'a1',
        change: { kind: 'label.removed', labelId: 'l1' },
        cause: { kind: 'agent', agentId: 'a1' },
      },
    ]);
    expect(batch.threads).toEqual([thread({ priority: 'urgent', labels: ['l1'] })]);
    expect(batch.lastSeq).toBe(7);
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
