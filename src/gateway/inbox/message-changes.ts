import { nextStatus, type Channel, type Message, type Provider, type Reaction } from '../../core';
import { findContact } from '../store/contacts';
import { findByProviderId, getMessage, listUnreadOutbound, updateContent, updateDelivery } from '../store/messages';
import type { EventBody, Store } from '../store/store';

/**
 * Changes to messages already stored: reactions, a customer's edits and deletions, read watermarks. Each one is
 * a `message.updated` event like a status, so every desktop converges on the same message.
 */

/** Sets one side's reaction (an empty emoji removes it): a side has at most one reaction per message. */
export function withReaction(message: Message, by: Reaction['by'], emoji: string, at: number): Message {
  const others = (message.reactions ?? []).filter((r) => r.by !== by);
  const reactions = emoji === '' ? others : [...others, { by, emoji, at }];
  const { reactions: _old, ...rest } = message;
  return reactions.length > 0 ? { ...rest, reactions } : rest;
}

type Located = { byId: string } | { provider: Provider; providerMessageId: string };

/** Applies `change` to one stored message; false when that message is unknown (nothing is written). */
async function changeMessage(
  store: Store,
  where: Located,
  actor: string,
  change: (message: Message) => Message,
): Promise<Message | null> {
  const { value } = await store.write(async (tx) => {
    const message =
      'byId' in where
        ? await getMessage(tx, where.byId)
        : await findByProviderId(tx, where.provider, where.providerMessageId);
    if (!message) return { value: null, events: [], actor };
    const next = change(message);
    if (JSON.stringify(next) === JSON.stringify(message)) return { value: message, events: [], actor };
    await updateContent(tx, next);
    return { value: next, events: [{ type: 'message.updated', message: next }], actor };
  });
  return value;
}

export const reactAsCustomer = (
  store: Store,
  input: { provider: Provider; targetProviderMessageId: string; emoji: string; at: number },
) =>
  changeMessage(store, { provider: input.provider, providerMessageId: input.targetProviderMessageId }, 'system', (m) =>
    withReaction(m, 'customer', input.emoji, input.at),
  );

export const reactAsAgent = (store: Store, agentId: string, messageId: string, emoji: string) =>
  changeMessage(store, { byId: messageId }, `agent:${agentId}`, (m) => withReaction(m, 'agent', emoji, store.now()));

export const editByCustomer = (
  store: Store,
  input: { provider: Provider; providerMessageId: string; text: string; at: number },
) =>
  changeMessage(store, input, 'system', (m) =>
    m.direction === 'in' && m.deletedAt === undefined ? { ...m, text: input.text, editedAt: input.at } : m,
  );

/** A deleted message keeps its row and place in the thread, without its words or attachment. */
export const deleteByCustomer = (store: Store, input: { provider: Provider; providerMessageId: string; at: number }) =>
  changeMessage(store, input, 'system', (m) => {
    if (m.direction !== 'in' || m.deletedAt !== undefined) return m;
    const { content: _content, editedAt: _edited, ...rest } = m;
    return { ...rest, text: '', deletedAt: input.at };
  });

/**
 * Messenger's read and delivery receipts are watermarks: every message sent to that customer up to `watermark` was
 * read (or delivered). Statuses still only move forward. Returns how many messages changed.
 */
export async function markUpTo(
  store: Store,
  input: { channel: Channel; recipient: string; watermark: number; status: 'delivered' | 'read' },
): Promise<number> {
  const { value } = await store.write(async (tx) => {
    const contact = await findContact(tx, input.channel, input.recipient);
    if (!contact) return { value: 0, events: [], actor: 'system' };
    const events: EventBody[] = [];
    for (const message of await listUnreadOutbound(tx, contact.id, input.watermark)) {
      const status = nextStatus(message.status, input.status);
      if (status === message.status) continue;
      const next: Message = { ...message, status, error: null };
      await updateDelivery(tx, next);
      events.push({ type: 'message.updated', message: next });
    }
    return { value: events.length, events, actor: 'system' };
  });
  return value;
}
