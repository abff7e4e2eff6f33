import { CACHE_PREFIX, INDEX_FILE, cacheNameFor, type ShellManifest } from './shell';

/** What the strategies need from the worker's global scope, passed in so each strategy reads on its own. */
export interface ShellContext {
  caches: CacheStorage;
  fetch: (request: Request) => Promise<Response>;
  manifest: ShellManifest;
  /** The registration's scope URL: the shell's paths are relative to it. */
  scope: string;
  /** How long a page load waits for the gateway before it opens from the cache instead. */
  navigationTimeoutMs: number;
}

/** Fetches every file of the shell into this build's cache; one failure fails the install, so it is all or none. */
export async function precacheShell(ctx: ShellContext): Promise<void> {
  const cache = await ctx.caches.open(cacheNameFor(ctx.manifest));
  // `reload`: straight from the gateway, never an older copy from the browser's HTTP cache.
  await cache.addAll(ctx.manifest.files.map((file) => new Request(new URL(file, ctx.scope), { cache: 'reload' })));
}

/** Drops the shells of earlier builds (and nothing else this origin may keep in Cache Storage). */
export async function dropOldShells(ctx: ShellContext): Promise<string[]> {
  const current = cacheNameFor(ctx.manifest);
  const old = (await ctx.caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
  await Promise.all(old.map((name) => ctx.caches.delete(name)));
  return old;
}

type NetworkOutcome = { kind: 'answered'; response: Response } | { kind: 'failed' } | { kind: 'slow' };

/**
 * A page load: the gateway's index.html when it answers in time, so a new build shows at once; otherwise this
 * build's cached index.html, which opens the app on the inbox in IndexedDB. A 5xx (a proxy in front of a
 * stopped gateway) counts as down. With nothing cached yet, the network's answer is all there is, even late.
 */
export async function openPage(request: Request, ctx: ShellContext): Promise<Response> {
  const network = ctx.fetch(request);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = await Promise.race<NetworkOutcome>([
    network.then(
      (response) => ({ kind: 'answered', response }),
      () => ({ kind: 'failed' }),
    ),
    new Promise<NetworkOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'slow' }), ctx.navigationTimeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (outcome.kind === 'answered' && outcome.response.status < 500) return outcome.response;
  const cached = await ctx.caches.match(new URL(INDEX_FILE, ctx.scope).href, { cacheName: cacheNameFor(ctx.manifest) });
  if (cached) return cached;
  if (outcome.kind === 'answered') return outcome.response;
  if (outcome.kind === 'slow') return network;
  return Response.error();
}

/**
 * A file of the shell: from this build's cache. A content-hashed asset missing from it (a newer build's,
 * loaded before the new worker took over) is fetched and kept: its name changes with its content.
 */
export async function serveShellFile(request: Request, immutable: boolean, ctx: ShellContext): Promise<Response> {
  const cache = await ctx.caches.open(cacheNameFor(ctx.manifest));
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await ctx.fetch(request);
  if (immutable && response.ok) await cache.put(request, response.clone());
  return response;
}
