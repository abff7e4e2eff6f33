import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef } from 'react';
import { orderSummaryOf, renderTemplate, type QuickReply, type ShopOrder, type Thread } from '../../../core';
import { useServices } from '../../data/context';
import { useConnection, useInboxActions } from '../../data/hooks';
import { useOrdersClient } from '../../data/orders';
import { useOpenOrder } from './OrderFocus';
import { useBusiness, useQuickReplies } from '../../data/quickReplies';
import { localeOf, renderReply, valuesOf } from '../composer/quickReplies';

export type OrderMessageKind = 'status' | 'tracking' | 'confirmation';

/**
 * The quick reply each one-click action posts, by shortcut: the demo's `/commande` and `/suivi`, or the shop's
 * English ones. A shop without any gets the built-in text below, in the customer's language.
 */
export const ORDER_REPLY_SHORTCUTS: Record<OrderMessageKind, readonly string[]> = {
  status: ['commande', 'order-status', 'status'],
  tracking: ['suivi', 'tracking', 'track'],
  confirmation: ['confirmation', 'order-confirmation'],
};

export const ORDER_FALLBACK_TEXT: Record<OrderMessageKind, Record<'fr' | 'en', string>> = {
  status: {
    fr: 'Bonjour {{contact.first_name | "à vous"}}, votre commande n° {{order.number}} est {{order.status}}.',
    en: 'Hi {{contact.first_name | "there"}}, your order #{{order.number}} is {{order.status}}.',
  },
  tracking: {
    fr: 'Bonjour {{contact.first_name | "à vous"}}, vous pouvez suivre votre commande n° {{order.number}} ici : {{order.tracking_url}}',
    en: 'Hi {{contact.first_name | "there"}}, you can follow your order #{{order.number}} here: {{order.tracking_url}}',
  },
  confirmation: {
    fr: 'Merci {{contact.first_name | "beaucoup"}} ! Votre commande n° {{order.number}} est enregistrée, pour un total de {{order.total}}.',
    en: 'Thank you {{contact.first_name | "very much"}}! Your order #{{order.number}} is confirmed, for a total of {{order.total}}.',
  },
};

export function orderReplyFor(kind: OrderMessageKind, replies: readonly QuickReply[]): QuickReply | null {
  for (const shortcut of ORDER_REPLY_SHORTCUTS[kind]) {
    const found = replies.find((r) => r.shortcut === shortcut && r.deletedAt === undefined);
    if (found) return found;
  }
  return null;
}

/**
 * Posts an order's status or tracking link into the conversation with the right quick reply, filled with that
 * order (not the customer's latest), like an agent inserting it and pressing Enter: its use counts.
 */
export function useOrderMessages(thread: Thread | null) {
  const { db } = useServices();
  const { send } = useInboxActions();
  const replies = useQuickReplies();
  const business = useBusiness();
  const { agent } = useConnection();
  const contactId = thread?.contactId ?? null;
  const threadId = thread?.id ?? null;
  const contact = useLiveQuery(async () => (contactId ? db.contacts.get(contactId) : undefined), [db, contactId]);

  const textFor = useCallback(
    (kind: OrderMessageKind, order: ShopOrder) => {
      const locale = localeOf(undefined, contact);
      const values = valuesOf(
        { contact, agentName: agent?.name ?? null, business, order: orderSummaryOf(order) },
        locale,
      );
      const reply = orderReplyFor(kind, replies ?? []);
      const text = reply
        ? renderReply(reply, locale, values).text
        : renderTemplate(ORDER_FALLBACK_TEXT[kind][locale], values, locale).text;
      return { text, reply };
    },
    [contact, agent?.name, business, replies],
  );

  const post = useCallback(
    async (kind: OrderMessageKind, order: ShopOrder) => {
      if (!threadId) throw new Error('no conversation is open');
      const { text, reply } = textFor(kind, order);
      await send(threadId, text, reply ? { quickReplyId: reply.id } : undefined);
      return text;
    },
    [send, textFor, threadId],
  );

  return { textFor, post };
}

/**
 * "Create the order" on a chat cart (the demo shop): the gateway turns it into an order, the confirmation with its
 * number and total goes to the customer, and the order opens in the panel. A cart converted before is not
 * confirmed twice.
 */
export function useCartToOrder(thread: Thread | null): ((messageId: string) => Promise<string | null>) | null {
  const client = useOrdersClient();
  const messages = useOrderMessages(thread);
  const openOrder = useOpenOrder();
  const post = useRef(messages.post);
  post.current = messages.post;
  const threadId = thread?.id ?? null;
  const convert = useCallback(
    async (messageId: string): Promise<string | null> => {
      if (!threadId) return 'no conversation is open';
      const result = await client.fromCart(threadId, messageId);
      if (!result.ok) return result.error;
      if (result.value.created) await post.current('confirmation', result.value.order);
      openOrder?.(result.value.order.number);
      return null;
    },
    [client, threadId, openOrder],
  );
  return threadId ? convert : null;
}
