import { io as connect, type Socket } from 'socket.io-client';
import { SOCKET_PATH, type HelloOutput, type Result, type Session } from '../../core';
import { ComptoirDb, dbNameFor } from '../db/schema';
import type { Platform } from '../platform/platform';
import { createSyncEngine, type SyncEngineOptions } from '../sync/engine';
import { HelloOutputSchema, parseValue, request, type Connect } from '../sync/wire';
import type { ComptoirServices } from './context';
import { createLibraryClient } from './library';
import { createMediaLoader } from './media';
import { startNotifications } from './notifications';

export type BootState =
  | { state: 'loading' }
  /** No token, or the gateway refused it (`error: 'unauthorized'`). */
  | { state: 'signin'; error: string | null }
  | { state: 'ready'; services: ComptoirServices };

/** Test and benchmark knobs passed through to the sync engine. */
export type BootOptions = Partial<Omit<SyncEngineOptions, 'db' | 'session' | 'workspaceId'>>;

const WORKSPACE_KEY_PREFIX = 'comptoir:workspace:';

/**
 * Starts the app's data layer and reports each state. With a known workspace for this gateway it opens that
 * replica at once (the inbox shows from IndexedDB, offline too) and syncs in the background; on the very first
 * run it asks the gateway which workspace it serves first. Returns the function that stops everything.
 */
export function startBoot(platform: Platform, onState: (state: BootState) => void, options: BootOptions = {}) {
  let stopped = false;
  let running: { services: ComptoirServices; stopNotifications: () => void } | null = null;
  let cancelProbe: (() => void) | null = null;

  const emit = (state: BootState) => {
    if (!stopped) onState(state);
  };
  const teardown = () => {
    if (!running) return;
    running.stopNotifications();
    running.services.sync.stop();
    running.services.db.close();
    running = null;
  };

  const open = (session: Session, workspaceId: string, connected: Socket | null = null) => {
    teardown();
    rememberWorkspace(workspaceKey(platform, session), workspaceId);
    const db = new ComptoirDb(dbNameFor(workspaceId));
    // The probe's connection, when there is one, becomes the engine's: a second handshake would cost the first
    // launch about a quarter of a second.
    const io = connected ? () => connected : options.io;
    const sync = createSyncEngine({ ...options, ...(io ? { io } : {}), db, session, workspaceId });
    sync.onStatus((status) => {
      if (status !== 'unauthorized') return;
      teardown();
      emit({ state: 'signin', error: 'unauthorized' });
    });
    // The gateway now serves another store (another server, or this one rebuilt): mirror that one instead.
    sync.onWorkspaceChange((hello) => {
      if (!stopped) open(session, hello.workspaceId);
    });
    const services: ComptoirServices = {
      db,
      sync,
      platform,
      media: createMediaLoader(session),
      library: createLibraryClient(session),
    };
    running = { services, stopNotifications: startNotifications({ db, sync, platform }) };
    emit({ state: 'ready', services });
  };

  const boot = async () => {
    emit({ state: 'loading' });
    const session = await platform.getSession();
    if (stopped) return;
    if (!session) return emit({ state: 'signin', error: null });
    const key = workspaceKey(platform, session);
    const known = knownWorkspace(key);
    if (known) return open(session, known);
    const probe = probeHello(session, options.io ?? connect, options.ackTimeoutMs ?? 10_000);
    cancelProbe = probe.cancel;
    const hello = await probe.hello;
    cancelProbe = null;
    if (stopped) {
      probe.handOver()?.disconnect();
      return;
    }
    if (hello.ok) open(session, hello.value.workspaceId, probe.handOver());
    else emit({ state: 'signin', error: hello.error });
  };
  boot().catch((error: unknown) => {
    emit({ state: 'signin', error: error instanceof Error ? error.message : String(error) });
  });

  return () => {
    stopped = true;
    cancelProbe?.();
    teardown();
  };
}

/**
 * The first run's question, "which workspace?", on a short-lived connection: it waits through connection
 * failures (socket.io retries) and ends on an answer or a refused token.
 */
function probeHello(session: Session, io: Connect, timeoutMs: number) {
  let socket: Socket | null = io(session.gatewayUrl, {
    path: SOCKET_PATH,
    auth: { token: session.token },
    transports: ['websocket'],
    reconnectionDelayMax: 10_000,
  });
  const close = () => {
    socket?.removeAllListeners();
    socket?.disconnect();
    socket = null;
  };
  let answered: Socket | null = null;
  const hello = new Promise<Result<HelloOutput>>((resolve) => {
    const finish = (result: Result<HelloOutput>) => {
      if (result.ok && socket?.connected) {
        // Kept open for the sync engine (see handOver); it listens afresh.
        answered = socket;
        socket.removeAllListeners();
        socket = null;
      } else {
        close();
      }
      resolve(result);
    };
    socket?.on('connect_error', (error) => {
      if (error.message === 'unauthorized') finish({ ok: false, error: 'unauthorized' });
    });
    socket?.on('connect', () => {
      if (!socket) return;
      void request(socket, 'session:hello', [], timeoutMs).then((reply) => {
        // A lost answer is retried on the next connection, like any other.
        if (reply.kind === 'answer') finish(parseValue(reply.result, HelloOutputSchema, 'session:hello'));
        else socket?.disconnect().connect();
      });
    });
  });
  /** The connected socket that answered, once; null if it is gone. */
  const handOver = (): Socket | null => {
    const taken = answered?.connected ? answered : null;
    answered = null;
    return taken;
  };
  return { hello, cancel: close, handOver };
}

/**
 * Which gateway the remembered workspace belongs to. The desktop's embedded gateway listens on a port that can
 * change at every launch (docs/decisions.md, 5), so on the desktop any loopback address counts as the same one.
 */
export function workspaceKey(platform: Platform, session: Session): string {
  const url = new URL(session.gatewayUrl);
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return WORKSPACE_KEY_PREFIX + (platform.kind === 'electron' && loopback ? 'embedded' : url.origin);
}

function knownWorkspace(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function rememberWorkspace(key: string, workspaceId: string): void {
  try {
    window.localStorage.setItem(key, workspaceId);
  } catch {
    // storage disabled: every start is a first run, which still works
  }
}
