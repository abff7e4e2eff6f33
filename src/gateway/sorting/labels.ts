import { fail, ok, type ActivityCause, type Label, type LabelColor, type Result, type Thread } from '../../core';
import { newId } from '../ids';
import { getLabel, liveLabelNamed, saveLabel } from '../store/labels';
import type { SqlExecutor } from '../store/sql';
import type { EventBody, Store } from '../store/store';
import { normalizeThread, saveThread, threadsWithLabel } from '../store/threads';

export const UNKNOWN_LABEL = 'unknown label';

/** Label edits: each writes the label and its `label.upserted` event, and rewrites the conversations it touches. */
export async function createLabel(
  store: Store,
  agentId: string,
  input: { name: string; color: LabelColor; description: string },
): Promise<Result<Label>> {
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const taken = await nameTaken(tx, input.name, null);
    if (taken) return { value: taken, events: [], actor };
    const now = store.now();
    const label: Label = { id: newId('lbl'), ...input, createdAt: now, updatedAt: now };
    await saveLabel(tx, label);
    return { value: ok(label), events: [{ type: 'label.upserted', label }], actor };
  });
  return value;
}

export async function updateLabel(
  store: Store,
  agentId: string,
  input: { labelId: string; name?: string; color?: LabelColor; description?: string },
): Promise<Result<Label>> {
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const label = await liveLabel(tx, input.labelId);
    if (!label) return { value: fail(UNKNOWN_LABEL), events: [], actor };
    if (input.name !== undefined) {
      const taken = await nameTaken(tx, input.name, label.id);
      if (taken) return { value: taken, events: [], actor };
    }
    const next: Label = {
      ...label,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.color !== undefined && { color: input.color }),
      ...(input.description !== undefined && { description: input.description }),
    };
    if (next.name === label.name && next.color === label.color && next.description === label.description) {
      return { value: ok(label), events: [], actor };
    }
    const saved = { ...next, updatedAt: store.now() };
    await saveLabel(tx, saved);
    return { value: ok(saved), events: [{ type: 'label.upserted', label: saved }], actor };
  });
  return value;
}

/**
 * Every conversation labelled `fromId` is labelled `intoId` instead, then `fromId` is deleted and remembers where it
 * went (so the classifier's predictions of it land on the survivor). Returns the survivor and how many moved.
 */
export async function mergeLabels(
  store: Store,
  agentId: string,
  fromId: string,
  intoId: string,
): Promise<Result<{ label: Label; threads: number }>> {
  return retire(store, agentId, fromId, intoId);
}

/** The label leaves every conversation (the conversations stay) and is kept, deleted, for history. */
export async function deleteLabel(
  store: Store,
  agentId: string,
  labelId: string,
): Promise<Result<{ label: Label; threads: number }>> {
  return retire(store, agentId, labelId, null);
}

async function retire(
  store: Store,
  agentId: string,
  labelId: string,
  intoId: string | null,
): Promise<Result<{ label: Label; threads: number }>> {
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const label = await liveLabel(tx, labelId);
    const into = intoId === null ? null : await liveLabel(tx, intoId);
    if (!label || (intoId !== null && !into)) return { value: fail(UNKNOWN_LABEL), events: [], actor };
    const cause: ActivityCause = { kind: 'label', agentId, op: into ? 'merged' : 'deleted' };
    const events: EventBody[] = [];
    const threads = await threadsWithLabel(tx, label.id);
    for (const thread of threads) {
      const had = thread.labels ?? [];
      const labels = had.filter((id) => id !== label.id);
      events.push({
        type: 'thread.activity',
        threadId: thread.id,
        change: { kind: 'label.removed', labelId: label.id },
        cause,
      });
      if (into && !labels.includes(into.id)) {
        labels.push(into.id);
        events.push({
          type: 'thread.activity',
          threadId: thread.id,
          change: { kind: 'label.added', labelId: into.id },
          cause,
        });
      }
      const next = withoutSuggestion(normalizeThread({ ...thread, labels }), label.id);
      await saveThread(tx, next);
      events.push({ type: 'thread.upserted', thread: next });
    }
    const now = store.now();
    const retired: Label = { ...label, updatedAt: now, deletedAt: now, ...(into && { mergedInto: into.id }) };
    await saveLabel(tx, retired);
    events.push({ type: 'label.upserted', label: retired });
    return { value: ok({ label: into ?? retired, threads: threads.length }), events, actor };
  });
  return value;
}

export function withoutSuggestion(thread: Thread, labelId: string): Thread {
  if (!thread.suggestions?.some((s) => s.labelId === labelId)) return thread;
  return normalizeThread({ ...thread, suggestions: thread.suggestions.filter((s) => s.labelId !== labelId) });
}

async function liveLabel(tx: SqlExecutor, id: string): Promise<Label | null> {
  const label = await getLabel(tx, id);
  return label && label.deletedAt === undefined ? label : null;
}

async function nameTaken(tx: SqlExecutor, name: string, self: string | null): Promise<Result<never> | null> {
  const other = await liveLabelNamed(tx, name);
  return other && other.id !== self ? fail(`a label named “${other.name}” already exists`) : null;
}
