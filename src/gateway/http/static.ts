import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { contentTypeFor } from './content-types';
import { SECURITY_HEADERS, sendError } from './respond';

/**
 * The renderer's policy: its own scripts only; Mantine injects style tags, hence 'unsafe-inline' for styles.
 * Customer media is fetched with the token in a header and shown from blob: URLs, hence blob: for images and
 * audio/video (never the media endpoint itself, which would need the token in the URL).
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built renderer from `root`. The path is decoded first and any `..` segment refused, then the real
 * path (symlinks resolved) must still be inside the real root: `/%2e%2e/`, `..%2f` and links out all get 404.
 * A path without an extension that matches no file gets index.html, for the app's own routes.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    return;
  }
  const file = await locate(root, (req.url ?? '/').split('?')[0] ?? '/');
  if (!file) {
    sendError(res, 404, 'not found');
    return;
  }
  const type = contentTypeFor(file.path);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-security-policy': RENDERER_CSP,
    'content-type': type,
    'content-length': file.size,
    // Vite puts a content hash in every asset name under /assets: those never change.
    'cache-control': file.path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

async function locate(root: string, rawPath: string): Promise<{ path: string; size: number } | null> {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = path.split(/[/\\]+/);
  if (path.includes('\0') || segments.some((s) => s === '..')) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const wanted = path.endsWith('/') ? join(path, 'index.html') : path;
  const found = await fileInside(realRoot, wanted);
  if (found) return found;
  const last = segments.at(-1) ?? '';
  return extname(last) === '' ? fileInside(realRoot, '/index.html') : null;
}

async function fileInside(realRoot: string, path: string): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(resolve(realRoot, `.${path}`));
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}
