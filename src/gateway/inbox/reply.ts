import {
  fail,
  ok,
  outboundMessageId,
  replyWindow,
  windowApplies,
  type Message,
  type Provider,
  type Result,
  type TemplateSend,
  type Thread,
  libraryMediaId,
} from '../../core';
import { getLibraryFile } from '../store/library';
import type { SqlExecutor } from '../store/sql';
import { applyQuickReply } from '../replies/replies';
import { contactProvider } from '../store/contacts';
import { findByClientId, getMessage, insertMessage } from '../store/messages';
import type { Store } from '../store/store';
import { getThread, saveThread } from '../store/threads';
import { UNKNOWN_THREAD } from './errors';
import { withMessage } from './summary';

export interface AgentReply {
  agentId: string;
  /** Made by the desktop when the agent pressed Enter: the same reply sent twice carries the same client id. */
  clientId: string;
  threadId: string;
  text: string;
  /** Our id of the message this reply quotes (same thread). */
  quoteId?: string;
  /** Sent as an approved template (outside WhatsApp's 24-hour window); `text` is its filled-in body. */
  template?: TemplateSend;
  /** The quick reply the text came from: its use is counted and its labels and "resolve" applied with it. */
  quickReplyId?: string;
  /** Library file ids: each becomes an attachment message after the text, delivered in that order. */
  attachments?: readonly string[];
  /** Written by the gateway itself (an order update), not typed by the agent: shown as the shop's message. */
  bySystem?: boolean;
}

export interface Replied {
  message: Message;
  /** The attachment messages stored with it, in sending order (empty when there were none or nothing was created). */
  attachments: Message[];
  /** False when this client id was already stored: the stored message is returned and nothing is appended. */
  created: boolean;
}

/** Stores an agent's reply as `pending`, once per client id; delivery is the channel's job, after the commit. */
export async function storeReply(store: Store, input: AgentReply): Promise<Result<Replied>> {
  const actor = input.bySystem ? 'system' : `agent:${input.agentId}`;
  const { value } = await store.write(async (tx) => {
    const existing = await findByClientId(tx, input.clientId);
    if (existing) {
      const value =
        existing.threadId === input.threadId
          ? ok({ message: existing, attachments: [], created: false })
          : fail('this clientId was already used for a reply in another thread');
      return { value, events: [], actor };
    }
    const thread = await getThread(tx, input.threadId);
    if (!thread) return { value: fail(UNKNOWN_THREAD), events: [], actor };
    // Replies leave through the provider the customer wrote from.
    const provider = (await contactProvider(tx, thread.contactId)) ?? 'app';
    const refused = windowRefusal(provider, thread, input, store.now());
    if (refused) return { value: fail(refused), events: [], actor };
    const quoted = input.quoteId ? await getMessage(tx, input.quoteId) : null;
    if (input.quoteId && quoted?.threadId !== thread.id) {
      return { value: fail('the quoted message is not in this conversation'), events: [], actor };
    }
    const message: Message = {
      id: outboundMessageId(input.clientId),
      threadId: thread.id,
      direction: 'out',
      author: input.bySystem ? { kind: 'system' } : { kind: 'agent', agentId: input.agentId },
      text: input.text,
      ts: store.now(),
      status: 'pending',
      error: null,
      provider,
      providerMessageId: null,
      clientId: input.clientId,
      ...(quoted && { quote: { providerMessageId: quoted.providerMessageId, messageId: quoted.id } }),
      ...(input.template && { content: { kind: 'template' as const, ...input.template } }),
    };
    const files = await attachmentMessages(tx, input, message);
    if (!files.ok) return { value: fail(files.error), events: [], actor };
    let next = withMessage(thread, message);
    await insertMessage(tx, message);
    for (const file of files.value) {
      next = withMessage(next, file);
      await insertMessage(tx, file);
    }
    // Only a newly stored message gets here: a resend of the same client id counts nothing twice.
    const extras = input.quickReplyId
      ? await applyQuickReply(tx, {
          agentId: input.agentId,
          replyId: input.quickReplyId,
          thread: next,
          now: message.ts,
        })
      : null;
    if (extras) next = extras.thread;
    await saveThread(tx, next);
    return {
      value: ok({ message, attachments: files.value, created: true }),
      events: [
        { type: 'message.added', message },
        ...files.value.map((file) => ({ type: 'message.added' as const, message: file })),
        ...(extras?.events ?? []),
        { type: 'thread.upserted', thread: next },
      ],
      actor,
    };
  });
  return value;
}

/**
 * The provider's customer-service window, checked here so no desktop (or script) can send what the provider
 * would refuse: after 24 h WhatsApp takes only templates; Messenger and Instagram take nothing after 7 days.
 */
function windowRefusal(provider: Provider, thread: Thread, input: AgentReply, now: number): string | null {
  if (!windowApplies(provider)) return input.template ? 'templates are sent on WhatsApp only' : null;
  const window = replyWindow(thread.channel, thread.lastInboundAt, now);
  if (input.template) return thread.channel === 'whatsapp' ? null : 'templates are sent on WhatsApp only';
  if (window.state === 'template') {
    return 'the 24-hour window is closed: the customer has not written for 24 hours, send an approved template';
  }
  if (window.state === 'closed') return 'the customer has not written for 7 days: no reply can be sent';
  return null;
}

/**
 * One message per library file, after the text (one millisecond apart, so every replica orders them the same).
 * WhatsApp and the Send API take one attachment per message; none goes with a template (outside the 24-hour
 * window only the template's own header could carry media).
 */
async function attachmentMessages(tx: SqlExecutor, input: AgentReply, text: Message): Promise<Result<Message[]>> {
  const ids = input.attachments ?? [];
  if (ids.length === 0) return ok([]);
  if (input.template) return fail('files cannot be sent with a template: send them once the customer writes again');
  if (new Set(ids).size !== ids.length) return fail('the same file is attached twice');
  // A file is not a reply to the quoted message: only the text quotes it.
  const { quote: _quote, ...base } = text;
  const messages: Message[] = [];
  for (const [index, id] of ids.entries()) {
    const file = await getLibraryFile(tx, id);
    if (!file || file.deleted) return fail(`unknown file ${id}`);
    const clientId = `${input.clientId}_f${index + 1}`;
    messages.push({
      ...base,
      id: outboundMessageId(clientId),
      clientId,
      text: '',
      ts: text.ts + index + 1,
      content: {
        kind: 'media',
        media: file.kind,
        mediaId: libraryMediaId(file.id),
        mimeType: file.mimeType,
        filename: file.name,
      },
    });
  }
  return ok(messages);
}
