import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { guardSource } from '../../../src/gateway/orders/guarded';
import type { SourceResult } from '../../../src/gateway/orders/source';
import { createWooCommerceSource, type WooCommerceSourceOptions } from '../../../src/gateway/orders/woocommerce';
import { startFakeWooCommerce, type FakeWooCommerce } from '../../fakes/woocommerce';

const KEY = 'ck_live_secret_key_123';
const SECRET = 'cs_live_secret_456';
const signal = () => AbortSignal.timeout(10_000);

function value<T>(result: SourceResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.value;
}

describe('the WooCommerce source, against a local REST API v3', () => {
  let fake: FakeWooCommerce;
  const fakes: FakeWooCommerce[] = [];

  const source = (options: Partial<WooCommerceSourceOptions> = {}) =>
    createWooCommerceSource({ siteUrl: fake.url, consumerKey: KEY, consumerSecret: SECRET, ...options });

  beforeEach(async () => {
    fake = await startFakeWooCommerce({ consumerKey: KEY, consumerSecret: SECRET });
    fakes.push(fake);
  });
  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
  });

  describe('lookups', () => {
    it('reads an order by id with HTTP Basic, and maps it', async () => {
      fake.addOrder(1042, {
        total: '31.90',
        line_items: [
          { id: 1, name: 'Tote bag', quantity: 2, sku: 'TOTE', price: 12, total: '24.00' },
          { id: 2, name: 'Sticker', quantity: 1, sku: '', price: '7.90', total: '7.90' },
        ],
      });
      const order = value(await source().byNumber('1042', signal()));
      expect(order).toEqual({
        id: '1042',
        number: '1042',
        source: 'woocommerce',
        status: 'paid',
        financialStatus: 'processing',
        fulfillmentStatus: null,
        createdAt: Date.UTC(2026, 0, 1) + 1042 * 60_000,
        customer: { name: 'Dana Scully', email: 'dana@example.com', phone: '+33612345678' },
        items: [
          { sku: 'TOTE', name: 'Tote bag', quantity: 2, unitPrice: 12 },
          { sku: null, name: 'Sticker', quantity: 1, unitPrice: 7.9 },
        ],
        total: 31.9,
        currency: 'EUR',
        shipments: [],
        shippingAddress: {
          name: 'Dana Scully',
          line1: '1 rue de la Paix',
          line2: null,
          city: 'Paris',
          postalCode: '75002',
          region: null,
          country: 'FR',
          phone: null,
        },
        cancelledAt: null,
      });
      expect(fake.requests).toHaveLength(1);
      const request = fake.requests[0]!;
      expect([request.method, request.path]).toEqual(['GET', '/wp-json/wc/v3/orders/1042']);
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`);
      expect(request.query).toEqual({});
    });

    it('can send the key in the query string instead (the documented fallback)', async () => {
      fake.addOrder(7);
      expect(value(await source({ auth: 'query' }).byNumber('7', signal()))?.number).toBe('7');
      expect(fake.requests[0]?.query).toEqual({ consumer_key: KEY, consumer_secret: SECRET });
      expect(fake.requests[0]?.headers.authorization).toBeUndefined();
    });

    it('falls back to search= when the number is not an id, and matches the `number` field exactly', async () => {
      fake.addOrder(501, { number: 'WC-1042' });
      fake.addOrder(502, { number: 'WC-10420' });
      const order = value(await source().byNumber('WC-1042', signal()));
      expect(order).toMatchObject({ id: '501', number: 'WC-1042' });
      expect(fake.requests.map((r) => [r.path, r.query.search])).toEqual([['/wp-json/wc/v3/orders', 'WC-1042']]);
    });

    it('does not take an order whose id matches but whose number a plugin changed', async () => {
      fake.addOrder(1042, { number: '2024-77' });
      fake.addOrder(1100, { number: '1042' });
      const order = value(await source().byNumber('1042', signal()));
      expect(order).toMatchObject({ id: '1100', number: '1042' });
      expect(fake.requests.map((r) => r.path)).toEqual(['/wp-json/wc/v3/orders/1042', '/wp-json/wc/v3/orders']);
    });

    it('answers null for an unknown number (404 woocommerce_rest_shop_order_invalid_id, then an empty search)', async () => {
      expect(value(await source().byNumber('9999', signal()))).toBeNull();
      expect(fake.requests.map((r) => r.path)).toEqual(['/wp-json/wc/v3/orders/9999', '/wp-json/wc/v3/orders']);
      expect(value(await source().byNumber('x y', signal()))).toBeNull();
      expect(fake.requests).toHaveLength(2);
    });

    it("finds a customer's orders by email, newest first, across pages (X-WP-TotalPages)", async () => {
      for (let id = 1; id <= 5; id++) fake.addOrder(id);
      fake.addOrder(6, {
        billing: { first_name: 'X', last_name: 'Y', email: 'not-dana@example.com.au', country: 'FR' },
      });
      const orders = value(await source({ pageSize: 2 }).byCustomer({ email: 'Dana@Example.com' }, signal(), 10));
      expect(orders.map((o) => o.number)).toEqual(['5', '4', '3', '2', '1']);
      const searches = fake.requests.map((r) => [r.query.search, r.query.page, r.query.per_page]);
      expect(searches).toEqual([
        ['dana@example.com', '1', '2'],
        ['dana@example.com', '2', '2'],
        ['dana@example.com', '3', '2'],
      ]);
      expect(fake.requests[0]?.query).toMatchObject({ orderby: 'date', order: 'desc' });
    });

    it('stops paging once it has `limit` orders', async () => {
      for (let id = 1; id <= 5; id++) fake.addOrder(id);
      const orders = value(await source({ pageSize: 2 }).byCustomer({ email: 'dana@example.com' }, signal(), 3));
      expect(orders.map((o) => o.number)).toEqual(['5', '4', '3']);
      expect(fake.requests).toHaveLength(2);
    });

    it('finds orders by phone whatever way the phone was typed, when its digits are searchable', async () => {
      fake.addOrder(1, {
        billing: { first_name: 'Dana', last_name: 'S', email: 'a@x.fr', phone: '0612345678', country: 'FR' },
      });
      fake.addOrder(2, {
        billing: { first_name: 'Dana', last_name: 'S', email: 'b@x.fr', phone: '+33612345678', country: 'FR' },
      });
      fake.addOrder(3, {
        billing: { first_name: 'Other', last_name: 'P', email: 'c@x.fr', phone: '+44712345678', country: 'GB' },
      });
      const orders = value(await source().byCustomer({ phone: '+33612345678' }, signal()));
      expect(orders.map((o) => [o.number, o.customer.phone])).toEqual([
        ['2', '+33612345678'],
        ['1', '+33612345678'],
      ]);
      expect(fake.requests[0]?.query.search).toBe('12345678');
    });
  });

  describe('status and tracking', () => {
    it.each([
      ['pending', 'pending'],
      ['on-hold', 'pending'],
      ['failed', 'pending'],
      ['processing', 'paid'],
      ['completed', 'shipped'],
      ['cancelled', 'cancelled'],
      ['refunded', 'refunded'],
      ['delivered', 'delivered'],
    ])('maps %s to %s', async (woo, ours) => {
      fake.addOrder(1, { status: woo });
      const order = value(await source().byNumber('1', signal()));
      expect([order?.status, order?.financialStatus]).toEqual([ours, woo]);
    });

    it("reads the Shipment Tracking extension's _wc_shipment_tracking_items", async () => {
      fake.addOrder(1, {
        status: 'completed',
        meta_data: [
          { id: 9, key: '_billing_something', value: 'x' },
          {
            id: 10,
            key: '_wc_shipment_tracking_items',
            value: [
              {
                tracking_provider: 'colissimo',
                custom_tracking_provider: '',
                custom_tracking_link: '',
                tracking_number: '6A123',
                date_shipped: '1767225600',
                tracking_id: 'abc',
              },
              {
                tracking_provider: '',
                custom_tracking_provider: 'Mondial Relay',
                custom_tracking_link: 'https://mondialrelay.fr/suivi/?n=99',
                tracking_number: '99',
                date_shipped: '1767225600',
                tracking_id: 'def',
              },
            ],
          },
        ],
      });
      const order = value(await source().byNumber('1', signal()));
      expect(order?.shipments).toEqual([
        { company: 'colissimo', number: '6A123', url: null },
        { company: 'Mondial Relay', number: '99', url: 'https://mondialrelay.fr/suivi/?n=99' },
      ]);
    });
  });

  describe('actions', () => {
    it('cancels with PUT /orders/{id} {status: "cancelled"}', async () => {
      fake.addOrder(1042);
      const order = value(await source().cancel('1042', signal()));
      expect(order.status).toBe('cancelled');
      const put = fake.requests.find((r) => r.method === 'PUT');
      expect([put?.path, put?.body]).toEqual(['/wp-json/wc/v3/orders/1042', { status: 'cancelled' }]);
      expect(fake.order(1042)?.status).toBe('cancelled');
    });

    it("refuses to cancel a completed order, and answers 'not_found' for an unknown one", async () => {
      fake.addOrder(1, { status: 'completed' });
      expect(await source().cancel('1', signal())).toMatchObject({ ok: false, reason: 'refused' });
      expect(fake.requests.some((r) => r.method === 'PUT')).toBe(false);
      expect(await source().cancel('404', signal())).toMatchObject({ ok: false, reason: 'not_found' });
    });

    it('updates the shipping address with PUT {shipping}', async () => {
      fake.addOrder(1042);
      const address = {
        name: 'Fox Mulder',
        line1: '2 avenue Foch',
        line2: null,
        city: 'Lyon',
        postalCode: '69006',
        region: null,
        country: 'fr',
        phone: '+33700000000',
      };
      const order = value(await source().updateShippingAddress('1042', address, signal()));
      expect(order.shippingAddress).toEqual({ ...address, country: 'FR' });
      expect(fake.requests.at(-1)?.body).toEqual({
        shipping: {
          first_name: 'Fox',
          last_name: 'Mulder',
          address_1: '2 avenue Foch',
          address_2: '',
          city: 'Lyon',
          state: '',
          postcode: '69006',
          country: 'FR',
          phone: '+33700000000',
        },
      });
    });
  });

  describe('failures', () => {
    it("answers 'unauthorized' for a wrong key, without the key or secret in the message", async () => {
      fake.addOrder(1);
      const result = await source({ consumerSecret: 'cs_wrong_secret' }).byNumber('1', signal());
      expect(result).toMatchObject({ ok: false, reason: 'unauthorized', retryable: false });
      expect(!result.ok && result.message).toContain('woocommerce_rest_authentication_error');
      expect(JSON.stringify(result)).not.toMatch(/cs_wrong_secret|ck_live/);
    });

    it('retries a 429 after Retry-After', async () => {
      fake.addOrder(1);
      fake.failNext(
        1,
        429,
        { code: 'rate_limited', message: 'Too many requests.', data: { status: 429 } },
        { 'retry-after': '1' },
      );
      const started = Date.now();
      expect(value(await source().byNumber('1', signal()))?.number).toBe('1');
      expect(fake.requests).toHaveLength(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it("answers 'rate_limited' at once when the wait asked for is longer than the budget", async () => {
      fake.failNext(1, 429, undefined, { 'retry-after': '120' });
      expect(await source().byNumber('1', signal())).toMatchObject({
        ok: false,
        reason: 'rate_limited',
        retryable: true,
      });
      expect(fake.requests).toHaveLength(1);
    });

    it("answers a 5xx with a retryable 'unreachable'", async () => {
      fake.failNext(1, 500);
      const result = await source().byNumber('1', signal());
      expect(result).toMatchObject({ ok: false, reason: 'unreachable', retryable: true });
      expect(!result.ok && result.message).toContain('There has been a critical error.');
    });

    it("answers 'bad_response' for a body that is not an order, and 'unreachable' when there is no Woo API", async () => {
      fake.failNext(1, 200, '<html><body>Maintenance</body></html>');
      expect(await source().byNumber('1', signal())).toMatchObject({ ok: false, reason: 'bad_response' });
      fake.failNext(1, 200, { id: 'one' });
      expect(await source().byNumber('1', signal())).toMatchObject({ ok: false, reason: 'bad_response' });
      fake.failNext(1, 404, {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      });
      expect(await source().byNumber('1', signal())).toMatchObject({
        ok: false,
        reason: 'unreachable',
        retryable: false,
      });
    });

    it("answers 'timeout' quickly against a slow shop", async () => {
      fake.setDelay(3000);
      const started = Date.now();
      const result = await guardSource(source(), { timeoutMs: 200 }).byNumber('1', signal());
      expect(result).toMatchObject({ ok: false, reason: 'timeout', message: 'the shop did not answer within 0.2 s' });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('refuses a plain-http site that is not localhost', () => {
      expect(() =>
        createWooCommerceSource({ siteUrl: 'http://shop.example', consumerKey: KEY, consumerSecret: SECRET }),
      ).toThrow(/https/);
      expect(() =>
        createWooCommerceSource({ siteUrl: 'https://shop.example', consumerKey: KEY, consumerSecret: SECRET }),
      ).not.toThrow();
    });
  });
});
