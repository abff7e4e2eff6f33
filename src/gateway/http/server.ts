import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Log } from '../log';
import { createApi, type ApiOptions } from './api';
import { sendError } from './respond';
import { serveStatic } from './static';

export interface HttpOptions extends ApiOptions {
  /** Browser origins (besides the gateway's own) that may call the API: the desktop app's `app://comptoir`. */
  corsOrigins: readonly string[];
  /** Meta's webhooks, or null when the gateway takes none. */
  webhooks: ((req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>) | null;
  /** The built renderer to serve at `/`, or null to serve only the API. */
  staticDir: string | null;
  log: Log;
}

/**
 * A plain node:http server: /api is the JSON API, everything else the renderer (when a static folder is set).
 * socket.io attaches to the same server and takes /socket.io before this handler sees it.
 */
export function createHttpServer(options: HttpOptions): Server {
  const api = createApi(options);
  const corsOrigins = new Set(options.corsOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      // Prefixing instead of passing a base keeps a path like `//host/x` a path, not another host.
      url = new URL(`http://gateway${req.url ?? '/'}`);
    } catch {
      sendError(res, 400, 'bad request');
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      const allowed = origin !== undefined && corsOrigins.has(origin.toLowerCase());
      if (allowed) {
        // The desktop app's page fetches media with its bearer token: a cross-origin request it must be allowed.
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
      }
      if (req.method === 'OPTIONS') {
        res.writeHead(allowed ? 204 : 403, {
          ...(allowed && {
            'access-control-allow-methods': 'GET, POST',
            'access-control-allow-headers': 'authorization, content-type',
            'access-control-max-age': '600',
          }),
        });
        res.end();
        return;
      }
      return api(req, res, url);
    }
    if (options.webhooks && url.pathname.startsWith('/webhooks/')) return options.webhooks(req, res, url);
    if (options.staticDir) return serveStatic(req, res, options.staticDir);
    sendError(res, 404, 'not found');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendError(res, 500, 'internal error');
      else res.destroy();
    });
  });
  return server;
}
