import Dexie, { type EntityTable } from 'dexie';
import type { Contact, Message, Thread } from '../../core';

/** A reply written while offline or not yet acknowledged by the gateway. */
export interface OutboxEntry {
  clientId: string;
  threadId: string;
  text: string;
  createdAt: number;
  attempts: number;
  lastError: string | null;
}

/** Small key/value facts about this replica: the sync cursor, the signed-in agent. */
export interface MetaRow {
  key: 'cursor' | 'agent' | 'gateway';
  value: unknown;
}

/**
 * The local replica: the only thing the UI renders from. One schema file; every version that needs an upgrade
 * keeps its `.upgrade()` and a migration test.
 */
export class ComptoirDb extends Dexie {
  threads!: EntityTable<Thread, 'id'>;
  messages!: EntityTable<Message, 'id'>;
  contacts!: EntityTable<Contact, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'clientId'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      threads: 'id, lastMessageAt, [status+lastMessageAt], assigneeId, contactId',
      messages: 'id, threadId, [threadId+ts], clientId',
      contacts: 'id',
      outbox: 'clientId, createdAt',
      meta: 'key',
    });
  }
}

/** One database per gateway, so switching from the demo to a team gateway never mixes two inboxes. */
export function dbNameFor(gatewayId: string): string {
  return `comptoir-${gatewayId}`;
}
