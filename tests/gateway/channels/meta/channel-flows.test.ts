import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelStatus, Message, MessageTemplate, Thread } from '../../../../src/core';
import { startGateway, type RunningGateway } from '../../../../src/gateway/index';
import { openStore } from '../../../../src/gateway/store/store';
import { insertDelivery } from '../../../../src/gateway/store/webhooks';
import { startFakeGraphApi, type FakeGraphApi } from '../../../fakes/graph-api';
import { channelsFor, postWebhook, SECRET } from '../../../fakes/meta-webhook';
import { tempDir } from '../../fixtures';
import { connect, pullPage, request, valueOf, type ClientSocket } from '../../helpers';
import { fromCustomer, messagingBody, PSID, WA_ID, waMessage } from './support';

const ADMIN = 'an-admin-token-for-channel-flows';
const HOUR = 3_600_000;

describe('Meta channels, from webhook to Graph API and back', () => {
  let graph: FakeGraphApi;
  let dir: ReturnType<typeof tempDir>;
  let gateway: RunningGateway;
  let socket: ClientSocket | null = null;
  let now = Date.now();

  const start = async () => {
    gateway = await startGateway({
      dataDir: dir.path,
      adminToken: ADMIN,
      channels: channelsFor(graph),
      graphTransport: { sleep: async () => {}, timeoutMs: 2000 },
      log: () => {},
      now: () => now,
    });
  };

  beforeEach(async () => {
    now = Date.now();
    graph = await startFakeGraphApi({ pageIds: [] });
    dir = tempDir();
    await start();
  });

  afterEach(async () => {
    socket?.close();
    socket = null;
    await gateway.close();
    await graph.close();
    dir.remove();
  });

  const post = async (channel: string, body: unknown) => {
    const answer = await postWebhook(`${gateway.url}/webhooks/${channel}`, JSON.stringify(body), {
      appSecret: SECRET,
    });
    expect(answer.status).toBe(200);
    await gateway.channels.idle();
  };
  const rest = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${gateway.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const onlyThread = async () => (await rest<{ threads: Thread[] }>('/api/threads')).body.threads[0]!;
  const messagesOf = async (threadId: string) =>
    (await rest<{ messages: Message[] }>(`/api/threads/${threadId}/messages`)).body.messages;
  const client = async () => (socket ??= await connect(gateway.url, ADMIN));
  const sendReply = async (threadId: string, extra: Record<string, unknown> = {}, text = 'Merci, je regarde !') =>
    request<{ message: Message }>(await client(), 'message:send', {
      clientId: `c-${Math.random().toString(36).slice(2, 12)}`,
      threadId,
      text,
      ...extra,
    });
  const seconds = (ms: number) => String(Math.floor(ms / 1000));
  const whatsappText = (id: string, body: string, at = now) =>
    waMessage('text', { body }, { id, timestamp: seconds(at) });
  const sentRequests = () => graph.requests.filter((r) => r.method === 'POST');

  it('WhatsApp: a quoted reply carries the context; a reaction and a read receipt go out too', async () => {
    await post('whatsapp', whatsappText('wamid.IN1', 'Où est ma commande ?'));
    const thread = await onlyThread();
    const [incoming] = await messagesOf(thread.id);
    const reply = valueOf(await sendReply(thread.id, { quoteId: incoming!.id }));
    expect(reply.message.quote).toEqual({ providerMessageId: 'wamid.IN1', messageId: incoming!.id });
    const sent = await graph.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(sent.body).toMatchObject({ to: WA_ID, type: 'text', context: { message_id: 'wamid.IN1' } });

    const reacted = valueOf(
      await request<{ message: Message }>(await client(), 'message:react', {
        messageId: incoming!.id,
        emoji: '👍',
      }),
    );
    expect(reacted.message.reactions).toEqual([{ by: 'agent', emoji: '👍', at: now }]);
    const reaction = await graph.waitForRequest((r) => (r.body as { type?: string } | null)?.type === 'reaction');
    expect(reaction.body).toMatchObject({ to: WA_ID, reaction: { message_id: 'wamid.IN1', emoji: '👍' } });

    valueOf(await request(await client(), 'thread:read', { threadId: thread.id }));
    const read = await graph.waitForRequest((r) => (r.body as { status?: string } | null)?.status === 'read');
    expect(read.body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' });
  });

  it('WhatsApp: a customer reaction shows on its message, and an unreact removes it; edits and deletions apply', async () => {
    await post('whatsapp', whatsappText('wamid.A', 'first words'));
    await post('whatsapp', waMessage('reaction', { message_id: 'wamid.A', emoji: '❤️' }, { id: 'wamid.R1' }));
    const thread = await onlyThread();
    let [message] = await messagesOf(thread.id);
    expect(message?.reactions).toMatchObject([{ by: 'customer', emoji: '❤️' }]);
    await post('whatsapp', waMessage('reaction', { message_id: 'wamid.A', emoji: '' }, { id: 'wamid.R2' }));
    [message] = await messagesOf(thread.id);
    expect(message?.reactions).toBeUndefined();

    await post(
      'whatsapp',
      waMessage(
        'edit',
        { original_message_id: 'wamid.A', message: { type: 'text', text: { body: 'better words' } } },
        { id: 'wamid.E1' },
      ),
    );
    [message] = await messagesOf(thread.id);
    expect(message).toMatchObject({ text: 'better words', editedAt: 1_750_000_000_000 });
    await post('whatsapp', waMessage('revoke', { original_message_id: 'wamid.A' }, { id: 'wamid.D1' }));
    const all = await messagesOf(thread.id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ text: '', deletedAt: 1_750_000_000_000 });
    expect(all[0]?.editedAt).toBeUndefined();
  });

  it('WhatsApp: after 24 hours a free-form reply is refused and an approved template goes out instead', async () => {
    await post('whatsapp', whatsappText('wamid.OLD', 'Bonjour', now - 25 * HOUR));
    const thread = await onlyThread();
    const refused = await sendReply(thread.id);
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('24-hour window is closed') });

    graph.setTemplates([
      {
        name: 'suivi_commande',
        language: 'fr',
        status: 'APPROVED',
        category: 'UTILITY',
        components: [{ type: 'BODY', text: 'Bonjour {{1}}, votre commande {{2}} est en route.' }],
      },
      { name: 'draft', language: 'fr', status: 'REJECTED', category: 'MARKETING', components: [] },
    ]);
    const listed = valueOf(
      await request<{ templates: MessageTemplate[] }>(await client(), 'templates:list', { threadId: thread.id }),
    );
    expect(listed.templates).toEqual([
      {
        name: 'suivi_commande',
        language: 'fr',
        category: 'UTILITY',
        body: 'Bonjour {{1}}, votre commande {{2}} est en route.',
        parameterCount: 2,
      },
    ]);
    const template = { name: 'suivi_commande', language: 'fr', parameters: ['Léa', '#1042'] };
    const sent = valueOf(await sendReply(thread.id, { template }, 'Bonjour Léa, votre commande #1042 est en route.'));
    expect(sent.message.content).toEqual({ kind: 'template', ...template });
    const out = await graph.waitForRequest((r) => (r.body as { type?: string } | null)?.type === 'template');
    expect(out.body).toMatchObject({
      to: WA_ID,
      template: {
        name: 'suivi_commande',
        language: { code: 'fr' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Léa' },
              { type: 'text', text: '#1042' },
            ],
          },
        ],
      },
    });
  });

  it('Messenger: replies carry our metadata (so the echo is ignored), the human-agent tag after 24 h, nothing after 7 days', async () => {
    await post('messenger', messagingBody('page', [fromCustomer({ message: { mid: 'm_in1', text: 'Hello?' } }, now)]));
    const thread = await onlyThread();
    expect(thread.channel).toBe('messenger');
    const reply = valueOf(await sendReply(thread.id));
    const sent = await graph.waitForRequest((r) => r.method === 'POST' && r.path === '/v21.0/me/messages');
    expect(sent.body).toMatchObject({
      recipient: { id: PSID },
      messaging_type: 'RESPONSE',
      message: { text: 'Merci, je regarde !', metadata: `comptoir:${reply.message.clientId}` },
    });
    // Meta echoes the page's own message back: it must not become a second message.
    await post(
      'messenger',
      messagingBody('page', [
        {
          sender: { id: '1063911070301339' },
          recipient: { id: PSID },
          timestamp: now,
          message: {
            mid: 'm_echo',
            is_echo: true,
            text: 'Merci, je regarde !',
            metadata: `comptoir:${reply.message.clientId}`,
          },
        },
      ]),
    );
    expect(await messagesOf(thread.id)).toHaveLength(2);

    now += 30 * HOUR;
    valueOf(await sendReply(thread.id, {}, 'Any news?'));
    const tagged = await graph.waitForRequest((r) => (r.body as { tag?: string } | null)?.tag === 'HUMAN_AGENT');
    expect(tagged.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    now += 7 * 24 * HOUR;
    expect(await sendReply(thread.id)).toEqual({ ok: false, error: expect.stringContaining('7 days') });
  });

  it('Messenger and Instagram: a new customer gets the name from their profile, not their scoped id', async () => {
    graph.addProfile(PSID, { first_name: 'Jack', last_name: 'Brown' });
    graph.addProfile('igsid-777', { name: '', username: 'lea.ceramique' });
    await post('messenger', messagingBody('page', [fromCustomer({ message: { mid: 'm_n1', text: 'Hello' } }, now)]));
    await post(
      'instagram',
      messagingBody('instagram', [
        {
          sender: { id: 'igsid-777' },
          recipient: { id: 'ig-biz' },
          timestamp: now,
          message: { mid: 'ig_1', text: 'Coucou' },
        },
      ]),
    );
    const names = async () => {
      const pulled = await pullPage(await client(), { after: 0, limit: 5000 });
      const latest = new Map<string, string>();
      for (const e of pulled.events) if (e.type === 'contact.upserted') latest.set(e.contact.handle, e.contact.name);
      return Object.fromEntries(latest);
    };
    await expect.poll(names).toEqual({ [PSID]: 'Jack Brown', 'igsid-777': '@lea.ceramique' });
    const lookup = graph.requests.find((r) => r.method === 'GET' && r.path.endsWith(`/${PSID}`));
    expect(lookup?.query.fields).toBe('first_name,last_name');
  });

  it('Messenger: delivery and read watermarks move every reply up to them', async () => {
    await post('messenger', messagingBody('page', [fromCustomer({ message: { mid: 'm_in2', text: 'Hi' } }, now)]));
    const thread = await onlyThread();
    valueOf(await sendReply(thread.id, {}, 'one'));
    valueOf(await sendReply(thread.id, {}, 'two'));
    await expect.poll(async () => (await messagesOf(thread.id)).filter((m) => m.status === 'sent').length).toBe(2);
    // A delivery receipt without mids is a watermark too: delivered, not read.
    await post('messenger', messagingBody('page', [fromCustomer({ delivery: { watermark: now + 1 } }, now + 2)]));
    expect((await messagesOf(thread.id)).filter((m) => m.direction === 'out').map((m) => m.status)).toEqual([
      'delivered',
      'delivered',
    ]);
    await post('messenger', messagingBody('page', [fromCustomer({ read: { watermark: now + 1 } }, now + 2)]));
    const statuses = (await messagesOf(thread.id)).filter((m) => m.direction === 'out').map((m) => m.status);
    expect(statuses).toEqual(['read', 'read']);
  });

  it('a 4xx from the Graph API fails the reply at once with the provider error text', async () => {
    await post('whatsapp', whatsappText('wamid.IN3', 'hello'));
    const thread = await onlyThread();
    graph.failNext(1, 400, {
      error: { message: '(#131026) Message undeliverable', type: 'OAuthException', code: 131026, fbtrace_id: 'Ax' },
    });
    const reply = valueOf(await sendReply(thread.id));
    await expect
      .poll(async () => (await messagesOf(thread.id)).find((m) => m.id === reply.message.id)?.status)
      .toBe('failed');
    const failed = (await messagesOf(thread.id)).find((m) => m.id === reply.message.id);
    expect(failed?.error).toContain('131026');
    expect(sentRequests()).toHaveLength(1);
    const status = valueOf(await request<{ channels: ChannelStatus[] }>(await client(), 'channels:status'));
    expect(status.channels.find((c) => c.channel === 'whatsapp')).toMatchObject({
      configured: true,
      connected: false,
      lastError: expect.stringContaining('131026'),
    });
  });

  it('channel status names the settings that are set, never their values', async () => {
    await post('whatsapp', whatsappText('wamid.IN4', 'hello'));
    const status = valueOf(await request<{ channels: ChannelStatus[] }>(await client(), 'channels:status'));
    expect(status.channels.map((c) => c.channel)).toEqual(['whatsapp', 'messenger', 'instagram']);
    const whatsapp = status.channels[0]!;
    expect(whatsapp).toMatchObject({ configured: true, connected: true, lastError: null, lastWebhookAt: now });
    expect(whatsapp.settings).toEqual({
      appSecret: true,
      verifyToken: true,
      accessToken: true,
      phoneNumberId: true,
      businessAccountId: true,
    });
    const json = JSON.stringify(status);
    for (const secret of [SECRET, graph.token]) expect(json).not.toContain(secret);
  });

  it('media: fetched through the gateway with the channel token, then served from its cache', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    graph.addMedia('778899', png, 'image/png');
    await post(
      'whatsapp',
      waMessage(
        'image',
        { id: '778899', mime_type: 'image/png', sha256: 'x' },
        { id: 'wamid.IMG', timestamp: seconds(now) },
      ),
    );
    const thread = await onlyThread();
    const [message] = await messagesOf(thread.id);
    const get = () =>
      fetch(`${gateway.url}/api/media/${message!.id}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/png');
    expect(first.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await first.arrayBuffer())).toEqual(png);
    const lookups = graph.requests.length;
    expect(Buffer.from(await (await get()).arrayBuffer())).toEqual(png);
    expect(graph.requests.length).toBe(lookups);
    expect((await fetch(`${gateway.url}/api/media/${message!.id}`)).status).toBe(401);
    const unknown = await fetch(`${gateway.url}/api/media/msg_nope`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(unknown.status).toBe(404);
  });

  it('a body stored just before a stop is processed at the next start', async () => {
    await gateway.close();
    const store = await openStore({ dataDir: dir.path, now: () => now, log: () => {} });
    await insertDelivery(
      store.sql,
      'whatsapp',
      Buffer.from(JSON.stringify(whatsappText('wamid.LATE', 'still here?'))),
      now,
    );
    await store.close();
    await start();
    await gateway.channels.idle();
    const thread = await onlyThread();
    expect((await messagesOf(thread.id)).map((m) => m.text)).toEqual(['still here?']);
  });
});
