import Dexie from 'dexie';
import {
  describeIssues,
  outboundMessageId,
  previewOf,
  SendInputSchema,
  type Message,
  type SendInput,
} from '../../core';
import { readAgent } from '../db/meta';
import type { ComptoirDb, OutboxEntry } from '../db/schema';

/**
 * A client id from getRandomValues, not randomUUID: the web mode may be served over plain http on a LAN
 * address, which is not a secure context, and randomUUID exists only in secure contexts.
 */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let id = 'c';
  for (const b of bytes) id += b.toString(16).padStart(2, '0');
  return id;
}

/** What a reply may carry besides its text; kept in the outbox entry so a reply queued offline keeps them. */
export type ReplyExtras = Pick<OutboxEntry, 'quoteId' | 'template' | 'quickReplyId' | 'attachments'>;

export interface QueueReplyInput extends ReplyExtras {
  threadId: string;
  text: string;
  now: number;
  clientId?: string;
}

/** The `message:send` input for a queued reply, extras included, exactly as it was queued. */
export function sendInputOf(entry: OutboxEntry): SendInput {
  const { clientId, threadId, text, quoteId, template, quickReplyId, attachments } = entry;
  return {
    clientId,
    threadId,
    text,
    ...(quoteId ? { quoteId } : {}),
    ...(template ? { template } : {}),
    ...(quickReplyId ? { quickReplyId } : {}),
    ...(attachments?.length ? { attachments } : {}),
  };
}

/**
 * Writes the pending message, its outbox entry and the thread's optimistic summary in one transaction, so a
 * reply is never shown without being queued nor queued without being shown. The client id is chosen once here
 * and every resend reuses it, which is what lets the gateway store the reply exactly once.
 * Throws only for a reply the gateway would refuse anyway (empty, too long).
 */
export async function queueReply(db: ComptoirDb, input: QueueReplyInput): Promise<OutboxEntry> {
  const clientId = input.clientId ?? newClientId();
  const { quoteId, template, quickReplyId } = input;
  const attachments = input.attachments?.length ? input.attachments : undefined;
  const parsed = SendInputSchema.safeParse({
    clientId,
    threadId: input.threadId,
    text: input.text,
    quoteId,
    template,
    quickReplyId,
    attachments,
  });
  if (!parsed.success) throw new Error(describeIssues(parsed.error.issues));
  return db.transaction('rw', [db.messages, db.outbox, db.threads, db.meta], async () => {
    const agent = await readAgent(db);
    const last = await db.outbox.orderBy('createdAt').last();
    const quoted = quoteId ? await db.messages.get(quoteId) : undefined;
    const entry: OutboxEntry = {
      clientId,
      threadId: input.threadId,
      text: input.text,
      createdAt: Math.max(input.now, (last?.createdAt ?? 0) + 1),
      attempts: 0,
      lastError: null,
      ...(quoteId ? { quoteId } : {}),
      ...(template ? { template } : {}),
      ...(quickReplyId ? { quickReplyId } : {}),
      ...(attachments ? { attachments } : {}),
    };
    const message: Message = {
      id: outboundMessageId(clientId),
      threadId: input.threadId,
      direction: 'out',
      author: { kind: 'agent', agentId: agent?.id ?? 'me' },
      text: input.text,
      ts: input.now,
      status: 'pending',
      error: null,
      provider: 'app',
      providerMessageId: null,
      clientId,
      // Shown on the pending bubble at once; the gateway's copy replaces it with the provider's ids.
      ...(quoteId ? { quote: { providerMessageId: quoted?.providerMessageId ?? '', messageId: quoteId } } : {}),
      ...(template ? { content: { kind: 'template' as const, ...template } } : {}),
    };
    await db.outbox.add(entry);
    await db.messages.put(message);
    // Optimistic until the gateway's own thread event overwrites it: the list shows the reply at once, offline too.
    const thread = await db.threads.get(input.threadId);
    if (thread && thread.lastMessageAt <= input.now) {
      await db.threads.put({
        ...thread,
        lastMessageAt: input.now,
        lastMessagePreview: previewOf(message.text),
        lastMessageDirection: 'out',
        unreadCount: 0,
      });
    }
    return entry;
  });
}

/** The gateway accepted the reply: the entry is done; its copy replaces ours only if ours is still pending. */
export async function settleAccepted(db: ComptoirDb, clientId: string, stored: Message | null): Promise<void> {
  await db.transaction('rw', [db.outbox, db.messages], async () => {
    await db.outbox.delete(clientId);
    if (!stored || stored.id !== outboundMessageId(clientId)) return;
    const local = await db.messages.get(stored.id);
    // A sync event may already have brought a newer state (delivered, read): never move it back.
    if (!local || local.status === 'pending') await db.messages.put(stored);
  });
}

/**
 * The gateway refused the reply (a validation error): resending cannot help, so it fails visibly, and the
 * conversation's summary, made optimistic by `queueReply`, goes back to its last message the gateway has.
 */
export async function settleRefused(db: ComptoirDb, clientId: string, error: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.messages, db.threads], async () => {
    await db.outbox.delete(clientId);
    const id = outboundMessageId(clientId);
    const refused = await db.messages.get(id);
    if (!refused) return;
    await db.messages.update(id, { status: 'failed', error });
    const thread = await db.threads.get(refused.threadId);
    const kept = await db.messages
      .where('[threadId+ts]')
      .between([refused.threadId, Dexie.minKey], [refused.threadId, Dexie.maxKey])
      .reverse()
      .filter((m) => m.status !== 'failed')
      .first();
    if (!thread || !kept || thread.lastMessageAt > refused.ts) return;
    await db.threads.put({
      ...thread,
      lastMessageAt: kept.ts,
      lastMessagePreview: previewOf(kept.text),
      lastMessageDirection: kept.direction,
    });
  });
}

/** A transport failure: the entry stays queued for the next attempt; the count and error are for diagnosis. */
export async function noteAttemptFailed(db: ComptoirDb, clientId: string, error: string): Promise<void> {
  await db.outbox
    .where('clientId')
    .equals(clientId)
    .modify((entry) => {
      entry.attempts += 1;
      entry.lastError = error;
    });
}
