import {
  orderSummaryOf,
  orderUpdateText,
  replyWindow,
  windowApplies,
  type ActivityCause,
  type OrderStatus,
  type ShopOrder,
} from '../../core';
import type { Inbox } from '../inbox/inbox';
import { getContact, contactProvider } from '../store/contacts';
import { getMessage } from '../store/messages';
import { listLiveQuickReplies } from '../store/quick-replies';
import { getThread, latestThreadOf } from '../store/threads';
import { orderByNumber } from '../store/commerce';
import { newId } from '../ids';
import { templateFor } from './update-template';

export interface OrderUpdateOutcome {
  /** The conversation the update was told in; null when the customer has none. */
  threadId: string | null;
  notified: 'text' | 'template' | 'none';
  reason: string | null;
}

/**
 * Tells the customer their order moved on, in the conversation the order came from (its cart) or their latest
 * one: a text inside the provider's window, the status reply's approved WhatsApp template outside it, or nothing
 * (with the reason) when neither can go. Either way the conversation's history records the change.
 */
export async function tellOrderUpdate(
  inbox: Inbox,
  order: ShopOrder,
  status: OrderStatus,
  cause: ActivityCause,
): Promise<OrderUpdateOutcome> {
  const db = inbox.store.sql;
  const row = await orderByNumber(db, order.number);
  const cart = row?.cart_message_id ? await getMessage(db, row.cart_message_id) : null;
  const thread = cart
    ? await getThread(db, cart.threadId)
    : row?.contact_id
      ? await latestThreadOf(db, row.contact_id)
      : null;
  if (!thread) return { threadId: null, notified: 'none', reason: 'the customer has no conversation' };

  const contact = await getContact(db, thread.contactId);
  const locale = contact?.locale ?? 'en';
  const summary = orderSummaryOf(order);
  const text = orderUpdateText(summary, status, locale);
  let outcome: OrderUpdateOutcome = { threadId: thread.id, notified: 'none', reason: 'not news for the customer' };
  let messageId: string | null = null;
  if (text) {
    const provider = (await contactProvider(db, thread.contactId)) ?? 'app';
    const window = replyWindow(thread.channel, thread.lastInboundAt, inbox.store.now());
    const open = !windowApplies(provider) || window.state === 'open';
    const template = open ? null : templateFor(await listLiveQuickReplies(db), summary, status, contact);
    if (!open && thread.channel !== 'whatsapp') {
      outcome = { ...outcome, reason: 'the customer has not written for 24 hours' };
    } else if (!open && !template) {
      outcome = { ...outcome, reason: 'the 24-hour window is closed and no approved template is mapped' };
    } else {
      const sent = await inbox.reply({
        agentId: 'system',
        bySystem: true,
        clientId: newId('order').replace(/[^A-Za-z0-9_-]/g, '_'),
        threadId: thread.id,
        text: template ? template.text : text,
        ...(template ? { template: template.send } : {}),
      });
      if (sent.ok) {
        messageId = sent.value.message.id;
        outcome = { threadId: thread.id, notified: template ? 'template' : 'text', reason: null };
      } else {
        outcome = { ...outcome, reason: sent.error };
      }
    }
  }
  await inbox.store.write(async () => ({
    value: null,
    events: [
      {
        type: 'thread.activity',
        threadId: thread.id,
        change: {
          kind: 'order',
          number: order.number,
          status,
          trackingUrl: summary.trackingUrl,
          notified: outcome.notified,
          messageId,
          reason: outcome.reason,
        },
        cause,
      },
    ],
    actor: 'system',
  }));
  return outcome;
}
