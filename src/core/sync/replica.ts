import type { Contact } from '../model/contact';
import type { ActivityCause, ActivityChange, Label } from '../model/label';
import type { Message } from '../model/message';
import type { Thread } from '../model/thread';
import type { QuickReply } from '../templates/model';
import type { SyncEvent } from './events';

/** One entry of a conversation's history, as a replica keeps it (the `thread.activity` event, by seq). */
export interface ActivityRow {
  seq: number;
  threadId: string;
  at: number;
  actor: string;
  change: ActivityChange;
  cause: ActivityCause;
}

/** What a batch of events does to a local replica: the latest version of each entity it touches. */
export interface ReplicaBatch {
  contacts: Contact[];
  threads: Thread[];
  messages: Message[];
  labels: Label[];
  activity: ActivityRow[];
  replies: QuickReply[];
  /** The highest sequence number in the batch: the cursor to store in the same transaction. */
  lastSeq: number;
}

/**
 * Folds events into one write per entity. Events carry whole entities, so the last one for an id wins; the
 * result can be written with one bulkPut per table and is the same whatever happened to be in the replica before.
 */
export function reduceBatch(events: readonly SyncEvent[], cursor: number): ReplicaBatch {
  const contacts = new Map<string, Contact>();
  const threads = new Map<string, Thread>();
  const messages = new Map<string, Message>();
  const labels = new Map<string, Label>();
  const activity: ActivityRow[] = [];
  const replies = new Map<string, QuickReply>();
  let lastSeq = cursor;
  for (const event of events) {
    // Already applied (a replay overlapping a live push): skip, so an older snapshot never wins.
    if (event.seq <= cursor) continue;
    if (event.seq > lastSeq) lastSeq = event.seq;
    switch (event.type) {
      case 'contact.upserted':
        contacts.set(event.contact.id, event.contact);
        break;
      case 'thread.upserted':
        threads.set(event.thread.id, event.thread);
        break;
      case 'message.added':
      case 'message.updated':
        messages.set(event.message.id, event.message);
        break;
      case 'label.upserted':
        labels.set(event.label.id, event.label);
        break;
      case 'quickreply.upserted':
        replies.set(event.reply.id, event.reply);
        break;
      case 'thread.activity':
        activity.push({
          seq: event.seq,
          threadId: event.threadId,
          at: event.at,
          actor: event.actor,
          change: event.change,
          cause: event.cause,
        });
        break;
    }
  }
  return {
    contacts: [...contacts.values()],
    threads: [...threads.values()],
    messages: [...messages.values()],
    labels: [...labels.values()],
    activity,
    replies: [...replies.values()],
    lastSeq,
  };
}

/** Outbound messages get their id from the desktop's client id, so the pending copy and the stored one match. */
export function outboundMessageId(clientId: string): string {
  return `out_${clientId}`;
}
