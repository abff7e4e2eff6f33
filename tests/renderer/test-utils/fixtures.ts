import type { Contact, Message, Thread } from '../../../src/core';

/** A fixed "now" for tests: Wednesday 12 March 2025, 15:00 local time. */
export const NOW = new Date(2025, 2, 12, 15, 0, 0).getTime();
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function contact(overrides: Partial<Contact> = {}): Contact {
  return {
    id: 'c1',
    name: 'Amélie Laurent',
    channel: 'whatsapp',
    handle: '+33612345678',
    email: 'amelie@example.fr',
    phone: '+33612345678',
    locale: 'fr',
    createdAt: NOW - 400 * DAY,
    ...overrides,
  };
}

export function thread(overrides: Partial<Thread> = {}): Thread {
  return {
    id: 't1',
    contactId: 'c1',
    channel: 'whatsapp',
    status: 'open',
    assigneeId: null,
    createdAt: NOW - 2 * DAY,
    lastMessageAt: NOW - 5 * MINUTE,
    lastMessagePreview: 'Bonjour, où en est ma commande ?',
    lastMessageDirection: 'in',
    unreadCount: 0,
    lastInboundAt: NOW - 5 * MINUTE,
    ...overrides,
  };
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    threadId: 't1',
    direction: 'in',
    author: { kind: 'customer', contactId: 'c1' },
    text: 'Hello',
    ts: NOW - 5 * MINUTE,
    status: 'delivered',
    error: null,
    provider: 'sandbox',
    providerMessageId: 'p1',
    clientId: null,
    ...overrides,
  };
}

/** `n` conversations, newest first, with distinct customers. */
export function conversations(n: number): Array<{ thread: Thread; contact: Contact }> {
  return Array.from({ length: n }, (_, i) => ({
    thread: thread({
      id: `t${i}`,
      contactId: `c${i}`,
      lastMessageAt: NOW - i * MINUTE,
      lastMessagePreview: `Preview ${i}`,
    }),
    contact: contact({ id: `c${i}`, name: `Customer ${i}` }),
  }));
}
