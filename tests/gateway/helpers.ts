import { request as httpRequest } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, PullOutput, Result, ServerToClientEvents, SyncEvent } from '../../src/core';
import type { Timers } from '../../src/gateway/channels/timers';
import { openStore, type Store } from '../../src/gateway/store/store';
import { tempDir } from './fixtures';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real store in its own temp folder; `dispose` closes it and removes the folder. */
export async function openTestStore(
  now: () => number = Date.now,
  log: (line: string) => void = () => {},
): Promise<{ store: Store; dataDir: string; dispose: () => Promise<void> }> {
  const dir = tempDir();
  const store = await openStore({ dataDir: dir.path, now, log });
  return {
    store,
    dataDir: dir.path,
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
}

export async function countRows(store: Store, table: string): Promise<number> {
  const rows = await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? 0;
}

/** Connects a socket.io client; resolves once connected, rejects with the connect_error. */
export function connect(url: string, token: unknown, extra: { origin?: string } = {}): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: extra.origin ? { origin: extra.origin } : undefined,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Emits with an acknowledgement, failing the test rather than hanging if none comes. */
export function request<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<Result<T>> {
  return (socket as Socket).timeout(5000).emitWithAck(event, ...args) as Promise<Result<T>>;
}

/** One `sync:pull` page, its binary frame decoded: what a desktop gets after parsing. */
export async function pullPage(
  socket: Socket,
  input: { after: number; limit?: number },
): Promise<{ events: SyncEvent[]; head: number; count: number }> {
  const { page, head, count } = valueOf(await request<PullOutput>(socket, 'sync:pull', input));
  return { events: JSON.parse(new TextDecoder().decode(page)) as SyncEvent[], head, count };
}

/** The value of a successful result; throws with the error otherwise. */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.value;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Timers a test fires by hand: nothing runs until `fireNext`. */
export class ManualTimers implements Timers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Delays of the timers waiting, in the order they were set. */
  delays(): number[] {
    return [...this.pending.values()].map((t) => t.ms);
  }

  fireNext(): void {
    const first = this.pending.entries().next();
    if (first.done) throw new Error('no timer pending');
    const [id, timer] = first.value;
    this.pending.delete(id);
    timer.fn();
  }
}

export interface RawResponse {
  status: number;
  headers: import('node:http').IncomingHttpHeaders;
  body: string;
}

/** A request sent exactly as written: fetch would normalise `..` out of the path before sending it. */
export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { hostname, port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
