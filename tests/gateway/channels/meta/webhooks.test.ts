import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { orderTotal, type Message, type Thread } from '../../../../src/core';
import { startGateway, type RunningGateway } from '../../../../src/gateway/index';
import { openStore } from '../../../../src/gateway/store/store';
import { startFakeGraphApi, type FakeGraphApi } from '../../../fakes/graph-api';
import { channelsFor, postWebhook, SECRET, VERIFY } from '../../../fakes/meta-webhook';
import { tempDir } from '../../fixtures';
import { countRows } from '../../helpers';
import { WEBHOOKS_DIR } from './support';

const DATA = WEBHOOKS_DIR;
const ADMIN = 'an-admin-token-for-webhook-tests';

describe('Meta webhooks through the real HTTP endpoint', () => {
  let graph: FakeGraphApi;
  let dir: ReturnType<typeof tempDir>;
  let gateway: RunningGateway;
  const logs: string[] = [];

  beforeEach(async () => {
    graph = await startFakeGraphApi();
    dir = tempDir();
    logs.length = 0;
    gateway = await startGateway({
      dataDir: dir.path,
      adminToken: ADMIN,
      channels: channelsFor(graph),
      graphTransport: { sleep: async () => {}, timeoutMs: 2000 },
      log: (line) => logs.push(line),
    });
  });

  afterEach(async () => {
    await gateway.close();
    await graph.close();
    dir.remove();
  });

  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${gateway.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
    });
    return (await res.json()) as T;
  };
  const threads = async () => (await api<{ threads: Thread[] }>('/api/threads')).threads;
  const messagesOf = async (threadId: string) =>
    (await api<{ messages: Message[] }>(`/api/threads/${threadId}/messages`)).messages;
  const allMessages = async () => (await Promise.all((await threads()).map((t) => messagesOf(t.id)))).flat();
  const post = async (channel: string, body: string, signature?: string | null) => {
    const answer = await postWebhook(`${gateway.url}/webhooks/${channel}`, body, { appSecret: SECRET, signature });
    await gateway.channels.idle();
    return answer;
  };
  const payload = (name: string) => readFileSync(join(DATA, `${name}.json`), 'utf8');
  /** The text message as if the customer wrote it just now: agents may answer freely within 24 hours. */
  const freshText = () => payload('message__text').replace('"1697043223"', `"${Math.floor(Date.now() / 1000)}"`);

  /** Rows the gateway stored, read from its database after it stopped. */
  const storedRows = async (table: string) => {
    await gateway.close();
    const store = await openStore({ dataDir: dir.path, now: Date.now, log: () => {} });
    try {
      return await countRows(store, table);
    } finally {
      await store.close();
    }
  };

  it("answers Meta's subscription handshake only with the verify token", async () => {
    const hub = (token: string, mode = 'subscribe', challenge = '1158201444') =>
      fetch(`${gateway.url}/webhooks/whatsapp?hub.mode=${mode}&hub.verify_token=${token}&hub.challenge=${challenge}`);
    const good = await hub(VERIFY);
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('1158201444');
    expect(good.headers.get('content-type')).toMatch(/^text\/plain/);
    expect((await hub('wrong')).status).toBe(403);
    expect((await hub(VERIFY, 'unsubscribe')).status).toBe(400);
    expect((await hub(VERIFY, 'subscribe', '<script>')).status).toBe(400);
    expect((await fetch(`${gateway.url}/webhooks/telegram`)).status).toBe(404);
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const body = payload('message__text');
    expect((await post('whatsapp', body, null)).status).toBe(401);
    expect((await post('whatsapp', body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
    expect((await post('whatsapp', body, 'sha1=abc')).status).toBe(401);
    // Signed with the right secret, but for other bytes.
    expect(
      (
        await post(
          'whatsapp',
          body,
          (await import('../../../../src/gateway/channels/meta/signature')).signBody(`${body} `, SECRET),
        )
      ).status,
    ).toBe(401);
    expect(await threads()).toEqual([]);
    expect(await storedRows('webhook_deliveries')).toBe(0);
  });

  it('refuses signed bodies that are not a webhook of that channel with 400', async () => {
    expect((await post('whatsapp', '{"object":"whatsapp_business_acc')).status).toBe(400);
    expect((await post('whatsapp', JSON.stringify({ object: 'page', entry: [] }))).status).toBe(400);
    expect((await post('messenger', payload('message__text'))).status).toBe(400);
    expect(logs.some((l) => l.includes('webhook whatsapp rejected: 400'))).toBe(true);
    expect(await storedRows('webhook_deliveries')).toBe(0);
  });

  it('stores a retried delivery once: same bytes, or the same message id in new bytes', async () => {
    const body = payload('message__text');
    expect((await post('whatsapp', body)).status).toBe(200);
    expect(JSON.parse((await post('whatsapp', body)).body)).toMatchObject({ ok: true, duplicate: true });
    // The same message in a re-serialized body (Meta retries are not byte-identical when batched differently).
    expect((await post('whatsapp', JSON.stringify(JSON.parse(body)))).status).toBe(200);
    expect(await allMessages()).toHaveLength(1);
    expect(await storedRows('messages')).toBe(1);
  });

  // Every real payload, one fresh gateway each (several of them reuse the same message id).
  const expected: Record<string, (messages: Message[]) => void> = {
    message__text: ([m]) => expect(m).toMatchObject({ text: 'Body Text', ts: 1697043223000, direction: 'in' }),
    message__image: ([m]) =>
      expect(m?.content).toEqual({
        kind: 'media',
        media: 'image',
        mediaId: '65463453',
        mimeType: 'image/jpeg',
        filename: null,
      }),
    message__audio: ([m]) => {
      expect(m?.content).toMatchObject({ kind: 'media', media: 'audio', mediaId: '1234567890987654321' });
      expect(m?.forwarded).toBe('once');
    },
    message__document: ([m]) => {
      expect(m?.content).toMatchObject({ kind: 'media', media: 'document', filename: 'filename.pdf' });
      expect(m?.text).toBe('caption');
    },
    message__chosen_location: ([m]) =>
      expect(m?.content).toMatchObject({
        kind: 'location',
        latitude: 37.4611978,
        longitude: -122.2164385,
        name: 'Facebook HQ',
      }),
    message__order: ([m]) => {
      expect(m?.content?.kind).toBe('order');
      if (m?.content?.kind !== 'order') return;
      expect(m.content.items).toHaveLength(3);
      expect(m.content.items[0]).toEqual({ productId: 'HAMBURGER', quantity: 3, unitPrice: 30, currency: 'ILS' });
      expect(orderTotal(m.content.items)).toBe(180);
    },
    callback_button__button: ([m]) => expect(m?.content).toMatchObject({ kind: 'choice', title: 'title' }),
    callback_button__quick_reply: ([m]) =>
      expect(m?.content).toMatchObject({ kind: 'choice', choiceId: 'callback_data', title: 'title' }),
    callback_selection__callback: ([m]) => {
      expect(m?.content).toMatchObject({ kind: 'choice', choiceId: 'callback_data' });
      expect(m?.quote).toEqual({ providerMessageId: 'wamid.xyzxyz', messageId: null });
    },
    callback_selection__description: ([m]) => expect(m?.content).toMatchObject({ kind: 'choice' }),
    message__interactive_message_with_err: ([m]) =>
      expect(m?.content).toEqual({ kind: 'unsupported', type: 'interactive' }),
    // Reactions and statuses for messages this store never had change nothing and add no message.
    message__reaction: (messages) => expect(messages).toEqual([]),
    message_status__sent: (messages) => expect(messages).toEqual([]),
    message_status__delivered: (messages) => expect(messages).toEqual([]),
    message_status__read: (messages) => expect(messages).toEqual([]),
    message_status__failed: (messages) => expect(messages).toEqual([]),
  };

  it('has an expectation for every payload in the shared folder', () => {
    const files = readdirSync(DATA).filter((f) => f.endsWith('.json'));
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, check] of Object.entries(expected)) {
    it(`${name}: acknowledged with 200 and stored as expected`, async () => {
      const answer = await post('whatsapp', payload(name));
      expect(answer.status).toBe(200);
      const messages = await allMessages();
      check(messages);
      for (const m of messages) {
        expect(m.provider).toBe('whatsapp-cloud');
        expect(m.author.kind).toBe('customer');
      }
      if (messages.length > 0) {
        const [thread] = await threads();
        expect(thread?.channel).toBe('whatsapp');
      }
      expect(logs.filter((l) => /failed|stopped/.test(l))).toEqual([]);
    });
  }

  it('a reply goes out through the Graph API, and the real status payloads move its ticks forward, never back', async () => {
    await post('whatsapp', freshText());
    const [thread] = await threads();
    const sent = await api<{ message: Message }>(`/api/threads/${thread!.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Bonjour ! Votre colis part demain.', clientId: 'client-reply-0001' }),
    });
    const request = await graph.waitForRequest((r) => r.method === 'POST' && r.path.endsWith('/messages'));
    expect(request.path).toBe('/v21.0/1098765432/messages');
    expect(request.headers.authorization).toBe(`Bearer ${graph.token}`);
    expect(request.body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '972987654321',
      type: 'text',
      text: { body: 'Bonjour ! Votre colis part demain.' },
    });
    let message: Message | undefined;
    await expect
      .poll(async () => {
        message = (await messagesOf(thread!.id)).find((m) => m.id === sent.message.id);
        return message?.status;
      })
      .toBe('sent');
    const wamid = message!.providerMessageId!;
    expect(wamid).toMatch(/^wamid\./);
    const about = (name: string) => payload(name).replaceAll('wamid.xyzxyz', wamid);
    await post('whatsapp', about('message_status__read'));
    expect((await messagesOf(thread!.id)).find((m) => m.id === sent.message.id)?.status).toBe('read');
    // Late and duplicated: delivered after read, then failed, change nothing.
    await post('whatsapp', about('message_status__delivered'));
    await post('whatsapp', about('message_status__failed'));
    expect((await messagesOf(thread!.id)).find((m) => m.id === sent.message.id)).toMatchObject({
      status: 'read',
      error: null,
    });
  });

  it('a failed status carries the provider error text', async () => {
    await post('whatsapp', freshText());
    const [thread] = await threads();
    graph.failNext(1, 500);
    const sent = await api<{ message: Message }>(`/api/threads/${thread!.id}/messages`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Hello', clientId: 'client-reply-0002' }),
    });
    await expect.poll(async () => (await messagesOf(thread!.id)).at(-1)?.status).toBe('sent');
    // The 500 was retried: two requests, one message.
    expect(graph.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    const wamid = (await messagesOf(thread!.id)).find((m) => m.id === sent.message.id)!.providerMessageId!;
    await post('whatsapp', payload('message_status__failed').replaceAll('wamid.xyzxyz', wamid));
    const failed = (await messagesOf(thread!.id)).find((m) => m.id === sent.message.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain("this user's phone number is part of an experiment");
  });
});
