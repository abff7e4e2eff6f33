import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClientOptions } from '../../../../src/gateway/channels/meta/graph';
import { startFakeGraphApi, type FakeGraphApi } from '../../../fakes/graph-api';

const TOKEN = 'EAAG-secret-test-token-123';
const PHONE_ID = '1098765';
const WABA_ID = '2233445';

describe('the Graph API client, against a local Graph API', () => {
  let fake: FakeGraphApi;
  let logs: string[];
  let sleeps: number[];

  beforeAll(async () => {
    fake = await startFakeGraphApi({ token: TOKEN, templatesPageSize: 2, echoTokenInPaging: true });
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setDelay(0);
    logs = [];
    sleeps = [];
  });
  afterEach(() => {
    // The token never reaches a log line, whatever happened in the test.
    for (const line of logs) expect(line).not.toContain(TOKEN);
  });

  const graph = (options: Partial<GraphClientOptions> = {}) =>
    createGraphClient({
      base: fake.url,
      log: (line) => logs.push(line),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      ...options,
    });
  const whatsapp = (options: Partial<GraphClientOptions> = {}) =>
    graph(options).whatsapp({ accessToken: TOKEN, phoneNumberId: PHONE_ID, businessAccountId: WABA_ID });
  const messenger = () => graph().messenger({ pageToken: TOKEN });
  const instagram = () => graph().instagram({ accessToken: TOKEN });
  const only = () => {
    expect(fake.requests).toHaveLength(1);
    return fake.requests[0]!;
  };

  describe('WhatsApp sends', () => {
    it('sends a text to the number without "+", with the bearer, and returns the wamid', async () => {
      const outcome = await whatsapp().sendText('+33 6 12 34 56 78', 'Bonjour !');
      expect(outcome).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
      const request = only();
      expect(request.method).toBe('POST');
      expect(request.path).toBe(`/v21.0/${PHONE_ID}/messages`);
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.query).toEqual({});
      expect(request.body).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '33612345678',
        type: 'text',
        text: { body: 'Bonjour !', preview_url: false },
      });
    });

    it('quotes a message through context.message_id', async () => {
      await whatsapp().sendText('15550001', 'Yes', { quoteProviderMessageId: 'wamid.QUOTED' });
      expect(only().body).toMatchObject({ context: { message_id: 'wamid.QUOTED' } });
    });

    it('sends a template with body parameters, and one without variables without components', async () => {
      const api = whatsapp();
      const withParams = await api.sendTemplate('15550001', {
        name: 'order_ready',
        language: 'fr',
        parameters: ['Dana', '#1042'],
      });
      expect(withParams.ok).toBe(true);
      const plain = await api.sendTemplate('15550001', { name: 'hello', language: 'en_US', parameters: [] });
      expect(plain.ok).toBe(true);
      expect(fake.requests.map((r) => r.body)).toEqual([
        expect.objectContaining({
          type: 'template',
          template: {
            name: 'order_ready',
            language: { code: 'fr' },
            components: [
              {
                type: 'body',
                parameters: [
                  { type: 'text', text: 'Dana' },
                  { type: 'text', text: '#1042' },
                ],
              },
            ],
          },
        }),
        expect.objectContaining({ type: 'template', template: { name: 'hello', language: { code: 'en_US' } } }),
      ]);
    });

    it('reacts, and removes the reaction with an empty emoji', async () => {
      const api = whatsapp();
      expect((await api.react('15550001', 'wamid.IN', '👍')).ok).toBe(true);
      expect((await api.react('15550001', 'wamid.IN', '')).ok).toBe(true);
      expect(fake.requests.map((r) => (r.body as { reaction: unknown }).reaction)).toEqual([
        { message_id: 'wamid.IN', emoji: '👍' },
        { message_id: 'wamid.IN', emoji: '' },
      ]);
    });

    it('marks a message read', async () => {
      expect(await whatsapp().markRead('wamid.IN')).toEqual({ ok: true, providerMessageId: null });
      expect(only().body).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN' });
    });

    it('refuses a recipient that is not a phone number without calling Graph', async () => {
      const outcome = await whatsapp().sendText('not a number', 'Hi');
      expect(outcome).toMatchObject({ ok: false, retryable: false, code: null });
      expect(fake.requests).toHaveLength(0);
    });

    it('takes a success without a message id (or without JSON) as sent, with a null id', async () => {
      fake.failNext(1, 200, { messaging_product: 'whatsapp' });
      expect(await whatsapp().sendText('15550001', 'Hi')).toEqual({ ok: true, providerMessageId: null });
      fake.failNext(1, 200, '<html>ok</html>');
      expect(await whatsapp().sendText('15550001', 'Hi')).toEqual({ ok: true, providerMessageId: null });
      expect(fake.requests).toHaveLength(2);
    });
  });

  describe('Messenger and Instagram sends', () => {
    it('sends a RESPONSE text to /me/messages and returns the mid', async () => {
      const outcome = await messenger().sendText('PSID1', 'Hello', { metadata: 'comptoir:msg_1' });
      expect(outcome).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^m_/) });
      const request = only();
      expect(request.path).toBe('/v21.0/me/messages');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.body).toEqual({
        recipient: { id: 'PSID1' },
        messaging_type: 'RESPONSE',
        message: { text: 'Hello', metadata: 'comptoir:msg_1' },
      });
    });

    it('tags a reply outside the window with HUMAN_AGENT', async () => {
      expect((await instagram().sendText('IGSID1', 'Sorry for the wait', { tag: 'HUMAN_AGENT' })).ok).toBe(true);
      expect(only().body).toEqual({
        recipient: { id: 'IGSID1' },
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
        message: { text: 'Sorry for the wait' },
      });
    });

    it('marks seen with a sender action alone', async () => {
      expect(await messenger().markSeen('PSID1')).toEqual({ ok: true, providerMessageId: null });
      expect(only().body).toEqual({ recipient: { id: 'PSID1' }, sender_action: 'mark_seen' });
    });

    it('reacts on Messenger with any emoji and unreacts with an empty one', async () => {
      const api = messenger();
      expect((await api.react('PSID1', 'm_IN', '😊')).ok).toBe(true);
      expect((await api.react('PSID1', 'm_IN', '')).ok).toBe(true);
      expect(fake.requests.map((r) => r.body)).toEqual([
        { recipient: { id: 'PSID1' }, sender_action: 'react', payload: { message_id: 'm_IN', reaction: '😊' } },
        { recipient: { id: 'PSID1' }, sender_action: 'unreact', payload: { message_id: 'm_IN' } },
      ]);
    });

    it('sends a heart on Instagram as "love" and refuses other emoji as unsupported, without a request', async () => {
      const api = instagram();
      expect((await api.react('IGSID1', 'm_IN', '❤️')).ok).toBe(true);
      expect(only().body).toMatchObject({ sender_action: 'react', payload: { message_id: 'm_IN', reaction: 'love' } });
      const outcome = await api.react('IGSID1', 'm_IN', '😂');
      expect(outcome).toMatchObject({ ok: false, retryable: false, unsupported: true });
      expect(fake.requests).toHaveLength(1);
    });
  });

  describe('retries and failures', () => {
    it('retries a 500 with growing backoff, then succeeds with a single message id', async () => {
      fake.failNext(2, 500);
      const outcome = await whatsapp().sendText('15550001', 'Hi');
      expect(outcome).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^wamid\./) });
      expect(fake.requests).toHaveLength(3);
      expect(sleeps).toEqual([375, 750]); // 500 then 1000 ms, with the jitter at its middle
      expect(logs.filter((l) => l.includes('retrying'))).toHaveLength(2);
    });

    it('gives up after maxAttempts with a retryable failure carrying Graph’s words', async () => {
      fake.failNext(4, 503);
      const outcome = await whatsapp().sendText('15550001', 'Hi');
      expect(outcome).toMatchObject({ ok: false, retryable: true, code: 2 });
      expect(outcome.ok || outcome.error).toMatch(/^\(#2\) An unexpected error has occurred/);
      expect(fake.requests).toHaveLength(4);
    });

    it('waits as long as Retry-After asks on a 429', async () => {
      fake.failNext(1, 429, undefined, { headers: { 'retry-after': '2' } });
      const outcome = await messenger().sendText('PSID1', 'Hi');
      expect(outcome.ok).toBe(true);
      expect(sleeps).toEqual([2000]);
      expect(fake.requests).toHaveLength(2);
    });

    it('reads a Retry-After given as an HTTP date', async () => {
      const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
      fake.failNext(1, 503, undefined, { headers: { 'retry-after': inTwoSeconds } });
      expect((await messenger().markSeen('PSID1')).ok).toBe(true);
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeGreaterThan(0);
      expect(sleeps[0]).toBeLessThanOrEqual(2000);
    });

    it('does not sit through a Retry-After longer than its cap: the caller gets a retryable failure', async () => {
      fake.failNext(1, 429, undefined, { headers: { 'retry-after': '3600' } });
      const outcome = await messenger().sendText('PSID1', 'Hi');
      expect(outcome).toMatchObject({ ok: false, retryable: true, code: 4 });
      expect(sleeps).toEqual([]);
      expect(fake.requests).toHaveLength(1);
    });

    it('retries a request that times out, then fails as retryable', async () => {
      fake.setDelay(400);
      const outcome = await whatsapp({ timeoutMs: 50, maxAttempts: 2 }).sendText('15550001', 'Hi');
      expect(outcome).toMatchObject({ ok: false, retryable: true, code: null });
      expect(outcome.ok || outcome.error).toBe('Graph API did not answer within 50 ms');
      expect(fake.requests).toHaveLength(2);
    });

    it('fails a 400 at once with the code and the details', async () => {
      fake.failNext(1, 400, {
        error: {
          message: '(#131047) Re-engagement message',
          type: 'OAuthException',
          code: 131047,
          error_data: {
            messaging_product: 'whatsapp',
            details:
              'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
          fbtrace_id: 'AbCdEf',
        },
      });
      const outcome = await whatsapp().sendText('15550001', 'Hi');
      expect(outcome).toEqual({
        ok: false,
        retryable: false,
        code: 131047,
        error:
          '(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      });
      expect(fake.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
      // The trace id is for Meta support: in the log, not in the error an agent reads.
      expect(logs).toEqual([
        expect.stringMatching(/^graph: POST \/v21\.0\/1098765\/messages failed: .*\[fbtrace_id AbCdEf\]$/),
      ]);
    });

    it('marks a 400 rate-limit code as retryable later, without retrying now', async () => {
      fake.failNext(1, 400, {
        error: { message: '(#131056) (Business Account, Consumer Account) pair rate limit hit', code: 131056 },
      });
      expect(await whatsapp().sendText('15550001', 'Hi')).toMatchObject({ ok: false, retryable: true, code: 131056 });
      expect(fake.requests).toHaveLength(1);
    });

    it('fails on a wrong token with Graph’s OAuth error (401, code 190)', async () => {
      const api = graph().whatsapp({ accessToken: 'wrong-token', phoneNumberId: PHONE_ID });
      const outcome = await api.sendText('15550001', 'Hi');
      expect(outcome).toMatchObject({ ok: false, retryable: false, code: 190 });
      expect(outcome.ok || outcome.error).toMatch(/^\(#190\) Invalid OAuth access token/);
      expect(fake.requests).toHaveLength(1);
    });

    it('explains a body that is not JSON or not a Graph error', async () => {
      fake.failNext(1, 400, '<html>Bad gateway config</html>');
      expect(await whatsapp().sendText('15550001', 'Hi')).toMatchObject({
        ok: false,
        retryable: false,
        error: 'Graph API answered HTTP 400 with a non-JSON body',
      });
      fake.failNext(4, 502, { oops: true });
      expect(await whatsapp().sendText('15550001', 'Hi')).toMatchObject({
        ok: false,
        retryable: true,
        error: 'Graph API answered HTTP 502 with a body that is not a Graph error',
      });
    });

    it('retries when Graph cannot be reached at all', async () => {
      const gone = await startFakeGraphApi({ token: TOKEN });
      await gone.close();
      const api = graph({ base: gone.url, maxAttempts: 3 }).messenger({ pageToken: TOKEN });
      const outcome = await api.markSeen('PSID1');
      expect(outcome).toMatchObject({ ok: false, retryable: true, code: null });
      expect(sleeps).toHaveLength(2);
    });

    it('never puts the token in an error text, even when Graph echoes it', async () => {
      fake.failNext(1, 400, {
        error: { message: `Malformed access token ${TOKEN}`, type: 'OAuthException', code: 190 },
      });
      const echoed = await whatsapp().sendText('15550001', 'Hi');
      expect(echoed.ok || echoed.error).toBe('(#190) Malformed access token [token]');
      fake.failNext(1, 500, `<p>upstream said ${TOKEN}</p>`, { method: 'POST' });
      const outcomes = [echoed, await whatsapp({ maxAttempts: 1 }).sendText('15550001', 'Hi')];
      fake.setDelay(200);
      outcomes.push(await whatsapp({ timeoutMs: 20, maxAttempts: 1 }).markRead('wamid.X'));
      for (const outcome of outcomes) {
        expect(outcome.ok).toBe(false);
        expect(JSON.stringify(outcome)).not.toContain(TOKEN);
      }
      expect(logs.length).toBeGreaterThanOrEqual(3);
    });
  });

  describe('templates', () => {
    const body = (text: string) => ({ type: 'BODY', text });

    it('follows the pages and keeps the approved templates a body-only send can fill', async () => {
      fake.setTemplates([
        {
          name: 'order_ready',
          language: 'fr',
          status: 'APPROVED',
          category: 'UTILITY',
          components: [
            { type: 'HEADER', format: 'TEXT', text: 'Votre commande' },
            body('Bonjour {{1}}, la commande {{2}} est prête. {{1}}, à bientôt !'),
            { type: 'FOOTER', text: 'La Boutique' },
            {
              type: 'BUTTONS',
              buttons: [
                { type: 'QUICK_REPLY', text: 'Merci' },
                { type: 'URL', text: 'Site', url: 'https://shop.example' },
              ],
            },
          ],
        },
        { name: 'pending_one', language: 'en_US', status: 'PENDING', category: 'MARKETING', components: [body('Hi')] },
        {
          name: 'named_one',
          language: 'en_US',
          status: 'APPROVED',
          category: 'UTILITY',
          components: [body('Hi {{first_name}}')],
        },
        {
          name: 'image_header',
          language: 'en_US',
          status: 'APPROVED',
          category: 'MARKETING',
          components: [{ type: 'HEADER', format: 'IMAGE' }, body('New in')],
        },
        {
          name: 'thanks',
          language: 'en_US',
          status: 'APPROVED',
          category: 'UTILITY',
          components: [body('Thank you!')],
        },
      ]);
      const outcome = await whatsapp().listTemplates();
      expect(outcome).toEqual({
        ok: true,
        templates: [
          {
            name: 'order_ready',
            language: 'fr',
            category: 'UTILITY',
            body: 'Bonjour {{1}}, la commande {{2}} est prête. {{1}}, à bientôt !',
            parameterCount: 2,
          },
          { name: 'thanks', language: 'en_US', category: 'UTILITY', body: 'Thank you!', parameterCount: 0 },
        ],
      });
      expect(fake.requests).toHaveLength(3); // 5 templates, 2 per page
      const [first, second] = fake.requests;
      expect(first!.path).toBe(`/v21.0/${WABA_ID}/message_templates`);
      expect(first!.query).toEqual({ fields: 'name,language,status,category,components', limit: '100' });
      expect(second!.query.after).toBeTruthy();
      // Graph may echo the token in paging.next: it is dropped, the bearer header is enough.
      for (const r of fake.requests) {
        expect(r.query.access_token).toBeUndefined();
        expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      }
      expect(logs.some((l) => l.includes('2 approved template(s) left out'))).toBe(true);
    });

    it('needs the business account id', async () => {
      const api = graph().whatsapp({ accessToken: TOKEN, phoneNumberId: PHONE_ID });
      expect(await api.listTemplates()).toMatchObject({ ok: false, retryable: false });
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('media', () => {
    const bytes = Buffer.from('fake-jpeg-bytes-0123456789');

    it('looks the media up, then downloads it with the bearer', async () => {
      fake.addMedia('55501', bytes, 'image/jpeg');
      const outcome = await whatsapp().fetchMedia('55501');
      expect(outcome).toEqual({
        ok: true,
        bytes,
        mimeType: 'image/jpeg',
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
      expect(fake.requests.map((r) => [r.method, r.path])).toEqual([
        ['GET', '/v21.0/55501'],
        ['GET', '/whatsapp_business/attachments/'],
      ]);
      for (const r of fake.requests) expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    it('refuses media above the cap: from the declared size before downloading, or while downloading', async () => {
      fake.addMedia('55502', bytes, 'video/mp4', { declaredSize: 200 * 1024 * 1024 });
      const declared = await whatsapp().fetchMedia('55502');
      expect(declared).toMatchObject({ ok: false, retryable: false });
      expect(declared.ok || declared.error).toContain('more than the 104857600 allowed');
      expect(fake.requests).toHaveLength(1);

      fake.addMedia('55503', bytes, 'image/jpeg', { declaredSize: 5 });
      const streamed = await whatsapp().fetchMedia('55503', { maxBytes: 10 });
      expect(streamed).toMatchObject({ ok: false, retryable: false });
      expect(fake.requests).toHaveLength(3);
    });

    it('counts the bytes of a download that declares no length', async () => {
      fake.addMedia('55505', bytes, 'image/jpeg', { declaredSize: 5 });
      // A chunked answer: the same bytes without content-length, so only counting while reading can stop it.
      const chunked: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        const headers = new Headers(res.headers);
        headers.delete('content-length');
        return new Response(res.body, { status: res.status, headers });
      };
      const outcome = await whatsapp({ fetch: chunked }).fetchMedia('55505', { maxBytes: 10 });
      expect(outcome).toMatchObject({ ok: false, retryable: false, error: 'media is more than the 10 bytes allowed' });
      const whole = await whatsapp({ fetch: chunked }).fetchMedia('55505', { maxBytes: 100 });
      expect(whole).toMatchObject({ ok: true, bytes });
    });

    it('gives a download its own timeout', async () => {
      fake.addMedia('55506', bytes, 'image/jpeg');
      fake.setDelay(150);
      const api = whatsapp({ timeoutMs: 2000, maxAttempts: 1 });
      const outcome = await api.fetchMedia('55506', { downloadTimeoutMs: 50 });
      expect(outcome).toMatchObject({ ok: false, retryable: true, error: 'Graph API did not answer within 50 ms' });
      expect(fake.requests).toHaveLength(2); // the lookup answered in time, the download did not
    });

    it('reports an unknown media id with Graph’s error, and a corrupt download as retryable', async () => {
      expect(await whatsapp().fetchMedia('404404')).toMatchObject({ ok: false, retryable: false, code: 100 });
      fake.addMedia('55504', bytes, 'image/png', { sha256: 'a'.repeat(64) });
      expect(await whatsapp().fetchMedia('55504')).toMatchObject({
        ok: false,
        retryable: true,
        error: 'downloaded media does not match its sha256',
      });
    });
  });

  describe('the fake itself answers like Graph', () => {
    const post = (path: string, body: unknown, token = TOKEN) =>
      fetch(`${fake.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('rejects a WhatsApp message without `to` or with an unknown type with (#100)', async () => {
      const missing = await post(`/v21.0/${PHONE_ID}/messages`, {
        messaging_product: 'whatsapp',
        type: 'text',
        text: { body: 'x' },
      });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toMatchObject({
        error: { code: 100, message: '(#100) Invalid parameter', type: 'OAuthException' },
      });
      const badType = await post(`/v21.0/${PHONE_ID}/messages`, {
        messaging_product: 'whatsapp',
        to: '15550001',
        type: 'telepathy',
      });
      expect(badType.status).toBe(400);
    });

    it('answers a bad token with 401 OAuthException 190, and waits for requests on demand', async () => {
      const waiting = fake.waitForRequest((r) => r.path === '/v21.0/me/messages');
      const res = await post('/v21.0/me/messages', { recipient: { id: 'x' } }, 'nope');
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { type: 'OAuthException', code: 190 } });
      expect((await waiting).body).toEqual({ recipient: { id: 'x' } });
    });
  });
});
