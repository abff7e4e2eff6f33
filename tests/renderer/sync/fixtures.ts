import type {
  ActivityCause,
  ActivityChange,
  Contact,
  Label,
  Message,
  QuickReply,
  SyncEvent,
  Thread,
} from '../../../src/core';
import { ComptoirDb } from '../../../src/renderer/db/schema';

/** Small builders for the model, so each test states only what it is about. */
export function contact(id: string, over: Partial<Contact> = {}): Contact {
  return {
    id,
    name: `Customer ${id}`,
    channel: 'whatsapp',
    handle: `+3361234${id.replace(/\D/g, '').padStart(4, '0')}`,
    email: null,
    phone: null,
    locale: 'fr',
    createdAt: 1_000,
    ...over,
  };
}

export function thread(id: string, over: Partial<Thread> = {}): Thread {
  return {
    id,
    contactId: `c-${id}`,
    channel: 'whatsapp',
    status: 'open',
    assigneeId: null,
    createdAt: 1_000,
    lastMessageAt: 1_000,
    lastMessagePreview: '',
    lastMessageDirection: 'in',
    unreadCount: 0,
    lastInboundAt: null,
    ...over,
  };
}

export function inbound(id: string, threadId: string, over: Partial<Message> = {}): Message {
  return {
    id,
    threadId,
    direction: 'in',
    author: { kind: 'customer', contactId: `c-${threadId}` },
    text: `hello ${id}`,
    ts: 2_000,
    status: 'delivered',
    error: null,
    provider: 'sandbox',
    providerMessageId: `p-${id}`,
    clientId: null,
    ...over,
  };
}

type Body =
  | { type: 'contact.upserted'; contact: Contact }
  | { type: 'thread.upserted'; thread: Thread }
  | { type: 'message.added'; message: Message }
  | { type: 'message.updated'; message: Message }
  | { type: 'label.upserted'; label: Label }
  | { type: 'quickreply.upserted'; reply: QuickReply }
  | { type: 'thread.activity'; threadId: string; change: ActivityChange; cause: ActivityCause };

export function label(id: string, over: Partial<Label> = {}): Label {
  return { id, name: id, color: 'blue', description: '', createdAt: 1_000, updatedAt: 1_000, ...over };
}

/** Numbers bodies into events from `first`. */
export function events(first: number, ...bodies: Body[]): SyncEvent[] {
  return bodies.map((body, i) => ({ ...body, seq: first + i, at: 10_000 + first + i, actor: 'system' }) as SyncEvent);
}

/** A database of its own for each test; `db.delete()` it at the end. */
export function freshDb(): ComptoirDb {
  return new ComptoirDb(`test-${crypto.randomUUID()}`);
}
