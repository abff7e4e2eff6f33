import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { contentTypeFor } from '../gateway/http/content-types';
import { APP_HOST, APP_SCHEME } from './origin';

/**
 * `app://` is registered before `ready` as a standard, secure scheme with the Fetch API: standard gives it a
 * real origin (so IndexedDB and relative URLs work), secure makes it a secure context. `corsEnabled` stays unset
 * on purpose: that keeps the app's files unreadable from any other origin.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

export type AppPathResolution =
  { kind: 'file'; path: string; spaFallback: boolean } | { kind: 'refuse'; status: number; reason: string };

/**
 * Maps an `app://comptoir/...` URL to a file under `rootDir`, refusing anything that would leave it. Chromium
 * already collapses `..` in standard URLs, but percent-encoded dots and slashes survive that, so the decoded
 * path is checked again here.
 */
export function resolveAppPath(requestUrl: string, rootDir: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refuse', status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
    return { kind: 'refuse', status: 404, reason: `not an app URL: ${requestUrl}` };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refuse', status: 400, reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'refuse', status: 400, reason: 'forbidden character in path' };
  }
  if (decoded.split('/').some((segment) => segment === '..')) {
    return { kind: 'refuse', status: 403, reason: 'path traversal' };
  }
  const root = resolve(rootDir);
  const wanted = decoded === '/' || decoded === '' ? '/index.html' : decoded;
  const path = resolve(root, `.${wanted}`);
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    return { kind: 'refuse', status: 403, reason: 'path traversal' };
  }
  // A path without an extension is a view of the single-page app, not a missing asset.
  return { kind: 'file', path, spaFallback: extname(wanted) === '' };
}

export interface AppProtocolOptions {
  /** The built renderer (out/renderer). */
  rootDir: string;
  contentSecurityPolicy: string;
  log?: (line: string) => void;
}

/** The `protocol.handle('app', ...)` handler: static files from the renderer build, each with the CSP. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const headers = (extra: Record<string, string>): Headers =>
    new Headers({
      'Content-Security-Policy': options.contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
      ...extra,
    });
  const refuse = (status: number, reason: string): Response => {
    log(`app protocol: ${status} ${reason}`);
    return new Response(null, { status, headers: headers({}) });
  };

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `method ${request.method}`);
    const target = resolveAppPath(request.url, options.rootDir);
    if (target.kind === 'refuse') return refuse(target.status, target.reason);
    let served: { path: string; bytes: Buffer } | null;
    try {
      served = await readFirst([target.path, ...(target.spaFallback ? [resolve(options.rootDir, 'index.html')] : [])]);
    } catch (error) {
      return refuse(500, `cannot read ${request.url}: ${(error as Error).message}`);
    }
    if (served === null) return refuse(404, `no such file: ${request.url}`);
    const body = request.method === 'HEAD' ? null : new Uint8Array(served.bytes);
    return new Response(body, { status: 200, headers: headers({ 'Content-Type': contentTypeFor(served.path) }) });
  };
}

async function readFirst(paths: string[]): Promise<{ path: string; bytes: Buffer } | null> {
  for (const path of paths) {
    try {
      return { path, bytes: await readFile(path) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') throw error;
    }
  }
  return null;
}
