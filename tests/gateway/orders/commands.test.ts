import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Address,
  CatalogProduct,
  DemoShop,
  Message,
  OrderSummary,
  OrderUpdateTold,
  ShopOrder,
  ThreadOrders,
} from '../../../src/core';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { startFakeShopify, type FakeShopify } from '../../fakes/shopify';
import { DEMO_SHOP, tempDir, writeResources } from '../fixtures';
import { connect, pullPage, request, valueOf, type ClientSocket } from '../helpers';

const TOKEN = 'orders-test-admin-token-0123456789';
const SHOPIFY_TOKEN = 'shpat_orders_gateway_secret_77';

/** DEMO_SHOP, with a cart Camille sent from the chat (msg_demo_1_5: the newest of her conversation). */
const SHOP: DemoShop = {
  ...DEMO_SHOP,
  conversations: DEMO_SHOP.conversations.map((c, i) =>
    i === 0
      ? {
          ...c,
          messages: [
            ...c.messages,
            {
              from: 'customer' as const,
              text: 'Mon panier',
              minutesAgo: 10,
              cart: [
                { sku: 'MUG-01', quantity: 2 },
                { sku: 'TEE-02', quantity: 1 },
              ],
            },
          ],
        }
      : c,
  ),
};

const NANTES: Address = {
  name: 'Jack Brown',
  line1: '3 quai de la Fosse',
  line2: 'Bâtiment B',
  city: 'Nantes',
  postalCode: '44000',
  region: null,
  country: 'FR',
  phone: null,
};

interface Started {
  gateway: RunningGateway;
  socket: ClientSocket;
  logged: string[];
  close(): Promise<void>;
}

async function start(orders?: Parameters<typeof startGateway>[0]['orders']): Promise<Started> {
  const data = tempDir();
  const resources = tempDir();
  writeResources(resources.path, SHOP);
  const logged: string[] = [];
  const gateway = await startGateway({
    dataDir: data.path,
    demo: true,
    simulate: false,
    adminToken: TOKEN,
    resourcesDir: resources.path,
    log: (line) => logged.push(line),
    ...(orders && { orders }),
  });
  const socket = await connect(gateway.url, TOKEN);
  return {
    gateway,
    socket,
    logged,
    async close() {
      socket.close();
      await gateway.close();
      data.remove();
      resources.remove();
    },
  };
}

describe('orders commands on a demo gateway', () => {
  let demo: Started;
  const ask = <T>(event: string, input: unknown) => request<T>(demo.socket, event, input);
  const importCsv = async (kind: string, body: string, type = 'text/csv') => {
    const res = await fetch(`${demo.gateway.url}/api/orders/import?kind=${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type },
      body,
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    demo = await start();
  });
  afterAll(() => demo.close());

  it('orders:for-thread answers the customer’s orders, the source, what it can do and who was looked up', async () => {
    const answer = valueOf(await ask<ThreadOrders>('orders:for-thread', { threadId: 'th_demo_1' }));
    expect(answer).toMatchObject({
      source: 'demo',
      abilities: { cancel: true, updateAddress: true, createFromCart: true },
      customer: { phone: '+33611111111', email: null },
    });
    expect(answer.orders.map((o) => o.number)).toEqual(['1001']);
    expect(valueOf(await ask<ThreadOrders>('orders:for-thread', { threadId: 'th_demo_3' })).orders).toEqual([]);
    expect(await ask('orders:for-thread', { threadId: 'th_nope' })).toEqual({ ok: false, error: 'unknown thread' });
    expect(await ask('orders:for-thread', {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid input/),
    });
  });

  it('orders:find finds any order by the number the customer typed', async () => {
    const found = valueOf(await ask<{ order: ShopOrder | null; source: string }>('orders:find', { number: '#1002' }));
    expect(found).toMatchObject({ source: 'demo', order: { number: '1002', total: 37.5, status: 'paid' } });
    expect(valueOf(await ask('orders:find', { number: '7777' }))).toEqual({ order: null, source: 'demo' });
    expect(await ask('orders:find', { number: '' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^invalid input/),
    });
  });

  it('orders:update-address and orders:cancel change an unshipped order; bad input changes nothing', async () => {
    const bad = await ask('orders:update-address', { orderId: '1002', address: { ...NANTES, country: 'France' } });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^invalid input: .*country/) });
    expect(
      valueOf(await ask<{ order: ShopOrder }>('orders:find', { number: '1002' })).order.shippingAddress,
    ).toBeNull();
    const moved = valueOf(
      await ask<{ order: ShopOrder }>('orders:update-address', { orderId: '1002', address: NANTES }),
    );
    expect(moved.order.shippingAddress).toEqual(NANTES);
    expect(await ask('orders:cancel', { orderId: '1001' })).toEqual({
      ok: false,
      error: 'order 1001 has already shipped: it can no longer be cancelled',
    });
    const cancelled = valueOf(await ask<{ order: ShopOrder }>('orders:cancel', { orderId: '1002' }));
    expect(cancelled.order).toMatchObject({ status: 'cancelled', cancelledAt: expect.any(Number) });
    expect(await ask('orders:cancel', { orderId: '9999' })).toEqual({ ok: false, error: 'the shop has no order 9999' });
  });

  it('orders:from-cart turns the chat cart into the next order, once; orders:latest then reads it', async () => {
    expect(await ask('orders:from-cart', { threadId: 'th_demo_1', messageId: 'msg_demo_1_1' })).toEqual({
      ok: false,
      error: 'this message is not a cart',
    });
    expect(await ask('orders:from-cart', { threadId: 'th_demo_2', messageId: 'msg_demo_1_5' })).toEqual({
      ok: false,
      error: 'unknown message in this conversation',
    });
    // Asked before the cart becomes an order: the answer must not linger once it exists.
    expect(valueOf(await ask('orders:find', { number: '1003' }))).toEqual({ order: null, source: 'demo' });
    const made = valueOf(
      await ask<{ order: ShopOrder; created: boolean }>('orders:from-cart', {
        threadId: 'th_demo_1',
        messageId: 'msg_demo_1_5',
      }),
    );
    expect(made).toMatchObject({
      created: true,
      order: { number: '1003', status: 'pending', total: 50, currency: 'EUR' },
    });
    expect(made.order.items).toEqual([
      { sku: 'MUG-01', name: 'Mug', quantity: 2, unitPrice: 12.5 },
      { sku: 'TEE-02', name: 'T-shirt', quantity: 1, unitPrice: 25 },
    ]);
    const again = valueOf(
      await ask<{ created: boolean }>('orders:from-cart', { threadId: 'th_demo_1', messageId: 'msg_demo_1_5' }),
    );
    expect(again.created).toBe(false);
    expect(valueOf(await ask<{ order: ShopOrder }>('orders:find', { number: '1003' })).order.number).toBe('1003');
    const latest = valueOf(await ask<{ order: OrderSummary | null }>('orders:latest', { threadId: 'th_demo_1' }));
    expect(latest.order).toMatchObject({ number: '1003', status: 'pending', total: 50, trackingUrl: null });
  });

  it('orders:set-status moves a demo order on and tells the customer in their conversation, with its history', async () => {
    const before = (await pullPage(demo.socket, { after: 0, limit: 5000 })).head;
    const moved = valueOf(
      await ask<{ order: ShopOrder; told: OrderUpdateTold }>('orders:set-status', {
        orderId: '1002',
        status: 'shipped',
      }),
    );
    expect(moved.order.status).toBe('shipped');
    const parcel = moved.order.shipments.at(-1)!;
    expect(parcel.url).toMatch(/^https:\/\/www\.laposte\.fr\/outils\/suivre-vos-envois\?code=6A\d{11}$/);
    expect(moved.told).toMatchObject({ notified: 'text', reason: null });

    // Jack writes in English: the shop's message, not an agent's, with the parcel's link.
    const res = await fetch(`${demo.gateway.url}/api/threads/${moved.told.threadId}/messages`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const { messages } = (await res.json()) as { messages: Message[] };
    const told = messages.at(-1)!;
    expect(told.author).toEqual({ kind: 'system' });
    expect(told.text).toBe(`Good news: your order #1002 is on its way! You can follow it here: ${parcel.url}`);

    const { events } = await pullPage(demo.socket, { after: before, limit: 100 });
    expect(events.find((e) => e.type === 'thread.activity')).toMatchObject({
      threadId: moved.told.threadId,
      change: { kind: 'order', number: '1002', status: 'shipped', notified: 'text', messageId: told.id },
      cause: { kind: 'shop', agentId: expect.any(String) },
    });

    // "Pending" is not news: the history records it, the customer hears nothing.
    const quiet = valueOf(
      await ask<{ told: OrderUpdateTold }>('orders:set-status', { orderId: '1002', status: 'pending' }),
    );
    expect(quiet.told).toMatchObject({ notified: 'none', reason: 'not news for the customer' });
    expect(await ask('orders:set-status', { orderId: '9999', status: 'paid' })).toEqual({
      ok: false,
      error: 'the shop has no order 9999',
    });
    expect(await ask('orders:set-status', { orderId: '1002', status: 'lost' })).toMatchObject({ ok: false });
  });

  it('catalog:search finds products on every word, accents and case folded', async () => {
    const names = async (query: string) =>
      valueOf(await ask<{ products: CatalogProduct[] }>('catalog:search', { query })).products.map((p) => p.name);
    expect(await names('')).toEqual(['Mug', 'T-shirt']);
    expect(await names('MUG')).toEqual(['Mug']);
    expect(await names('tee 02')).toEqual(['T-shirt']);
    expect(await names('mug shirt')).toEqual([]);
    const [mug] = valueOf(await ask<{ products: CatalogProduct[] }>('catalog:search', { query: 'mug' })).products;
    expect(mug).toEqual({
      sku: 'MUG-01',
      name: 'Mug',
      price: 12.5,
      currency: 'EUR',
      description: null,
      pictureId: null,
    });
    expect(await ask('catalog:search', { query: 42 })).toMatchObject({ ok: false });
  });

  it('POST /api/orders/import fills the demo shop from CSV, all or nothing, and says which line is wrong', async () => {
    expect(await importCsv('customers', 'sku,name,price,currency\n')).toMatchObject({ status: 400 });
    expect(await importCsv('products', '{}', 'application/json')).toMatchObject({ status: 415 });
    const bad = await importCsv('products', 'sku,name,price,currency\nLAMP,Lampe,39,EUR\nVASE,Vase,-3,EUR\n');
    expect(bad).toEqual({
      status: 400,
      json: { ok: false, error: 'nothing imported: line 3: price must be an amount such as 12.50' },
    });
    expect(await importCsv('products', 'sku,name,price,currency\nLAMP,Lampe,39,EUR\n')).toEqual({
      status: 200,
      json: { ok: true, kind: 'products', imported: 1, lines: 1 },
    });
    const orders =
      'number,customer_email,status,created_at,sku,quantity\n5001,jack@example.com,paid,2026-03-01,LAMP,2\n';
    expect((await importCsv('orders', orders)).json).toEqual({ ok: true, kind: 'orders', imported: 1, lines: 1 });
    const jack = valueOf(await ask<ThreadOrders>('orders:for-thread', { threadId: 'th_demo_2' }));
    // The seeded 1002 is hours old; the imported 5001 is dated March 2026, so it comes after.
    expect(jack.orders.map((o) => [o.number, o.total])).toEqual([
      ['1002', 37.5],
      ['5001', 78],
    ]);
  });
});

describe('orders commands on a gateway configured for Shopify', () => {
  let fake: FakeShopify;
  let shop: Started;

  beforeAll(async () => {
    fake = await startFakeShopify({ accessToken: SHOPIFY_TOKEN });
    fake.addCustomer({ id: 'gid://shopify/Customer/77', displayName: 'Camille Martin', phone: '+33611111111' });
    fake.addOrder(1042, { customerId: 'gid://shopify/Customer/77', total: '12.50' });
    shop = await start({ kind: 'shopify', storeDomain: fake.url, accessToken: SHOPIFY_TOKEN });
  });
  afterAll(async () => {
    await shop.close();
    await fake.close();
  });

  it('answers orders:for-thread from the shop, looked up by the WhatsApp number, without the token', async () => {
    const result = await request<ThreadOrders>(shop.socket, 'orders:for-thread', { threadId: 'th_demo_1' });
    const answer = valueOf(result);
    expect(answer).toMatchObject({
      source: 'shopify',
      abilities: { cancel: true, updateAddress: true, createFromCart: false },
      customer: { phone: '+33611111111', email: null },
    });
    expect(answer.orders.map((o) => [o.number, o.source, o.total])).toEqual([['1042', 'shopify', 12.5]]);
    expect(fake.requests.every((r) => r.headers['x-shopify-access-token'] === SHOPIFY_TOKEN)).toBe(true);
    expect(JSON.stringify(result)).not.toContain(SHOPIFY_TOKEN);
    // {{order.*}} follows the shop too.
    const latest = valueOf(
      await request<{ order: OrderSummary | null }>(shop.socket, 'orders:latest', { threadId: 'th_demo_1' }),
    );
    expect(latest.order).toMatchObject({ number: '1042', total: 12.5 });
    expect(
      await request(shop.socket, 'orders:from-cart', { threadId: 'th_demo_1', messageId: 'msg_demo_1_5' }),
    ).toEqual({
      ok: false,
      error: 'Shopify cannot turn a chat cart into an order',
    });
    const imported = await fetch(`${shop.gateway.url}/api/orders/import?kind=products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: 'sku,name,price,currency\nA,B,1,EUR\n',
    });
    expect(imported.status).toBe(409);
    expect(shop.logged.join('\n')).not.toContain(SHOPIFY_TOKEN);
  });
});

describe('orders commands when the shop cannot answer', () => {
  it('says so at once when nothing listens at the shop’s address', async () => {
    const port = await closedPort();
    const down = await start({ kind: 'shopify', storeDomain: `http://127.0.0.1:${port}`, accessToken: SHOPIFY_TOKEN });
    try {
      const started = Date.now();
      const result = await request(down.socket, 'orders:for-thread', { threadId: 'th_demo_1' });
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/127\.0\.0\.1/) });
      expect(JSON.stringify(result)).not.toContain(SHOPIFY_TOKEN);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await down.close();
    }
  });

  it('gives up after the timeout when the shop is too slow, with a sentence the panel can show', async () => {
    const fake = await startFakeShopify({ accessToken: SHOPIFY_TOKEN });
    fake.setDelay(3000);
    const slow = await start({ kind: 'shopify', storeDomain: fake.url, accessToken: SHOPIFY_TOKEN, timeoutMs: 300 });
    try {
      const started = Date.now();
      expect(await request(slow.socket, 'orders:find', { number: '1042' })).toEqual({
        ok: false,
        error: 'the shop did not answer within 0.3 s',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await slow.close();
      await fake.close();
    }
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
