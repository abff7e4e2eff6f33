import { afterEach, describe, expect, it, vi } from 'vitest';
import { outboundMessageId, type SyncEvent } from '../../../src/core';
import { readAgent, readCursor, readWorkspace } from '../../../src/renderer/db/meta';
import type { ComptoirDb } from '../../../src/renderer/db/schema';
import {
  createSyncEngine,
  type SyncEngine,
  type SyncEngineOptions,
  type SyncPhase,
} from '../../../src/renderer/sync/engine';
import { eventually, FakeGateway, quickIo } from './fakeGateway';
import { freshDb } from './fixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway(): Promise<FakeGateway> {
  const gw = await new FakeGateway().start();
  cleanups.push(() => gw.stop());
  return gw;
}

function engine(
  gw: FakeGateway,
  over: Partial<SyncEngineOptions> = {},
): { sync: SyncEngine; db: ComptoirDb; logs: string[] } {
  const db = over.db ?? freshDb();
  const logs: string[] = [];
  const sync = createSyncEngine({
    db,
    session: { gatewayUrl: gw.url, token: gw.token },
    io: quickIo,
    ackTimeoutMs: 400,
    retryDelayMs: 50,
    log: (line) => {
      logs.push(line);
      if (process.env.DEBUG_SYNC) console.log(line);
    },
    ...over,
  });
  cleanups.push(async () => {
    sync.stop();
    await db.delete();
  });
  return { sync, db, logs };
}

/** Records what the engine applied, to check order and phase. */
function record(sync: SyncEngine): Array<{ seq: number; phase: SyncPhase }> {
  const seen: Array<{ seq: number; phase: SyncPhase }> = [];
  sync.onEvents((events: readonly SyncEvent[], phase) => seen.push(...events.map((e) => ({ seq: e.seq, phase }))));
  return seen;
}

describe('sync engine', () => {
  it('says hello, catches up in pages, then applies live pushes', async () => {
    const gw = await gateway();
    for (let i = 0; i < 8; i++) gw.customerWrites(`t${i}`, `message ${i}`); // 3 events each: 24
    const { sync, db } = engine(gw, { pageSize: 10 });
    const seen = record(sync);
    const statuses: string[] = [];
    sync.onStatus((s) => statuses.push(s));

    await eventually(() => expect(sync.status).toBe('online'));
    expect(gw.pulls.map((p) => [p.after, p.limit])).toEqual([
      [0, 10],
      [10, 10],
      [20, 10],
    ]);
    expect(await readCursor(db)).toBe(24);
    expect(await db.threads.count()).toBe(8);
    expect(await readAgent(db)).toEqual(gw.agent);
    expect(await readWorkspace(db)).toBe(gw.workspaceId);
    expect(statuses).toEqual(['syncing', 'online']);

    gw.customerWrites('t0', 'live one');
    await eventually(async () => expect(await readCursor(db)).toBe(26));
    expect(gw.pulls).toHaveLength(3);
    expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(seen.filter((s) => s.phase === 'live').map((s) => s.seq)).toEqual([25, 26]);
    expect((await db.threads.get('t0'))?.lastMessagePreview).toBe('live one');
  });

  it('pulls when a push does not start right after its cursor (a gap)', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'first');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    const pullsBefore = gw.pulls.length;

    gw.skipPushes = 1;
    gw.customerWrites('t2', 'lost push'); // seq 4-6, never pushed
    gw.customerWrites('t1', 'next'); // seq 7-8, pushed: starts after a gap
    await eventually(async () => expect(await readCursor(db)).toBe(8));
    expect(gw.pulls.length).toBe(pullsBefore + 1);
    expect(gw.pulls.at(-1)?.after).toBe(3);
    expect((await db.threads.get('t2'))?.lastMessagePreview).toBe('lost push');
    expect((await db.threads.get('t1'))?.unreadCount).toBe(2);
  });

  it('never applies pushes that arrive during a catch-up out of order', async () => {
    const gw = await gateway();
    for (let i = 0; i < 10; i++) gw.customerWrites(`t${i % 3}`, `old ${i}`);
    gw.pullDelayMs = 40;
    const { sync, db } = engine(gw, { pageSize: 7 });
    const seen = record(sync);
    // Customers keep writing while the replica catches up.
    const writer = setInterval(() => gw.customerWrites('t1', `during ${gw.head}`), 15);
    cleanups.push(() => clearInterval(writer));
    await eventually(() => expect(gw.pulls.length).toBeGreaterThanOrEqual(3));
    clearInterval(writer);
    await eventually(() => expect(sync.status).toBe('online'));
    await eventually(async () => expect(await readCursor(db)).toBe(gw.head));
    expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: gw.head }, (_, i) => i + 1));
    expect(await db.threads.get('t1')).toEqual(gw.threads.get('t1'));
  });

  it('reports unauthorized for a refused token and stops trying', async () => {
    const gw = await gateway();
    const { sync, db } = engine(gw, { session: { gatewayUrl: gw.url, token: 'wrong-token-0123456789' } });
    await eventually(() => expect(sync.status).toBe('unauthorized'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gw.handshakes).toBe(1);
    expect(sync.status).toBe('unauthorized');
    expect(await db.meta.count()).toBe(0);
  });

  it('queues a reply while offline and sends it once when the gateway comes back', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'where is my order?');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    await gw.stop();
    await eventually(() => expect(sync.status).toBe('offline'));

    await sync.send('t1', 'It left this morning.');
    const [entry] = await db.outbox.toArray();
    expect(entry?.text).toBe('It left this morning.');
    const pending = await db.messages.get(outboundMessageId(entry?.clientId ?? ''));
    expect(pending?.status).toBe('pending');
    expect((await db.threads.get('t1'))?.lastMessagePreview).toBe('It left this morning.');
    expect(gw.sendCalls).toHaveLength(0);

    await gw.start();
    await eventually(async () => expect(await db.outbox.count()).toBe(0));
    await eventually(async () => expect((await db.messages.get(pending?.id ?? ''))?.status).toBe('sent'));
    expect(gw.sendCalls.map((c) => c.clientId)).toEqual([entry?.clientId]);

    // Another reconnect sends nothing again.
    gw.dropConnections();
    await eventually(() => expect(sync.status).toBe('offline'), 2_000).catch(() => undefined);
    await eventually(() => expect(sync.status).toBe('online'));
    expect(gw.sendCalls).toHaveLength(1);
    expect(gw.stored.size).toBe(1);
  });

  it('sends queued replies in the order they were written', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'hi');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    await gw.stop();
    await eventually(() => expect(sync.status).toBe('offline'));
    for (const text of ['one', 'two', 'three']) await sync.send('t1', text);
    await gw.start();
    await eventually(async () => expect(await db.outbox.count()).toBe(0));
    expect(gw.sendCalls.map((c) => c.text)).toEqual(['one', 'two', 'three']);
  });

  it('keeps the quote and template of a queued reply when it finally leaves', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'hi');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    await gw.stop();
    await eventually(() => expect(sync.status).toBe('offline'));
    const template = { name: 'order_update', language: 'fr', parameters: ['Léa'] };
    await sync.send('t1', 'Bonjour Léa', { quoteId: 'msg_1', template });
    await gw.start();
    await eventually(async () => expect(await db.outbox.count()).toBe(0));
    expect(gw.sendCalls).toEqual([
      { clientId: expect.any(String), threadId: 't1', text: 'Bonjour Léa', quoteId: 'msg_1', template },
    ]);
  });

  it('resends with the same client id after a lost acknowledgement, and the gateway keeps one copy', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'hello?');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    gw.swallowSendAcks = 1;

    await sync.send('t1', 'Hello! How can I help?');
    await eventually(async () => expect(await db.outbox.count()).toBe(0));
    expect(gw.sendCalls).toHaveLength(2);
    expect(gw.sendCalls[0]?.clientId).toBe(gw.sendCalls[1]?.clientId);
    expect(gw.stored.size).toBe(1);
    const replies = await db.messages
      .where('threadId')
      .equals('t1')
      .filter((m) => m.direction === 'out')
      .toArray();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.status).toBe('sent');
  });

  it('resends after a lost acknowledgement and a reconnect', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'hello?');
    const { sync, db } = engine(gw, { retryDelayMs: 60_000 }); // only the reconnect may trigger the resend
    await eventually(() => expect(sync.status).toBe('online'));
    gw.swallowSendAcks = 1;
    await sync.send('t1', 'On it.');
    await eventually(async () => expect((await db.outbox.toArray())[0]?.attempts).toBe(1));
    expect(gw.sendCalls).toHaveLength(1);

    gw.dropConnections();
    await eventually(async () => expect(await db.outbox.count()).toBe(0));
    expect(gw.sendCalls).toHaveLength(2);
    expect(new Set(gw.sendCalls.map((c) => c.clientId)).size).toBe(1);
    expect(gw.stored.size).toBe(1);
  });

  it('marks a reply the gateway refuses as failed and drops it from the outbox', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'hello?');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    await db.threads.put({ ...(await db.threads.get('t1'))!, id: 'ghost' }); // unknown to the gateway
    await sync.send('ghost', 'nobody will get this');
    await eventually(async () => expect(await db.outbox.count()).toBe(0));
    const [failed] = await db.messages.where('threadId').equals('ghost').toArray();
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toBe('thread not found');
    expect(gw.sendCalls).toHaveLength(1);
  });

  it('refuses an empty reply before queuing anything', async () => {
    const gw = await gateway();
    const { sync, db } = engine(gw);
    await expect(sync.send('t1', '   ')).rejects.toThrow('text is empty');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.messages.count()).toBe(0);
  });

  it('runs thread commands with an acknowledgement, and answers offline at once when disconnected', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'thanks, all good');
    const { sync, db } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    const resolved = await sync.command('thread:resolve', { threadId: 't1' });
    expect(resolved.ok).toBe(true);
    await eventually(async () => expect((await db.threads.get('t1'))?.status).toBe('resolved'));
    expect(await sync.command('thread:reopen', { threadId: 'nope' })).toEqual({ ok: false, error: 'thread not found' });

    await gw.stop();
    await eventually(() => expect(sync.status).toBe('offline'));
    expect(await sync.command('thread:reopen', { threadId: 't1' })).toEqual({ ok: false, error: 'offline' });
  });

  it('stops without touching the replica when hello names another workspace', async () => {
    const gw = await gateway();
    gw.customerWrites('t1', 'hi');
    const changed = vi.fn();
    const { sync, db } = engine(gw, { workspaceId: 'ws-somewhere-else' });
    sync.onWorkspaceChange(changed);
    await eventually(() => expect(changed).toHaveBeenCalledOnce());
    expect(changed.mock.calls[0]?.[0]).toMatchObject({ workspaceId: gw.workspaceId });
    expect(await db.meta.count()).toBe(0);
    expect(await db.threads.count()).toBe(0);
  });

  it('ignores a malformed push and logs it', async () => {
    const gw = await gateway();
    const { sync, db, logs } = engine(gw);
    await eventually(() => expect(sync.status).toBe('online'));
    // Straight through the server, bypassing the log: nothing about it is valid.
    (gw as unknown as { io: { emit(e: string, p: unknown): void } }).io.emit('sync:events', { events: [{ seq: 1 }] });
    await eventually(() => expect(logs.some((l) => l.includes('malformed sync:events'))).toBe(true));
    expect(await readCursor(db)).toBe(0);
  });
});
