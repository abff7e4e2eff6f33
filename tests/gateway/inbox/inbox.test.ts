import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, SyncEvent } from '../../../src/core';
import { ensureOwner } from '../../../src/gateway/auth';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import type { InboundMessage } from '../../../src/gateway/inbox/ingest';
import { readEvents } from '../../../src/gateway/store/events';
import type { Store } from '../../../src/gateway/store/store';
import { countRows, openTestStore, valueOf } from '../helpers';

let clock = 1_700_000_000_000;
const tick = () => (clock += 1000);

describe('the inbox', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let inbox: Inbox;
  const dispatched: Message[] = [];
  const logged: string[] = [];

  const inbound = (over: Partial<InboundMessage> = {}): InboundMessage => ({
    provider: 'sandbox',
    providerMessageId: `p-${Math.random()}`,
    channel: 'whatsapp',
    handle: '+33600000001',
    name: 'Inès',
    locale: 'fr',
    text: 'Bonjour',
    ...over,
  });
  const eventCount = () => countRows(store, 'events');

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(() => clock));
    await ensureOwner(store, 'You');
    inbox = new Inbox(store, (line) => logged.push(line));
    inbox.connectChannel('sandbox', (m) => dispatched.push(m));
  });
  afterAll(() => dispose());

  it('creates the contact and thread on a first message, with its summary and events', async () => {
    tick();
    const first = await inbox.ingest(inbound({ providerMessageId: 'wamid.1', text: '  Bonjour,\n ma commande ?  ' }));
    expect(first.duplicate).toBe(false);
    expect(first.contact).toMatchObject({ channel: 'whatsapp', handle: '+33600000001', name: 'Inès', locale: 'fr' });
    expect(first.thread).toMatchObject({
      contactId: first.contact.id,
      status: 'open',
      unreadCount: 1,
      lastMessagePreview: 'Bonjour, ma commande ?',
      lastMessageDirection: 'in',
      lastMessageAt: clock,
      lastInboundAt: clock,
    });
    const events = await readEvents(store.sql, 0, 100);
    expect(events.map((e) => e.type)).toEqual(['contact.upserted', 'thread.upserted', 'message.added']);
    expect(events.map((e) => e.actor)).toEqual(Array(3).fill(`customer:${first.contact.id}`));
  });

  it('stores a provider message id once: the second delivery is a no-op', async () => {
    const before = await eventCount();
    const a = await inbox.ingest(inbound({ providerMessageId: 'wamid.dup', text: 'once' }));
    const b = await inbox.ingest(inbound({ providerMessageId: 'wamid.dup', text: 'once' }));
    expect(b.duplicate).toBe(true);
    expect(b.message).toEqual(a.message);
    const rows = await store.sql.query("SELECT id FROM messages WHERE provider_message_id = 'wamid.dup'");
    expect(rows).toHaveLength(1);
    // One message.added and one thread.upserted for the first; nothing for the second.
    expect((await eventCount()) - before).toBe(2);
    expect(b.thread.unreadCount).toBe(a.thread.unreadCount);
  });

  it('reopens a resolved thread when the customer writes again', async () => {
    const { thread } = await inbox.ingest(inbound({ handle: '+33600000002' }));
    const resolved = valueOf(await inbox.resolve('agent_owner', thread.id));
    expect(resolved.status).toBe('resolved');
    tick();
    const again = await inbox.ingest(inbound({ handle: '+33600000002', text: 'Encore moi' }));
    expect(again.thread).toMatchObject({
      id: thread.id,
      status: 'open',
      unreadCount: 2,
      lastMessagePreview: 'Encore moi',
    });
  });

  it('stores a reply once per client id, and hands it to its channel once', async () => {
    const { thread } = await inbox.ingest(inbound({ handle: '+33600000003' }));
    const before = await eventCount();
    dispatched.length = 0;
    tick();
    const reply = { agentId: 'agent_owner', clientId: 'client-0001', threadId: thread.id, text: 'On regarde !' };
    const first = valueOf(await inbox.reply(reply));
    const second = valueOf(await inbox.reply(reply));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.message).toEqual(first.message);
    expect(first.message).toMatchObject({
      id: 'out_client-0001',
      status: 'pending',
      direction: 'out',
      provider: 'sandbox',
      author: { kind: 'agent', agentId: 'agent_owner' },
    });
    expect((await eventCount()) - before).toBe(2);
    expect(dispatched.map((m) => m.id)).toEqual(['out_client-0001']);
    const summary = (await inbox.threads()).find((t) => t.id === thread.id);
    expect(summary).toMatchObject({ unreadCount: 0, lastMessageDirection: 'out', lastMessagePreview: 'On regarde !' });
  });

  it('refuses a reply to an unknown thread, or a client id reused elsewhere, changing nothing', async () => {
    const before = await eventCount();
    const unknown = await inbox.reply({
      agentId: 'agent_owner',
      clientId: 'client-0002',
      threadId: 'th_nope',
      text: 'x',
    });
    expect(unknown).toEqual({ ok: false, error: 'unknown thread' });
    const { thread } = await inbox.ingest(inbound({ handle: '+33600000004' }));
    const reused = await inbox.reply({
      agentId: 'agent_owner',
      clientId: 'client-0001',
      threadId: thread.id,
      text: 'x',
    });
    expect(reused.ok).toBe(false);
    expect((await eventCount()) - before).toBe(3); // only the ingest's contact, thread and message
  });

  it('resolves, reopens, assigns and marks read, appending only real changes', async () => {
    const { thread } = await inbox.ingest(inbound({ handle: '+33600000005' }));
    const before = await eventCount();
    expect(valueOf(await inbox.assign('agent_owner', thread.id, 'agent_owner')).assigneeId).toBe('agent_owner');
    expect(await inbox.assign('agent_owner', thread.id, 'agent_ghost')).toEqual({ ok: false, error: 'unknown agent' });
    expect(valueOf(await inbox.assign('agent_owner', thread.id, null)).assigneeId).toBeNull();
    expect(valueOf(await inbox.markRead('agent_owner', thread.id)).unreadCount).toBe(0);
    expect(valueOf(await inbox.markRead('agent_owner', thread.id)).unreadCount).toBe(0);
    expect(valueOf(await inbox.resolve('agent_owner', thread.id)).status).toBe('resolved');
    expect(valueOf(await inbox.resolve('agent_owner', thread.id)).status).toBe('resolved');
    expect(valueOf(await inbox.reopen('agent_owner', thread.id)).status).toBe('open');
    expect(await inbox.resolve('agent_owner', 'th_missing')).toEqual({ ok: false, error: 'unknown thread' });
    // assign, unassign, read, resolve, reopen: five changes, five events.
    expect((await eventCount()) - before).toBe(5);
  });

  it('never moves a delivery status backwards', async () => {
    const { thread } = await inbox.ingest(inbound({ handle: '+33600000006' }));
    const { message } = valueOf(
      await inbox.reply({ agentId: 'agent_owner', clientId: 'client-0006', threadId: thread.id, text: 'Hi' }),
    );
    const before = await eventCount();
    const apply = async (status: Message['status']) =>
      valueOf(await inbox.recordDelivery({ messageId: message.id, status, providerMessageId: 'sbx-1' })).status;
    expect(await apply('delivered')).toBe('delivered');
    expect(await apply('sent')).toBe('delivered');
    expect(await apply('read')).toBe('read');
    expect(await apply('delivered')).toBe('read');
    expect(await apply('failed')).toBe('read');
    expect((await eventCount()) - before).toBe(2);
    expect(await inbox.recordDelivery({ messageId: 'nope', status: 'read' })).toEqual({
      ok: false,
      error: 'unknown message',
    });
  });

  it('numbers every event once, strictly increasing and without gaps', async () => {
    const events: SyncEvent[] = await readEvents(store.sql, 0, 5000);
    expect(events.length).toBeGreaterThan(20);
    events.forEach((e, i) => expect(e.seq).toBe(i + 1));
    const page = await readEvents(store.sql, 10, 5);
    expect(page.map((e) => e.seq)).toEqual([11, 12, 13, 14, 15]);
    expect(await readEvents(store.sql, events.length, 10)).toEqual([]);
  });

  it('lists threads by status and a thread’s messages in order', async () => {
    const open = await inbox.threads('open');
    const resolved = await inbox.threads('resolved');
    expect(open.every((t) => t.status === 'open')).toBe(true);
    expect(resolved.every((t) => t.status === 'resolved')).toBe(true);
    expect(open.length + resolved.length).toBe((await inbox.threads()).length);
    const [newest] = await inbox.threads();
    const messages = valueOf(await inbox.messages(newest?.id ?? ''));
    expect(messages.map((m) => m.ts)).toEqual([...messages.map((m) => m.ts)].sort((a, b) => a - b));
    expect(await inbox.messages('th_missing')).toEqual({ ok: false, error: 'unknown thread' });
  });
});
