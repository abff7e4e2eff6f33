import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useSyncExternalStore } from 'react';
import type { ActivityRow, Agent, Contact, Label, Message, Thread } from '../../core';
import { readAgent } from '../db/meta';
import type { SyncStatus } from '../sync/engine';
import { createInboxActions, type InboxActions } from './actions';
import { useServices } from './context';
import {
  allLabels,
  inboxCounts,
  queuedCount,
  threadActivity,
  threadList,
  threadMessages,
  threadWithContact,
  unreadTotal,
  viewCounts,
  type CountedView,
  type InboxCounts,
  type InboxView,
  type ThreadListItem,
} from './queries';

export type { InboxActions } from './actions';
export type { CountedView, InboxCounts, InboxView, ThreadListItem } from './queries';

/** `undefined` while the first read is under way, as with every live query. */
export function useThreadList(view: InboxView): ThreadListItem[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => threadList(db, view), [db, view]);
}

export function useViewCounts(): Record<CountedView, number> | undefined {
  const { db } = useServices();
  return useLiveQuery(() => viewCounts(db), [db]);
}

/** The views' and the labels' counts for the navigation, from one pass over the open conversations. */
export function useInboxCounts(): InboxCounts | undefined {
  const { db } = useServices();
  return useLiveQuery(() => inboxCounts(db), [db]);
}

/** Every label row, deleted ones included (a thread's history still names them); `undefined` while loading. */
export function useLabels(): Label[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => allLabels(db), [db]);
}

/** A conversation's history, in log order; empty when no thread is selected. */
export function useActivity(threadId: string | null): ActivityRow[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => (threadId === null ? [] : threadActivity(db, threadId)), [db, threadId]);
}

/** `null` when no thread is selected or it does not exist (yet) in the replica. */
export function useThread(
  threadId: string | null,
): { thread: Thread; contact: Contact | undefined } | null | undefined {
  const { db } = useServices();
  return useLiveQuery(() => (threadId === null ? null : threadWithContact(db, threadId)), [db, threadId]);
}

/** Oldest first; empty when no thread is selected. */
export function useMessages(threadId: string | null): Message[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => (threadId === null ? [] : threadMessages(db, threadId)), [db, threadId]);
}

export function useUnreadTotal(): number {
  const { db } = useServices();
  return useLiveQuery(() => unreadTotal(db), [db]) ?? 0;
}

export interface ConnectionState {
  status: SyncStatus;
  /** The signed-in agent, kept in the replica's meta so it is known offline too. */
  agent: Agent | null;
  /** Replies waiting in the outbox. */
  queued: number;
}

export function useConnection(): ConnectionState {
  const { db, sync } = useServices();
  const status = useSyncExternalStore(
    sync.onStatus,
    () => sync.status,
    () => sync.status,
  );
  const agent = useLiveQuery(() => readAgent(db), [db]) ?? null;
  const queued = useLiveQuery(() => queuedCount(db), [db]) ?? 0;
  return { status, agent, queued };
}

export function useInboxActions(): InboxActions {
  const { db, sync } = useServices();
  return useMemo(() => createInboxActions(db, sync), [db, sync]);
}
