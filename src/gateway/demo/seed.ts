import {
  toE164,
  type Contact,
  type DemoShop,
  type Message,
  type MessageContent,
  type Order,
  type Thread,
} from '../../core';
import type { SortHook } from '../inbox/ingest';
import { threadFor, withMessage } from '../inbox/summary';
import type { Log } from '../log';
import { saveOrder, saveProduct } from '../store/commerce';
import { countContacts, insertContact } from '../store/contacts';
import type { SqlExecutor } from '../store/sql';
import { insertMessage } from '../store/messages';
import type { EventBody, Store } from '../store/store';
import { normalizeThread, saveThread } from '../store/threads';

export interface Seeded {
  contacts: number;
  threads: number;
  messages: number;
  products: number;
  orders: number;
}

const MINUTE = 60_000;

/**
 * Fills an EMPTY store with the demo shop, as events like any other change, so a desktop replays it the usual
 * way. "Minutes ago" become timestamps from the store's clock. Returns null (and writes nothing) when the store
 * already holds anything: the demo is loaded once, never over real or earlier data.
 */
export async function seedDemoShop(
  store: Store,
  shop: DemoShop,
  ownerId: string,
  log: Log,
  sort?: SortHook,
): Promise<Seeded | null> {
  const now = store.now();
  const at = (minutesAgo: number) => Math.round(now - minutesAgo * MINUTE);
  const { value } = await store.write(async (tx) => {
    if ((await holdsConversations(tx)) || (await countContacts(tx)) > 0)
      return { value: null, events: [], actor: 'system' };
    const events: EventBody[] = [];
    const contacts = new Map<string, Contact>();
    const firstSeen = firstSeenByCustomer(shop, at);
    for (const c of shop.customers) {
      const contact: Contact = { ...c, id: `ct_demo_${c.id}`, createdAt: firstSeen.get(c.id) ?? now };
      contacts.set(c.id, contact);
      await insertContact(tx, contact, 'sandbox');
      events.push({ type: 'contact.upserted', contact });
    }
    for (const product of shop.products) await saveProduct(tx, product);
    const prices = new Map(shop.products.map((p) => [p.sku, p.price]));
    let orders = 0;
    for (const o of shop.orders) {
      const contact = contacts.get(o.customerId);
      if (!contact) {
        log(`demo shop: order ${o.number} names an unknown customer ${o.customerId}; skipped`);
        continue;
      }
      const items = o.items.map((i) => ({ ...i, unitPrice: prices.get(i.sku) ?? 0 }));
      const order: Order = {
        number: o.number,
        contactId: contact.id,
        status: o.status,
        createdAt: at(o.minutesAgo),
        items,
        total: Math.round(items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0) * 100) / 100,
        currency: shop.shop.currency,
        trackingUrl: o.trackingUrl,
      };
      await saveOrder(tx, order, {
        customer: { name: contact.name, email: contact.email, phone: contact.phone ? toE164(contact.phone) : null },
        shippingAddress: o.shippingAddress ?? null,
        ...(o.shipments && { shipments: o.shipments }),
      });
      orders += 1;
    }
    let threads = 0;
    let messages = 0;
    for (const [index, conversation] of shop.conversations.entries()) {
      const contact = contacts.get(conversation.customerId);
      if (!contact) {
        log(`demo shop: conversation ${index + 1} names an unknown customer ${conversation.customerId}; skipped`);
        continue;
      }
      const threadId = `th_demo_${index + 1}`;
      const lines = conversation.messages
        .map((m, position) => ({ ...m, position }))
        // Oldest first; the file's order breaks ties between messages written in the same minute.
        .sort((a, b) => b.minutesAgo - a.minutesAgo || a.position - b.position);
      const thread: Message[] = lines.map((line, j) => ({
        ...demoMessage(threadId, j, line, contact, ownerId, at),
        ...(line.cart && { content: cartOf(line.cart, shop) }),
      }));
      const [first, ...rest] = thread;
      if (!first) continue;
      let summary: Thread = rest.reduce(withMessage, threadFor(threadId, contact.id, contact.channel, first));
      summary = {
        ...summary,
        status: conversation.status,
        assigneeId: conversation.assignedToMe ? ownerId : null,
        unreadCount: conversation.status === 'resolved' ? 0 : summary.unreadCount,
      };
      // The demo opens sorted, as if each customer message had just arrived, in order: labels, suggestions and
      // priority carry from one to the next; status and assignment stay the demo file's.
      const sortingEvents: EventBody[] = [];
      if (sort) {
        for (const [j, message] of thread.entries()) {
          if (message.direction !== 'in') continue;
          const sorted = await sort(tx, {
            message,
            thread: summary,
            previousStatus: summary.status,
            contact,
            firstMessage: false,
          });
          const { labels, suggestions, priority, spam } = sorted.thread;
          summary = normalizeThread({ ...summary, labels, suggestions, priority, spam });
          thread[j] = sorted.message;
          sortingEvents.push(...sorted.events);
        }
      }
      await saveThread(tx, summary);
      events.push({ type: 'thread.upserted', thread: summary });
      for (const message of thread) {
        await insertMessage(tx, message);
        events.push({ type: 'message.added', message });
      }
      events.push(...sortingEvents);
      threads += 1;
      messages += thread.length;
    }
    const seeded: Seeded = {
      contacts: contacts.size,
      threads,
      messages,
      products: shop.products.length,
      orders,
    };
    return { value: seeded, events, actor: 'system' };
  });
  return value;
}

function demoMessage(
  threadId: string,
  index: number,
  line: { from: 'customer' | 'agent'; text: string; minutesAgo: number },
  contact: Contact,
  ownerId: string,
  at: (minutesAgo: number) => number,
): Message {
  const id = `msg_${threadId.slice('th_'.length)}_${index + 1}`;
  const fromCustomer = line.from === 'customer';
  return {
    id,
    threadId,
    direction: fromCustomer ? 'in' : 'out',
    author: fromCustomer ? { kind: 'customer', contactId: contact.id } : { kind: 'agent', agentId: ownerId },
    text: line.text,
    ts: at(line.minutesAgo),
    status: fromCustomer ? 'delivered' : 'read',
    error: null,
    provider: 'sandbox',
    providerMessageId: fromCustomer ? `demo_${id}` : `sbx_out_${id}`,
    clientId: null,
  };
}

/** A cart from the chat, priced from the catalogue like WhatsApp's order message (which names products by id). */
function cartOf(cart: readonly { sku: string; quantity: number }[], shop: DemoShop): MessageContent {
  return {
    kind: 'order',
    catalogId: null,
    items: cart.map(({ sku, quantity }) => {
      const product = shop.products.find((p) => p.sku === sku);
      return {
        productId: sku,
        ...(product && { name: product.name }),
        quantity,
        unitPrice: product?.price ?? 0,
        currency: product?.currency ?? shop.shop.currency,
      };
    }),
  };
}

/** A demo customer "joined" at their first message or order. */
function firstSeenByCustomer(shop: DemoShop, at: (minutesAgo: number) => number): Map<string, number> {
  const first = new Map<string, number>();
  const see = (customerId: string, ts: number) => first.set(customerId, Math.min(first.get(customerId) ?? ts, ts));
  for (const o of shop.orders) see(o.customerId, at(o.minutesAgo));
  for (const c of shop.conversations) for (const m of c.messages) see(c.customerId, at(m.minutesAgo));
  return first;
}

/** Anything in the log but the default labels a new workspace starts with. */
async function holdsConversations(tx: SqlExecutor): Promise<boolean> {
  const rows = await tx.query(`SELECT 1 FROM events WHERE type <> 'label.upserted' LIMIT 1`);
  return rows.length > 0;
}
