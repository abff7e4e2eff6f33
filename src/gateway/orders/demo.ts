import {
  ShopOrderSchema,
  type Address,
  type OrderItem,
  type OrderStatus,
  type Shipment,
  type ShopOrder,
} from '../../core';
import {
  catalogue,
  nextOrderNumber,
  orderByCartMessage,
  orderByNumber,
  ordersOfCustomer,
  saveOrder,
  updateOrder,
  type OrderRow,
} from '../store/commerce';
import { getContact } from '../store/contacts';
import type { SqlExecutor } from '../store/sql';
import type { Store } from '../store/store';
import { getThread } from '../store/threads';
import { toE164 } from './people';
import { sourceFailure, type CustomerQuery, type OrderSource, type SourceResult } from './source';

/**
 * The demo shop: orders kept in the gateway's own database (seeded from resources/demo/shop.json, or imported
 * from CSV), answering like a real shop would. It is the one source that can turn a chat cart into an order.
 *
 * Order changes do not append to the sync log: the log carries only what every desktop mirrors (contacts,
 * threads, messages, labels, quick replies), and orders are read live from the source, Shopify's as much as the
 * demo's. A message the agent sends about the change is what the conversation keeps.
 */
export interface DemoSource extends OrderSource {
  readonly kind: 'demo';
  /** Orders of a conversation's contact, or recorded under its e-mail or phone, newest first. */
  byContact(contactId: string, query: CustomerQuery, limit?: number): Promise<SourceResult<ShopOrder[]>>;
  /**
   * A new order from a chat cart (WhatsApp's order message: product ids are our skus), for the thread's customer.
   * `cartMessageId` makes it idempotent: the same cart twice is the same order (`created: false`).
   */
  createOrderFromCart(
    threadId: string,
    items: readonly OrderItem[],
    cartMessageId?: string | null,
  ): Promise<SourceResult<{ order: ShopOrder; created: boolean }>>;
  /** Moves an order on (paid, shipped with its parcel, delivered...): what a status update to the customer tells. */
  setOrderStatus(number: string, status: OrderStatus, shipment?: Shipment): Promise<SourceResult<ShopOrder>>;
}

/** Statuses after which the parcel has left (or the order is over): no cancelling, no new address. */
const SETTLED: Partial<Record<OrderStatus, string>> = {
  shipped: 'has already shipped',
  delivered: 'has already been delivered',
  cancelled: 'is already cancelled',
  refunded: 'has been refunded',
};

export function createDemoSource(store: Store): DemoSource {
  const db = store.sql;

  const byNumber = async (number: string): Promise<SourceResult<ShopOrder | null>> => {
    const row = await orderByNumber(db, number.trim().replace(/^#/, ''));
    return row ? checked(db, row) : { ok: true, value: null };
  };

  const many = async (rows: OrderRow[]): Promise<SourceResult<ShopOrder[]>> => {
    const orders: ShopOrder[] = [];
    for (const row of rows) {
      const one = await checked(db, row);
      if (!one.ok) return one;
      orders.push(one.value);
    }
    return { ok: true, value: orders };
  };

  /** Runs a change on one order inside a write, refusing it with the order's reason when `refuse` says so. */
  const change = (
    number: string,
    refuse: (row: OrderRow) => string | null,
    apply: (tx: SqlExecutor, row: OrderRow, now: number) => Promise<void>,
  ): Promise<SourceResult<ShopOrder>> =>
    store
      .write(async (tx) => {
        const row = await orderByNumber(tx, number);
        if (!row)
          return { value: sourceFailure('not_found', `the shop has no order ${number}`), events: [], actor: 'system' };
        const reason = refuse(row);
        if (reason) return { value: sourceFailure('refused', reason), events: [], actor: 'system' };
        await apply(tx, row, store.now());
        const after = await orderByNumber(tx, number);
        return {
          value: after ? await checked(tx, after) : sourceFailure('not_found', `the shop has no order ${number}`),
          events: [],
          actor: 'system',
        };
      })
      .then(({ value }) => value);

  return {
    kind: 'demo',
    abilities: { cancel: true, updateAddress: true, createFromCart: true },
    byNumber: (number) => byNumber(number),
    async byCustomer(query, _signal, limit = 10) {
      return many(await ordersOfCustomer(db, { email: query.email, phone: query.phone }, limit));
    },
    async byContact(contactId, query, limit = 10) {
      return many(await ordersOfCustomer(db, { contactId, email: query.email, phone: query.phone }, limit));
    },
    cancel(orderId) {
      return change(
        orderId,
        (row) => {
          const settled = SETTLED[row.status];
          return settled ? `order ${row.number} ${settled}: it can no longer be cancelled` : null;
        },
        (tx, row, now) => updateOrder(tx, row.number, { status: 'cancelled', cancelledAt: now, updatedAt: now }),
      );
    },
    updateShippingAddress(orderId, address: Address) {
      return change(
        orderId,
        (row) => {
          const settled = SETTLED[row.status];
          return settled ? `order ${row.number} ${settled}: its address can no longer change` : null;
        },
        (tx, row, now) => updateOrder(tx, row.number, { shippingAddress: address, updatedAt: now }),
      );
    },
    async createOrderFromCart(threadId, items, cartMessageId = null) {
      if (items.length === 0) return sourceFailure('refused', 'the cart is empty');
      const currencies = new Set(items.map((i) => i.currency.toUpperCase()));
      if (currencies.size !== 1) return sourceFailure('refused', 'the cart mixes currencies');
      const bad = items.find((i) => !Number.isInteger(i.quantity) || i.quantity <= 0);
      if (bad) return sourceFailure('refused', `the quantity of ${bad.productId} must be a positive whole number`);
      const { value } = await store.write(async (tx) => {
        const none = (failure: SourceResult<{ order: ShopOrder; created: boolean }>) => ({
          value: failure,
          events: [],
          actor: 'system',
        });
        if (cartMessageId) {
          const existing = await orderByCartMessage(tx, cartMessageId);
          if (existing) {
            const order = await checked(tx, existing);
            return none(order.ok ? { ok: true, value: { order: order.value, created: false } } : order);
          }
        }
        const thread = await getThread(tx, threadId);
        if (!thread) return none(sourceFailure('not_found', 'unknown thread'));
        const contact = await getContact(tx, thread.contactId);
        if (!contact) return none(sourceFailure('not_found', 'the conversation has no customer'));
        const known = await catalogue(
          tx,
          items.map((i) => i.productId),
        );
        const missing = items.find((i) => !known.has(i.productId));
        if (missing) return none(sourceFailure('refused', `product ${missing.productId} is not in the catalogue`));
        const lines = items.map((i) => ({
          sku: i.productId,
          name: known.get(i.productId)?.name ?? i.name ?? i.productId,
          quantity: i.quantity,
          // The price the customer saw in the cart is the price they agreed to.
          unitPrice: toCents(i.unitPrice) / 100,
        }));
        const totalCents = items.reduce((sum, i) => sum + toCents(i.unitPrice) * i.quantity, 0);
        const number = await nextOrderNumber(tx);
        const now = store.now();
        await saveOrder(
          tx,
          {
            number,
            contactId: contact.id,
            status: 'pending',
            createdAt: now,
            items: lines,
            total: totalCents / 100,
            currency: [...currencies][0] ?? 'EUR',
            trackingUrl: null,
          },
          {
            customer: { name: contact.name, email: contact.email, phone: phoneOf(contact) },
            updatedAt: now,
            cartMessageId,
          },
        );
        const row = await orderByNumber(tx, number);
        const order = row
          ? await checked(tx, row)
          : sourceFailure('bad_response', 'the new order could not be read back');
        return none(order.ok ? { ok: true, value: { order: order.value, created: true } } : order);
      });
      return value;
    },
    setOrderStatus(number, status, shipment) {
      return change(
        number,
        () => null,
        (tx, row, now) =>
          updateOrder(tx, row.number, {
            status,
            ...(status === 'cancelled' && { cancelledAt: now }),
            ...(shipment && { shipments: [...shipmentsOf(row), shipment] }),
            updatedAt: now,
          }),
      );
    },
  };
}

/** A contact's phone in E.164: the stored one, else a WhatsApp handle (its digits are the phone's). */
export function phoneOf(contact: { channel: string; handle: string; phone: string | null }): string | null {
  const stored = toE164(contact.phone);
  if (stored) return stored;
  if (contact.channel !== 'whatsapp') return null;
  const digits = contact.handle.replace(/\D/g, '');
  return digits.length >= 8 ? `+${digits}` : null;
}

const toCents = (amount: number) => Math.round(amount * 100);

function shipmentsOf(row: OrderRow): Shipment[] {
  if (row.shipments.length > 0) return row.shipments;
  return row.tracking_url ? [{ company: null, number: null, url: row.tracking_url }] : [];
}

/** The shop's words beside ours, as Shopify would show them. */
const FINANCIAL: Record<OrderStatus, string> = {
  pending: 'pending',
  paid: 'paid',
  shipped: 'paid',
  delivered: 'paid',
  cancelled: 'voided',
  refunded: 'refunded',
};
const FULFILMENT: Record<OrderStatus, string> = {
  pending: 'unfulfilled',
  paid: 'unfulfilled',
  shipped: 'fulfilled',
  delivered: 'delivered',
  cancelled: 'unfulfilled',
  refunded: 'unfulfilled',
};

function toShopOrder(row: OrderRow, names: Map<string, string>): unknown {
  return {
    id: row.number,
    number: row.number,
    source: 'demo',
    status: row.status,
    financialStatus: FINANCIAL[row.status] ?? null,
    fulfillmentStatus: FULFILMENT[row.status] ?? null,
    createdAt: Number(row.created_at),
    customer: {
      name: row.customer_name ?? row.contact_name,
      email: row.customer_email ?? row.contact_email,
      phone:
        toE164(row.customer_phone) ??
        (row.contact_channel && row.contact_handle
          ? phoneOf({ channel: row.contact_channel, handle: row.contact_handle, phone: row.contact_phone })
          : null),
    },
    items: row.items.map((i) => ({
      sku: i.sku,
      name: i.name ?? names.get(i.sku) ?? i.sku,
      quantity: i.quantity,
      unitPrice: i.unitPrice,
    })),
    total: Number(row.total),
    currency: row.currency,
    shipments: shipmentsOf(row),
    shippingAddress: row.shipping_address,
    cancelledAt: row.cancelled_at === null ? null : Number(row.cancelled_at),
  };
}

/** A stored row that does not make a valid order (a hand-edited database) is reported, not passed on. */
async function checked(db: SqlExecutor, row: OrderRow): Promise<SourceResult<ShopOrder>> {
  // Seeded and imported lines name their product by sku only: the catalogue gives the name.
  const unnamed = row.items.filter((i) => !i.name).map((i) => i.sku);
  const known = await catalogue(db, [...new Set(unnamed)]);
  const names = new Map([...known].map(([sku, p]) => [sku, p.name]));
  const parsed = ShopOrderSchema.safeParse(toShopOrder(row, names));
  if (parsed.success) return { ok: true, value: parsed.data };
  return sourceFailure('bad_response', `demo order ${row.number} is not a valid order`);
}
