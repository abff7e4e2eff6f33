import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Log } from '../log';
import { createApi, type ApiOptions } from './api';
import { sendError } from './respond';
import { serveStatic } from './static';

export interface HttpOptions extends ApiOptions {
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
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let url: URL;
    try {
      // Prefixing instead of passing a base keeps a path like `//host/x` a path, not another host.
      url = new URL(`http://gateway${req.url ?? '/'}`);
    } catch {
      sendError(res, 400, 'bad request');
      return;
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return api(req, res, url);
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
