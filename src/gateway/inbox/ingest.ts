import type { Channel, Contact, Locale, Message, Provider, Referral, Thread } from '../../core';
import type { MessageContent } from '../../core';
import { newId } from '../ids';
import { findContact, getContact, insertContact } from '../store/contacts';
import { findByProviderId, insertMessage } from '../store/messages';
import { productName } from '../store/commerce';
import type { SqlExecutor } from '../store/sql';
import type { EventBody, Store } from '../store/store';
import { getThread, latestThreadOf, saveThread } from '../store/threads';
import { threadFor, withMessage } from './summary';

/** Sorting's hook into ingest (labels, priority, rules): runs inside the same transaction. */
export type SortHook = (
  tx: SqlExecutor,
  input: {
    message: Message;
    thread: Thread;
    previousStatus: Thread['status'] | null;
    contact: Contact;
    firstMessage: boolean;
  },
) => Promise<{ message: Message; thread: Thread; events: EventBody[] }>;

/** A customer's message as a channel normalised it. */
export interface InboundMessage {
  provider: Provider;
  /** The provider's own id: the same id twice (a retried webhook) stores once. */
  providerMessageId: string;
  channel: Channel;
  handle: string;
  /** The customer's display name, used when the contact is new. */
  name: string;
  locale: Locale;
  text: string;
  /** When the customer wrote it; defaults to now. */
  ts?: number;
  content?: MessageContent;
  /** The provider's id of the message this one replies to. */
  quote?: { providerMessageId: string };
  forwarded?: 'once' | 'frequently';
  referral?: Referral;
  /** The provider's original message object, kept as text for support and later re-reading. */
  raw?: string;
}

export interface Ingested {
  message: Message;
  thread: Thread;
  contact: Contact;
  /** True when this provider id was already stored: nothing was written and no event was appended. */
  duplicate: boolean;
}

/**
 * Stores an inbound message once, in the contact's current thread (created if needed, reopened if resolved), and
 * appends the events for everything that changed in the same transaction.
 */
export async function ingestInbound(store: Store, input: InboundMessage, sort?: SortHook): Promise<Ingested> {
  const ts = input.ts ?? store.now();
  const { value } = await store.write(async (tx) => {
    const existing = await findByProviderId(tx, input.provider, input.providerMessageId);
    if (existing) {
      // The stored copy wins; its thread and contact are what the caller reports back.
      const thread = await getThread(tx, existing.threadId);
      const contact = thread && (await getContact(tx, thread.contactId));
      if (!thread || !contact) throw new Error(`message ${existing.id} has no thread or contact`);
      return { value: { message: existing, thread, contact, duplicate: true }, events: [], actor: 'system' };
    }
    const events: EventBody[] = [];
    let contact = await findContact(tx, input.channel, input.handle);
    const firstMessage = !contact;
    if (!contact) {
      contact = {
        id: newId('ct'),
        name: input.name,
        channel: input.channel,
        handle: input.handle,
        email: null,
        phone: input.channel === 'whatsapp' && /^\+?\d{6,15}$/.test(input.handle) ? input.handle : null,
        locale: input.locale,
        createdAt: ts,
      };
      await insertContact(tx, contact, input.provider);
      events.push({ type: 'contact.upserted', contact });
    }
    const current = await latestThreadOf(tx, contact.id);
    const threadId = current?.id ?? newId('th');
    const quoted = input.quote && (await findByProviderId(tx, input.provider, input.quote.providerMessageId));
    let message: Message = {
      id: newId('msg'),
      threadId,
      direction: 'in',
      author: { kind: 'customer', contactId: contact.id },
      text: input.text,
      ts,
      status: 'delivered',
      error: null,
      provider: input.provider,
      providerMessageId: input.providerMessageId,
      clientId: null,
      ...(input.content && { content: await withProductNames(tx, input.content) }),
      ...(input.quote && {
        quote: { providerMessageId: input.quote.providerMessageId, messageId: quoted?.id ?? null },
      }),
      ...(input.forwarded && { forwarded: input.forwarded }),
      ...(input.referral && { referral: input.referral }),
    };
    let thread = current ? withMessage(current, message) : threadFor(threadId, contact.id, contact.channel, message);
    let sortingEvents: EventBody[] = [];
    if (sort) {
      const sorted = await sort(tx, {
        message,
        thread,
        previousStatus: current?.status ?? null,
        contact,
        firstMessage,
      });
      ({ message, thread } = sorted);
      sortingEvents = sorted.events;
    }
    // The thread row must exist before the message that references it.
    await saveThread(tx, thread);
    await insertMessage(tx, message, input.raw ?? null);
    events.push({ type: 'thread.upserted', thread }, { type: 'message.added', message }, ...sortingEvents);
    return { value: { message, thread, contact, duplicate: false }, events, actor: `customer:${contact.id}` };
  });
  return value;
}

/** A cart's items named from the shop's catalogue where it knows them. */
async function withProductNames(tx: SqlExecutor, content: MessageContent): Promise<MessageContent> {
  if (content.kind !== 'order') return content;
  const items = [];
  for (const item of content.items) {
    const name = item.name ?? (await productName(tx, item.productId));
    items.push(name ? { ...item, name } : item);
  }
  return { ...content, items };
}
