import Dexie from 'dexie';
import type { Contact, Message, Thread, ThreadStatus } from '../../core';
import { readAgent } from '../db/meta';
import type { ComptoirDb } from '../db/schema';

export type InboxView = 'all' | 'mine' | 'unassigned' | 'resolved';
export interface ThreadListItem {
  thread: Thread;
  contact: Contact | undefined;
}

/**
 * Repository functions over the replica: plain async functions taking `db`, so they run the same inside a
 * live query, a test or a benchmark. Lists are read ascending (IndexedDB's getAll, one request) and reversed
 * in memory, which is much faster than a reverse cursor over thousands of threads.
 */
const byStatus = (db: ComptoirDb, status: ThreadStatus) =>
  db.threads.where('[status+lastMessageAt]').between([status, Dexie.minKey], [status, Dexie.maxKey]);

const newestFirst = (a: Thread, b: Thread): number =>
  b.lastMessageAt - a.lastMessageAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** all / mine / unassigned list open threads (mine: assigned to the signed-in agent); resolved lists resolved. */
export async function threadList(db: ComptoirDb, view: InboxView): Promise<ThreadListItem[]> {
  let threads: Thread[];
  switch (view) {
    case 'all':
      threads = (await byStatus(db, 'open').toArray()).reverse();
      break;
    case 'resolved':
      threads = (await byStatus(db, 'resolved').toArray()).reverse();
      break;
    case 'unassigned':
      threads = (await byStatus(db, 'open').toArray()).reverse().filter((t) => t.assigneeId === null);
      break;
    case 'mine': {
      const agent = await readAgent(db);
      threads = agent ? await db.threads.where('[status+assigneeId]').equals(['open', agent.id]).toArray() : [];
      threads.sort(newestFirst);
      break;
    }
  }
  return withContacts(db, threads);
}

async function withContacts(db: ComptoirDb, threads: Thread[]): Promise<ThreadListItem[]> {
  const ids = [...new Set(threads.map((t) => t.contactId))];
  const contacts = new Map<string, Contact>();
  for (const contact of await db.contacts.bulkGet(ids)) if (contact) contacts.set(contact.id, contact);
  return threads.map((thread) => ({ thread, contact: contacts.get(thread.contactId) }));
}

/** Counted from indexes alone. A null assignee is not indexed, so unassigned = open - assigned. */
export async function viewCounts(db: ComptoirDb): Promise<Record<InboxView, number>> {
  const agent = await readAgent(db);
  const [open, resolved, assigned, mine] = await Promise.all([
    byStatus(db, 'open').count(),
    byStatus(db, 'resolved').count(),
    db.threads.where('[status+assigneeId]').between(['open', Dexie.minKey], ['open', Dexie.maxKey]).count(),
    agent ? db.threads.where('[status+assigneeId]').equals(['open', agent.id]).count() : 0,
  ]);
  return { all: open, mine, unassigned: open - assigned, resolved };
}

export async function threadWithContact(
  db: ComptoirDb,
  threadId: string,
): Promise<{ thread: Thread; contact: Contact | undefined } | null> {
  const thread = await db.threads.get(threadId);
  if (!thread) return null;
  return { thread, contact: await db.contacts.get(thread.contactId) };
}

/** Oldest first. */
export async function threadMessages(db: ComptoirDb, threadId: string): Promise<Message[]> {
  return db.messages.where('[threadId+ts]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).toArray();
}

/** Unread customer messages across open threads: the badge. Reads index keys only, never the threads. */
export async function unreadTotal(db: ComptoirDb): Promise<number> {
  const keys = await db.threads.where('[status+unreadCount]').between(['open', 1], ['open', Dexie.maxKey]).keys();
  let total = 0;
  for (const key of keys) {
    const count = Array.isArray(key) ? key[1] : 0;
    if (typeof count === 'number') total += count;
  }
  return total;
}

/** Replies waiting in the outbox. */
export function queuedCount(db: ComptoirDb): Promise<number> {
  return db.outbox.count();
}

/** One message by our id; `null` when this replica does not have it (a quote of something older than the sync). */
export async function messageById(db: ComptoirDb, id: string): Promise<Message | null> {
  return (await db.messages.get(id)) ?? null;
}
