import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server';

/**
 * A local stand-in for a WooCommerce shop's REST API v3, which tests cannot reach: a real HTTP server on 127.0.0.1
 * that speaks the documented wire format (woocommerce.github.io/woocommerce-rest-api-docs) for the calls the
 * WooCommerce source makes:
 * - authentication: HTTP Basic with consumer key and secret, or consumer_key / consumer_secret in the query (the
 *   documented fallback). A wrong key is 401 {code:"woocommerce_rest_authentication_error", message:"Consumer key is
 *   invalid.", data:{status:401}}; none is 401 woocommerce_rest_cannot_view.
 * - GET /wp-json/wc/v3/orders?search&page&per_page&orderby&order: a JSON list, newest first, with the X-WP-Total and
 *   X-WP-TotalPages headers; per_page above 100 is 400 rest_invalid_param. `search` is a case-insensitive substring
 *   of the order's billing and shipping fields (email and phone included) or its number, like Woo's address index.
 * - GET /orders/{id}; PUT /orders/{id} with {status} or {shipping}; an unknown id is 404
 *   {code:"woocommerce_rest_shop_order_invalid_id", message:"Invalid ID.", data:{status:404}}; an unknown route is
 *   404 rest_no_route.
 * - errors are WP_Error bodies {code, message, data:{status}}; 429 carries Retry-After.
 * Orders are stored in the v3 order shape (id, number, status, currency, date_created_gmt, total, billing,
 * shipping, line_items, meta_data), with the Shipment Tracking extension's `_wc_shipment_tracking_items` meta
 * when a test adds tracking.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export type WooOrderJson = Record<string, unknown> & { id: number; number: string; status: string };

export interface FakeWooCommerceOptions {
  consumerKey?: string;
  consumerSecret?: string;
}

export interface FakeWooCommerce {
  /** The site URL to give the source: http://127.0.0.1:port */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  requests: RecordedRequest[];
  /** Adds an order in the v3 shape; `id` follows from n, `number` is the id unless given. */
  addOrder(id: number, fields?: Record<string, unknown>): WooOrderJson;
  order(id: number): WooOrderJson | undefined;
  failNext(n: number, status: number, body?: unknown, headers?: Record<string, string>): void;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft'];

const wpError = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: { code, message, data: { status, ...extra } },
});

export async function startFakeWooCommerce(options: FakeWooCommerceOptions = {}): Promise<FakeWooCommerce> {
  const consumerKey = options.consumerKey ?? 'ck_fake0123456789';
  const consumerSecret = options.consumerSecret ?? 'cs_fake0123456789';
  const requests: RecordedRequest[] = [];
  const orders: WooOrderJson[] = [];
  let failures: { remaining: number; reply: Reply }[] = [];
  let delayMs = 0;

  function authorized(req: IncomingMessage, query: Record<string, string>): 'ok' | 'none' | 'wrong' {
    const header = req.headers.authorization;
    if (header?.startsWith('Basic ')) {
      const [key, secret] = Buffer.from(header.slice(6), 'base64').toString().split(':');
      return key === consumerKey && secret === consumerSecret ? 'ok' : 'wrong';
    }
    if (query.consumer_key !== undefined) {
      return query.consumer_key === consumerKey && query.consumer_secret === consumerSecret ? 'ok' : 'wrong';
    }
    return 'none';
  }

  function searchable(order: WooOrderJson): string {
    const fields = [order.number, String(order.id)];
    for (const part of [order.billing, order.shipping]) {
      if (part && typeof part === 'object') fields.push(...Object.values(part).map(String));
    }
    return fields.join(' ').toLowerCase();
  }

  function list(query: Record<string, string>): Reply {
    const perPage = query.per_page === undefined ? 10 : Number(query.per_page);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): per_page', {
        params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' },
      });
    }
    const pageNumber = query.page === undefined ? 1 : Number(query.page);
    const term = (query.search ?? '').toLowerCase();
    const found = orders
      .filter((o) => !term || searchable(o).includes(term))
      .sort((a, b) => String(b.date_created_gmt).localeCompare(String(a.date_created_gmt)));
    const totalPages = Math.ceil(found.length / perPage);
    const slice = found.slice((pageNumber - 1) * perPage, pageNumber * perPage);
    return {
      status: 200,
      body: slice,
      headers: { 'x-wp-total': String(found.length), 'x-wp-totalpages': String(totalPages) },
    };
  }

  function route(method: string, path: string, query: Record<string, string>, body: unknown): Reply {
    const rest = /^\/wp-json\/wc\/v3(\/.*)$/.exec(path)?.[1];
    if (method === 'GET' && rest === '/orders') return list(query);
    const id = /^\/orders\/(\d+)$/.exec(rest ?? '')?.[1];
    if (id !== undefined && (method === 'GET' || method === 'PUT')) {
      const order = orders.find((o) => o.id === Number(id));
      if (!order) return wpError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
      if (method === 'PUT') {
        const changes = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
        if (changes.status !== undefined) {
          if (!STATUSES.includes(String(changes.status))) {
            return wpError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
              params: { status: `status is not one of ${STATUSES.join(', ')}.` },
            });
          }
          order.status = String(changes.status);
        }
        if (changes.shipping !== undefined) {
          order.shipping = { ...(order.shipping as object), ...(changes.shipping as object) };
        }
      }
      return { status: 200, body: order };
    }
    return wpError(404, 'rest_no_route', 'No route was found matching the URL and request method.');
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html; charset=UTF-8' : 'application/json; charset=UTF-8';
    res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
    res.end(text);
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const parsed = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(parsed.searchParams);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const method = req.method ?? 'GET';
    requests.push({ method, path: parsed.pathname, query, headers: req.headers, body });
    const answer = (): Reply => {
      const failure = failures[0];
      if (failure) {
        failure.remaining--;
        failures = failures.filter((f) => f.remaining > 0);
        return failure.reply;
      }
      const auth = authorized(req, query);
      if (auth === 'wrong') return wpError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.');
      if (auth === 'none') return wpError(401, 'woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.');
      return route(method, parsed.pathname, query, body);
    };
    server.later(delayMs, () => send(res, answer()));
  }

  const server = await startLocalServer((req, res, body) => handle(req, res, body.toString('utf8')));
  const url = server.url;

  return {
    url,
    consumerKey,
    consumerSecret,
    requests,
    addOrder(id, fields = {}) {
      const created = new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString().slice(0, 19);
      const order: WooOrderJson = {
        id,
        parent_id: 0,
        number: String(id),
        order_key: `wc_order_${id}`,
        status: 'processing',
        currency: 'EUR',
        date_created: created,
        date_created_gmt: created,
        date_paid_gmt: created,
        total: '24.00',
        customer_id: 0,
        billing: {
          first_name: 'Dana',
          last_name: 'Scully',
          company: '',
          address_1: '1 rue de la Paix',
          address_2: '',
          city: 'Paris',
          state: '',
          postcode: '75002',
          country: 'FR',
          email: 'dana@example.com',
          phone: '0612345678',
        },
        shipping: {
          first_name: 'Dana',
          last_name: 'Scully',
          company: '',
          address_1: '1 rue de la Paix',
          address_2: '',
          city: 'Paris',
          state: '',
          postcode: '75002',
          country: 'FR',
          phone: '',
        },
        line_items: [{ id: 1, name: 'Tote bag', product_id: 10, quantity: 2, sku: 'TOTE', price: 12, total: '24.00' }],
        meta_data: [],
        ...fields,
      };
      orders.push(order);
      return order;
    },
    order(id) {
      return orders.find((o) => o.id === id);
    },
    failNext(n, status, body, headers) {
      const reply = {
        status,
        body: body ?? { code: 'internal_server_error', message: 'There has been a critical error.', data: { status } },
        headers,
      };
      failures.push({ remaining: n, reply });
    },
    setDelay(ms) {
      delayMs = ms;
    },
    async close() {
      await server.close();
    },
  };
}
