import Dexie from 'dexie';
import type { ActivityRow, Contact, Label, Message, Thread, ThreadStatus } from '../../core';
import { readAgent } from '../db/meta';
import type { ComptoirDb } from '../db/schema';

/** The views that are not a label: the four of the open / resolved split, and Spam. */
export type StandardView = 'all' | 'mine' | 'unassigned' | 'resolved' | 'spam';
/** A label's view: its open, non-spam conversations. */
export type LabelView = `label:${string}`;
export type InboxView = StandardView | LabelView;
/** The views counted in the navigation (Spam is not: it is not work to do). */
export type CountedView = 'all' | 'mine' | 'unassigned' | 'resolved';

export interface ThreadListItem {
  thread: Thread;
  contact: Contact | undefined;
  /** The thread's live labels, in the order they were applied (deleted ones left out). */
  labels?: Label[];
}

export function labelView(labelId: string): LabelView {
  return `label:${labelId}`;
}

/** The label a view filters on, or `null` for a standard view. */
export function labelIdOf(view: InboxView): string | null {
  return view.startsWith('label:') ? view.slice('label:'.length) : null;
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

const notSpam = (t: Thread): boolean => t.spam !== true;

/**
 * Urgent conversations first, then high ones, then the rest, each group keeping the order it had (newest
 * first). One stable pass: a thread lands in exactly one group, so nothing is listed twice.
 */
export function priorityFirst(threads: readonly Thread[]): Thread[] {
  const urgent: Thread[] = [];
  const high: Thread[] = [];
  const rest: Thread[] = [];
  for (const thread of threads) {
    if (thread.priority === 'urgent') urgent.push(thread);
    else if (thread.priority === 'high') high.push(thread);
    else rest.push(thread);
  }
  return urgent.length === 0 && high.length === 0 ? rest : [...urgent, ...high, ...rest];
}

/**
 * all / mine / unassigned / a label's view list open threads, urgent and high first; resolved lists resolved
 * ones; spam threads are left out of all of them and listed (open or resolved) in Spam alone.
 */
export async function threadList(db: ComptoirDb, view: InboxView): Promise<ThreadListItem[]> {
  let threads: Thread[];
  const labelId = labelIdOf(view);
  if (labelId !== null) {
    // The multi-entry index holds only the threads carrying the label: no pass over the whole inbox.
    threads = (await db.threads.where('labels').equals(labelId).distinct().toArray()).filter(
      (t) => t.status === 'open' && notSpam(t),
    );
    threads = priorityFirst(threads.sort(newestFirst));
    return withContacts(db, threads);
  }
  switch (view as StandardView) {
    case 'all':
      threads = priorityFirst((await byStatus(db, 'open').toArray()).reverse().filter(notSpam));
      break;
    case 'resolved':
      threads = (await byStatus(db, 'resolved').toArray()).reverse().filter(notSpam);
      break;
    case 'unassigned':
      threads = priorityFirst(
        (await byStatus(db, 'open').toArray()).reverse().filter((t) => t.assigneeId === null && notSpam(t)),
      );
      break;
    case 'mine': {
      const agent = await readAgent(db);
      threads = agent ? await db.threads.where('[status+assigneeId]').equals(['open', agent.id]).toArray() : [];
      threads = priorityFirst(threads.filter(notSpam).sort(newestFirst));
      break;
    }
    case 'spam':
      // Rare, and only read while the Spam view is open: no index for them.
      threads = (await db.threads.toArray()).filter((t) => t.spam === true).sort(newestFirst);
      break;
  }
  return withContacts(db, threads);
}

async function withContacts(db: ComptoirDb, threads: Thread[]): Promise<ThreadListItem[]> {
  const ids = [...new Set(threads.map((t) => t.contactId))];
  const contacts = new Map<string, Contact>();
  const [found, labels] = await Promise.all([db.contacts.bulkGet(ids), labelsById(db)]);
  for (const contact of found) if (contact) contacts.set(contact.id, contact);
  return threads.map((thread) => {
    const item: ThreadListItem = { thread, contact: contacts.get(thread.contactId) };
    if (thread.labels && thread.labels.length > 0) item.labels = liveLabelsOf(thread, labels);
    return item;
  });
}

/** Every label row, deleted ones included (history still names them). A few dozen: read whole. */
export async function allLabels(db: ComptoirDb): Promise<Label[]> {
  return db.labels.toArray();
}

async function labelsById(db: ComptoirDb): Promise<Map<string, Label>> {
  return new Map((await allLabels(db)).map((l) => [l.id, l]));
}

/** A thread's labels that still exist, in the order they were applied; an unknown or deleted id is skipped. */
export function liveLabelsOf(thread: Pick<Thread, 'labels'>, labels: ReadonlyMap<string, Label>): Label[] {
  const out: Label[] = [];
  for (const id of thread.labels ?? []) {
    const label = labels.get(id);
    if (label && label.deletedAt === undefined) out.push(label);
  }
  return out;
}

/** The labels an agent can use, by name. */
export function liveLabels(labels: readonly Label[]): Label[] {
  return labels.filter((l) => l.deletedAt === undefined).sort((a, b) => a.name.localeCompare(b.name));
}

export interface InboxCounts {
  views: Record<CountedView, number>;
  /** Open, non-spam conversations carrying each live label (absent: none). */
  labels: Record<string, number>;
}

/**
 * The navigation's numbers. Spam has no index, so open threads are read once (the "all" list reads them anyway)
 * and counted in one pass: the views without spam, and each live label. Resolved is counted from its index
 * alone (that list can be long); a resolved spam thread is left in that number.
 */
export async function inboxCounts(db: ComptoirDb): Promise<InboxCounts> {
  const [agent, open, resolved, labels] = await Promise.all([
    readAgent(db),
    byStatus(db, 'open').toArray(),
    byStatus(db, 'resolved').count(),
    labelsById(db),
  ]);
  let all = 0;
  let mine = 0;
  let unassigned = 0;
  const perLabel: Record<string, number> = {};
  for (const thread of open) {
    if (thread.spam === true) continue;
    all += 1;
    if (thread.assigneeId === null) unassigned += 1;
    else if (agent && thread.assigneeId === agent.id) mine += 1;
    if (!thread.labels) continue;
    for (const id of new Set(thread.labels)) {
      const label = labels.get(id);
      if (label && label.deletedAt === undefined) perLabel[id] = (perLabel[id] ?? 0) + 1;
    }
  }
  return { views: { all, mine, unassigned, resolved }, labels: perLabel };
}

export async function viewCounts(db: ComptoirDb): Promise<Record<CountedView, number>> {
  return (await inboxCounts(db)).views;
}

/** A conversation's history, in log order. */
export async function threadActivity(db: ComptoirDb, threadId: string): Promise<ActivityRow[]> {
  return db.activity.where('[threadId+seq]').between([threadId, Dexie.minKey], [threadId, Dexie.maxKey]).toArray();
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
