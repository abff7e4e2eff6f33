/**
 * What the worker does with one request. Only the app's own files are ever answered from the cache: the REST
 * API and socket.io carry the inbox's data and the agent's token, and always go to the network, failing when it
 * is down (the app then reads IndexedDB and says it is offline).
 */
export type Route =
  | { kind: 'navigate' }
  /** `immutable`: a content-hashed file under assets/, safe to keep once fetched. */
  | { kind: 'shell'; immutable: boolean }
  | {
      kind: 'network';
      reason: 'not a GET' | 'another origin' | 'outside the scope' | 'live data' | 'not in the shell';
    };

/** Mirrors the gateway's routes: `/api` (server.ts) and socket.io's SOCKET_PATH (core/sync/protocol.ts). */
export const LIVE_PATHS: readonly string[] = ['api', 'socket.io'];

export interface RequestLike {
  url: string;
  method: string;
  mode: string;
}

/** `scope` is the registration's scope URL (ends with `/`); `shell` the manifest's paths relative to it. */
export function routeFor(request: RequestLike, scope: string, shell: ReadonlySet<string>): Route {
  if (request.method !== 'GET') return { kind: 'network', reason: 'not a GET' };
  const url = new URL(request.url);
  const base = new URL(scope);
  if (url.origin !== base.origin) return { kind: 'network', reason: 'another origin' };
  if (!url.pathname.startsWith(base.pathname)) return { kind: 'network', reason: 'outside the scope' };
  const path = url.pathname.slice(base.pathname.length);
  const first = path.split('/')[0] ?? '';
  // Compared undecoded on purpose: `/%61pi/` is not the API for the gateway either, it gets the static files.
  if (LIVE_PATHS.includes(first)) return { kind: 'network', reason: 'live data' };
  if (request.mode === 'navigate') return { kind: 'navigate' };
  if (path.startsWith('assets/') && path.length > 'assets/'.length) return { kind: 'shell', immutable: true };
  if (shell.has(path)) return { kind: 'shell', immutable: false };
  return { kind: 'network', reason: 'not in the shell' };
}
