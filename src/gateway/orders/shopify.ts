import { z } from 'zod';
import { AddressSchema, ShopOrderSchema, type Address, type ShopOrder } from '../../core';
import { sleep, type FetchLike, type RetryPolicy } from './http';
import { amount, joinName, splitName, toE164 } from './people';
import { createShopifyGraphql, type ShopifyGraphql } from './shopify-graphql';
import { sourceFailure, type CustomerQuery, type OrderSource, type SourceResult } from './source';
import { shopifyStatus } from './status';

/**
 * Orders from a Shopify store through the Admin GraphQL API. Calls and mapping are in docs/orders-sources.md.
 * Needs the read_orders, write_orders and read_customers scopes (Shopify only shows the last 60 days of orders
 * without read_all_orders).
 */

export interface ShopifySourceOptions {
  /** "my-shop.myshopify.com". Tests may pass "http://127.0.0.1:port" to reach a local fake. */
  storeDomain: string;
  accessToken: string;
  /** A stable Admin API version; orderCancel's refundMethod argument needs 2025-07 or later. */
  apiVersion?: string;
  fetch?: FetchLike;
  retry?: RetryPolicy;
  /** Line items fetched per page (Shopify allows up to 250); 50 by default. */
  lineItemsPageSize?: number;
  /** Line items past this many are not fetched (a huge B2B order would cost pages of calls); 250 by default. */
  maxLineItems?: number;
  /** What cancelling does besides cancelling: refund to the original payment methods, restock, email the customer. */
  cancel?: { refund?: boolean; restock?: boolean; notifyCustomer?: boolean };
}

export const DEFAULT_SHOPIFY_API_VERSION = '2025-10';

const ORDER_FIELDS = `
fragment ComptoirLineItems on LineItemConnection {
  nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } }
  pageInfo { hasNextPage endCursor }
}
fragment ComptoirOrder on Order {
  id
  name
  createdAt
  cancelledAt
  email
  phone
  displayFinancialStatus
  displayFulfillmentStatus
  customer { displayName }
  totalPriceSet { shopMoney { amount currencyCode } }
  lineItems(first: $lineItemsFirst) { ...ComptoirLineItems }
  fulfillments(first: 20) { status displayStatus trackingInfo(first: 10) { company number url } }
  shippingAddress { name firstName lastName address1 address2 city zip province provinceCode countryCodeV2 phone }
}`;

const ORDERS_QUERY = `query ComptoirOrders($query: String!, $first: Int!, $after: String, $lineItemsFirst: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes { ...ComptoirOrder }
    pageInfo { hasNextPage endCursor }
  }
}
${ORDER_FIELDS}`;

const ORDER_QUERY = `query ComptoirOrder($id: ID!, $lineItemsFirst: Int!) {
  order(id: $id) { ...ComptoirOrder }
}
${ORDER_FIELDS}`;

const LINE_ITEMS_QUERY = `query ComptoirOrderLineItems($id: ID!, $lineItemsFirst: Int!, $after: String) {
  order(id: $id) { lineItems(first: $lineItemsFirst, after: $after) { ...ComptoirLineItems } }
}
fragment ComptoirLineItems on LineItemConnection {
  nodes { sku name quantity originalUnitPriceSet { shopMoney { amount } } }
  pageInfo { hasNextPage endCursor }
}`;

const CUSTOMERS_BY_PHONE_QUERY = `query ComptoirCustomersByPhone($query: String!) {
  customers(first: 10, query: $query) { nodes { id } }
}`;

const CANCEL_MUTATION = `mutation ComptoirOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $notifyCustomer: Boolean, $refundMethod: OrderCancelRefundMethodInput) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, notifyCustomer: $notifyCustomer, refundMethod: $refundMethod) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

const JOB_QUERY = `query ComptoirJob($id: ID!) { job(id: $id) { id done } }`;

const UPDATE_MUTATION = `mutation ComptoirOrderUpdate($input: OrderInput!, $lineItemsFirst: Int!) {
  orderUpdate(input: $input) {
    order { ...ComptoirOrder }
    userErrors { field message }
  }
}
${ORDER_FIELDS}`;

// Shapes of the answers, as the Order object documents them (admin-graphql/latest/objects/Order).
const Money = z.object({ amount: z.union([z.string(), z.number()]) });
const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const LineItems = z.object({
  nodes: z.array(
    z.object({
      sku: z.string().nullable(),
      name: z.string(),
      quantity: z.number().int(),
      originalUnitPriceSet: z.object({ shopMoney: Money }),
    }),
  ),
  pageInfo: PageInfo,
});
const MailingAddress = z.object({
  name: z.string().nullable().optional(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
  address1: z.string().nullable().optional(),
  address2: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  zip: z.string().nullable().optional(),
  province: z.string().nullable().optional(),
  provinceCode: z.string().nullable().optional(),
  countryCodeV2: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});
const OrderNode = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  displayFinancialStatus: z.string().nullable(),
  displayFulfillmentStatus: z.string().nullable(),
  customer: z.object({ displayName: z.string().nullable().optional() }).nullable().optional(),
  totalPriceSet: z.object({ shopMoney: Money.extend({ currencyCode: z.string() }) }),
  lineItems: LineItems,
  fulfillments: z.array(
    z.object({
      status: z.string().nullable().optional(),
      displayStatus: z.string().nullable().optional(),
      trackingInfo: z.array(
        z.object({ company: z.string().nullable(), number: z.string().nullable(), url: z.string().nullable() }),
      ),
    }),
  ),
  shippingAddress: MailingAddress.nullable(),
});
type OrderNode = z.infer<typeof OrderNode>;

const OrdersData = z.object({ orders: z.object({ nodes: z.array(OrderNode), pageInfo: PageInfo }) });
const OrderData = z.object({ order: OrderNode.nullable() });
const LineItemsData = z.object({ order: z.object({ lineItems: LineItems }).nullable() });
const CustomersData = z.object({ customers: z.object({ nodes: z.array(z.object({ id: z.string() })) }) });
const UserErrors = z.array(z.object({ field: z.array(z.string()).nullable().optional(), message: z.string() }));
const CancelData = z.object({
  orderCancel: z
    .object({
      job: z.object({ id: z.string(), done: z.boolean() }).nullable(),
      orderCancelUserErrors: UserErrors,
    })
    .nullable(),
});
const JobData = z.object({ job: z.object({ id: z.string(), done: z.boolean() }).nullable() });
const UpdateData = z.object({
  orderUpdate: z.object({ order: OrderNode.nullable(), userErrors: UserErrors }).nullable(),
});

/** Order names customers type: "1042", "FR-1042". Anything else (spaces, quotes, colons) would widen the search. */
const ORDER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const ORDER_GID = /^gid:\/\/shopify\/Order\/\d+$/;

/** A value for Shopify's search syntax, quoted so "@", "+" and "." are taken literally (api/usage/search-syntax). */
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function createShopifySource(options: ShopifySourceOptions): OrderSource {
  const graphql: ShopifyGraphql = createShopifyGraphql({
    storeDomain: options.storeDomain,
    accessToken: options.accessToken,
    apiVersion: options.apiVersion ?? DEFAULT_SHOPIFY_API_VERSION,
    fetch: options.fetch ?? fetch,
    retry: options.retry,
  });
  const pageSize = Math.min(250, Math.max(1, options.lineItemsPageSize ?? 50));
  const maxLineItems = options.maxLineItems ?? 250;
  const cancelOptions = { refund: true, restock: true, notifyCustomer: true, ...options.cancel };

  /** The order with all its line items (up to maxLineItems), mapped; bad_response when it does not fit ours. */
  async function complete(node: OrderNode, signal: AbortSignal): Promise<SourceResult<ShopOrder>> {
    const items = [...node.lineItems.nodes];
    let page = node.lineItems.pageInfo;
    while (page.hasNextPage && page.endCursor && items.length < maxLineItems) {
      const more = await graphql(
        LINE_ITEMS_QUERY,
        { id: node.id, lineItemsFirst: pageSize, after: page.endCursor },
        LineItemsData,
        signal,
      );
      if (!more.ok) return more;
      if (!more.value.order) break;
      items.push(...more.value.order.lineItems.nodes);
      page = more.value.order.lineItems.pageInfo;
    }
    return mapShopifyOrder({ ...node, lineItems: { nodes: items.slice(0, maxLineItems), pageInfo: page } });
  }

  async function completeAll(nodes: OrderNode[], signal: AbortSignal): Promise<SourceResult<ShopOrder[]>> {
    const orders: ShopOrder[] = [];
    for (const node of nodes) {
      const order = await complete(node, signal);
      if (!order.ok) return order;
      orders.push(order.value);
    }
    return { ok: true, value: orders };
  }

  /** Up to `limit` orders matching a search, newest first, following the cursor as needed. */
  async function search(query: string, limit: number, signal: AbortSignal): Promise<SourceResult<OrderNode[]>> {
    const nodes: OrderNode[] = [];
    let after: string | null = null;
    do {
      const first = Math.min(50, limit - nodes.length);
      const page: SourceResult<z.infer<typeof OrdersData>> = await graphql(
        ORDERS_QUERY,
        { query, first, after, lineItemsFirst: pageSize },
        OrdersData,
        signal,
      );
      if (!page.ok) return page;
      nodes.push(...page.value.orders.nodes);
      const info: z.infer<typeof PageInfo> = page.value.orders.pageInfo;
      after = info.hasNextPage ? info.endCursor : null;
    } while (after && nodes.length < limit);
    return { ok: true, value: nodes.slice(0, limit) };
  }

  async function orderById(id: string, signal: AbortSignal): Promise<SourceResult<ShopOrder>> {
    const found = await graphql(ORDER_QUERY, { id, lineItemsFirst: pageSize }, OrderData, signal);
    if (!found.ok) return found;
    if (!found.value.order) return sourceFailure('not_found', `Shopify has no order ${id}`);
    return complete(found.value.order, signal);
  }

  /** orderCancel runs as a job (OrderCancelPayload.job): wait briefly for it so the order we return shows it. */
  async function waitForJob(id: string, signal: AbortSignal): Promise<SourceResult<void>> {
    for (let i = 0; i < 5; i++) {
      const job = await graphql(JOB_QUERY, { id }, JobData, signal);
      if (!job.ok) return job;
      if (!job.value.job || job.value.job.done) return { ok: true, value: undefined };
      if (!(await sleep(200 * (i + 1), signal))) break;
    }
    return { ok: true, value: undefined }; // still queued: the order is returned as Shopify shows it now
  }

  return {
    kind: 'shopify',
    abilities: { cancel: true, updateAddress: true, createFromCart: false },

    async byNumber(number, signal) {
      const wanted = number.trim().replace(/^#/, '');
      if (!ORDER_NUMBER.test(wanted)) return { ok: true, value: null };
      // Order names carry the shop's prefix ("#1042" by default): ask for both spellings, keep the exact one.
      const found = await search(`name:${quoted(`#${wanted}`)} OR name:${quoted(wanted)}`, 5, signal);
      if (!found.ok) return found;
      const exact = found.value.find((o) => o.name.replace(/^#/, '').toLowerCase() === wanted.toLowerCase());
      return exact ? complete(exact, signal) : { ok: true, value: null };
    },

    async byCustomer(query: CustomerQuery, signal, limit = 10) {
      const max = Math.max(1, Math.min(limit, 250));
      const terms: string[] = [];
      const email = query.email?.trim();
      if (email) terms.push(`email:${quoted(email)}`);
      const phone = query.phone?.trim();
      if (phone && /^\+[1-9]\d{6,14}$/.test(phone)) {
        // Orders cannot be searched by phone; customers can (queries/customers, `phone`). Their orders follow.
        const customers = await graphql(
          CUSTOMERS_BY_PHONE_QUERY,
          { query: `phone:${quoted(phone)}` },
          CustomersData,
          signal,
        );
        if (!customers.ok) return customers;
        for (const { id } of customers.value.customers.nodes) {
          const numeric = /\/(\d+)$/.exec(id)?.[1];
          if (numeric) terms.push(`customer_id:${numeric}`);
        }
      }
      if (terms.length === 0) return { ok: true, value: [] };
      const found = await search(terms.join(' OR '), max, signal);
      if (!found.ok) return found;
      return completeAll(found.value, signal);
    },

    async cancel(orderId, signal) {
      if (!ORDER_GID.test(orderId)) return sourceFailure('not_found', `"${orderId}" is not a Shopify order id`);
      const variables = {
        orderId,
        reason: 'CUSTOMER',
        restock: cancelOptions.restock,
        notifyCustomer: cancelOptions.notifyCustomer,
        refundMethod: { originalPaymentMethodsRefund: cancelOptions.refund },
      };
      const result = await graphql(CANCEL_MUTATION, variables, CancelData, signal);
      if (!result.ok) return result;
      const payload = result.value.orderCancel;
      if (!payload) return sourceFailure('bad_response', 'Shopify returned no orderCancel payload');
      if (payload.orderCancelUserErrors.length > 0) {
        const message = payload.orderCancelUserErrors.map((e) => e.message).join('; ');
        return sourceFailure('refused', `Shopify refused to cancel: ${message}`);
      }
      if (payload.job && !payload.job.done) {
        const waited = await waitForJob(payload.job.id, signal);
        if (!waited.ok) return waited;
      }
      return orderById(orderId, signal);
    },

    async updateShippingAddress(orderId, address, signal) {
      if (!ORDER_GID.test(orderId)) return sourceFailure('not_found', `"${orderId}" is not a Shopify order id`);
      const input = { id: orderId, shippingAddress: toMailingAddressInput(address) };
      const result = await graphql(UPDATE_MUTATION, { input, lineItemsFirst: pageSize }, UpdateData, signal);
      if (!result.ok) return result;
      const payload = result.value.orderUpdate;
      if (!payload) return sourceFailure('bad_response', 'Shopify returned no orderUpdate payload');
      if (payload.userErrors.length > 0) {
        const message = payload.userErrors.map((e) => e.message).join('; ');
        const missing = payload.userErrors.some((e) => e.field?.includes('id'));
        return sourceFailure(missing ? 'not_found' : 'refused', `Shopify refused the address: ${message}`);
      }
      if (!payload.order) return sourceFailure('not_found', `Shopify has no order ${orderId}`);
      return complete(payload.order, signal);
    },
  };
}

/** Our Address as Shopify's MailingAddressInput (countryCode, provinceCode, zip...). */
export function toMailingAddressInput(address: Address): Record<string, string | null> {
  const { first, last } = splitName(address.name);
  return {
    firstName: first || null,
    lastName: last,
    address1: address.line1,
    address2: address.line2,
    city: address.city,
    zip: address.postalCode,
    provinceCode: address.region,
    countryCode: address.country.toUpperCase(),
    phone: address.phone,
  };
}

function mapAddress(a: z.infer<typeof MailingAddress> | null): Address | null {
  if (!a) return null;
  const parsed = AddressSchema.safeParse({
    name: a.name?.trim() || joinName(a.firstName, a.lastName) || '',
    line1: a.address1 ?? '',
    line2: a.address2?.trim() || null,
    city: a.city ?? '',
    postalCode: a.zip ?? '',
    region: a.provinceCode?.trim() || a.province?.trim() || null,
    country: a.countryCodeV2 ?? '',
    phone: a.phone?.trim() || null,
  });
  return parsed.success ? parsed.data : null;
}

/** One Shopify Order node as our ShopOrder; bad_response when it cannot be one (a negative total, no currency). */
export function mapShopifyOrder(node: OrderNode): SourceResult<ShopOrder> {
  const live = node.fulfillments.filter((f) => f.status !== 'CANCELLED');
  const shippingAddress = mapAddress(node.shippingAddress);
  const country = node.shippingAddress?.countryCodeV2 ?? null;
  const candidate: ShopOrder = {
    id: node.id,
    number: node.name.replace(/^#/, ''),
    source: 'shopify',
    status: shopifyStatus({
      cancelledAt: node.cancelledAt,
      displayFinancialStatus: node.displayFinancialStatus,
      displayFulfillmentStatus: node.displayFulfillmentStatus,
      fulfillmentDisplayStatuses: live.map((f) => f.displayStatus ?? null),
    }),
    financialStatus: node.displayFinancialStatus,
    fulfillmentStatus: node.displayFulfillmentStatus,
    createdAt: Date.parse(node.createdAt),
    customer: {
      name: node.customer?.displayName?.trim() || shippingAddress?.name || null,
      email: node.email?.trim() || null,
      phone: toE164(node.phone, country),
    },
    items: node.lineItems.nodes.map((item) => ({
      sku: item.sku?.trim() || null,
      name: item.name,
      quantity: item.quantity,
      unitPrice: amount(item.originalUnitPriceSet.shopMoney.amount) ?? Number.NaN,
    })),
    total: amount(node.totalPriceSet.shopMoney.amount) ?? Number.NaN,
    currency: node.totalPriceSet.shopMoney.currencyCode,
    shipments: live.flatMap((f) =>
      f.trackingInfo.map((t) => ({ company: t.company ?? null, number: t.number ?? null, url: t.url ?? null })),
    ),
    shippingAddress,
    cancelledAt: node.cancelledAt ? Date.parse(node.cancelledAt) : null,
  };
  const parsed = ShopOrderSchema.safeParse(candidate);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    return sourceFailure('bad_response', `Shopify order ${node.name} cannot be shown (unexpected ${path})`);
  }
  return { ok: true, value: parsed.data };
}
