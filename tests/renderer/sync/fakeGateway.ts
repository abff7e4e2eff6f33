import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import type { Connect } from '../../../src/renderer/sync/wire';
import {
  AssignInputSchema,
  outboundMessageId,
  previewOf,
  PullInputSchema,
  SendInputSchema,
  type SendInput,
  ThreadRefSchema,
  type Agent,
  type Contact,
  type Message,
  type NewSyncEvent,
  type Result,
  type SyncEvent,
  type Thread,
} from '../../../src/core';

type Ack = (res: Result<unknown>) => void;

/**
 * Just enough of the gateway's socket protocol (src/core/sync/protocol.ts) over a real socket.io server on a
 * free port, with an in-memory log, so the renderer's engine is tested against real sockets. The knobs make
 * the network misbehave on purpose: swallowed acknowledgements, dropped pushes, a gateway that goes away.
 */
export class FakeGateway {
  readonly token = 'test-token-0123456789';
  readonly workspaceId = `ws-${Math.random().toString(36).slice(2, 10)}`;
  readonly agent: Agent = { id: 'agent-1', name: 'Camille', role: 'agent' };
  readonly log: SyncEvent[] = [];
  readonly contacts = new Map<string, Contact>();
  readonly threads = new Map<string, Thread>();
  readonly stored = new Map<string, Message>();
  /** Every `message:send` input received, resends included. */
  readonly sendCalls: SendInput[] = [];
  readonly pulls: Array<{ after: number; limit: number }> = [];
  handshakes = 0;

  /** Store the next N replies but never acknowledge them (the ack is lost on the way back). */
  swallowSendAcks = 0;
  /** Append the next N events without pushing them (a dropped push). */
  skipPushes = 0;
  /** Delay before answering each pull, to let pushes arrive during a catch-up. */
  pullDelayMs = 0;

  private io: Server | null = null;
  private port = 0;
  private now = 1_700_000_000_000;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get head(): number {
    return this.log.length;
  }

  async start(): Promise<this> {
    const http = createServer();
    const io = new Server(http, { serveClient: false });
    io.use((socket, next) => {
      this.handshakes++;
      next(socket.handshake.auth.token === this.token ? undefined : new Error('unauthorized'));
    });
    io.on('connection', (socket) => this.serve(socket));
    await new Promise<void>((resolve) => http.listen(this.port, '127.0.0.1', resolve));
    this.port = (http.address() as AddressInfo).port;
    this.io = io;
    return this;
  }

  /** The gateway goes away: every connection drops and new ones are refused at the TCP level. */
  async stop(): Promise<void> {
    const io = this.io;
    this.io = null;
    if (io) await new Promise<void>((resolve) => io.close(() => resolve()));
  }

  /** Drops every transport without refusing anything: clients reconnect by themselves. */
  dropConnections(): void {
    for (const socket of this.io?.sockets.sockets.values() ?? []) socket.conn.close();
  }

  /** Appends events with the next sequence numbers and pushes them, as the real gateway does after a write. */
  append(...bodies: NewSyncEvent[]): SyncEvent[] {
    const added = bodies.map((body, i) => ({ ...body, seq: this.log.length + 1 + i }) as SyncEvent);
    for (const event of added) {
      this.log.push(event);
      if (event.type === 'contact.upserted') this.contacts.set(event.contact.id, event.contact);
      if (event.type === 'thread.upserted') this.threads.set(event.thread.id, event.thread);
    }
    if (this.skipPushes > 0) this.skipPushes--;
    else this.io?.emit('sync:events', { events: added });
    return added;
  }

  /** A customer writes: their contact and thread exist (created on first message), then the message. */
  customerWrites(threadId: string, text: string, name = `Customer ${threadId}`): Message {
    const at = ++this.now;
    const contactId = `c-${threadId}`;
    const bodies: NewSyncEvent[] = [];
    if (!this.contacts.has(contactId)) {
      const contact: Contact = {
        ...{ id: contactId, name, channel: 'whatsapp', handle: `+33600${this.contacts.size}` },
        ...{ email: null, phone: null, locale: 'fr', createdAt: at },
      };
      bodies.push({ type: 'contact.upserted', at, actor: 'system', contact });
    }
    const message: Message = {
      ...{ id: `in-${at}`, threadId, direction: 'in', author: { kind: 'customer', contactId }, text, ts: at },
      ...{ status: 'delivered', error: null, provider: 'sandbox', providerMessageId: `p-${at}`, clientId: null },
    };
    const before = this.threads.get(threadId);
    const thread: Thread = {
      ...{ id: threadId, contactId, channel: 'whatsapp', status: 'open', assigneeId: before?.assigneeId ?? null },
      ...{ createdAt: before?.createdAt ?? at, lastMessageAt: at, lastMessagePreview: previewOf(text) },
      ...{ lastMessageDirection: 'in', unreadCount: (before?.unreadCount ?? 0) + 1, lastInboundAt: at },
    };
    bodies.push(
      { type: 'message.added', at, actor: `customer:${contactId}`, message },
      { type: 'thread.upserted', at, actor: `customer:${contactId}`, thread },
    );
    this.append(...bodies);
    return message;
  }

  private serve(socket: Socket): void {
    socket.on('session:hello', (ack: Ack) =>
      ack({ ok: true, value: { agent: this.agent, head: this.head, workspaceId: this.workspaceId } }),
    );
    socket.on('sync:pull', (input: unknown, ack: Ack) => {
      const parsed = PullInputSchema.safeParse(input);
      if (!parsed.success) return ack({ ok: false, error: 'bad pull' });
      this.pulls.push(parsed.data);
      const { after, limit } = parsed.data;
      // The page is cut when asked, answered later: events appended meanwhile arrive as pushes only.
      const events = this.log.slice(after, after + limit);
      // As the gateway answers: the page's JSON as one binary attachment.
      const answer = { page: Buffer.from(JSON.stringify(events)), count: events.length, head: this.head };
      setTimeout(() => ack({ ok: true, value: answer }), this.pullDelayMs);
    });
    socket.on('message:send', (input: unknown, ack: Ack) => {
      const parsed = SendInputSchema.safeParse(input);
      if (!parsed.success) return ack({ ok: false, error: parsed.error.issues[0]?.message ?? 'invalid' });
      this.sendCalls.push(parsed.data);
      const thread = this.threads.get(parsed.data.threadId);
      if (!thread) return ack({ ok: false, error: 'thread not found' });
      const message = this.stored.get(parsed.data.clientId) ?? this.storeReply(thread, parsed.data);
      if (this.swallowSendAcks > 0) {
        this.swallowSendAcks--;
        return;
      }
      ack({ ok: true, value: { message } });
    });
    const change = (name: string, schema: typeof ThreadRefSchema, edit: (t: Thread) => Thread) =>
      socket.on(name, (input: unknown, ack: Ack) => {
        const parsed = schema.safeParse(input);
        const thread = parsed.success ? this.threads.get(parsed.data.threadId) : undefined;
        if (!thread) return ack({ ok: false, error: 'thread not found' });
        const next = edit(thread);
        this.append({ type: 'thread.upserted', at: ++this.now, actor: `agent:${this.agent.id}`, thread: next });
        ack({ ok: true, value: { thread: next } });
      });
    change('thread:resolve', ThreadRefSchema, (t) => ({ ...t, status: 'resolved' }));
    change('thread:reopen', ThreadRefSchema, (t) => ({ ...t, status: 'open' }));
    change('thread:read', ThreadRefSchema, (t) => ({ ...t, unreadCount: 0 }));
    socket.on('thread:assign', (input: unknown, ack: Ack) => {
      const parsed = AssignInputSchema.safeParse(input);
      const thread = parsed.success ? this.threads.get(parsed.data.threadId) : undefined;
      if (!parsed.success || !thread) return ack({ ok: false, error: 'thread not found' });
      const next = { ...thread, assigneeId: parsed.data.assigneeId };
      this.append({ type: 'thread.upserted', at: ++this.now, actor: `agent:${this.agent.id}`, thread: next });
      ack({ ok: true, value: { thread: next } });
    });
  }

  private storeReply(thread: Thread, input: { clientId: string; text: string }): Message {
    const at = ++this.now;
    const message: Message = {
      ...{ id: outboundMessageId(input.clientId), threadId: thread.id, direction: 'out', text: input.text, ts: at },
      ...{ author: { kind: 'agent', agentId: this.agent.id }, status: 'sent', error: null, provider: 'sandbox' },
      ...{ providerMessageId: `p-${at}`, clientId: input.clientId },
    };
    this.stored.set(input.clientId, message);
    const next: Thread = {
      ...thread,
      lastMessageAt: at,
      lastMessagePreview: previewOf(input.text),
      lastMessageDirection: 'out',
      unreadCount: 0,
    };
    this.append(
      { type: 'message.added', at, actor: `agent:${this.agent.id}`, message },
      { type: 'thread.upserted', at, actor: `agent:${this.agent.id}`, thread: next },
    );
    return message;
  }
}

/** The real socket.io client with short reconnection delays, so reconnect tests take milliseconds. */
export const quickIo: Connect = (url, options) =>
  connect(url, { ...options, reconnectionDelay: 20, reconnectionDelayMax: 100 });

/** Polls until `check` passes (or throws its last failure), for effects that cross a real socket. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
}
