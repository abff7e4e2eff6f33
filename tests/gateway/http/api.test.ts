import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message, Thread } from '../../../src/core';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { GATEWAY_VERSION } from '../../../src/gateway/version';
import { tempDir, writeResources } from '../fixtures';
import { connect, pullPage, rawRequest } from '../helpers';

const TOKEN = 'http-test-admin-token-0123456789';
const SECRET = 'the-secret-outside-the-static-folder';

describe('the REST API and the static renderer', () => {
  const data = tempDir();
  const resources = tempDir();
  const site = tempDir();
  const logged: string[] = [];
  let gateway: RunningGateway;

  const api = async (method: string, path: string, body?: unknown, token: string | null = TOKEN) => {
    const res = await fetch(`${gateway.url}${path}`, {
      method,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown> & { ok: boolean; error?: string };
    return { status: res.status, headers: res.headers, json };
  };

  beforeAll(async () => {
    writeResources(resources.path);
    const root = join(site.path, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>Comptoir</title><script src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
    writeFileSync(join(root, 'assets', 'app-1a2b.css'), 'body{margin:0}');
    writeFileSync(join(site.path, 'secret.txt'), SECRET);
    symlinkSync(join(site.path, 'secret.txt'), join(root, 'linked.txt'));
    gateway = await startGateway({
      dataDir: data.path,
      demo: true,
      simulate: false,
      adminToken: TOKEN,
      resourcesDir: resources.path,
      staticDir: root,
      log: (line) => logged.push(line),
    });
  });
  afterAll(async () => {
    await gateway.close();
    [data, resources, site].forEach((d) => d.remove());
  });

  it('answers health without a token', async () => {
    const { status, json } = await api('GET', '/api/health', undefined, null);
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, version: GATEWAY_VERSION, workspaceId: gateway.workspaceId });
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'wrong-token-wrong-token-wrong'],
  ])('refuses %s with 401 and a JSON error', async (_case, token) => {
    for (const [method, path] of [
      ['GET', '/api/threads'],
      ['GET', '/api/threads/th_demo_1/messages'],
      ['POST', '/api/threads/th_demo_1/resolve'],
      ['GET', '/api/no-such-route'],
    ] as const) {
      const { status, headers, json } = await api(method, path, undefined, token);
      expect(status, path).toBe(401);
      expect(json).toEqual({ ok: false, error: 'unauthorized' });
      expect(headers.get('www-authenticate')).toBe('Bearer');
    }
    const basic = await rawRequest(gateway.url, '/api/threads', { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
    expect((await api('GET', '/api/threads/th_demo_1/messages', undefined, null)).status).toBe(401);
    expect((await api('POST', '/api/threads/th_demo_1/resolve', undefined, null)).status).toBe(401);
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('lists threads, newest first, optionally by status', async () => {
    const all = await api('GET', '/api/threads');
    const threads = all.json['threads'] as Thread[];
    expect(threads.map((t) => t.id)).toEqual(['th_demo_3', 'th_demo_1', 'th_demo_2']);
    const resolved = await api('GET', '/api/threads?status=resolved');
    expect((resolved.json['threads'] as Thread[]).map((t) => t.id)).toEqual(['th_demo_2']);
    const bad = await api('GET', '/api/threads?status=archived');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatch(/^invalid query: status/);
  });

  it('lists a thread’s messages, and 404s an unknown thread', async () => {
    const { status, json } = await api('GET', '/api/threads/th_demo_1/messages');
    expect(status).toBe(200);
    expect((json['messages'] as Message[]).map((m) => m.direction)).toEqual(['in', 'out', 'in', 'in']);
    expect((await api('GET', '/api/threads/th_nope/messages')).status).toBe(404);
    expect((await api('GET', `/api/threads/${'x'.repeat(300)}/messages`)).status).toBe(404);
    expect((await api('GET', '/api/threads/%E0%A4%A/messages')).status).toBe(404);
  });

  it('sends an agent reply like the app does, once per client id', async () => {
    const generated = await api('POST', '/api/threads/th_demo_1/messages', { text: 'Voici le suivi.' });
    expect(generated.status).toBe(201);
    expect(generated.json['message']).toMatchObject({
      threadId: 'th_demo_1',
      text: 'Voici le suivi.',
      status: 'pending',
      clientId: expect.stringMatching(/^api_[A-Za-z0-9_-]{16}$/),
      author: { kind: 'agent', agentId: 'agent_owner' },
    });
    const body = { text: 'Once only', clientId: 'script-reply-0001' };
    const first = await api('POST', '/api/threads/th_demo_1/messages', body);
    const again = await api('POST', '/api/threads/th_demo_1/messages', body);
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json['message']).toEqual(first.json['message']);
    const listed = (await api('GET', '/api/threads/th_demo_1/messages')).json['messages'] as Message[];
    expect(listed.filter((m) => m.text === 'Once only')).toHaveLength(1);
  });

  it('a reply sent with a quick reply’s id counts its use and applies its labels, as from the app', async () => {
    const socket = await connect(gateway.url, TOKEN);
    try {
      const { events } = await pullPage(socket, { after: 0, limit: 5000 });
      const delivery = events
        .flatMap((e) => (e.type === 'quickreply.upserted' ? [e.reply] : []))
        .find((r) => r.shortcut === 'livraison');
      expect(delivery?.labels).toEqual(['lbl_delivery']);
      const sent = await api('POST', '/api/threads/th_demo_2/messages', {
        text: 'Votre commande part sous 48 h.',
        quickReplyId: delivery!.id,
      });
      expect(sent.status).toBe(201);
      const threads = (await api('GET', '/api/threads')).json['threads'] as Thread[];
      expect(threads.find((t) => t.id === 'th_demo_2')?.labels).toContain('lbl_delivery');
    } finally {
      socket.close();
    }
  });

  it('answers 400 for a body that is not JSON or not the right shape, changing nothing', async () => {
    const count = async () =>
      ((await api('GET', '/api/threads/th_demo_2/messages')).json['messages'] as Message[]).length;
    const before = await count();
    for (const body of [
      '{ not json',
      '',
      '[]',
      '"text"',
      JSON.stringify({ text: '' }),
      JSON.stringify({ text: 5 }),
      JSON.stringify({ text: 'ok', clientId: 'bad id!' }),
      JSON.stringify({ text: 'a\u0000b' }),
      JSON.stringify({ text: 'half \ud800 a pair' }),
      JSON.stringify({ text: 'ok', extra: 1 }),
    ]) {
      const res = await api('POST', '/api/threads/th_demo_2/messages', body);
      expect(res.status, body).toBe(400);
      expect(res.json).toEqual({ ok: false, error: expect.any(String) });
    }
    expect((await api('POST', '/api/threads/th_nope/messages', { text: 'hi' })).status).toBe(404);
    expect((await api('GET', '/api/threads?status=open&status=resolved')).status).toBe(400);
    expect((await api('GET', '/api/threads?state=open')).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('answers 413 for a body over 1 MB', async () => {
    const huge = JSON.stringify({ text: 'x'.repeat(1_100_000) });
    const res = await api('POST', '/api/threads/th_demo_1/messages', huge);
    expect(res.status).toBe(413);
    expect(res.json.ok).toBe(false);
    const chunked = await rawRequest(gateway.url, '/api/threads/th_demo_1/messages', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' },
      body: huge,
    });
    expect(chunked.status).toBe(413);
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    const unknown = await api('GET', '/api/orders');
    expect(unknown.status).toBe(404);
    expect(unknown.json.ok).toBe(false);
    const wrong = await api('GET', '/api/threads/th_demo_1/resolve');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('resolves and reopens a thread', async () => {
    const resolved = await api('POST', '/api/threads/th_demo_1/resolve');
    expect(resolved.status).toBe(200);
    expect(resolved.json['thread']).toMatchObject({ id: 'th_demo_1', status: 'resolved' });
    const reopened = await api('POST', '/api/threads/th_demo_1/reopen');
    expect(reopened.json['thread']).toMatchObject({ id: 'th_demo_1', status: 'open' });
    expect((await api('POST', '/api/threads/th_nope/resolve')).status).toBe(404);
  });

  it('lets a sandbox customer write', async () => {
    const res = await api('POST', '/api/sandbox/messages', {
      from: '+32470000000',
      name: 'Noor',
      text: 'Hello, do you ship to Belgium?',
    });
    expect(res.status).toBe(201);
    expect(res.json['contact']).toMatchObject({
      handle: '+32470000000',
      channel: 'whatsapp',
      locale: 'en',
      name: 'Noor',
    });
    expect(res.json['thread']).toMatchObject({ status: 'open', unreadCount: 1 });
    const threads = (await api('GET', '/api/threads')).json['threads'] as Thread[];
    expect(threads[0]?.id).toBe((res.json['thread'] as Thread).id);
    expect((await api('POST', '/api/sandbox/messages', { from: '', name: 'x', text: 'y' })).status).toBe(400);
    expect((await api('POST', '/api/sandbox/messages', { from: '+1', name: 'x' })).status).toBe(400);
  });

  it('lets the desktop app (app://comptoir) call the API across origins, and no other page', async () => {
    const preflight = (origin: string) =>
      fetch(`${gateway.url}/api/media/msg_1`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const desktop = await preflight('app://comptoir');
    expect(desktop.status).toBe(204);
    expect(desktop.headers.get('access-control-allow-origin')).toBe('app://comptoir');
    expect(desktop.headers.get('access-control-allow-headers')).toContain('authorization');
    const stranger = await preflight('https://evil.example');
    expect(stranger.status).toBe(403);
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(`${gateway.url}/api/threads`, {
      headers: { origin: 'app://comptoir', authorization: `Bearer ${TOKEN}` },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe('app://comptoir');
  });

  it('serves the renderer with a strict CSP and the right content types', async () => {
    const index = await fetch(`${gateway.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Comptoir</title>');
    const csp = index.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await fetch(`${gateway.url}/assets/app-1a2b.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${gateway.url}/assets/app-1a2b.css`)).headers.get('content-type')).toBe(
      'text/css; charset=utf-8',
    );
    const route = await fetch(`${gateway.url}/inbox/mine`);
    expect(await route.text()).toContain('<title>Comptoir</title>');
    expect((await fetch(`${gateway.url}/assets/missing.js`)).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    '/linked.txt',
    '/%00secret.txt',
    '/%E0%A4%A',
  ])('blocks %s from leaving the static folder', async (path) => {
    const res = await rawRequest(gateway.url, path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });
});
