import { afterEach, describe, expect, it } from 'vitest';
import { outboundMessageId, type Message, type QuickReply } from '../../../src/core';
import { liveReplies } from '../../../src/renderer/data/quickReplies';
import { readCursor } from '../../../src/renderer/db/meta';
import type { ComptoirDb } from '../../../src/renderer/db/schema';
import { applyEvents } from '../../../src/renderer/sync/apply';
import { contact, events, freshDb, inbound, label, thread } from './fixtures';

let db: ComptoirDb;
afterEach(async () => {
  await db.delete();
});

describe('applyEvents', () => {
  it('writes the entities and the new cursor, and applying the same batch again changes nothing', async () => {
    db = freshDb();
    const batch = events(
      1,
      { type: 'contact.upserted', contact: contact('c-t1') },
      { type: 'thread.upserted', thread: thread('t1', { unreadCount: 1 }) },
      { type: 'message.added', message: inbound('m1', 't1') },
      { type: 'message.updated', message: inbound('m1', 't1', { status: 'read' }) },
    );
    expect(await applyEvents(db, batch, 0)).toBe(4);
    expect(await readCursor(db)).toBe(4);
    expect((await db.messages.get('m1'))?.status).toBe('read');
    expect(await db.threads.count()).toBe(1);

    expect(await applyEvents(db, batch, 4)).toBe(4);
    expect(await applyEvents(db, batch, 0)).toBe(4);
    expect(await db.messages.count()).toBe(1);
    expect((await db.messages.get('m1'))?.status).toBe('read');
  });

  it('never lets an older snapshot win over what the stored cursor already covers (another tab applied it)', async () => {
    db = freshDb();
    await applyEvents(db, events(1, { type: 'thread.upserted', thread: thread('t1', { status: 'open' }) }), 0);
    await applyEvents(db, events(2, { type: 'thread.upserted', thread: thread('t1', { status: 'resolved' }) }), 1);
    // A second engine still at cursor 0 replays seq 1: the replica keeps seq 2's state and cursor.
    const stale = events(1, { type: 'thread.upserted', thread: thread('t1', { status: 'open' }) });
    expect(await applyEvents(db, stale, 0)).toBe(2);
    expect((await db.threads.get('t1'))?.status).toBe('resolved');
    expect(await readCursor(db)).toBe(2);
  });

  it('leaves neither data nor cursor when a batch fails half way', async () => {
    db = freshDb();
    await applyEvents(db, events(1, { type: 'thread.upserted', thread: thread('t1') }), 0);
    const broken = events(
      2,
      { type: 'thread.upserted', thread: thread('t1', { lastMessagePreview: 'changed' }) },
      { type: 'message.added', message: inbound('m1', 't1') },
      // A contact without its primary key: IndexedDB refuses it, so the whole transaction must roll back.
      { type: 'contact.upserted', contact: { ...contact('x'), id: undefined as unknown as string } },
    );
    await expect(applyEvents(db, broken, 1)).rejects.toThrow();
    expect(await readCursor(db)).toBe(1);
    expect((await db.threads.get('t1'))?.lastMessagePreview).toBe('');
    expect(await db.messages.count()).toBe(0);
    expect(await db.contacts.count()).toBe(0);
  });

  it("overwrites a pending local reply with the server's copy of it", async () => {
    db = freshDb();
    const id = outboundMessageId('client-123456');
    const pending: Message = {
      ...inbound(id, 't1'),
      direction: 'out',
      author: { kind: 'agent', agentId: 'a1' },
      status: 'pending',
      provider: 'app',
      providerMessageId: null,
      clientId: 'client-123456',
    };
    await db.messages.put(pending);
    const server = { ...pending, status: 'sent' as const, provider: 'sandbox' as const, ts: 2_500 };
    await applyEvents(db, events(1, { type: 'message.added', message: server }), 0);
    expect(await db.messages.get(id)).toEqual(server);
    expect(await db.messages.count()).toBe(1);
  });

  it('stores labels and history entries with the thread they change', async () => {
    db = freshDb();
    const batch = events(
      1,
      { type: 'label.upserted', label: label('refund', { name: 'Refund', color: 'red' }) },
      {
        type: 'thread.activity',
        threadId: 't1',
        change: { kind: 'label.added', labelId: 'refund' },
        cause: { kind: 'classifier', confidence: 0.92, messageId: 'm1' },
      },
      { type: 'thread.upserted', thread: thread('t1', { labels: ['refund'] }) },
      { type: 'label.upserted', label: label('refund', { name: 'Refunds', color: 'red' }) },
    );
    expect(await applyEvents(db, batch, 0)).toBe(4);
    expect(await db.labels.toArray()).toEqual([label('refund', { name: 'Refunds', color: 'red' })]);
    expect(await db.activity.toArray()).toEqual([
      {
        seq: 2,
        threadId: 't1',
        at: 10_002,
        actor: 'system',
        change: { kind: 'label.added', labelId: 'refund' },
        cause: { kind: 'classifier', confidence: 0.92, messageId: 'm1' },
      },
    ]);
    expect((await db.threads.where('labels').equals('refund').toArray()).map((t) => t.id)).toEqual(['t1']);
    // A replay of the same batch adds no second history entry.
    await applyEvents(db, batch, 0);
    expect(await db.activity.count()).toBe(1);
  });

  it('writes quick replies, the latest state winning, deleted ones kept with deletedAt', async () => {
    db = freshDb();
    const reply = (over: Partial<QuickReply> = {}): QuickReply => ({
      id: 'qr1',
      shortcut: 'livraison',
      title: 'Delivery',
      variants: [{ language: 'fr', body: 'Bonjour {{contact.first_name}}' }],
      attachments: [],
      labels: [],
      resolve: false,
      usage: {},
      createdAt: 1,
      updatedAt: 1,
      ...over,
    });
    const batch = events(
      1,
      { type: 'quickreply.upserted', reply: reply() },
      { type: 'quickreply.upserted', reply: reply({ usage: { a1: { count: 1, lastUsedAt: 5 } }, updatedAt: 5 }) },
      { type: 'quickreply.upserted', reply: reply({ id: 'qr2', shortcut: 'old', deletedAt: 6 }) },
    );
    expect(await applyEvents(db, batch, 0)).toBe(3);
    expect(await db.replies.get('qr1')).toEqual(reply({ usage: { a1: { count: 1, lastUsedAt: 5 } }, updatedAt: 5 }));
    expect((await db.replies.get('qr2'))?.deletedAt).toBe(6);
    expect(await liveReplies(db)).toHaveLength(1);
  });

  it('returns the cursor unchanged for an empty batch', async () => {
    db = freshDb();
    expect(await applyEvents(db, [], 7)).toBe(7);
    expect(await db.meta.count()).toBe(0);
  });
});
