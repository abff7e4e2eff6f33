import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server';

/**
 * A local stand-in for a Shopify store's Admin GraphQL API, which tests cannot reach: a real HTTP server on
 * 127.0.0.1 that answers the operations the Shopify source sends, in the documented wire format:
 * - endpoint: POST /admin/api/{version}/graphql.json, header X-Shopify-Access-Token, JSON {query, variables}
 *   (shopify.dev/docs/api/admin-graphql). A wrong token is HTTP 401 with
 *   {"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}.
 * - answers {data, extensions:{cost:{requestedQueryCost, actualQueryCost, throttleStatus:{maximumAvailable,
 *   currentlyAvailable, restoreRate}}}}; throttled: HTTP 200, {errors:[{message:"Throttled",
 *   extensions:{code:"THROTTLED"}}], extensions:{cost...}} (apps/build/apis/graphql-admin/rate-limits).
 * - orders(first, after, query, sortKey: CREATED_AT, reverse) and customers(first, query) with the search syntax
 *   (api/usage/search-syntax): `field:value` terms, quoted values, OR between terms; fields name, email,
 *   customer_id (orders) and phone, email (customers). Connections have nodes and pageInfo{hasNextPage, endCursor}.
 * - order(id), job(id); orderCancel(orderId, reason, restock, notifyCustomer, refundMethod) →
 *   {job{id done}, orderCancelUserErrors}; orderUpdate(input:{id, shippingAddress}) → {order, userErrors}.
 * The operation is recognised by its root field, not executed: every order comes back with all the fields the
 * source selects, and `lineItems` pages by the `lineItemsFirst` / `after` variables.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or null. */
  body: unknown;
  /** The root field the fake recognised ("orders", "orderCancel"...), or null. */
  operation: string | null;
  variables: Record<string, unknown>;
}

export interface FakeMoney {
  amount: string;
  currencyCode?: string;
}

/** An order as Shopify's Order object has it (the fields the source reads). */
export interface FakeShopifyOrder {
  id: string;
  name: string;
  createdAt: string;
  cancelledAt: string | null;
  email: string | null;
  phone: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string | null;
  customerId: string | null;
  lineItems: { sku: string | null; name: string; quantity: number; price: string }[];
  total: string;
  currency: string;
  fulfillments: {
    status: string;
    displayStatus: string | null;
    trackingInfo: { company: string | null; number: string | null; url: string | null }[];
  }[];
  shippingAddress: Record<string, string | null> | null;
}

export interface FakeShopifyCustomer {
  id: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
}

export interface FakeShopifyOptions {
  accessToken?: string;
  apiVersion?: string;
}

export interface FakeShopify {
  /** http://127.0.0.1:port: pass as the source's storeDomain. */
  url: string;
  accessToken: string;
  apiVersion: string;
  requests: RecordedRequest[];
  /** Adds an order; the id, name and created date follow from `n` unless given. */
  addOrder(n: number, order?: Partial<FakeShopifyOrder>): FakeShopifyOrder;
  addCustomer(customer: FakeShopifyCustomer): void;
  order(id: string): FakeShopifyOrder | undefined;
  /** The next n requests answer `status` with `body` (a string goes out as text/html, as a proxy would). */
  failNext(n: number, status: number, body?: unknown, headers?: Record<string, string>): void;
  /** The next n requests are THROTTLED with this bucket state (HTTP 200, as Shopify's cost throttle does). */
  throttleNext(n: number, cost: { requested: number; available: number; restoreRate: number }): void;
  /** The next n orderCancel calls leave their job undone for this many job polls. */
  setJobPolls(n: number): void;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

const gid = (type: string, n: number | string) => `gid://shopify/${type}/${n}`;

/** Splits a search query into OR'ed terms of `field:value` (quotes and backslash escapes honoured). */
export function parseSearch(query: string): { field: string; value: string }[] {
  const terms: { field: string; value: string }[] = [];
  const re = /(\w+):(?:"((?:[^"\\]|\\.)*)"|(\S+))/g;
  for (const m of query.matchAll(re)) {
    terms.push({ field: m[1] ?? '', value: (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1') });
  }
  return terms;
}

export async function startFakeShopify(options: FakeShopifyOptions = {}): Promise<FakeShopify> {
  const accessToken = options.accessToken ?? 'shpat_fake_token';
  const apiVersion = options.apiVersion ?? '2025-10';
  const requests: RecordedRequest[] = [];
  const orders: FakeShopifyOrder[] = [];
  const customers: FakeShopifyCustomer[] = [];
  const jobs = new Map<string, number>();
  let failures: { remaining: number; reply: Reply }[] = [];
  let delayMs = 0;
  let jobPolls = 0;

  const cost = (requested = 12) => ({
    cost: {
      requestedQueryCost: requested,
      actualQueryCost: requested,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000 - requested, restoreRate: 100 },
    },
  });
  const data = (value: unknown): Reply => ({ status: 200, body: { data: value, extensions: cost() } });
  const graphqlError = (message: string, code?: string): Reply => ({
    status: 200,
    body: { errors: [{ message, ...(code ? { extensions: { code } } : {}) }] },
  });

  const page = <T>(items: T[], first: unknown, after: unknown) => {
    const start = typeof after === 'string' && after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
    const size = typeof first === 'number' && first > 0 ? Math.min(first, 250) : 50;
    const slice = items.slice(start, start + size);
    const end = start + slice.length;
    return {
      slice,
      pageInfo: {
        hasNextPage: end < items.length,
        endCursor: slice.length ? Buffer.from(String(end)).toString('base64url') : null,
      },
    };
  };

  function render(order: FakeShopifyOrder, vars: Record<string, unknown>) {
    const items = page(order.lineItems, vars.lineItemsFirst, null);
    const customer = customers.find((c) => c.id === order.customerId);
    return {
      id: order.id,
      name: order.name,
      createdAt: order.createdAt,
      cancelledAt: order.cancelledAt,
      email: order.email,
      phone: order.phone,
      displayFinancialStatus: order.displayFinancialStatus,
      displayFulfillmentStatus: order.displayFulfillmentStatus,
      customer: customer ? { displayName: customer.displayName } : null,
      totalPriceSet: { shopMoney: { amount: order.total, currencyCode: order.currency } },
      lineItems: renderLineItems(order, items),
      fulfillments: order.fulfillments,
      shippingAddress: order.shippingAddress,
    };
  }

  function renderLineItems(order: FakeShopifyOrder, items: ReturnType<typeof page<FakeShopifyOrder['lineItems'][0]>>) {
    return {
      nodes: items.slice.map((i) => ({
        sku: i.sku,
        name: i.name,
        quantity: i.quantity,
        originalUnitPriceSet: { shopMoney: { amount: i.price, currencyCode: order.currency } },
      })),
      pageInfo: items.pageInfo,
    };
  }

  function matchesOrder(order: FakeShopifyOrder, terms: { field: string; value: string }[]): boolean {
    return terms.some(({ field, value }) => {
      if (field === 'name') return order.name.toLowerCase() === value.toLowerCase();
      if (field === 'email') return (order.email ?? '').toLowerCase() === value.toLowerCase();
      if (field === 'customer_id') return order.customerId === gid('Customer', value);
      return false;
    });
  }

  function rootField(query: string): string | null {
    // The first selection inside the operation's braces: "query X($a: T) { orders(" → "orders".
    const body = query.slice(query.indexOf('{') + 1);
    return /^\s*(\w+)/.exec(body)?.[1] ?? null;
  }

  function execute(operation: string | null, vars: Record<string, unknown>): Reply {
    switch (operation) {
      case 'orders': {
        const terms = parseSearch(String(vars.query ?? ''));
        if (terms.length === 0) return graphqlError('Invalid search query', 'BAD_REQUEST');
        const found = orders
          .filter((o) => matchesOrder(o, terms))
          .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
        const { slice, pageInfo } = page(found, vars.first, vars.after);
        return data({ orders: { nodes: slice.map((o) => render(o, vars)), pageInfo } });
      }
      case 'customers': {
        const terms = parseSearch(String(vars.query ?? ''));
        const found = customers.filter((c) =>
          terms.some(({ field, value }) => (field === 'phone' ? c.phone === value : c.email === value)),
        );
        return data({ customers: { nodes: found.map((c) => ({ id: c.id })) } });
      }
      case 'order': {
        const order = orders.find((o) => o.id === vars.id);
        if (!order) return data({ order: null });
        if ('after' in vars) {
          const items = page(order.lineItems, vars.lineItemsFirst, vars.after);
          return data({ order: { lineItems: renderLineItems(order, items) } });
        }
        return data({ order: render(order, vars) });
      }
      case 'job': {
        const id = String(vars.id);
        const left = jobs.get(id);
        if (left === undefined) return data({ job: null });
        jobs.set(id, Math.max(0, left - 1));
        return data({ job: { id, done: left <= 0 } });
      }
      case 'orderCancel':
        return cancel(vars);
      case 'orderUpdate':
        return update(vars);
      default:
        return graphqlError(`Field '${operation}' doesn't exist on type 'QueryRoot'`, 'undefinedField');
    }
  }

  function cancel(vars: Record<string, unknown>): Reply {
    const reasons = ['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF'];
    if (
      typeof vars.orderId !== 'string' ||
      !reasons.includes(String(vars.reason)) ||
      typeof vars.restock !== 'boolean'
    ) {
      return graphqlError('Variable $orderId, $reason and $restock are required', 'argumentLiteralsIncompatible');
    }
    const order = orders.find((o) => o.id === vars.orderId);
    const userError = (message: string, code: string) =>
      data({ orderCancel: { job: null, orderCancelUserErrors: [{ field: ['orderId'], message, code }] } });
    if (!order) return userError('Order does not exist', 'NOT_FOUND');
    if (order.cancelledAt) return userError('Cannot cancel an order that has already been cancelled', 'INVALID');
    order.cancelledAt = new Date().toISOString();
    const refund = vars.refundMethod as { originalPaymentMethodsRefund?: boolean } | undefined;
    if (refund?.originalPaymentMethodsRefund && order.displayFinancialStatus === 'PAID') {
      order.displayFinancialStatus = 'REFUNDED';
    }
    const jobId = gid('Job', randomBytes(6).toString('hex'));
    jobs.set(jobId, jobPolls);
    return data({ orderCancel: { job: { id: jobId, done: jobPolls === 0 }, orderCancelUserErrors: [] } });
  }

  function update(vars: Record<string, unknown>): Reply {
    const input = vars.input as { id?: string; shippingAddress?: Record<string, string | null> } | undefined;
    const order = orders.find((o) => o.id === input?.id);
    if (!order)
      return data({ orderUpdate: { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] } });
    const a = input?.shippingAddress;
    if (a) {
      if (!a.countryCode || !/^[A-Z]{2}$/.test(a.countryCode)) {
        return data({
          orderUpdate: {
            order: null,
            userErrors: [{ field: ['shippingAddress', 'countryCode'], message: 'Country is invalid' }],
          },
        });
      }
      order.shippingAddress = {
        firstName: a.firstName ?? null,
        lastName: a.lastName ?? null,
        name: [a.firstName, a.lastName].filter(Boolean).join(' '),
        address1: a.address1 ?? null,
        address2: a.address2 ?? null,
        city: a.city ?? null,
        zip: a.zip ?? null,
        province: a.provinceCode ?? null,
        provinceCode: a.provinceCode ?? null,
        countryCodeV2: a.countryCode,
        phone: a.phone ?? null,
      };
    }
    return data({ orderUpdate: { order: render(order, vars), userErrors: [] } });
  }

  function send(res: ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(reply.status, { 'content-type': type, ...reply.headers });
    res.end(text);
  }

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    const payload = (typeof body === 'object' && body !== null ? body : {}) as {
      query?: unknown;
      variables?: unknown;
    };
    const query = typeof payload.query === 'string' ? payload.query : '';
    const variables = (
      typeof payload.variables === 'object' && payload.variables !== null ? payload.variables : {}
    ) as Record<string, unknown>;
    const operation = query ? rootField(query) : null;
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body, operation, variables });

    const answer = (): Reply => {
      const failure = failures[0];
      if (failure) {
        failure.remaining--;
        failures = failures.filter((f) => f.remaining > 0);
        return failure.reply;
      }
      if (path !== `/admin/api/${apiVersion}/graphql.json`) return { status: 404, body: { errors: 'Not Found' } };
      if (req.headers['x-shopify-access-token'] !== accessToken) {
        return {
          status: 401,
          body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
        };
      }
      if (req.method !== 'POST') return { status: 405, body: { errors: 'Method Not Allowed' } };
      if (!query) return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
      return execute(operation, variables);
    };
    server.later(delayMs, () => send(res, answer()));
  }

  const server = await startLocalServer((req, res, body) => handle(req, res, body.toString('utf8')));
  const url = server.url;

  return {
    url,
    accessToken,
    apiVersion,
    requests,
    addOrder(n, order = {}) {
      const full: FakeShopifyOrder = {
        id: gid('Order', 5000 + n),
        name: `#${n}`,
        createdAt: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
        cancelledAt: null,
        email: null,
        phone: null,
        displayFinancialStatus: 'PAID',
        displayFulfillmentStatus: 'UNFULFILLED',
        customerId: null,
        lineItems: [{ sku: 'SKU-1', name: 'Mug', quantity: 1, price: '12.50' }],
        total: '12.50',
        currency: 'EUR',
        fulfillments: [],
        shippingAddress: null,
        ...order,
      };
      orders.push(full);
      return full;
    },
    addCustomer(customer) {
      customers.push(customer);
    },
    order(id) {
      return orders.find((o) => o.id === id);
    },
    failNext(n, status, body, headers) {
      const reply = { status, body: body ?? { errors: status >= 500 ? 'Internal Server Error' : 'Error' }, headers };
      failures.push({ remaining: n, reply });
    },
    throttleNext(n, c) {
      const body = {
        errors: [
          {
            message: 'Throttled',
            extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
          },
        ],
        extensions: {
          cost: {
            requestedQueryCost: c.requested,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 2000, currentlyAvailable: c.available, restoreRate: c.restoreRate },
          },
        },
      };
      failures.push({ remaining: n, reply: { status: 200, body } });
    },
    setJobPolls(n) {
      jobPolls = n;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    async close() {
      await server.close();
    },
  };
}
