import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fakes of third-party APIs share: a real HTTP server on a free 127.0.0.1 port, answers that can wait. */
export interface LocalServer {
  url: string;
  /** Runs `answer` after `delayMs` (at once for 0): a slow API for timeout tests. Pending answers die with `close`. */
  later(delayMs: number, answer: () => void): void;
  /** Drops pending answers and open connections, then stops listening. */
  close(): Promise<void>;
}

/** Starts a server that hands each request to `onRequest` with its whole body. */
export async function startLocalServer(
  onRequest: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void,
): Promise<LocalServer> {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => onRequest(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    later(delayMs, answer) {
      if (delayMs <= 0) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, delayMs);
      timers.add(timer);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
