import { describe, expect, it } from 'vitest';
import {
  dropOldShells,
  openPage,
  precacheShell,
  serveShellFile,
  type ShellContext,
} from '../../../src/renderer/sw/strategies';

const scope = 'http://127.0.0.1:8787/';
const manifest = { version: 'v2', files: ['index.html', 'assets/index-A.js'] };
const url = (path: string) => new URL(path, scope).href;

/**
 * Cache Storage the way the browser keeps it, in memory: named caches of responses by URL. The real one is
 * exercised end to end in Chromium (tests/e2e/web/offline.spec.ts); this one lets the timing be chosen.
 */
class MemoryCaches {
  readonly stores = new Map<string, Map<string, Response>>();

  async open(name: string) {
    const store = this.stores.get(name) ?? new Map<string, Response>();
    this.stores.set(name, store);
    const key = (r: RequestInfo | URL) => (r instanceof Request ? r.url : String(r));
    return {
      match: async (r: RequestInfo | URL) => store.get(key(r))?.clone(),
      put: async (r: RequestInfo | URL, response: Response) => void store.set(key(r), response),
      addAll: async (requests: Request[]) => {
        for (const request of requests) store.set(request.url, await network.fetch(request));
      },
    };
  }
  async keys() {
    return [...this.stores.keys()];
  }
  async delete(name: string) {
    return this.stores.delete(name);
  }
  async match(r: string, options?: { cacheName?: string }) {
    return this.stores
      .get(options?.cacheName ?? '')
      ?.get(r)
      ?.clone();
  }
}

/** The gateway, as the worker's fetch sees it: each path answers, fails, or hangs for a while. */
const network = {
  fetched: [] as Request[],
  answers: new Map<string, () => Promise<Response>>(),
  async fetch(request: Request): Promise<Response> {
    network.fetched.push(request);
    const answer = network.answers.get(new URL(request.url).pathname);
    if (!answer) throw new TypeError('Failed to fetch');
    return answer();
  },
};

function context(): { ctx: ShellContext; caches: MemoryCaches } {
  network.fetched = [];
  network.answers = new Map();
  const caches = new MemoryCaches();
  const ctx: ShellContext = {
    caches: caches as unknown as CacheStorage,
    fetch: (request) => network.fetch(request),
    manifest,
    scope,
    navigationTimeoutMs: 50,
  };
  return { ctx, caches };
}

const page =
  (text: string, status = 200) =>
  async () =>
    new Response(text, { status });
const later = (ms: number, text: string) => () =>
  new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(text)), ms));

/** Installs this build's shell, then takes the gateway down. */
async function withCachedShell(ctx: ShellContext) {
  network.answers.set('/index.html', page('cached shell'));
  network.answers.set('/assets/index-A.js', page('code'));
  await precacheShell(ctx);
  network.answers.clear();
}

describe('precacheShell and dropOldShells', () => {
  it('fetches every file straight from the gateway into this build’s cache, then drops older shells only', async () => {
    const { ctx, caches } = context();
    await caches.open('comptoir-shell-v1');
    await caches.open('someone-else');
    await withCachedShell(ctx);
    // (Each with `cache: 'reload'`, which happy-dom's Request does not keep; Chromium's e2e run goes through it.)
    expect(network.fetched.map((r) => r.url)).toEqual([url('index.html'), url('assets/index-A.js')]);
    expect([...(caches.stores.get('comptoir-shell-v2')?.keys() ?? [])]).toEqual([
      url('index.html'),
      url('assets/index-A.js'),
    ]);
    expect(await dropOldShells(ctx)).toEqual(['comptoir-shell-v1']);
    expect(await caches.keys()).toEqual(['someone-else', 'comptoir-shell-v2']);
  });

  it('fails the install when one file cannot be fetched', async () => {
    const { ctx } = context();
    network.answers.set('/index.html', page('shell'));
    await expect(precacheShell(ctx)).rejects.toThrow(/Failed to fetch/);
  });
});

describe('openPage', () => {
  const navigation = () => new Request(url('/'));

  it('shows the gateway’s page when it answers', async () => {
    const { ctx } = context();
    await withCachedShell(ctx);
    network.answers.set('/', page('fresh'));
    expect(await (await openPage(navigation(), ctx)).text()).toBe('fresh');
  });

  it('opens the cached shell when the gateway is down, or answers 5xx', async () => {
    const { ctx } = context();
    await withCachedShell(ctx);
    expect(await (await openPage(navigation(), ctx)).text()).toBe('cached shell');
    network.answers.set('/', page('bad gateway', 502));
    expect(await (await openPage(navigation(), ctx)).text()).toBe('cached shell');
  });

  it('keeps a 404 from the gateway: that is an answer, not an outage', async () => {
    const { ctx } = context();
    await withCachedShell(ctx);
    network.answers.set('/', page('not found', 404));
    expect((await openPage(navigation(), ctx)).status).toBe(404);
  });

  it('stops waiting for a slow gateway after the timeout when the shell is cached', async () => {
    const { ctx } = context();
    await withCachedShell(ctx);
    network.answers.set('/', later(2000, 'too late'));
    const started = Date.now();
    expect(await (await openPage(navigation(), ctx)).text()).toBe('cached shell');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits for a slow gateway when nothing is cached, and says so when it fails', async () => {
    const { ctx } = context();
    network.answers.set('/', later(120, 'slow but there'));
    expect(await (await openPage(navigation(), ctx)).text()).toBe('slow but there');
    network.answers.clear();
    expect((await openPage(navigation(), ctx)).type).toBe('error');
  });
});

describe('serveShellFile', () => {
  it('answers from the cache without asking the gateway', async () => {
    const { ctx } = context();
    await withCachedShell(ctx);
    network.fetched = [];
    expect(await (await serveShellFile(new Request(url('assets/index-A.js')), true, ctx)).text()).toBe('code');
    expect(network.fetched).toEqual([]);
  });

  it('keeps a hashed asset it fetched, but not a failed answer nor a file whose name does not change', async () => {
    const { ctx, caches } = context();
    network.answers.set('/assets/index-B.js', page('newer build'));
    network.answers.set('/assets/missing.js', page('no', 404));
    network.answers.set('/index.html', page('shell'));
    await serveShellFile(new Request(url('assets/index-B.js')), true, ctx);
    await serveShellFile(new Request(url('assets/missing.js')), true, ctx);
    await serveShellFile(new Request(url('index.html')), false, ctx);
    expect([...(caches.stores.get('comptoir-shell-v2')?.keys() ?? [])]).toEqual([url('assets/index-B.js')]);
  });
});
