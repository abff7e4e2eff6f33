import type { Address, OrderSourceKind, ShopOrder } from '../../core';

/**
 * Why a lookup or an action did not happen, in words the Orders panel can show as they are ("the shop did not
 * answer within 4 s"). `retryable` says whether trying again later may help.
 */
export type SourceFailureReason =
  'unreachable' | 'timeout' | 'unauthorized' | 'rate_limited' | 'not_found' | 'refused' | 'bad_response';

export interface SourceFailure {
  ok: false;
  reason: SourceFailureReason;
  message: string;
  retryable: boolean;
}

export type SourceResult<T> = { ok: true; value: T } | SourceFailure;

/** A customer as the conversation knows them; at least one of the two is set. */
export interface CustomerQuery {
  email?: string | null;
  /** E.164, "+33612345678". */
  phone?: string | null;
}

/** What a source can do besides looking up (the panel hides the buttons it cannot honour). */
export interface SourceAbilities {
  cancel: boolean;
  updateAddress: boolean;
  /** Turn a chat cart into an order (the demo shop only). */
  createFromCart: boolean;
}

/**
 * One shop's orders: the demo shop in the gateway's database, Shopify's Admin GraphQL API or WooCommerce's REST
 * API. Every call takes a signal: the caller (see guarded.ts) aborts it when the shop is too slow, so a slow
 * shop never holds the inbox.
 */
export interface OrderSource {
  readonly kind: OrderSourceKind;
  readonly abilities: SourceAbilities;
  /** The order the customer calls by this number ("1042", no '#'), or null when the shop has none. */
  byNumber(number: string, signal: AbortSignal): Promise<SourceResult<ShopOrder | null>>;
  /** The customer's orders, newest first, at most `limit` (default 10). */
  byCustomer(query: CustomerQuery, signal: AbortSignal, limit?: number): Promise<SourceResult<ShopOrder[]>>;
  cancel(orderId: string, signal: AbortSignal): Promise<SourceResult<ShopOrder>>;
  updateShippingAddress(orderId: string, address: Address, signal: AbortSignal): Promise<SourceResult<ShopOrder>>;
}

export const sourceFailure = (reason: SourceFailureReason, message: string, retryable = false): SourceFailure => ({
  ok: false,
  reason,
  message,
  retryable,
});
