import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  fail,
  ok,
  SOCKET_PATH,
  type Agent,
  type HelloOutput,
  type Result,
  type ServerToClientEvents,
  type SyncEvent,
} from '../../core';
import type { Authenticate } from '../auth';
import type { Inbox } from '../inbox/inbox';
import { reason, type Log } from '../log';
import { readBusiness } from '../replies/context';
import { headSeq } from '../store/events';
import type { OrdersService } from '../orders/service';
import type { Sorting } from '../sorting/service';
import { socketCommands, type ChannelQueries } from './commands';
import type { OriginCheck } from './origins';

export interface RealtimeOptions {
  httpServer: HttpServer;
  inbox: Inbox;
  channels: ChannelQueries;
  sorting: Sorting;
  /** The shop the orders commands ask; the demo shop when absent. */
  orders?: OrdersService;
  authenticate: Authenticate;
  /** Whether a request's browser origin may open a socket (see `originPolicy`). */
  isAllowedOrigin: OriginCheck;
  log: Log;
}

export interface Realtime {
  /** Disconnects every socket and closes the HTTP server it is attached to. */
  close(): Promise<void>;
}

interface SocketData {
  agent: Agent;
}

/** A 100k-character message escaped as JSON can exceed socket.io's default 1 MB packet limit. */
const MAX_PACKET_BYTES = 4_000_000;
/** Large commits (the demo shop) are pushed in slices so no single packet grows without bound. */
const PUSH_SLICE = 1000;

type AnyListener = (...args: unknown[]) => void;
type GatewaySocket = Socket<Record<string, AnyListener>, ServerToClientEvents, Record<string, never>, SocketData>;

/** The socket.io side of the gateway: handshake auth, the command handlers, and live pushes of new events. */
export function attachRealtime(options: RealtimeOptions): Realtime {
  const { inbox, log } = options;
  const io = new Server<Record<string, AnyListener>, ServerToClientEvents, Record<string, never>, SocketData>(
    options.httpServer,
    {
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_PACKET_BYTES,
      cors: (req, callback) => callback(null, { origin: options.isAllowedOrigin(req), methods: ['GET', 'POST'] }),
      // CORS only guards what a page may read; this refuses the connection itself from a foreign page.
      allowRequest: (req, callback) => callback(null, options.isAllowedOrigin(req)),
    },
  );

  io.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
    options
      .authenticate(token)
      .then((agent) => {
        if (!agent) {
          log(`rejected socket from ${socket.handshake.address}: unauthorized`);
          return next(new Error('unauthorized'));
        }
        socket.data.agent = agent;
        next();
      })
      .catch((error: unknown) => {
        log(`socket auth failed: ${reason(error)}`);
        next(new Error('unauthorized'));
      });
  });

  const commands = socketCommands(inbox, options.channels, options.sorting, options.orders);
  io.on('connection', (socket: GatewaySocket) => {
    const agent = socket.data.agent;
    on(socket, 'session:hello', log, async () => {
      const hello: HelloOutput = {
        agent,
        head: await headSeq(inbox.store.sql),
        workspaceId: inbox.store.workspaceId,
        business: await readBusiness(inbox.store.sql),
      };
      return ok(hello);
    });
    const known = new Set(['session:hello', ...Object.keys(commands)]);
    for (const [name, command] of Object.entries(commands)) {
      on(socket, name, log, (input) => command(agent, input), true);
    }
    // An event the protocol does not have still gets an answer, so a client never waits out a timeout on a typo.
    socket.onAny((name: unknown, ...args: unknown[]) => {
      if (typeof name === 'string' && known.has(name)) return;
      const ack = args.at(-1);
      const event = typeof name === 'string' ? name.slice(0, 64) : typeof name;
      log(`rejected ${event} from ${agent.id}: unknown event`);
      if (typeof ack === 'function') (ack as (res: Result<unknown>) => void)(fail(`unknown event ${event}`));
    });
  });

  const unsubscribe = inbox.store.subscribe((events: SyncEvent[]) => {
    for (let i = 0; i < events.length; i += PUSH_SLICE) {
      io.emit('sync:events', { events: events.slice(i, i + PUSH_SLICE) });
    }
  });

  return {
    close() {
      unsubscribe();
      return io.close();
    },
  };
}

/**
 * Registers one command. The last argument must be the acknowledgement; whatever the client sends (no ack, a
 * non-function ack, garbage input), the handler answers or logs and never throws into socket.io.
 */
function on(
  socket: GatewaySocket,
  name: string,
  log: Log,
  run: (input: unknown) => Promise<Result<unknown>>,
  takesInput = false,
): void {
  socket.on(name, (...args: unknown[]) => {
    const ack = args.at(-1);
    const who = `${name} from ${socket.data.agent.id}`;
    if (typeof ack !== 'function') {
      log(`rejected ${who}: no acknowledgement callback`);
      return;
    }
    const input = takesInput && args.length >= 2 ? args[0] : undefined;
    run(input)
      .catch((error: unknown): Result<unknown> => {
        log(`${who} failed: ${reason(error)}`);
        return fail('internal error');
      })
      .then((result) => {
        if (!result.ok && result.error !== 'internal error') log(`rejected ${who}: ${result.error}`);
        (ack as (res: Result<unknown>) => void)(result);
      })
      .catch((error: unknown) => log(`${who}: acknowledgement failed: ${reason(error)}`));
  });
}
