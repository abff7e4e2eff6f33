import { useMemo } from 'react';
import { z } from 'zod';
import {
  OrderSourceKindSchema,
  ShopOrderSchema,
  type Address,
  type OrderStatus,
  type OrderUpdateTold,
  type Result,
  type ShopOrder,
} from '../../core';
import type { SyncEngine } from '../sync/engine';
import { useServices } from './context';
import { askCommand, mapResult } from './command';

/** What the shop can do besides looking up: the panel hides the buttons it cannot honour. */
const AbilitiesSchema = z.object({ cancel: z.boolean(), updateAddress: z.boolean(), createFromCart: z.boolean() });
export type OrderAbilities = z.infer<typeof AbilitiesSchema>;

const ThreadOrdersSchema = z.object({
  orders: z.array(ShopOrderSchema),
  source: OrderSourceKindSchema,
  abilities: AbilitiesSchema,
});
export type ThreadOrders = z.infer<typeof ThreadOrdersSchema>;

const FoundSchema = z.object({ order: ShopOrderSchema.nullable() });
const MovedSchema = z.object({
  order: ShopOrderSchema,
  told: z.object({
    threadId: z.string().nullable(),
    notified: z.enum(['text', 'template', 'none']),
    reason: z.string().nullable(),
  }),
});
/** `created` false: the cart had been turned into this order already. */
const FromCartSchema = z.object({ order: ShopOrderSchema, created: z.boolean() });
const OrderSchema = z.object({ order: ShopOrderSchema });

/**
 * Orders through the gateway, which holds the shop's credentials: the desktop only ever sees orders. Nothing is
 * kept in the replica: orders change in the shop, and a lookup is cheap (the gateway caches it briefly).
 */
export interface OrdersClient {
  /** The conversation's customer's orders (matched by phone or email), newest first. */
  forThread(threadId: string): Promise<Result<ThreadOrders>>;
  /** Any order by the number the customer uses; null when the shop has none. */
  find(number: string): Promise<Result<ShopOrder | null>>;
  cancel(orderId: string): Promise<Result<ShopOrder>>;
  updateAddress(orderId: string, address: Address): Promise<Result<ShopOrder>>;
  /** The demo shop's back office: moves an order on; the gateway tells the customer and says how. */
  setStatus(orderId: string, status: OrderStatus): Promise<Result<{ order: ShopOrder; told: OrderUpdateTold }>>;
  /** A chat cart turned into an order (the demo shop). */
  fromCart(threadId: string, messageId: string): Promise<Result<{ order: ShopOrder; created: boolean }>>;
}

export function createOrdersClient(sync: Pick<SyncEngine, 'command'>): OrdersClient {
  const asked = <T>(
    name: `orders:${'for-thread' | 'find' | 'cancel' | 'update-address' | 'from-cart' | 'set-status'}`,
    input: unknown,
    schema: z.ZodType<T>,
  ): Promise<Result<T>> => askCommand(sync, name, input, schema);
  const order = (result: Result<{ order: ShopOrder }>): Result<ShopOrder> => mapResult(result, (v) => v.order);
  return {
    forThread: (threadId) => asked('orders:for-thread', { threadId }, ThreadOrdersSchema),
    find: async (number) => mapResult(await asked('orders:find', { number }, FoundSchema), (v) => v.order),
    cancel: async (orderId) => order(await asked('orders:cancel', { orderId }, OrderSchema)),
    updateAddress: async (orderId, address) =>
      order(await asked('orders:update-address', { orderId, address }, OrderSchema)),
    setStatus: (orderId, status) => asked('orders:set-status', { orderId, status }, MovedSchema),
    fromCart: (threadId, messageId) => asked('orders:from-cart', { threadId, messageId }, FromCartSchema),
  };
}

export function useOrdersClient(): OrdersClient {
  const { sync } = useServices();
  return useMemo(() => createOrdersClient(sync), [sync]);
}
