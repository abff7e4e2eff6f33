import {
  fail,
  ok,
  type ActivityCause,
  type ActivityChange,
  type Label,
  type Priority,
  type Result,
  type Thread,
} from '../../core';
import { UNKNOWN_THREAD } from '../inbox/errors';
import { getLabel } from '../store/labels';
import { getMessage, lastInbound } from '../store/messages';
import type { SqlExecutor } from '../store/sql';
import type { EventBody, Store } from '../store/store';
import { getThread, normalizeThread, saveThread } from '../store/threads';
import { UNKNOWN_LABEL, withoutSuggestion } from './labels';

/** What an agent's label change teaches the model, once it is committed. */
export interface Lesson {
  text: string;
  labelId: string;
  direction: 'learn' | 'unlearn';
}

type Edit = (
  thread: Thread,
  tx: SqlExecutor,
) => Promise<Result<{ thread: Thread; changes: ActivityChange[]; lesson?: Lesson | null; suggestion?: number }>>;

/**
 * Applies an agent's edit to a thread's sorting and records each change in its history. An edit that changes
 * nothing appends no event.
 */
async function editSorting(
  store: Store,
  agentId: string,
  threadId: string,
  edit: Edit,
): Promise<Result<{ thread: Thread; lesson: Lesson | null }>> {
  const actor = `agent:${agentId}`;
  const { value } = await store.write(async (tx) => {
    const thread = await getThread(tx, threadId);
    if (!thread) return { value: fail(UNKNOWN_THREAD), events: [], actor };
    const edited = await edit(thread, tx);
    if (!edited.ok) return { value: edited, events: [], actor };
    const next = normalizeThread(edited.value.thread);
    const lesson = edited.value.lesson ?? null;
    if (JSON.stringify(next) === JSON.stringify(normalizeThread(thread))) {
      return { value: ok({ thread, lesson }), events: [], actor };
    }
    await saveThread(tx, next);
    // An accepted suggestion says so in the history, with the confidence the agent agreed with.
    const { suggestion } = edited.value;
    const cause: ActivityCause = { kind: 'agent', agentId, ...(suggestion !== undefined && { suggestion }) };
    const events: EventBody[] = edited.value.changes.map((change) => ({
      type: 'thread.activity',
      threadId,
      change,
      cause,
    }));
    events.push({ type: 'thread.upserted', thread: next });
    return { value: ok({ thread: next, lesson }), events, actor };
  });
  return value;
}

/**
 * An agent adds or removes a label. Adding teaches the model the customer's words for it (the message a suggestion
 * came from, else their latest message); removing teaches it "not this one".
 */
export function labelThread(
  store: Store,
  agentId: string,
  input: { threadId: string; labelId: string; op: 'add' | 'remove'; fromSuggestion: boolean },
) {
  const { threadId, labelId, op, fromSuggestion } = input;
  return editSorting(store, agentId, threadId, async (thread, tx) => {
    const label = await getLabel(tx, labelId);
    if (!label || (op === 'add' && label.deletedAt !== undefined)) return fail(UNKNOWN_LABEL);
    const labels = thread.labels ?? [];
    const suggestion = thread.suggestions?.find((s) => s.labelId === labelId);
    if (op === 'add') {
      if (labels.includes(labelId)) return ok({ thread: withoutSuggestion(thread, labelId), changes: [] });
      const source = fromSuggestion && suggestion ? await getMessage(tx, suggestion.messageId) : null;
      const text = (source ?? (await lastInbound(tx, threadId)))?.text.trim() ?? '';
      return ok({
        thread: withoutSuggestion({ ...thread, labels: [...labels, labelId] }, labelId),
        changes: [{ kind: 'label.added', labelId }],
        lesson: text && labelLearnable(label) ? { text, labelId, direction: 'learn' } : null,
        ...(fromSuggestion && suggestion && { suggestion: suggestion.confidence }),
      });
    }
    if (!labels.includes(labelId)) return ok({ thread, changes: [] });
    const text = (await lastInbound(tx, threadId))?.text.trim() ?? '';
    return ok({
      thread: { ...thread, labels: labels.filter((id) => id !== labelId) },
      changes: [{ kind: 'label.removed', labelId }],
      lesson: text ? { text, labelId, direction: 'unlearn' } : null,
    });
  });
}

/** A dismissed suggestion is a correction too: the model moves away from that label for that message. */
export function dismissSuggestion(store: Store, agentId: string, threadId: string, labelId: string) {
  return editSorting(store, agentId, threadId, async (thread, tx) => {
    const suggestion = thread.suggestions?.find((s) => s.labelId === labelId);
    if (!suggestion) return ok({ thread, changes: [] });
    const text = (await getMessage(tx, suggestion.messageId))?.text.trim() ?? '';
    return ok({
      thread: withoutSuggestion(thread, labelId),
      changes: [],
      lesson: text ? { text, labelId, direction: 'unlearn' } : null,
    });
  });
}

export const setPriority = (store: Store, agentId: string, threadId: string, priority: Priority) =>
  editSorting(store, agentId, threadId, async (thread) =>
    ok({
      thread: { ...thread, priority },
      changes: (thread.priority ?? 'normal') === priority ? [] : [{ kind: 'priority', priority }],
    }),
  );

export const setSpam = (store: Store, agentId: string, threadId: string, spam: boolean) =>
  editSorting(store, agentId, threadId, async (thread) =>
    ok({ thread: { ...thread, spam }, changes: (thread.spam ?? false) === spam ? [] : [{ kind: 'spam', spam }] }),
  );

/** A label is learnable while it exists; deleted ones are never predicted again. */
const labelLearnable = (label: Label) => label.deletedAt === undefined;
