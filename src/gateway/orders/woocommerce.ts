import { z } from 'zod';
import { AddressSchema, ShopOrderSchema, type Address, type ShopOrder } from '../../core';
import {
  describe,
  requestJson,
  retryAfterMs,
  statusFailure,
  withRetries,
  type Attempt,
  type FetchLike,
  type JsonAnswer,
  type JsonRequest,
  type RetryPolicy,
} from './http';
import { amount, joinName, samePhone, splitName, toE164 } from './people';
import { sourceFailure, type CustomerQuery, type OrderSource, type SourceResult } from './source';
import { wooStatus } from './status';

/**
 * Orders from a WooCommerce shop through its REST API v3 (woocommerce.github.io/woocommerce-rest-api-docs):
 * /wp-json/wc/v3/orders. Calls, authentication and mapping are in docs/orders-sources.md.
 */

export interface WooCommerceSourceOptions {
  /** "https://shop.example" (the WordPress site, without /wp-json). http:// only for localhost (tests). */
  siteUrl: string;
  consumerKey: string;
  consumerSecret: string;
  /**
   * 'basic' (default): HTTP Basic with key and secret, as the docs describe over HTTPS. 'query': the documented
   * fallback for servers that drop the Authorization header, consumer_key/consumer_secret in the query string.
   */
  auth?: 'basic' | 'query';
  fetch?: FetchLike;
  retry?: RetryPolicy;
  /** Orders per page when searching (Woo allows 1 to 100); 20 by default. */
  pageSize?: number;
  /** Pages read at most when a search has to be filtered on our side; 5 by default. */
  maxPages?: number;
}

// The order resource (rest-api-docs "Order properties"); only what we read, the rest passes through.
const WooAddress = z.object({
  first_name: z.string().optional().catch(''),
  last_name: z.string().optional().catch(''),
  company: z.string().optional().catch(''),
  address_1: z.string().optional().catch(''),
  address_2: z.string().optional().catch(''),
  city: z.string().optional().catch(''),
  state: z.string().optional().catch(''),
  postcode: z.string().optional().catch(''),
  country: z.string().optional().catch(''),
  email: z.string().nullable().optional().catch(null),
  phone: z.string().nullable().optional().catch(null),
});
type WooAddress = z.infer<typeof WooAddress>;

const WooOrder = z.object({
  id: z.number().int(),
  number: z.union([z.string(), z.number()]).transform(String),
  status: z.string(),
  currency: z.string(),
  date_created_gmt: z.string(),
  date_paid_gmt: z.string().nullable().optional(),
  total: z.union([z.string(), z.number()]),
  customer_id: z.number().optional(),
  billing: WooAddress.optional().catch({}),
  shipping: WooAddress.optional().catch({}),
  line_items: z.array(
    z.object({
      name: z.string(),
      quantity: z.number(),
      sku: z.string().nullable().optional(),
      price: z.union([z.string(), z.number()]).nullable().optional(),
      total: z.union([z.string(), z.number()]).optional(),
    }),
  ),
  meta_data: z
    .array(z.object({ key: z.string(), value: z.unknown() }))
    .optional()
    .catch([]),
});
type WooOrder = z.infer<typeof WooOrder>;

// Woo's error body, a WP_Error as the REST server renders it: {code, message, data:{status}}.
const WooError = z.object({ code: z.string(), message: z.string().optional() });

// The Shipment Tracking extension's order meta (woocommerce.com/document/shipment-tracking, "REST API").
const TrackingItem = z.object({
  tracking_provider: z.string().optional().nullable(),
  custom_tracking_provider: z.string().optional().nullable(),
  custom_tracking_link: z.string().optional().nullable(),
  tracking_number: z.string().optional().nullable(),
});

const ORDER_ID = /^\d{1,18}$/;
const ORDER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export function createWooCommerceSource(options: WooCommerceSourceOptions): OrderSource {
  const site = new URL(options.siteUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(site.hostname);
  if (site.protocol !== 'https:' && !(site.protocol === 'http:' && loopback)) {
    // Over plain HTTP Woo wants OAuth 1.0a signatures; Basic or query keys there would travel in clear text.
    throw new Error('WooCommerce site URL must be https:// (http:// is only accepted for localhost)');
  }
  const base = `${site.origin}${site.pathname.replace(/\/+$/, '')}/wp-json/wc/v3`;
  const doFetch = options.fetch ?? fetch;
  const authMode = options.auth ?? 'basic';
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 20));
  const maxPages = options.maxPages ?? 5;
  const basic = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;

  function urlFor(path: string, params: Record<string, string | number> = {}): string {
    const url = new URL(`${base}${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
    if (authMode === 'query') {
      url.searchParams.set('consumer_key', options.consumerKey);
      url.searchParams.set('consumer_secret', options.consumerSecret);
    }
    return url.toString();
  }

  /** One call with rate-limit retries; `notFound` turns Woo's "invalid id" 404 into a result of its own. */
  async function call(
    method: 'GET' | 'PUT',
    path: string,
    signal: AbortSignal,
    params: Record<string, string | number> = {},
    body?: unknown,
  ): Promise<SourceResult<JsonAnswer | 'not_found'>> {
    const request: JsonRequest = {
      method,
      url: urlFor(path, params),
      headers: authMode === 'basic' ? { authorization: basic } : {},
      body,
    };
    const attempt = async (): Promise<Attempt<JsonAnswer | 'not_found'>> => {
      const answer = await requestJson(doFetch, request, signal);
      if (!answer.ok) return { done: answer };
      const { status, headers, json } = answer.value;
      if (status >= 200 && status < 300) return { done: answer };
      const error = WooError.safeParse(json);
      const detail = error.success ? `${error.data.message ?? ''} (${error.data.code})`.trim() : null;
      if (status === 429) {
        return {
          retryInMs: retryAfterMs(headers.get('retry-after')) ?? 1000,
          failure: statusFailure(429, 'WooCommerce', detail),
        };
      }
      if (status === 404 && error.success && error.data.code === 'woocommerce_rest_shop_order_invalid_id') {
        return { done: { ok: true, value: 'not_found' } };
      }
      if (status === 404 && error.success && error.data.code === 'rest_no_route') {
        const message = `no WooCommerce REST API at ${describe(request)} (check the site URL and that WooCommerce is active)`;
        return { done: sourceFailure('unreachable', message) };
      }
      if (status === 404)
        return { done: sourceFailure('not_found', `WooCommerce answered HTTP 404${detail ? `: ${detail}` : ''}`) };
      return { done: statusFailure(status, 'WooCommerce', detail) };
    };
    return withRetries(attempt, signal, options.retry);
  }

  async function getOrder(id: string, signal: AbortSignal): Promise<SourceResult<WooOrder | null>> {
    const answer = await call('GET', `/orders/${id}`, signal);
    if (!answer.ok) return answer;
    if (answer.value === 'not_found') return { ok: true, value: null };
    return parseOrder(answer.value.json);
  }

  /**
   * Orders matching `search` (Woo's own full-text search over the order's addresses, email and phone), newest
   * first, keeping those `keep` accepts, until `limit` are kept or the pages (X-WP-TotalPages) run out.
   */
  async function searchOrders(
    search: string,
    keep: (order: WooOrder) => boolean,
    limit: number,
    signal: AbortSignal,
  ): Promise<SourceResult<WooOrder[]>> {
    const kept: WooOrder[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const params = { search, page, per_page: pageSize, orderby: 'date', order: 'desc' };
      const answer = await call('GET', '/orders', signal, params);
      if (!answer.ok) return answer;
      if (answer.value === 'not_found') break;
      const list = z.array(z.unknown()).safeParse(answer.value.json);
      if (!list.success)
        return sourceFailure('bad_response', 'WooCommerce answered the order search with something else than a list');
      for (const item of list.data) {
        const order = parseOrder(item);
        if (!order.ok) return order;
        if (keep(order.value)) kept.push(order.value);
        if (kept.length >= limit) return { ok: true, value: kept };
      }
      const totalPages = Number(answer.value.headers.get('x-wp-totalpages') ?? '1');
      if (!Number.isFinite(totalPages) || page >= totalPages || list.data.length === 0) break;
    }
    return { ok: true, value: kept };
  }

  async function update(orderId: string, body: unknown, signal: AbortSignal): Promise<SourceResult<ShopOrder>> {
    const answer = await call('PUT', `/orders/${orderId}`, signal, {}, body);
    if (!answer.ok) return answer;
    if (answer.value === 'not_found') return sourceFailure('not_found', `WooCommerce has no order ${orderId}`);
    const order = parseOrder(answer.value.json);
    return order.ok ? mapWooOrder(order.value) : order;
  }

  return {
    kind: 'woocommerce',
    abilities: { cancel: true, updateAddress: true, createFromCart: false },

    async byNumber(number, signal) {
      const wanted = number.trim().replace(/^#/, '');
      if (!ORDER_NUMBER.test(wanted)) return { ok: true, value: null };
      // Usually the number is the id; an order-number plugin can make them differ, so the number must match too.
      if (ORDER_ID.test(wanted)) {
        const byId = await getOrder(wanted, signal);
        if (!byId.ok) return byId;
        if (byId.value && byId.value.number === wanted) return mapWooOrder(byId.value);
      }
      const found = await searchOrders(wanted, (o) => o.number === wanted, 1, signal);
      if (!found.ok) return found;
      const first = found.value[0];
      return first ? mapWooOrder(first) : { ok: true, value: null };
    },

    async byCustomer(query: CustomerQuery, signal, limit = 10) {
      const max = Math.max(1, Math.min(limit, 100));
      const byId = new Map<number, WooOrder>();
      const email = query.email?.trim().toLowerCase();
      if (email) {
        const found = await searchOrders(email, (o) => o.billing?.email?.trim().toLowerCase() === email, max, signal);
        if (!found.ok) return found;
        for (const o of found.value) byId.set(o.id, o);
      }
      const phone = query.phone?.trim();
      if (phone && /^\+[1-9]\d{6,14}$/.test(phone)) {
        // Woo stores the phone as typed ("06 12 34 56 78"): search on the last digits, then compare in full.
        const matches = (o: WooOrder) =>
          samePhone(o.billing?.phone, phone, o.billing?.country) ||
          samePhone(o.shipping?.phone, phone, o.shipping?.country);
        const found = await searchOrders(phone.slice(-8), matches, max, signal);
        if (!found.ok) return found;
        for (const o of found.value) byId.set(o.id, o);
      }
      const orders = [...byId.values()].sort((a, b) => gmt(b.date_created_gmt) - gmt(a.date_created_gmt)).slice(0, max);
      const mapped: ShopOrder[] = [];
      for (const o of orders) {
        const order = mapWooOrder(o);
        if (!order.ok) return order;
        mapped.push(order.value);
      }
      return { ok: true, value: mapped };
    },

    async cancel(orderId, signal) {
      if (!ORDER_ID.test(orderId)) return sourceFailure('not_found', `"${orderId}" is not a WooCommerce order id`);
      const current = await getOrder(orderId, signal);
      if (!current.ok) return current;
      if (!current.value) return sourceFailure('not_found', `WooCommerce has no order ${orderId}`);
      // Woo lets the API set any status; a shipped, refunded or already cancelled order is not ours to cancel.
      if (['completed', 'refunded', 'cancelled'].includes(current.value.status)) {
        return sourceFailure(
          'refused',
          `order ${current.value.number} is ${current.value.status} and cannot be cancelled`,
        );
      }
      return update(orderId, { status: 'cancelled' }, signal);
    },

    async updateShippingAddress(orderId, address, signal) {
      if (!ORDER_ID.test(orderId)) return sourceFailure('not_found', `"${orderId}" is not a WooCommerce order id`);
      return update(orderId, { shipping: toWooAddress(address) }, signal);
    },
  };
}

function parseOrder(json: unknown): SourceResult<WooOrder> {
  const parsed = WooOrder.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const path = parsed.error.issues[0]?.path.join('.') || 'body';
  return sourceFailure('bad_response', `WooCommerce's order does not have the expected shape (at ${path})`);
}

/** Woo's *_gmt dates have no zone ("2024-05-01T09:30:00"); they are UTC. */
function gmt(value: string | null | undefined): number {
  if (!value) return Number.NaN;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

/** Our Address as Woo's shipping object (first_name, address_1, state, postcode...). */
export function toWooAddress(address: Address): Record<string, string> {
  const { first, last } = splitName(address.name);
  return {
    first_name: first,
    last_name: last,
    address_1: address.line1,
    address_2: address.line2 ?? '',
    city: address.city,
    state: address.region ?? '',
    postcode: address.postalCode,
    country: address.country.toUpperCase(),
    phone: address.phone ?? '',
  };
}

function mapAddress(a: WooAddress | undefined): Address | null {
  if (!a || !a.address_1?.trim()) return null;
  const parsed = AddressSchema.safeParse({
    name: joinName(a.first_name, a.last_name) ?? a.company?.trim() ?? '',
    line1: a.address_1,
    line2: a.address_2?.trim() || null,
    city: a.city ?? '',
    postalCode: a.postcode ?? '',
    region: a.state?.trim() || null,
    country: a.country ?? '',
    phone: a.phone?.trim() || null,
  });
  return parsed.success ? parsed.data : null;
}

function shipments(meta: WooOrder['meta_data']): ShopOrder['shipments'] {
  const entry = meta?.find((m) => m.key === '_wc_shipment_tracking_items');
  const items = z.array(TrackingItem).safeParse(entry?.value);
  if (!items.success) return [];
  return items.data.map((t) => ({
    company: t.custom_tracking_provider?.trim() || t.tracking_provider?.trim() || null,
    number: t.tracking_number?.trim() || null,
    url: t.custom_tracking_link?.trim() || null,
  }));
}

/** One Woo order as our ShopOrder; bad_response when it cannot be one (a negative total, a 4-letter currency). */
export function mapWooOrder(order: WooOrder): SourceResult<ShopOrder> {
  const billing = order.billing ?? {};
  const status = order.status;
  const candidate: ShopOrder = {
    id: String(order.id),
    number: order.number,
    source: 'woocommerce',
    status: wooStatus(status, order.date_paid_gmt ?? null),
    financialStatus: status,
    fulfillmentStatus: null,
    createdAt: gmt(order.date_created_gmt),
    customer: {
      name: joinName(billing.first_name, billing.last_name),
      email: billing.email?.trim() || null,
      phone: toE164(billing.phone, billing.country),
    },
    items: order.line_items.map((item) => {
      // `price` is the unit price after discounts; older stores send it as a string, some plugins drop it.
      const unit = amount(item.price ?? null) ?? (amount(item.total ?? null) ?? 0) / Math.max(1, item.quantity);
      return { sku: item.sku?.trim() || null, name: item.name, quantity: item.quantity, unitPrice: unit };
    }),
    total: amount(order.total) ?? Number.NaN,
    currency: order.currency,
    shipments: shipments(order.meta_data),
    shippingAddress: mapAddress(order.shipping),
    cancelledAt: null, // Woo records no cancellation date on the order (only an order note)
  };
  const parsed = ShopOrderSchema.safeParse(candidate);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path.join('.') ?? '';
    return sourceFailure('bad_response', `WooCommerce order ${order.number} cannot be shown (unexpected ${path})`);
  }
  return { ok: true, value: parsed.data };
}
