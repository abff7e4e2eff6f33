import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BUSINESS_HOURS,
  renderTemplate,
  type HelloOutput,
  type Message,
  type OrderSummary,
  type SyncEvent,
  type Thread,
} from '../../../src/core';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { SEEDED_SHAPE, seededLogShape, tempDir, writeResources } from '../fixtures';
import { connect, eventually, pullPage, request, valueOf, type ClientSocket } from '../helpers';

const TOKEN = 'socket-test-admin-token-0123456789';

describe('the socket.io server', () => {
  const data = tempDir();
  const resources = tempDir();
  const logged: string[] = [];
  let gateway: RunningGateway;
  let socket: ClientSocket;
  const others: ClientSocket[] = [];
  /** The seeded log's length: checked for its shape once, then used as the head every test starts from. */
  let SEEDED_EVENTS = 0;

  const head = async (s: ClientSocket = socket) => valueOf(await request<HelloOutput>(s, 'session:hello')).head;

  beforeAll(async () => {
    writeResources(resources.path);
    gateway = await startGateway({
      dataDir: data.path,
      demo: true,
      simulate: false,
      adminToken: TOKEN,
      resourcesDir: resources.path,
      log: (line) => logged.push(line),
    });
    socket = await connect(gateway.url, TOKEN);
    const seeded = await pullPage(socket, { after: 0, limit: 5000 });
    expect(seededLogShape(seeded.events.map((e) => e.type))).toEqual(SEEDED_SHAPE);
    SEEDED_EVENTS = seeded.head;
  });
  afterAll(async () => {
    socket.close();
    others.forEach((s) => s.close());
    await gateway.close();
    data.remove();
    resources.remove();
  });

  it.each([
    ['a wrong token', 'not-the-right-token-at-all'],
    ['no token', undefined],
    ['a token that is not a string', { token: TOKEN }],
    ['an empty token', ''],
  ])('refuses %s at the handshake', async (_case, token) => {
    await expect(connect(gateway.url, token)).rejects.toThrow('unauthorized');
  });

  it('refuses a page from a foreign origin, and accepts the desktop app', async () => {
    await expect(connect(gateway.url, TOKEN, { origin: 'https://evil.example' })).rejects.toThrow('websocket error');
    const app = await connect(gateway.url, TOKEN, { origin: 'app://comptoir' });
    others.push(app);
    expect(app.connected).toBe(true);
  });

  it('says hello with the agent, the head, the workspace and the business', async () => {
    expect(valueOf(await request<HelloOutput>(socket, 'session:hello'))).toEqual({
      agent: { id: 'agent_owner', name: expect.any(String), role: 'admin' },
      head: SEEDED_EVENTS,
      workspaceId: gateway.workspaceId,
      business: { name: 'Atelier Test', hours: DEFAULT_BUSINESS_HOURS },
    });
  });

  it('answers garbage with { ok: false } and changes nothing', async () => {
    const before = await head();
    const garbage: [string, unknown][] = [
      ['sync:pull', undefined],
      ['sync:pull', { after: -1 }],
      ['sync:pull', { after: 0, limit: 1_000_000 }],
      ['sync:pull', 'after=0'],
      ['message:send', null],
      ['message:send', { clientId: 'short', threadId: 'th_demo_1', text: 'hi' }],
      ['message:send', { clientId: 'client-ok-1', threadId: 'th_demo_1', text: '   ' }],
      ['message:send', { clientId: 'client-ok-2', threadId: 'th_demo_1', text: 'x'.repeat(100_001) }],
      ['message:send', { clientId: 'client-ok-3', threadId: 'th_unknown', text: 'hi' }],
      ['message:send', { clientId: '<script>alert(1)</script>', threadId: 'th_demo_1', text: 'hi' }],
      ['thread:resolve', 42],
      ['thread:resolve', { threadId: '' }],
      ['thread:reopen', { threadId: 'x'.repeat(500) }],
      ['thread:assign', { threadId: 'th_demo_1' }],
      ['thread:assign', { threadId: 'th_demo_1', assigneeId: 'agent_ghost' }],
      ['thread:read', { threadId: 'th_unknown' }],
      ['thread:read', [1, 2, 3]],
      // Text PostgreSQL cannot store, refused by the schema rather than failing in the store.
      ['message:send', { clientId: 'client-ok-4', threadId: 'th_demo_1', text: 'a\u0000b' }],
      ['message:send', { clientId: 'client-ok-5', threadId: 'th_demo_1', text: 'half \ud800 a pair' }],
      // An event the protocol does not have gets an answer too.
      ['thread:delete', { threadId: 'th_demo_1' }],
    ];
    for (const [event, input] of garbage) {
      const result = await request(socket, event, input);
      expect(result, `${event} ${JSON.stringify(input)?.slice(0, 60)}`).toEqual({
        ok: false,
        error: expect.any(String),
      });
      if (!result.ok) expect(result.error).not.toBe('internal error');
    }
    // No acknowledgement, a non-function one, or an event nobody handles: ignored, the server stays up.
    socket.emit(
      'message:send' as 'session:hello',
      { clientId: 'client-no-ack', threadId: 'th_demo_1', text: 'hi' } as never,
    );
    (socket.emit as (...args: unknown[]) => void)('thread:resolve', { threadId: 'th_demo_1' }, 'not-a-function');
    (socket.emit as (...args: unknown[]) => void)('no:such-event', { x: 1 });
    expect(await head()).toBe(before);
    expect(socket.connected).toBe(true);
    expect(logged.filter((l) => l.startsWith('rejected')).length).toBeGreaterThanOrEqual(garbage.length + 2);
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('pages through the log after a cursor', async () => {
    const page = (after: number, limit?: number) =>
      pullPage(socket, limit === undefined ? { after } : { after, limit });
    const first = await page(0, 5);
    expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(first.head).toBe(SEEDED_EVENTS);
    expect(first.count).toBe(5);
    expect((await page(5, 5)).events.map((e) => e.seq)).toEqual([6, 7, 8, 9, 10]);
    const rest = await page(10);
    expect(rest.events.map((e) => e.seq)).toEqual(Array.from({ length: SEEDED_EVENTS - 10 }, (_, i) => 11 + i));
    expect((await page(SEEDED_EVENTS)).events).toEqual([]);
    expect(first.events[0]).toMatchObject({ type: 'label.upserted', actor: 'system' });
  });

  it('stores a reply once per client id: the resend gets the same message back', async () => {
    const input = { clientId: 'client-idem-0001', threadId: 'th_demo_3', text: 'Oui, nous livrons en Belgique.' };
    const first = valueOf(await request<{ message: Message }>(socket, 'message:send', input));
    const second = valueOf(await request<{ message: Message }>(socket, 'message:send', input));
    expect(first.message).toMatchObject({ id: 'out_client-idem-0001', status: 'pending', clientId: input.clientId });
    expect(second.message.id).toBe(first.message.id);
    expect(second.message.text).toBe(input.text);
    const { events } = await pullPage(socket, { after: 0, limit: 5000 });
    const added = events.filter((e) => e.type === 'message.added' && e.message.id === first.message.id);
    expect(added).toHaveLength(1);
  });

  it('pushes every committed change to every connected desktop, in seq order', async () => {
    const watcher = await connect(gateway.url, TOKEN);
    others.push(watcher);
    const pushed: SyncEvent[] = [];
    watcher.on('sync:events', ({ events }) => pushed.push(...events));
    const start = await head();
    const sent = valueOf(
      await request<{ message: Message }>(socket, 'message:send', {
        clientId: 'client-push-001',
        threadId: 'th_demo_1',
        text: 'Le voici',
      }),
    );
    // The message, its thread, then the sandbox's "sent" a moment later.
    await eventually(() => pushed.some((e) => e.type === 'message.updated' && e.message.id === sent.message.id));
    expect(pushed.map((e) => e.seq)).toEqual(pushed.map((_, i) => start + 1 + i));
    expect(pushed.slice(0, 2).map((e) => e.type)).toEqual(['message.added', 'thread.upserted']);
    expect(pushed.find((e) => e.type === 'message.updated')).toMatchObject({ message: { status: 'sent' } });
  });

  it('sends a demo quick reply filled from orders:latest: its use is counted and its label applied', async () => {
    const { events } = await pullPage(socket, { after: 0, limit: 5000 });
    const delivery = events.find((e) => e.type === 'quickreply.upserted' && e.reply.shortcut === 'livraison');
    if (delivery?.type !== 'quickreply.upserted') throw new Error('the demo has no /livraison');
    const { order } = valueOf(
      await request<{ order: OrderSummary | null }>(socket, 'orders:latest', { threadId: 'th_demo_1' }),
    );
    expect(order).toMatchObject({ number: '1001', status: 'shipped', trackingUrl: 'https://track.example/1001' });
    const body = delivery.reply.variants.find((v) => v.language === 'fr')?.body ?? '';
    const { text, blanks } = renderTemplate(body, { contact: { name: 'Camille Martin' }, order }, 'fr');
    expect(blanks).toEqual([]);
    expect(text).toMatch(/^Bonjour Camille ! Votre commande n° 1001 /);
    const { message } = valueOf(
      await request<{ message: Message }>(socket, 'message:send', {
        clientId: 'client-quick-reply-1',
        threadId: 'th_demo_1',
        text,
        quickReplyId: delivery.reply.id,
      }),
    );
    expect(message.text).toBe(text);
    const after = await pullPage(socket, { after: 0, limit: 5000 });
    const used = after.events
      .filter((e) => e.type === 'quickreply.upserted' && e.reply.id === delivery.reply.id)
      .at(-1);
    expect(used).toMatchObject({ reply: { usage: { agent_owner: { count: 1 } } } });
    const thread = after.events.filter((e) => e.type === 'thread.upserted' && e.thread.id === 'th_demo_1').at(-1);
    expect(thread).toMatchObject({ thread: { labels: expect.arrayContaining(['lbl_delivery']) } });
  });

  it('resolves, reopens, assigns and marks threads read', async () => {
    const thread = async (event: string, input: unknown) =>
      valueOf(await request<{ thread: Thread }>(socket, event, input)).thread;
    expect((await thread('thread:resolve', { threadId: 'th_demo_3' })).status).toBe('resolved');
    expect((await thread('thread:reopen', { threadId: 'th_demo_3' })).status).toBe('open');
    expect((await thread('thread:assign', { threadId: 'th_demo_3', assigneeId: 'agent_owner' })).assigneeId).toBe(
      'agent_owner',
    );
    expect((await thread('thread:assign', { threadId: 'th_demo_3', assigneeId: null })).assigneeId).toBeNull();
    const { thread: withUnread } = (await (
      await fetch(`${gateway.url}/api/sandbox/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ from: '+33611111111', name: 'Camille', text: 'Allô ?' }),
      })
    ).json()) as { thread: Thread };
    expect(withUnread.unreadCount).toBeGreaterThan(0);
    expect((await thread('thread:read', { threadId: withUnread.id })).unreadCount).toBe(0);
  });
});
