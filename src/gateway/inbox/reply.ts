import { fail, ok, outboundMessageId, type Message, type Result } from '../../core';
import { contactProvider } from '../store/contacts';
import { findByClientId, insertMessage } from '../store/messages';
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
}

export interface Replied {
  message: Message;
  /** False when this client id was already stored: the stored message is returned and nothing is appended. */
  created: boolean;
}

/** Stores an agent's reply as `pending`, once per client id; delivery is the channel's job, after the commit. */
export async function storeReply(store: Store, input: AgentReply): Promise<Result<Replied>> {
  const actor = `agent:${input.agentId}`;
  const { value } = await store.write(async (tx) => {
    const existing = await findByClientId(tx, input.clientId);
    if (existing) {
      const value =
        existing.threadId === input.threadId
          ? ok({ message: existing, created: false })
          : fail('this clientId was already used for a reply in another thread');
      return { value, events: [], actor };
    }
    const thread = await getThread(tx, input.threadId);
    if (!thread) return { value: fail(UNKNOWN_THREAD), events: [], actor };
    const message: Message = {
      id: outboundMessageId(input.clientId),
      threadId: thread.id,
      direction: 'out',
      author: { kind: 'agent', agentId: input.agentId },
      text: input.text,
      ts: store.now(),
      status: 'pending',
      error: null,
      // Replies leave through the provider the customer wrote from.
      provider: (await contactProvider(tx, thread.contactId)) ?? 'app',
      providerMessageId: null,
      clientId: input.clientId,
    };
    const next = withMessage(thread, message);
    await insertMessage(tx, message);
    await saveThread(tx, next);
    return {
      value: ok({ message, created: true }),
      events: [
        { type: 'message.added', message },
        { type: 'thread.upserted', thread: next },
      ],
      actor,
    };
  });
  return value;
}
