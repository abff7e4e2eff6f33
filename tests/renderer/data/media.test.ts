import { describe, expect, it, vi } from 'vitest';
import { createMediaLoader, MediaLoadError } from '../../../src/renderer/data/media';

const session = { gatewayUrl: 'http://127.0.0.1:4123', token: 'tok_0123456789abcdef' };

function gateway(answers: Record<string, () => Response>) {
  return vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const answer = answers[url];
    void init;
    return answer ? answer() : new Response('{"ok":false,"error":"not found"}', { status: 404 });
  });
}

describe('the media loader', () => {
  it('asks the gateway with the token in a header, never in the address', async () => {
    const fetch = gateway({
      'http://127.0.0.1:4123/api/media/msg%2F1': () => new Response(new Uint8Array([1, 2, 3]), { status: 200 }),
    });
    const blob = await createMediaLoader(session, { fetch }).load('msg/1');
    expect(blob.size).toBe(3);
    const [url, init] = fetch.mock.calls[0]!;
    expect(String(url)).not.toContain(session.token);
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${session.token}`);
    expect(init?.credentials).toBe('omit');
  });

  it('fetches each message’s media once per session', async () => {
    const fetch = gateway({ 'http://127.0.0.1:4123/api/media/m1': () => new Response('x', { status: 200 }) });
    const loader = createMediaLoader(session, { fetch });
    const [a, b] = await Promise.all([loader.load('m1'), loader.load('m1')]);
    expect(await loader.load('m1')).toBe(a);
    expect(b).toBe(a);
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('tells a missing file from a provider failure, with the gateway’s words, and does not keep failures', async () => {
    let fail = true;
    const fetch = gateway({
      'http://127.0.0.1:4123/api/media/p': () =>
        fail
          ? new Response('{"ok":false,"error":"graph api: media expired"}', { status: 502 })
          : new Response('ok', { status: 200 }),
    });
    const loader = createMediaLoader(session, { fetch });
    await expect(loader.load('gone')).rejects.toMatchObject({ reason: 'not-found' });
    const error = await loader.load('p').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaLoadError);
    expect(error).toMatchObject({ reason: 'provider', message: 'graph api: media expired' });
    fail = false;
    expect((await loader.load('p')).size).toBe(2);
  });

  it('reports an unreachable gateway as offline', async () => {
    const loader = createMediaLoader(session, {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(loader.load('m')).rejects.toMatchObject({ reason: 'offline' });
  });

  it('forgets the oldest files beyond its memory budget', async () => {
    const fetch = vi.fn(async () => new Response(new Uint8Array(40), { status: 200 }));
    const loader = createMediaLoader(session, { fetch, budgetBytes: 100 });
    await loader.load('a');
    await loader.load('b');
    await loader.load('a'); // a is now the most recent
    await loader.load('c'); // 120 bytes: b goes
    expect(fetch).toHaveBeenCalledTimes(3);
    await loader.load('a');
    expect(fetch).toHaveBeenCalledTimes(3);
    await loader.load('b');
    expect(fetch).toHaveBeenCalledTimes(4);
  });
});
