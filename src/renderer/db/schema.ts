import Dexie, { type EntityTable } from 'dexie';
import type { ActivityRow, Contact, Label, Message, QuickReply, Thread, TemplateSend } from '../../core';

/** A reply written while offline or not yet acknowledged by the gateway. */
export interface OutboxEntry {
  clientId: string;
  threadId: string;
  text: string;
  /** Our id of the message this reply quotes; kept so a reply queued offline leaves quoted. */
  quoteId?: string;
  /** Outside WhatsApp's 24-hour window: the approved template this reply is sent as. */
  template?: TemplateSend;
  /** The quick reply this text was made from: the gateway counts its use and applies its labels and status. */
  quickReplyId?: string;
  /** Template-library file ids, sent after the text as their own messages. */
  attachments?: string[];
  /** Strictly increasing within one replica, so replies leave in the order they were written. */
  createdAt: number;
  attempts: number;
  lastError: string | null;
}

/** Small key/value facts about this replica: the sync cursor, the signed-in agent, the workspace it mirrors. */
export interface MetaRow {
  key: 'cursor' | 'agent' | 'gateway' | 'workspace' | 'business';
  value: unknown;
}

/**
 * Each version's stores, kept so a migration test can open an old version, seed it and reopen at the latest.
 * Indexes only: IndexedDB builds a new index over existing rows by itself, so no version needs `.upgrade()` yet.
 */
export const SCHEMA_VERSIONS = [
  {
    version: 1,
    stores: {
      threads: 'id, lastMessageAt, [status+lastMessageAt], assigneeId, contactId',
      messages: 'id, threadId, [threadId+ts], clientId',
      contacts: 'id',
      outbox: 'clientId, createdAt',
      meta: 'key',
    },
  },
  {
    // Counting views without reading threads: "mine" and "assigned" by [status+assigneeId] (a null assignee is
    // not a valid key, so unassigned = open - assigned), and the unread badge by [status+unreadCount].
    // The single-field indexes go: nothing reads by them, and every index is one more write per thread put,
    // which a catch-up pays for every thread event it applies.
    // Messages likewise: a thread's messages are read through [threadId+ts] (which also answers a plain threadId
    // lookup), and nothing looks a message up by clientId (its id is derived from it).
    version: 2,
    stores: {
      threads: 'id, [status+lastMessageAt], [status+assigneeId], [status+unreadCount]',
      messages: 'id, [threadId+ts]',
    },
  },
  {
    // Labels (a few dozen, read whole) and each conversation's history, read per thread in log order.
    // Threads gain a multi-entry index on their labels, so a label's view reads only its conversations. Priority
    // needs no index: the open views already read every open thread and put the urgent ones first in that pass.
    version: 3,
    stores: {
      threads: 'id, [status+lastMessageAt], [status+assigneeId], [status+unreadCount], *labels',
      labels: 'id',
      activity: 'seq, [threadId+seq]',
    },
  },
  {
    // Quick replies: a few hundred at most, read whole by the picker and the settings.
    version: 4,
    stores: {
      replies: 'id',
    },
  },
] as const;

/**
 * The local replica: the only thing the UI renders from. One schema file; every version that needs an upgrade
 * keeps its `.upgrade()` and a migration test.
 */
export class ComptoirDb extends Dexie {
  threads!: EntityTable<Thread, 'id'>;
  messages!: EntityTable<Message, 'id'>;
  contacts!: EntityTable<Contact, 'id'>;
  labels!: EntityTable<Label, 'id'>;
  activity!: EntityTable<ActivityRow, 'seq'>;
  replies!: EntityTable<QuickReply, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'clientId'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string) {
    super(name);
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
  }
}

/** One database per gateway store (its workspace), so switching gateways never mixes two inboxes. */
export function dbNameFor(workspaceId: string): string {
  return `comptoir-${workspaceId}`;
}
