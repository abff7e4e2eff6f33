import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BUSINESS_HOURS, type Result } from '../../../src/core';
import {
  createQuickReplyActions,
  exportDrafts,
  liveReplies,
  replyDraftOf,
} from '../../../src/renderer/data/quickReplies';
import { readAgent, readBusiness, writeHello } from '../../../src/renderer/db/meta';
import type { ComptoirDb } from '../../../src/renderer/db/schema';
import { queueReply, sendInputOf } from '../../../src/renderer/sync/outbox';
import { ORDER, REPLIES } from '../features/composer/quickReplyFixtures';
import { freshDb } from '../sync/fixtures';

let db: ComptoirDb | null = null;
afterEach(async () => {
  await db?.delete();
  db = null;
});

const AGENT = { id: 'agent-1', name: 'Camille', role: 'agent' as const };

describe('the replica’s quick replies', () => {
  it('queues a reply with the quick reply it was made from, which leaves with it', async () => {
    db = freshDb();
    const entry = await queueReply(db, { threadId: 't1', text: 'Bonjour', now: 1_000, quickReplyId: 'qr-hello' });
    expect((await db.outbox.get(entry.clientId))?.quickReplyId).toBe('qr-hello');
    expect(sendInputOf(entry)).toEqual({
      clientId: entry.clientId,
      threadId: 't1',
      text: 'Bonjour',
      quickReplyId: 'qr-hello',
    });
  });

  it('keeps the shop from hello, and what an older gateway did not say stays', async () => {
    db = freshDb();
    expect(await readBusiness(db)).toBeNull();
    const business = { name: 'La Boutique', hours: DEFAULT_BUSINESS_HOURS };
    await writeHello(db, { agent: AGENT, head: 0, workspaceId: 'w1', business });
    expect(await readBusiness(db)).toEqual(business);
    await writeHello(db, { agent: AGENT, head: 0, workspaceId: 'w1' });
    expect(await readBusiness(db)).toEqual(business);
    expect(await readAgent(db)).toEqual(AGENT);
  });

  it('lists the live replies by title', async () => {
    db = freshDb();
    await db.replies.bulkPut(REPLIES);
    expect((await liveReplies(db)).map((r) => r.title)).toEqual(['Delivery times', 'Greeting', 'Refund on its way']);
  });
});

describe('createQuickReplyActions', () => {
  const fake = (answer: (name: string, input: unknown) => Result<unknown>) => {
    const command = vi.fn(async (name: string, input: unknown) => answer(name, input));
    return { command, actions: createQuickReplyActions({ command: command as never }) };
  };

  it('saves only a draft’s own fields and reads the stored reply back', async () => {
    const stored = REPLIES[0]!;
    const { command, actions } = fake(() => ({ ok: true, value: { reply: stored } }));
    expect(await actions.save(stored)).toEqual({ ok: true, value: stored });
    expect(command).toHaveBeenCalledWith('replies:save', { reply: replyDraftOf(stored) });
    expect(replyDraftOf(stored)).not.toHaveProperty('usage');
    expect(replyDraftOf(stored)).toHaveProperty('id', 'qr-hello');
  });

  it('passes the gateway’s refusal on, and a malformed answer as an error', async () => {
    const { actions } = fake((name) =>
      name === 'replies:import'
        ? { ok: false, error: 'entry 2: line 1, column 9: unknown variable “order.numbre”' }
        : { ok: true, value: { nope: 1 } },
    );
    expect(await actions.importDrafts([{}])).toEqual({
      ok: false,
      error: 'entry 2: line 1, column 9: unknown variable “order.numbre”',
    });
    const removed = await actions.remove('qr1');
    expect(removed.ok).toBe(false);
  });

  it('asks for the latest order of a conversation', async () => {
    const { command, actions } = fake(() => ({ ok: true, value: { order: ORDER } }));
    expect(await actions.latestOrder('t1')).toEqual({ ok: true, value: ORDER });
    expect(command).toHaveBeenCalledWith('orders:latest', { threadId: 't1' });
  });

  it('exports the live replies as drafts an import reads back', () => {
    const drafts = exportDrafts(REPLIES);
    expect(drafts.map((d) => d.shortcut)).toEqual(['bonjour', 'livraison', 'rembourse']);
    expect(drafts[1]).toEqual({
      id: 'qr-delivery',
      shortcut: 'livraison',
      title: 'Delivery times',
      variants: REPLIES[1]!.variants,
      attachments: [],
      labels: ['l-delivery'],
      resolve: false,
    });
  });
});
