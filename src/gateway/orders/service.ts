import {
  fail,
  ok,
  OrderItemSchema,
  orderSummaryOf,
  type Address,
  type OrderStatus,
  type OrderSummary,
  type Result,
  type Shipment,
  type ShopOrder,
  type ThreadOrders,
} from '../../core';
import { UNKNOWN_THREAD } from '../inbox/errors';
import { latestOrder } from '../replies/context';
import { getContact } from '../store/contacts';
import { getMessage } from '../store/messages';
import type { Store } from '../store/store';
import { getThread } from '../store/threads';
import { phoneOf, type DemoSource } from './demo';
import type { OrderSource, SourceResult } from './source';

/**
 * What the socket commands ask of the shop. Answers carry orders only: the source's credentials, hosts and raw
 * answers stay here. A failure is one sentence the panel shows as it is ("the shop did not answer within 4 s").
 */
export interface OrdersService {
  readonly source: OrderSource;
  forThread(threadId: string): Promise<Result<ThreadOrders>>;
  find(number: string): Promise<Result<ShopOrder | null>>;
  cancel(orderId: string): Promise<Result<ShopOrder>>;
  updateAddress(orderId: string, address: Address): Promise<Result<ShopOrder>>;
  /** The demo shop only: the cart message `messageId` of `threadId` becomes an order. */
  fromCart(threadId: string, messageId: string): Promise<Result<{ order: ShopOrder; created: boolean }>>;
  /** What `{{order.*}}` fills from: the customer's newest order, or null. */
  latest(threadId: string): Promise<Result<OrderSummary | null>>;
  /**
   * The demo shop's back office: moves an order on (a parcel is made up for "shipped"). A real shop's orders move
   * in the shop itself.
   */
  setStatus(orderId: string, status: OrderStatus): Promise<Result<ShopOrder>>;
}

export interface OrdersServiceOptions {
  store: Store;
  /** The shop, already guarded (see config.ts). */
  source: OrderSource;
  /** The demo shop when it is the source (it can also match a conversation's contact directly). */
  demo: DemoSource | null;
  /** How many orders a conversation shows. Default 10. */
  limit?: number;
}

const SOURCE_NAMES = { demo: 'the demo shop', shopify: 'Shopify', woocommerce: 'WooCommerce' } as const;

export function createOrdersService({ store, source, demo, limit = 10 }: OrdersServiceOptions): OrdersService {
  const db = store.sql;
  // Commands have no caller signal of their own: the guard's timeout bounds every call.
  const never = () => new AbortController().signal;
  const answer = <T>(result: SourceResult<T>): Result<T> => (result.ok ? ok(result.value) : fail(result.message));

  const forThread = async (threadId: string): Promise<Result<ThreadOrders>> => {
    const thread = await getThread(db, threadId);
    if (!thread) return fail(UNKNOWN_THREAD);
    const contact = await getContact(db, thread.contactId);
    const customer = { phone: contact ? phoneOf(contact) : null, email: contact?.email?.trim() || null };
    const info = { source: source.kind, abilities: source.abilities, customer };
    let result: SourceResult<ShopOrder[]>;
    if (demo) result = await demo.byContact(thread.contactId, customer, limit);
    else if (!customer.phone && !customer.email) return ok({ orders: [], ...info });
    else result = await source.byCustomer(customer, never(), limit);
    return result.ok ? ok({ orders: result.value, ...info }) : fail(result.message);
  };

  return {
    source,
    forThread,
    async find(number) {
      return answer(await source.byNumber(number, never()));
    },
    async cancel(orderId) {
      if (!source.abilities.cancel) return fail(`${SOURCE_NAMES[source.kind]} cannot cancel orders from here`);
      return answer(await source.cancel(orderId, never()));
    },
    async updateAddress(orderId, address) {
      if (!source.abilities.updateAddress)
        return fail(`${SOURCE_NAMES[source.kind]} cannot change an address from here`);
      return answer(await source.updateShippingAddress(orderId, address, never()));
    },
    async fromCart(threadId, messageId) {
      if (!demo || !source.abilities.createFromCart)
        return fail(`${SOURCE_NAMES[source.kind]} cannot turn a chat cart into an order`);
      const message = await getMessage(db, messageId);
      if (!message || message.threadId !== threadId) return fail('unknown message in this conversation');
      if (message.content?.kind !== 'order') return fail('this message is not a cart');
      const items = OrderItemSchema.array().safeParse(message.content.items);
      if (!items.success) return fail('this cart cannot be read');
      return answer(await demo.createOrderFromCart(threadId, items.data, messageId));
    },
    async setStatus(orderId, status) {
      if (!demo) return fail(`orders change in ${SOURCE_NAMES[source.kind]} itself, not from here`);
      const parcel = status === 'shipped' ? demoParcel() : undefined;
      return answer(await demo.setOrderStatus(orderId, status, parcel));
    },
    async latest(threadId) {
      // The demo shop's orders are in this database: read them as {{order.*}} always has.
      if (demo) return latestOrder(db, threadId);
      const found = await forThread(threadId);
      if (!found.ok) return found;
      const order = found.value.orders[0];
      return ok(order ? orderSummaryOf(order) : null);
    },
  };
}

/** A parcel for a demo order marked shipped: a Colissimo-like number and its tracking page. */
function demoParcel(): Shipment {
  const digits = Array.from({ length: 11 }, () => Math.floor(Math.random() * 10)).join('');
  const number = `6A${digits}`;
  return { company: 'Colissimo', number, url: `https://www.laposte.fr/outils/suivre-vos-envois?code=${number}` };
}
