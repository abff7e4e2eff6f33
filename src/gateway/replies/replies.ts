import {
  describeIssues,
  fail,
  ok,
  parseTemplate,
  QuickReplyDraftSchema,
  type ActivityCause,
  type QuickReply,
  type QuickReplyDraft,
  type Result,
  type Thread,
} from '../../core';
import { newId } from '../ids';
import { getLabel, listLabels } from '../store/labels';
import { getLibraryFile } from '../store/library';
import {
  getQuickReply,
  listLiveQuickReplies,
  liveQuickReplyByShortcut,
  saveQuickReplyRow,
} from '../store/quick-replies';
import type { SqlExecutor } from '../store/sql';
import type { EventBody, Store } from '../store/store';
import { normalizeThread } from '../store/threads';

export const UNKNOWN_QUICK_REPLY = 'unknown quick reply';

type Draft = ReturnType<typeof QuickReplyDraftSchema.parse>;

/**
 * Quick-reply edits. Each one writes the reply (its whole JSON) and a `quickreply.upserted` event in one
 * transaction; a malformed template, a taken shortcut or an unknown label refuses the edit and writes nothing.
 */
export async function saveQuickReply(
  store: Store,
  agentId: string,
  input: QuickReplyDraft,
): Promise<Result<QuickReply>> {
  const draft = parseDraft(input);
  if (!draft.ok) return draft;
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const refused = (error: string) => ({ value: fail(error), events: [], actor });
    const existing = draft.value.id ? await getQuickReply(tx, draft.value.id) : null;
    if (draft.value.id && (!existing || existing.deletedAt !== undefined)) return refused(UNKNOWN_QUICK_REPLY);
    const invalid =
      (await checkContent(tx, draft.value, (id) => isLiveLabel(tx, id))) ??
      (await shortcutTaken(tx, draft.value, existing?.id));
    if (invalid) return refused(invalid);
    const next = merged(existing, draft.value, store.now());
    if (existing && sameContent(existing, next)) return { value: ok(existing), events: [], actor };
    await saveQuickReplyRow(tx, next);
    return { value: ok(next), events: [{ type: 'quickreply.upserted', reply: next }], actor };
  });
  return value;
}

/** A deleted reply keeps its row (and its usage) with `deletedAt`; its shortcut is free again. */
export async function deleteQuickReply(store: Store, agentId: string, replyId: string): Promise<Result<QuickReply>> {
  const { value } = await store.write(async (tx) => {
    const actor = `agent:${agentId}`;
    const reply = await getQuickReply(tx, replyId);
    if (!reply || reply.deletedAt !== undefined) return { value: fail(UNKNOWN_QUICK_REPLY), events: [], actor };
    const now = store.now();
    const deleted: QuickReply = { ...reply, updatedAt: now, deletedAt: now };
    await saveQuickReplyRow(tx, deleted);
    return { value: ok(deleted), events: [{ type: 'quickreply.upserted', reply: deleted }], actor };
  });
  return value;
}

export interface Imported {
  created: number;
  updated: number;
}

/**
 * All or nothing: every entry is checked first (template, labels, shortcut used twice in the file), and the first
 * bad one refuses the whole import, named by its index. Then, in the same transaction, an entry whose shortcut a
 * live reply already has updates that reply (its usage kept); any other is created. An entry identical to the
 * reply it matches changes nothing and is not counted.
 */
export async function importQuickReplies(
  store: Store,
  actor: string,
  inputs: readonly QuickReplyDraft[],
): Promise<Result<Imported>> {
  const drafts: Draft[] = [];
  const seen = new Map<string, number>();
  for (const [index, input] of inputs.entries()) {
    const draft = parseDraft(input);
    if (!draft.ok) return fail(`${entry(index, input)}: ${draft.error}`);
    const twice = seen.get(draft.value.shortcut);
    if (twice !== undefined) {
      return fail(`${entry(index, draft.value)}: the shortcut is already used by replies[${twice}]`);
    }
    seen.set(draft.value.shortcut, index);
    drafts.push(draft.value);
  }
  const { value } = await store.write(async (tx) => {
    // Read once: a file of thousands of entries checks against these, not a query per entry.
    const liveLabels = new Set((await listLabels(tx)).filter((l) => l.deletedAt === undefined).map((l) => l.id));
    for (const [index, draft] of drafts.entries()) {
      const invalid = await checkContent(tx, draft, (id) => liveLabels.has(id));
      if (invalid) return { value: fail(`${entry(index, draft)}: ${invalid}`), events: [], actor };
    }
    const live = new Map((await listLiveQuickReplies(tx)).map((r) => [r.shortcut, r]));
    const now = store.now();
    const events: EventBody[] = [];
    const counts: Imported = { created: 0, updated: 0 };
    for (const draft of drafts) {
      const existing = live.get(draft.shortcut) ?? null;
      const next = merged(existing, { ...draft, id: existing?.id }, now);
      if (existing && sameContent(existing, next)) continue;
      await saveQuickReplyRow(tx, next);
      events.push({ type: 'quickreply.upserted', reply: next });
      counts[existing ? 'updated' : 'created'] += 1;
    }
    return { value: ok(counts), events, actor };
  });
  return value;
}

/**
 * Counts one use of a live reply by an agent, in the caller's transaction. Returns the reply as saved, or null
 * (nothing written) when the reply is unknown or deleted.
 */
export async function recordUse(
  tx: SqlExecutor,
  agentId: string,
  replyId: string,
  now: number,
): Promise<QuickReply | null> {
  const reply = await getQuickReply(tx, replyId);
  if (!reply || reply.deletedAt !== undefined) return null;
  const count = (reply.usage[agentId]?.count ?? 0) + 1;
  const used: QuickReply = { ...reply, usage: { ...reply.usage, [agentId]: { count, lastUsedAt: now } } };
  await saveQuickReplyRow(tx, used);
  return used;
}

/**
 * What sending a quick reply does besides the message, in the send's transaction: the agent's use is counted,
 * the reply's live labels are added to the conversation, and "send and resolve" resolves it, each change in the
 * conversation's history. An unknown or deleted reply does nothing. The caller saves the returned thread.
 */
export async function applyQuickReply(
  tx: SqlExecutor,
  input: { agentId: string; replyId: string; thread: Thread; now: number },
): Promise<{ thread: Thread; events: EventBody[] }> {
  const { agentId, thread } = input;
  const reply = await recordUse(tx, agentId, input.replyId, input.now);
  if (!reply) return { thread, events: [] };
  const events: EventBody[] = [{ type: 'quickreply.upserted', reply }];
  const cause: ActivityCause = { kind: 'agent', agentId };
  const labels = [...(thread.labels ?? [])];
  for (const labelId of reply.labels) {
    if (labels.includes(labelId) || !(await isLiveLabel(tx, labelId))) continue;
    labels.push(labelId);
    events.push({ type: 'thread.activity', threadId: thread.id, change: { kind: 'label.added', labelId }, cause });
  }
  const added = new Set(labels.filter((id) => !(thread.labels ?? []).includes(id)));
  let next: Thread = {
    ...thread,
    labels,
    // A label applied answers the classifier's doubt about it.
    suggestions: thread.suggestions?.filter((s) => !added.has(s.labelId)),
  };
  if (reply.resolve && thread.status !== 'resolved') {
    next = { ...next, status: 'resolved', priority: undefined, suggestions: undefined };
    events.push({ type: 'thread.activity', threadId: thread.id, change: { kind: 'resolved' }, cause });
  }
  return { thread: normalizeThread(next), events };
}

function parseDraft(input: QuickReplyDraft): Result<Draft> {
  const parsed = QuickReplyDraftSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : fail(`invalid quick reply: ${describeIssues(parsed.error.issues)}`);
}

/** What makes a reply unusable whatever else exists: a template that does not parse, a label that does not. */
async function checkContent(
  tx: SqlExecutor,
  draft: Draft,
  isLive: (labelId: string) => boolean | Promise<boolean>,
): Promise<string | null> {
  for (const variant of draft.variants) {
    const parsed = parseTemplate(variant.body);
    if (!parsed.ok) {
      const { line, column, message } = parsed.error;
      return `variant ${variant.language}: line ${line}, column ${column}: ${message}`;
    }
  }
  for (const labelId of draft.labels) {
    if (!(await isLive(labelId))) return `unknown label ${labelId}`;
  }
  for (const attachment of draft.attachments) {
    const file = await getLibraryFile(tx, attachment.id);
    if (!file || file.deleted) return `the file ${attachment.name} is not in the library`;
    // The library's word wins over the client's for what the file is and is called.
    attachment.kind = file.kind;
    attachment.name = file.name;
  }
  return null;
}

async function isLiveLabel(tx: SqlExecutor, id: string): Promise<boolean> {
  const label = await getLabel(tx, id);
  return label !== null && label.deletedAt === undefined;
}

async function shortcutTaken(tx: SqlExecutor, draft: Draft, self: string | undefined): Promise<string | null> {
  const other = await liveQuickReplyByShortcut(tx, draft.shortcut);
  return other && other.id !== self ? `the shortcut /${draft.shortcut} is already used by “${other.title}”` : null;
}

/** The reply a draft makes: a new one, or `existing` edited (its id, creation and usage kept). */
function merged(existing: QuickReply | null, draft: Draft, now: number): QuickReply {
  return {
    id: existing?.id ?? newId('qr'),
    shortcut: draft.shortcut,
    title: draft.title,
    variants: draft.variants,
    attachments: draft.attachments,
    labels: [...new Set(draft.labels)],
    resolve: draft.resolve,
    ...(draft.whatsapp ? { whatsapp: draft.whatsapp } : {}),
    usage: existing?.usage ?? {},
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

const content = (r: QuickReply) =>
  JSON.stringify([r.shortcut, r.title, r.variants, r.attachments, r.labels, r.resolve, r.whatsapp ?? null]);
const sameContent = (a: QuickReply, b: QuickReply) => content(a) === content(b);

function entry(index: number, input: unknown): string {
  const shortcut = (input as { shortcut?: unknown } | null)?.shortcut;
  return typeof shortcut === 'string' ? `replies[${index}] (/${shortcut.trim().toLowerCase()})` : `replies[${index}]`;
}
