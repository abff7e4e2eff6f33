import { afterEach, describe, expect, it } from 'vitest';
import { outboundMessageId } from '../../../src/core';
import type { ComptoirDb } from '../../../src/renderer/db/schema';
import { newClientId, queueReply, sendInputOf, settleAccepted, settleRefused } from '../../../src/renderer/sync/outbox';
import { SendInputSchema } from '../../../src/core';
import { freshDb, inbound, thread } from './fixtures';

let db: ComptoirDb;
afterEach(async () => {
  await db.delete();
});

describe('outbox', () => {
  it('writes the pending message, the outbox entry and the thread summary together', async () => {
    db = freshDb();
    await db.meta.put({ key: 'agent', value: { id: 'agent-7', name: 'Léa', role: 'agent' } });
    await db.threads.put(thread('t1', { unreadCount: 3, lastMessageAt: 1_000 }));
    const entry = await queueReply(db, { threadId: 't1', text: 'Bonjour !', now: 5_000 });
    const message = await db.messages.get(outboundMessageId(entry.clientId));
    expect(message).toMatchObject({
      threadId: 't1',
      direction: 'out',
      status: 'pending',
      text: 'Bonjour !',
      clientId: entry.clientId,
      author: { kind: 'agent', agentId: 'agent-7' },
    });
    expect(await db.outbox.get(entry.clientId)).toEqual(entry);
    expect(await db.threads.get('t1')).toMatchObject({
      lastMessageAt: 5_000,
      lastMessagePreview: 'Bonjour !',
      lastMessageDirection: 'out',
      unreadCount: 0,
    });
  });

  it('keeps replies written in the same millisecond in order', async () => {
    db = freshDb();
    const a = await queueReply(db, { threadId: 't1', text: 'a', now: 5_000 });
    const b = await queueReply(db, { threadId: 't1', text: 'b', now: 5_000 });
    const c = await queueReply(db, { threadId: 't1', text: 'c', now: 4_000 });
    const ordered = await db.outbox.orderBy('createdAt').toArray();
    expect(ordered.map((e) => e.clientId)).toEqual([a.clientId, b.clientId, c.clientId]);
  });

  it('makes client ids the gateway accepts, all different', () => {
    const ids = new Set(Array.from({ length: 200 }, newClientId));
    expect(ids.size).toBe(200);
    for (const clientId of ids)
      expect(SendInputSchema.safeParse({ clientId, threadId: 't', text: 'x' }).success).toBe(true);
  });

  it('settles an accepted reply without moving a newer server state back', async () => {
    db = freshDb();
    const entry = await queueReply(db, { threadId: 't1', text: 'hi', now: 5_000 });
    const id = outboundMessageId(entry.clientId);
    const local = (await db.messages.get(id))!;
    // The sync already brought "delivered" before the acknowledgement (which says "sent") was handled.
    await db.messages.put({ ...local, status: 'delivered', provider: 'sandbox' });
    await settleAccepted(db, entry.clientId, { ...local, status: 'sent', provider: 'sandbox' });
    expect((await db.messages.get(id))?.status).toBe('delivered');
    expect(await db.outbox.count()).toBe(0);

    const second = await queueReply(db, { threadId: 't1', text: 'again', now: 6_000 });
    const secondLocal = (await db.messages.get(outboundMessageId(second.clientId)))!;
    await settleAccepted(db, second.clientId, { ...secondLocal, status: 'sent', provider: 'sandbox' });
    expect((await db.messages.get(secondLocal.id))?.status).toBe('sent');
  });

  it('marks a refused reply failed with the reason', async () => {
    db = freshDb();
    const entry = await queueReply(db, { threadId: 't1', text: 'hi', now: 5_000 });
    await settleRefused(db, entry.clientId, 'thread not found');
    expect(await db.messages.get(outboundMessageId(entry.clientId))).toMatchObject({
      status: 'failed',
      error: 'thread not found',
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('puts the conversation summary back to the last message the gateway has when a reply is refused', async () => {
    db = freshDb();
    await db.threads.put(thread('t1', { lastMessageAt: 1_000, lastMessagePreview: 'Où est ma commande ?' }));
    await db.messages.put(inbound('m1', 't1', { ts: 1_000, text: 'Où est ma commande ?' }));
    const entry = await queueReply(db, { threadId: 't1', text: 'x'.repeat(5_000), now: 5_000 });
    const optimistic = await db.threads.get('t1');
    expect(optimistic?.lastMessagePreview.length).toBeLessThanOrEqual(140);
    expect(optimistic?.lastMessageDirection).toBe('out');
    await settleRefused(db, entry.clientId, 'refused');
    expect(await db.threads.get('t1')).toMatchObject({
      lastMessageAt: 1_000,
      lastMessagePreview: 'Où est ma commande ?',
      lastMessageDirection: 'in',
    });
  });

  it('keeps a quote and a template in the entry, so a reply queued offline leaves with them', async () => {
    db = freshDb();
    await db.messages.put(inbound('m1', 't1', { providerMessageId: 'wamid.ABC' }));
    const quoted = await queueReply(db, { threadId: 't1', text: 'Yes', now: 5_000, quoteId: 'm1' });
    const template = { name: 'order_update', language: 'fr', parameters: ['Léa'] };
    const filled = await queueReply(db, { threadId: 't1', text: 'Bonjour Léa', now: 6_000, template });
    const stored = await db.outbox.orderBy('createdAt').toArray();
    expect(stored.map(sendInputOf)).toEqual([
      { clientId: quoted.clientId, threadId: 't1', text: 'Yes', quoteId: 'm1' },
      { clientId: filled.clientId, threadId: 't1', text: 'Bonjour Léa', template },
    ]);
    // The pending bubbles show the quote and the template at once.
    expect(await db.messages.get(outboundMessageId(quoted.clientId))).toMatchObject({
      quote: { providerMessageId: 'wamid.ABC', messageId: 'm1' },
    });
    expect((await db.messages.get(outboundMessageId(filled.clientId)))?.content).toEqual({
      kind: 'template',
      ...template,
    });
    // A plain reply carries neither.
    const plain = await queueReply(db, { threadId: 't1', text: 'ok', now: 7_000 });
    expect(sendInputOf(plain)).toEqual({ clientId: plain.clientId, threadId: 't1', text: 'ok' });
  });

  it('refuses a template the gateway would refuse', async () => {
    db = freshDb();
    await expect(
      queueReply(db, { threadId: 't1', text: 'x', now: 1, template: { name: '', language: 'fr', parameters: [] } }),
    ).rejects.toThrow(/name/);
    expect(await db.outbox.count()).toBe(0);
  });
});
