import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { guardSource } from '../../../src/gateway/orders/guarded';
import { createShopifySource, type ShopifySourceOptions } from '../../../src/gateway/orders/shopify';
import type { SourceResult } from '../../../src/gateway/orders/source';
import { parseSearch, startFakeShopify, type FakeShopify } from '../../fakes/shopify';

const TOKEN = 'shpat_secret_test_token_42';
const signal = () => AbortSignal.timeout(10_000);

function value<T>(result: SourceResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.value;
}

const PARIS = {
  firstName: 'Dana',
  lastName: 'Scully',
  name: 'Dana Scully',
  address1: '1 rue de la Paix',
  address2: null,
  city: 'Paris',
  zip: '75002',
  province: null,
  provinceCode: null,
  countryCodeV2: 'FR',
  phone: '+33612345678',
};

describe('the Shopify source, against a local Admin GraphQL API', () => {
  let fake: FakeShopify;
  const fakes: FakeShopify[] = [];

  const source = (options: Partial<ShopifySourceOptions> = {}) =>
    createShopifySource({ storeDomain: fake.url, accessToken: TOKEN, ...options });

  beforeEach(async () => {
    fake = await startFakeShopify({ accessToken: TOKEN });
    fakes.push(fake);
  });
  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
  });

  describe('lookups', () => {
    it('finds an order by number with the token header, the documented path and a name: search', async () => {
      fake.addOrder(1041);
      fake.addOrder(1042, {
        email: 'dana@example.com',
        phone: '+33612345678',
        total: '37.40',
        lineItems: [
          { sku: 'MUG', name: 'Mug', quantity: 2, price: '12.50' },
          { sku: null, name: 'Gift wrap', quantity: 1, price: '0.00' },
        ],
        shippingAddress: PARIS,
      });
      const order = value(await source().byNumber('1042', signal()));
      expect(order).toEqual({
        id: 'gid://shopify/Order/6042',
        number: '1042',
        source: 'shopify',
        status: 'paid',
        financialStatus: 'PAID',
        fulfillmentStatus: 'UNFULFILLED',
        createdAt: Date.UTC(2026, 0, 1) + 1042 * 60_000,
        customer: { name: 'Dana Scully', email: 'dana@example.com', phone: '+33612345678' },
        items: [
          { sku: 'MUG', name: 'Mug', quantity: 2, unitPrice: 12.5 },
          { sku: null, name: 'Gift wrap', quantity: 1, unitPrice: 0 },
        ],
        total: 37.4,
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
          phone: '+33612345678',
        },
        cancelledAt: null,
      });
      expect(fake.requests).toHaveLength(1);
      const request = fake.requests[0]!;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/admin/api/2025-10/graphql.json');
      expect(request.headers['x-shopify-access-token']).toBe(TOKEN);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.operation).toBe('orders');
      expect(parseSearch(String(request.variables.query))).toEqual([
        { field: 'name', value: '#1042' },
        { field: 'name', value: '1042' },
      ]);
    });

    it('accepts "#1042", and answers null for an unknown number or one that would widen the search', async () => {
      fake.addOrder(1042);
      expect(value(await source().byNumber('#1042', signal()))?.number).toBe('1042');
      expect(value(await source().byNumber('9999', signal()))).toBeNull();
      const before = fake.requests.length;
      expect(value(await source().byNumber('1042 OR email:*', signal()))).toBeNull();
      expect(fake.requests).toHaveLength(before); // never sent
    });

    it('uses the configured API version in the path', async () => {
      const other = await startFakeShopify({ accessToken: TOKEN, apiVersion: '2026-01' });
      fakes.push(other);
      other.addOrder(7);
      const s = createShopifySource({ storeDomain: other.url, accessToken: TOKEN, apiVersion: '2026-01' });
      expect(value(await s.byNumber('7', signal()))?.number).toBe('7');
      expect(other.requests[0]?.path).toBe('/admin/api/2026-01/graphql.json');
    });

    it("finds a customer's orders by email, newest first, paging through the orders connection", async () => {
      for (let n = 1; n <= 5; n++) fake.addOrder(1000 + n, { email: 'dana@example.com' });
      fake.addOrder(2000, { email: 'someone@example.com' });
      const orders = value(await source().byCustomer({ email: 'dana@example.com' }, signal(), 4));
      expect(orders.map((o) => o.number)).toEqual(['1005', '1004', '1003', '1002']);
      expect(fake.requests[0]?.variables).toMatchObject({ query: 'email:"dana@example.com"', first: 4 });
    });

    it('follows the cursor when more than one page is asked for', async () => {
      for (let n = 1; n <= 60; n++) fake.addOrder(n, { email: 'bulk@example.com' });
      const orders = value(await source().byCustomer({ email: 'bulk@example.com' }, signal(), 55));
      expect(orders).toHaveLength(55);
      expect(orders[0]?.number).toBe('60');
      const pages = fake.requests.filter((r) => r.operation === 'orders');
      expect(pages.map((r) => [r.variables.first, r.variables.after === null])).toEqual([
        [50, true],
        [5, false],
      ]);
    });

    it('finds orders by phone through the customers who have that phone', async () => {
      fake.addCustomer({ id: 'gid://shopify/Customer/77', displayName: 'Dana Scully', phone: '+33612345678' });
      fake.addOrder(1042, { customerId: 'gid://shopify/Customer/77' });
      fake.addOrder(1043, { customerId: 'gid://shopify/Customer/78' });
      const orders = value(await source().byCustomer({ phone: '+33612345678' }, signal()));
      expect(orders.map((o) => [o.number, o.customer.name])).toEqual([['1042', 'Dana Scully']]);
      expect(fake.requests.map((r) => r.operation)).toEqual(['customers', 'orders']);
      expect(fake.requests[0]?.variables.query).toBe('phone:"+33612345678"');
      expect(fake.requests[1]?.variables.query).toBe('customer_id:77');
    });

    it('combines email and phone, and asks nothing when the phone has no customer and there is no email', async () => {
      expect(value(await source().byCustomer({ phone: '+33600000000' }, signal()))).toEqual([]);
      expect(fake.requests.map((r) => r.operation)).toEqual(['customers']);
      expect(value(await source().byCustomer({}, signal()))).toEqual([]);
      expect(fake.requests).toHaveLength(1);
    });

    it('fetches the remaining line items page by page', async () => {
      const lineItems = Array.from({ length: 5 }, (_, i) => ({
        sku: `S${i}`,
        name: `Item ${i}`,
        quantity: 1,
        price: '1.00',
      }));
      fake.addOrder(1042, { lineItems, total: '5.00' });
      const order = value(await source({ lineItemsPageSize: 2 }).byNumber('1042', signal()));
      expect(order?.items.map((i) => i.sku)).toEqual(['S0', 'S1', 'S2', 'S3', 'S4']);
      expect(fake.requests.map((r) => r.operation)).toEqual(['orders', 'order', 'order']);
    });
  });

  describe('status and tracking', () => {
    const cases: [string, Parameters<FakeShopify['addOrder']>[1], string][] = [
      ['pending payment', { displayFinancialStatus: 'PENDING' }, 'pending'],
      ['authorized', { displayFinancialStatus: 'AUTHORIZED' }, 'paid'],
      ['paid', { displayFinancialStatus: 'PAID' }, 'paid'],
      ['refunded', { displayFinancialStatus: 'REFUNDED', displayFulfillmentStatus: 'FULFILLED' }, 'refunded'],
      ['cancelled', { cancelledAt: '2026-01-02T10:00:00Z', displayFinancialStatus: 'REFUNDED' }, 'cancelled'],
      ['partly shipped', { displayFulfillmentStatus: 'PARTIALLY_FULFILLED' }, 'shipped'],
      [
        'in transit',
        {
          displayFulfillmentStatus: 'FULFILLED',
          fulfillments: [{ status: 'SUCCESS', displayStatus: 'IN_TRANSIT', trackingInfo: [] }],
        },
        'shipped',
      ],
      [
        'delivered',
        {
          displayFulfillmentStatus: 'FULFILLED',
          fulfillments: [{ status: 'SUCCESS', displayStatus: 'DELIVERED', trackingInfo: [] }],
        },
        'delivered',
      ],
    ];
    it.each(cases)('maps %s', async (_name, fields, status) => {
      fake.addOrder(1, fields);
      expect(value(await source().byNumber('1', signal()))?.status).toBe(status);
    });

    it("reports each live fulfillment's tracking, not a cancelled one's", async () => {
      fake.addOrder(1042, {
        displayFulfillmentStatus: 'FULFILLED',
        fulfillments: [
          {
            status: 'SUCCESS',
            displayStatus: 'IN_TRANSIT',
            trackingInfo: [
              { company: 'Colissimo', number: '6A123', url: 'https://laposte.fr/outils/suivre-vos-envois?code=6A123' },
            ],
          },
          {
            status: 'CANCELLED',
            displayStatus: 'CANCELED',
            trackingInfo: [{ company: 'UPS', number: '1Z', url: null }],
          },
        ],
      });
      const order = value(await source().byNumber('1042', signal()));
      expect(order?.shipments).toEqual([
        { company: 'Colissimo', number: '6A123', url: 'https://laposte.fr/outils/suivre-vos-envois?code=6A123' },
      ]);
    });
  });

  describe('actions', () => {
    it('cancels with orderCancel (reason, restock, refund to the original payment) and returns the order', async () => {
      const placed = fake.addOrder(1042);
      const order = value(await source().cancel(placed.id, signal()));
      expect(order.status).toBe('cancelled');
      expect(order.cancelledAt).toEqual(expect.any(Number));
      const mutation = fake.requests.find((r) => r.operation === 'orderCancel');
      expect(mutation?.variables).toEqual({
        orderId: placed.id,
        reason: 'CUSTOMER',
        restock: true,
        notifyCustomer: true,
        refundMethod: { originalPaymentMethodsRefund: true },
      });
      expect(fake.requests.map((r) => r.operation)).toEqual(['orderCancel', 'order']);
    });

    it('waits for the cancel job before reading the order back', async () => {
      const placed = fake.addOrder(1042);
      fake.setJobPolls(1);
      value(await source().cancel(placed.id, signal()));
      expect(fake.requests.map((r) => r.operation)).toEqual(['orderCancel', 'job', 'job', 'order']);
    });

    it("reports orderCancelUserErrors as 'refused', and an id that is no Shopify order as 'not_found'", async () => {
      const placed = fake.addOrder(1042, { cancelledAt: '2026-01-02T10:00:00Z' });
      const refused = await source().cancel(placed.id, signal());
      expect(refused).toMatchObject({ ok: false, reason: 'refused', retryable: false });
      expect(!refused.ok && refused.message).toContain('already been cancelled');
      expect(await source().cancel('1042', signal())).toMatchObject({ ok: false, reason: 'not_found' });
    });

    it('updates the shipping address with orderUpdate and MailingAddressInput fields', async () => {
      const placed = fake.addOrder(1042, { shippingAddress: PARIS });
      const address = {
        name: 'Fox William Mulder',
        line1: '2 avenue Foch',
        line2: 'Bât. B',
        city: 'Lyon',
        postalCode: '69006',
        region: null,
        country: 'FR',
        phone: null,
      };
      const order = value(await source().updateShippingAddress(placed.id, address, signal()));
      expect(order.shippingAddress).toEqual({ ...address, name: 'Fox William Mulder' });
      const mutation = fake.requests.find((r) => r.operation === 'orderUpdate');
      expect(mutation?.variables.input).toEqual({
        id: placed.id,
        shippingAddress: {
          firstName: 'Fox William',
          lastName: 'Mulder',
          address1: '2 avenue Foch',
          address2: 'Bât. B',
          city: 'Lyon',
          zip: '69006',
          provinceCode: null,
          countryCode: 'FR',
          phone: null,
        },
      });
    });

    it("reports orderUpdate's userErrors", async () => {
      const result = await source().updateShippingAddress(
        'gid://shopify/Order/1',
        { name: 'A B', line1: 'x', line2: null, city: 'y', postalCode: '1', region: null, country: 'FR', phone: null },
        signal(),
      );
      expect(result).toMatchObject({ ok: false, reason: 'not_found' });
    });
  });

  describe('failures', () => {
    it("answers 'unauthorized' for a wrong token, without putting the token in the message", async () => {
      fake.addOrder(1042);
      const result = await source({ accessToken: 'shpat_wrong' }).byNumber('1042', signal());
      expect(result).toMatchObject({ ok: false, reason: 'unauthorized', retryable: false });
      expect(!result.ok && result.message).toContain('Invalid API key or access token');
      expect(JSON.stringify(result)).not.toContain('shpat_wrong');
      expect(fake.requests[0]?.headers['x-shopify-access-token']).toBe('shpat_wrong');
    });

    it("answers 'unauthorized' for a 403 too", async () => {
      fake.failNext(1, 403, { errors: 'This action requires merchant approval for read_orders scope.' });
      expect(await source().byNumber('1', signal())).toMatchObject({ ok: false, reason: 'unauthorized' });
    });

    it('waits out a THROTTLED answer for the time the cost bucket needs, then succeeds', async () => {
      fake.addOrder(1042);
      // 150 points missing at 1000 points/s: 150 ms (+ a small margin).
      fake.throttleNext(2, { requested: 200, available: 50, restoreRate: 1000 });
      const started = Date.now();
      const order = value(await source().byNumber('1042', signal()));
      expect(order?.number).toBe('1042');
      expect(fake.requests).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    });

    it("gives up after the retries with 'rate_limited', retryable", async () => {
      fake.throttleNext(10, { requested: 100, available: 90, restoreRate: 1000 });
      const result = await source({ retry: { maxRetries: 2 } }).byNumber('1', signal());
      expect(result).toMatchObject({ ok: false, reason: 'rate_limited', retryable: true });
      expect(fake.requests).toHaveLength(3);
    });

    it('retries an HTTP 429 after its Retry-After', async () => {
      fake.addOrder(1042);
      fake.failNext(
        1,
        429,
        { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
        { 'retry-after': '0.2' },
      );
      const started = Date.now();
      expect(value(await source().byNumber('1042', signal()))?.number).toBe('1042');
      expect(fake.requests).toHaveLength(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });

    it("stops waiting when the signal aborts during a retry wait: 'timeout'", async () => {
      fake.throttleNext(1, { requested: 1000, available: 0, restoreRate: 100 }); // 10 s
      const started = Date.now();
      const result = await source({ retry: { maxWaitMs: 60_000 } }).byNumber('1', AbortSignal.timeout(200));
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it("answers a 5xx with a retryable 'unreachable', without retrying", async () => {
      fake.failNext(1, 503);
      expect(await source().byNumber('1', signal())).toMatchObject({
        ok: false,
        reason: 'unreachable',
        retryable: true,
      });
      expect(fake.requests).toHaveLength(1);
    });

    it("answers 'bad_response' for an HTML page, an unexpected shape, or an order that cannot be ours", async () => {
      fake.failNext(1, 200, '<html>Shopify is down for maintenance</html>');
      expect(await source().byNumber('1', signal())).toMatchObject({ ok: false, reason: 'bad_response' });
      fake.failNext(1, 200, { data: { orders: { edges: [] } } });
      expect(await source().byNumber('1', signal())).toMatchObject({ ok: false, reason: 'bad_response' });
      fake.addOrder(5, { currency: 'EURO' });
      expect(await source().byNumber('5', signal())).toMatchObject({ ok: false, reason: 'bad_response' });
    });

    it("answers 'unreachable' when nothing listens, and 'timeout' quickly against a slow shop", async () => {
      const closed = await startFakeShopify();
      const url = closed.url;
      await closed.close();
      const down = await createShopifySource({ storeDomain: url, accessToken: TOKEN }).byNumber('1', signal());
      expect(down).toMatchObject({ ok: false, reason: 'unreachable', retryable: true });

      fake.setDelay(3000);
      const started = Date.now();
      const slow = await guardSource(source(), { timeoutMs: 150 }).byNumber('1', signal());
      expect(slow).toEqual({
        ok: false,
        reason: 'timeout',
        message: 'the shop did not answer within 0.2 s',
        retryable: true,
      });
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('maps GraphQL ACCESS_DENIED to unauthorized', async () => {
      fake.failNext(1, 200, {
        errors: [{ message: 'Access denied for customers field.', extensions: { code: 'ACCESS_DENIED' } }],
      });
      expect(await source().byNumber('1', signal())).toMatchObject({ ok: false, reason: 'unauthorized' });
    });
  });
});
