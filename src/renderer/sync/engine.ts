import { io as connect, type Socket } from 'socket.io-client';
import { MAX_PULL_LIMIT, SOCKET_PATH, type HelloOutput, type Result, type Session, type SyncEvent } from '../../core';
import { readCursor, readWorkspace, writeHello } from '../db/meta';
import type { ComptoirDb } from '../db/schema';
import { applyEvents } from './apply';
import { noteAttemptFailed, queueReply, sendInputOf, settleAccepted, settleRefused, type ReplyExtras } from './outbox';
import {
  HelloOutputSchema,
  parseValue,
  parsePullOutput,
  PushSchema,
  request,
  sentMessageOf,
  type CommandName,
  type Connect,
} from './wire';

export type SyncStatus = 'connecting' | 'syncing' | 'online' | 'offline' | 'unauthorized';
/** `catch-up`: the replay after (re)connecting, which notifications ignore; `live`: pushes and gap pulls. */
export type SyncPhase = 'catch-up' | 'live';
/** Every command but the session's own (hello, pull) and sending, which goes through the outbox. */
export type ThreadCommand = Exclude<CommandName, 'session:hello' | 'sync:pull' | 'message:send'>;

export interface SyncEngineOptions {
  db: ComptoirDb;
  session: Session;
  io?: Connect;
  now?: () => number;
  /** The store this replica mirrors. A hello naming another stops the engine and tells `onWorkspaceChange`. */
  workspaceId?: string;
  pageSize?: number;
  ackTimeoutMs?: number;
  pullTimeoutMs?: number;
  /** Wait before retrying a failed catch-up or an unacknowledged reply while still connected. */
  retryDelayMs?: number;
  log?: (line: string) => void;
}

export interface SyncEngine {
  readonly status: SyncStatus;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Called after each applied batch with the events that were new to this replica. */
  onEvents(listener: (events: readonly SyncEvent[], phase: SyncPhase) => void): () => void;
  onWorkspaceChange(listener: (hello: HelloOutput) => void): () => void;
  /** Queues a reply (pending message + outbox entry in one transaction) and sends it when connected. */
  send(threadId: string, text: string, extras?: ReplyExtras): Promise<void>;
  command(name: ThreadCommand, input: unknown): Promise<Result<unknown>>;
  /** Sends queued replies in order; safe to call any time, it never runs twice at once. */
  flushOutbox(): Promise<void>;
  stop(): void;
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, session } = options;
  const now = options.now ?? Date.now;
  // The largest page the gateway serves: each page is one IndexedDB transaction, and fewer, larger ones replay
  // faster (measured on a 22k-event replay: 1.84 s with pages of 2000, 1.50 s with 5000; docs/performance.md).
  const pageSize = options.pageSize ?? MAX_PULL_LIMIT;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const pullTimeoutMs = options.pullTimeoutMs ?? 30_000;
  const retryDelayMs = options.retryDelayMs ?? 3_000;
  const print = options.log ?? ((line: string) => console.warn(`[sync] ${line}`));
  // A gateway that keeps answering badly is retried every few seconds: say so once, not on every retry.
  let lastLine = '';
  const log = (line: string): void => {
    if (line === lastLine) return;
    lastLine = line;
    print(line);
  };

  const statusListeners = new Set<(status: SyncStatus) => void>();
  const eventListeners = new Set<(events: readonly SyncEvent[], phase: SyncPhase) => void>();
  const workspaceListeners = new Set<(hello: HelloOutput) => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  let status: SyncStatus = 'connecting';
  let stopped = false;
  let cursor = 0;
  // Bumped on every connect and disconnect: work started for an earlier connection stops at its next step.
  let generation = 0;
  let helloGeneration = -1;
  let flushing = false;
  let flushAgain = false;

  // Every replica write from sync goes through this one chain, so batches land strictly in order and a push
  // that arrives during a catch-up simply waits for it (and is then skipped or triggers a pull).
  let chain: Promise<void> = Promise.resolve();
  const enqueue = (job: () => Promise<void>): void => {
    chain = chain
      .then(() => (stopped ? undefined : job()))
      // Once stopped, the database may already be closed: what fails then is of no interest.
      .catch((error: unknown) => {
        if (!stopped) log(`sync step failed: ${describe(error)}`);
      });
  };

  const setStatus = (next: SyncStatus): void => {
    if (stopped || status === next || status === 'unauthorized') return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) fn();
    }, ms);
    timers.add(timer);
  };

  const socket: Socket = (options.io ?? connect)(session.gatewayUrl, {
    path: SOCKET_PATH,
    auth: { token: session.token },
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
  });

  enqueue(async () => {
    cursor = await readCursor(db);
  });

  const onConnect = (): void => {
    const gen = ++generation;
    enqueue(() => startSession(gen));
  };
  socket.on('connect', onConnect);
  // A socket handed over already connected (the first run's workspace probe) will not say 'connect' again.
  if (socket.connected) onConnect();
  socket.on('disconnect', (reason) => {
    generation++;
    helloGeneration = -1;
    // Nothing queued for this connection should go out on the next one: the outbox resends what matters.
    socket.sendBuffer = [];
    setStatus('offline');
    // A server-side disconnect is not retried by socket.io itself; the handshake will say if the token is gone.
    if (reason === 'io server disconnect') later(retryDelayMs, () => socket.connect());
  });
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      setStatus('unauthorized');
      socket.disconnect();
      return;
    }
    setStatus('offline');
  });
  socket.on('sync:events', (payload: unknown) => {
    const parsed = PushSchema.safeParse(payload);
    if (!parsed.success) {
      log(`ignored a malformed sync:events push: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const gen = generation;
    enqueue(() => applyPush(gen, parsed.data.events));
  });

  const current = (gen: number): boolean => !stopped && gen === generation;

  async function startSession(gen: number): Promise<void> {
    if (!current(gen)) return;
    setStatus('syncing');
    const reply = await request(socket, 'session:hello', [], ackTimeoutMs);
    if (!current(gen)) return;
    const hello =
      reply.kind === 'answer' ? parseValue(reply.result, HelloOutputSchema, 'session:hello') : fail(reply.error);
    if (!hello.ok) {
      log(`session:hello failed: ${hello.error}`);
      return retrySession(gen);
    }
    const expected = options.workspaceId ?? (await readWorkspace(db));
    if (expected !== null && expected !== hello.value.workspaceId) {
      // Another store (another gateway, or this one wiped): this replica and its cursor mean nothing there.
      for (const listener of workspaceListeners) listener(hello.value);
      engine.stop();
      return;
    }
    await writeHello(db, hello.value);
    helloGeneration = gen;
    void flushOutbox();
    if (await catchUp(gen, 'catch-up')) {
      lastLine = '';
      setStatus('online');
    } else if (current(gen)) retrySession(gen);
  }

  function retrySession(gen: number): void {
    later(retryDelayMs, () => {
      if (current(gen) && socket.connected) enqueue(() => startSession(gen));
    });
  }

  /** Pulls pages from the cursor until it reaches the head; the next page is requested while one is written. */
  async function catchUp(gen: number, phase: SyncPhase): Promise<boolean> {
    const pull = async (after: number) => {
      const reply = await request(socket, 'sync:pull', [{ after, limit: pageSize }], pullTimeoutMs);
      return reply.kind === 'answer' ? parsePullOutput(reply.result) : fail(reply.error);
    };
    let after = cursor;
    let next = pull(after);
    for (;;) {
      const page = await next;
      if (!current(gen)) return false;
      if (!page.ok) return complain(`sync:pull failed: ${page.error}`);
      const { events, head } = page.value;
      const last = events.reduce((max, e) => Math.max(max, e.seq), after);
      // A page that does not move forward would be asked for again forever: stop and retry later instead.
      const more = last > after && last < head;
      if (more) next = pull(last);
      after = last;
      try {
        await applyBatch(events, phase);
      } catch (error) {
        return complain(`could not write a page of events: ${describe(error)}`);
      }
      if (!more) return cursor >= head || complain(`the gateway's head ${head} is past its last event ${last}`);
    }
  }

  async function applyPush(gen: number, events: readonly SyncEvent[]): Promise<void> {
    // Before the catch-up is done (or after it failed) the pending pull covers these events anyway.
    if (!current(gen) || status !== 'online') return;
    const fresh = events.filter((e) => e.seq > cursor);
    if (fresh.length === 0) return;
    const contiguous = fresh.every((e, i) => e.seq === cursor + 1 + i);
    if (contiguous) return applyBatch(fresh, 'live');
    // A gap: something was missed (a dropped push, a race with a reconnect). Pull rather than apply out of order.
    if (!(await catchUp(gen, 'live')) && current(gen)) {
      setStatus('syncing');
      retrySession(gen);
    }
  }

  async function applyBatch(events: readonly SyncEvent[], phase: SyncPhase): Promise<void> {
    const before = cursor;
    cursor = await applyEvents(db, events, cursor);
    if (cursor === before || eventListeners.size === 0) return;
    const applied = events.filter((e) => e.seq > before && e.seq <= cursor);
    for (const listener of eventListeners) {
      try {
        listener(applied, phase);
      } catch (error) {
        log(`an events listener failed: ${describe(error)}`);
      }
    }
  }

  const canSend = (): boolean => !stopped && socket.connected && helloGeneration === generation;

  async function flushOutbox(): Promise<void> {
    if (flushing) {
      flushAgain = true;
      return;
    }
    flushing = true;
    try {
      do {
        flushAgain = false;
        if (!canSend()) return;
        const entries = await db.outbox.orderBy('createdAt').toArray();
        for (const entry of entries) {
          if (!canSend()) return;
          const { clientId } = entry;
          // Quote and template travel with the entry: a reply queued offline leaves exactly as it was written.
          const reply = await request(socket, 'message:send', [sendInputOf(entry)], ackTimeoutMs);
          if (reply.kind === 'transport') {
            // The gateway may have stored it; resending the same client id later cannot duplicate it.
            await noteAttemptFailed(db, clientId, reply.error);
            if (canSend()) later(retryDelayMs, () => void flushOutbox());
            return;
          }
          if (reply.result.ok) await settleAccepted(db, clientId, sentMessageOf(reply.result.value));
          else await settleRefused(db, clientId, reply.result.error);
        }
      } while (flushAgain);
    } catch (error) {
      // The entry stays queued; the next connection or reply tries again.
      if (!stopped) log(`could not send queued replies: ${describe(error)}`);
    } finally {
      flushing = false;
    }
  }

  function complain(line: string): false {
    log(line);
    return false;
  }

  const subscribe =
    <T>(set: Set<T>) =>
    (listener: T): (() => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };

  const engine: SyncEngine = {
    get status() {
      return status;
    },
    onStatus: subscribe(statusListeners),
    onEvents: subscribe(eventListeners),
    onWorkspaceChange: subscribe(workspaceListeners),
    async send(threadId, text, extras) {
      await queueReply(db, { threadId, text, now: now(), ...extras });
      void flushOutbox();
    },
    async command(name, input) {
      const reply = await request(socket, name, [input], ackTimeoutMs);
      return reply.kind === 'answer' ? reply.result : fail(reply.error);
    },
    flushOutbox,
    stop() {
      if (stopped) return;
      stopped = true;
      generation++;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
  return engine;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });
const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
