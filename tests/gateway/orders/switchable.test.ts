import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ShopOrder } from '../../../src/core';
import { startGateway, type RunningGateway } from '../../../src/gateway';
import { startFakeShopify, type FakeShopify } from '../../fakes/shopify';
import { tempDir, writeResources } from '../fixtures';
import { connect, request, valueOf, type ClientSocket } from '../helpers';

const TOKEN = 'switchable-orders-admin-token-0123';
const SHOPIFY_TOKEN = 'shpat_switchable_secret_42';

describe('a running gateway switches its shop when the settings change', () => {
  const data = tempDir();
  const resources = tempDir();
  let fake: FakeShopify;
  let gateway: RunningGateway;
  let socket: ClientSocket;
  const find = async (number: string) =>
    valueOf(await request<{ order: ShopOrder | null; source: string }>(socket, 'orders:find', { number }));

  beforeAll(async () => {
    writeResources(resources.path);
    fake = await startFakeShopify({ accessToken: SHOPIFY_TOKEN });
    fake.addOrder(1042, { total: '12.50' });
    gateway = await startGateway({
      dataDir: data.path,
      demo: true,
      simulate: false,
      adminToken: TOKEN,
      resourcesDir: resources.path,
      log: () => {},
    });
    socket = await connect(gateway.url, TOKEN);
  });
  afterAll(async () => {
    socket.close();
    await gateway.close();
    await fake.close();
    [data, resources].forEach((d) => d.remove());
  });

  it('answers from the new shop on the next lookup, and back', async () => {
    expect(gateway.orders.kind()).toBe('demo');
    expect((await find('1042')).order).toBeNull(); // the fixture's demo shop has 1001 and 1002 only
    expect(gateway.orders.configure({ kind: 'shopify', storeDomain: fake.url, accessToken: SHOPIFY_TOKEN })).toEqual({
      ok: true,
      value: null,
    });
    expect(gateway.orders.kind()).toBe('shopify');
    const found = await find('1042');
    expect(found).toMatchObject({ source: 'shopify', order: { number: '1042', source: 'shopify', total: 12.5 } });
    // CSV import fills the demo shop only.
    const imported = await fetch(`${gateway.url}/api/orders/import?kind=products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: 'sku,name,price,currency\nX,Thing,1,EUR\n',
    });
    expect(imported.status).toBe(409);

    gateway.orders.configure({ kind: 'demo' });
    expect(await find('1001')).toMatchObject({ source: 'demo', order: { number: '1001' } });
  });

  it('refuses a shop it cannot use and keeps the one it has', () => {
    const refused = gateway.orders.configure({
      kind: 'woocommerce',
      siteUrl: 'http://shop.example',
      consumerKey: 'ck',
      consumerSecret: 'cs',
    });
    expect(refused.ok).toBe(false);
    expect(gateway.orders.kind()).toBe('demo');
  });
});
