import type { OrderStatus } from '../../core';

/**
 * How each platform's words for an order become our six statuses (pending, paid, shipped, delivered, cancelled,
 * refunded). The platform's own words travel beside ours in `financialStatus` / `fulfillmentStatus`, so the agent
 * still sees "PARTIALLY_REFUNDED" or "on-hold". docs/orders-sources.md has the same tables.
 */

/** Shopify's OrderDisplayFinancialStatus values that mean the customer's money is taken (or held for capture). */
const SHOPIFY_PAID = new Set(['PAID', 'PARTIALLY_PAID', 'PARTIALLY_REFUNDED', 'AUTHORIZED']);

/** OrderDisplayFulfillmentStatus values that mean at least part of the order left the warehouse. */
const SHOPIFY_SHIPPED = new Set(['FULFILLED', 'PARTIALLY_FULFILLED']);

export interface ShopifyStatusInput {
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string | null;
  /** Fulfillment.displayStatus of each fulfillment that was not cancelled (DELIVERED, IN_TRANSIT...). */
  fulfillmentDisplayStatuses: readonly (string | null)[];
}

/**
 * First match wins: cancelled (cancelledAt is set), refunded (REFUNDED), delivered (fulfilled and every live
 * fulfillment's displayStatus is DELIVERED), shipped (FULFILLED or PARTIALLY_FULFILLED), paid (PAID,
 * PARTIALLY_PAID, PARTIALLY_REFUNDED, AUTHORIZED), otherwise pending (PENDING, EXPIRED, VOIDED, unknown).
 */
export function shopifyStatus(input: ShopifyStatusInput): OrderStatus {
  if (input.cancelledAt) return 'cancelled';
  const financial = input.displayFinancialStatus ?? '';
  const fulfillment = input.displayFulfillmentStatus ?? '';
  if (financial === 'REFUNDED') return 'refunded';
  const live = input.fulfillmentDisplayStatuses;
  if (fulfillment === 'FULFILLED' && live.length > 0 && live.every((s) => s === 'DELIVERED')) return 'delivered';
  if (SHOPIFY_SHIPPED.has(fulfillment)) return 'shipped';
  if (SHOPIFY_PAID.has(financial)) return 'paid';
  return 'pending';
}

/**
 * WooCommerce's core statuses (woocommerce.com/document/managing-orders/order-statuses), plus the "shipped" and
 * "delivered" statuses that shipping plugins commonly register.
 */
export const WOO_STATUS_MAP: Readonly<Record<string, OrderStatus>> = {
  pending: 'pending', // awaiting payment
  'on-hold': 'pending', // awaiting payment confirmation (bank transfer, cheque)
  failed: 'pending', // payment failed or declined: still unpaid; the raw status says "failed"
  'checkout-draft': 'pending', // the block checkout's draft, not yet placed
  processing: 'paid', // payment received, to be fulfilled
  completed: 'shipped', // fulfilled; Woo records no delivery
  shipped: 'shipped',
  'partial-shipped': 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  refunded: 'refunded',
};

/** A status Woo (or a plugin) defines that we do not know reads as paid once the order has a payment date. */
export function wooStatus(status: string, datePaid: string | null): OrderStatus {
  return WOO_STATUS_MAP[status] ?? (datePaid ? 'paid' : 'pending');
}
