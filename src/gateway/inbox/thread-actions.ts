import { fail, ok, type Result, type Thread } from '../../core';
import { getAgent } from '../store/agents';
import type { SqlExecutor } from '../store/sql';
import type { Store } from '../store/store';
import { getThread, normalizeThread, saveThread } from '../store/threads';
import { UNKNOWN_AGENT, UNKNOWN_THREAD } from './errors';

type Edit = (thread: Thread, tx: SqlExecutor) => Promise<Result<Thread>> | Result<Thread>;

/**
 * Applies an edit to one thread. An edit that changes nothing (resolving a resolved thread) appends no event, so
 * a repeated command is harmless and the log only holds real changes.
 */
async function editThread(store: Store, agentId: string, threadId: string, edit: Edit): Promise<Result<Thread>> {
  const actor = `agent:${agentId}`;
  const { value } = await store.write(async (tx) => {
    const thread = await getThread(tx, threadId);
    if (!thread) return { value: fail(UNKNOWN_THREAD), events: [], actor };
    const edited = await edit(thread, tx);
    if (!edited.ok) return { value: edited, events: [], actor };
    const next = edited.value;
    if (sameThread(thread, next)) return { value: ok(thread), events: [], actor };
    await saveThread(tx, next);
    return { value: ok(next), events: [{ type: 'thread.upserted', thread: next }], actor };
  });
  return value;
}

const sameThread = (a: Thread, b: Thread) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Resolving answers what made the conversation urgent and what the classifier was unsure of: priority and
 * suggestions go with it, so a calm message reopening it later does not come back at the top of the list.
 */
export const resolveThread = (store: Store, agentId: string, threadId: string) =>
  editThread(store, agentId, threadId, (t) =>
    ok(normalizeThread({ ...t, status: 'resolved', priority: undefined, suggestions: undefined })),
  );

export const reopenThread = (store: Store, agentId: string, threadId: string) =>
  editThread(store, agentId, threadId, (t) => ok({ ...t, status: 'open' }));

/** Reading a thread clears its unread count. */
export const markThreadRead = (store: Store, agentId: string, threadId: string) =>
  editThread(store, agentId, threadId, (t) => ok({ ...t, unreadCount: 0 }));

/** `assigneeId` null unassigns; otherwise it must name a known agent. */
export const assignThread = (store: Store, agentId: string, threadId: string, assigneeId: string | null) =>
  editThread(store, agentId, threadId, async (t, tx) => {
    if (assigneeId !== null && !(await getAgent(tx, assigneeId))) return fail(UNKNOWN_AGENT);
    return ok({ ...t, assigneeId });
  });
