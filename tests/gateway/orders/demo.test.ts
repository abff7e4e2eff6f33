import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Address, ShopOrder } from '../../../src/core';
import { OWNER_ID } from '../../../src/gateway/auth';
import { seedDemoShop } from '../../../src/gateway/demo/seed';
import { createDemoSource, type DemoSource } from '../../../src/gateway/orders/demo';
import type { SourceResult } from '../../../src/gateway/orders/source';
import type { Store } from '../../../src/gateway/store/store';
import { DEMO_SHOP } from '../fixtures';
import { openTestStore } from '../helpers';

const NOW = Date.UTC(2026, 2, 12, 12, 0, 0);
const MINUTE = 60_000;
const signal = () => AbortSignal.timeout(5000);

function value<T>(result: SourceResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.value;
}

const LYON: Address = {
  name: 'Camille Martin',
  line1: '12 rue de la République',
  line2: null,
  city: 'Lyon',
  postalCode: '69002',
  region: null,
  country: 'FR',
  phone: '+33611111111',
};

describe('the demo shop as an order source', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let source: DemoSource;
  let clock = NOW;

  beforeEach(async () => {
    clock = NOW;
    ({ store, dispose } = await openTestStore(() => clock));
    await seedDemoShop(store, DEMO_SHOP, OWNER_ID, () => {});
    source = createDemoSource(store);
  });
  afterEach(() => dispose());

  it('finds an order by number, with or without #, as a full ShopOrder', async () => {
    const order = value(await source.byNumber('1001', signal()));
    expect(order).toEqual<ShopOrder>({
      id: '1001',
      number: '1001',
      source: 'demo',
      status: 'shipped',
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      createdAt: NOW - 4000 * MINUTE,
      customer: { name: 'Camille Martin', email: null, phone: '+33611111111' },
      items: [{ sku: 'MUG-01', name: 'Mug', quantity: 2, unitPrice: 12.5 }],
      total: 25,
      currency: 'EUR',
      shipments: [{ company: null, number: null, url: 'https://track.example/1001' }],
      shippingAddress: null,
      cancelledAt: null,
    });
    expect(value(await source.byNumber('#1001', signal()))?.number).toBe('1001');
    expect(value(await source.byNumber('9999', signal()))).toBeNull();
    expect(source.abilities).toEqual({ cancel: true, updateAddress: true, createFromCart: true });
  });

  it('finds a customer’s orders by phone (E.164) or e-mail (any case), newest first', async () => {
    const byPhone = value(await source.byCustomer({ phone: '+33611111111' }, signal()));
    expect(byPhone.map((o) => o.number)).toEqual(['1001']);
    const byEmail = value(await source.byCustomer({ email: 'JACK@example.com' }, signal()));
    expect(byEmail.map((o) => o.number)).toEqual(['1002']);
    expect(byEmail[0]?.items.map((i) => i.name)).toEqual(['T-shirt', 'Mug']);
    expect(byEmail[0]?.total).toBe(37.5);
    expect(value(await source.byCustomer({ phone: '+33699999999' }, signal()))).toEqual([]);
    expect(value(await source.byCustomer({}, signal()))).toEqual([]);
    // A contact's own orders are found even when it has neither phone nor e-mail.
    expect(value(await source.byContact('ct_demo_c2', {})).map((o) => o.number)).toEqual(['1002']);
  });

  it('cancels a paid order, and refuses a shipped, delivered or cancelled one with its reason', async () => {
    clock = NOW + 5 * MINUTE;
    const cancelled = value(await source.cancel('1002', signal()));
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledAt: NOW + 5 * MINUTE, financialStatus: 'voided' });
    expect(await source.cancel('1002', signal())).toEqual({
      ok: false,
      reason: 'refused',
      message: 'order 1002 is already cancelled: it can no longer be cancelled',
      retryable: false,
    });
    expect(await source.cancel('1001', signal())).toMatchObject({
      ok: false,
      reason: 'refused',
      message: 'order 1001 has already shipped: it can no longer be cancelled',
    });
    value(await source.setOrderStatus('1001', 'delivered'));
    expect(await source.cancel('1001', signal())).toMatchObject({
      message: 'order 1001 has already been delivered: it can no longer be cancelled',
    });
    expect(await source.cancel('4040', signal())).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('changes the shipping address of an order that has not left, never of a shipped one', async () => {
    const moved = value(await source.updateShippingAddress('1002', LYON, signal()));
    expect(moved.shippingAddress).toEqual(LYON);
    expect(value(await source.byNumber('1002', signal()))?.shippingAddress).toEqual(LYON);
    expect(await source.updateShippingAddress('1001', LYON, signal())).toMatchObject({
      ok: false,
      reason: 'refused',
      message: 'order 1001 has already shipped: its address can no longer change',
    });
  });

  it('turns a chat cart into the next order for the thread’s customer, total computed in cents', async () => {
    const cart = [
      { productId: 'MUG-01', quantity: 3, unitPrice: 0.1, currency: 'EUR' },
      { productId: 'TEE-02', quantity: 1, unitPrice: 0.2, currency: 'EUR' },
    ];
    const { order, created } = value(await source.createOrderFromCart('th_demo_1', cart, 'msg_cart_1'));
    expect(created).toBe(true);
    expect(order).toMatchObject({
      number: '1003',
      status: 'pending',
      createdAt: NOW,
      customer: { name: 'Camille Martin', phone: '+33611111111' },
      items: [
        { sku: 'MUG-01', name: 'Mug', quantity: 3, unitPrice: 0.1 },
        { sku: 'TEE-02', name: 'T-shirt', quantity: 1, unitPrice: 0.2 },
      ],
      // 0.1 × 3 + 0.2 in floating point is 0.5000000000000001.
      total: 0.5,
      currency: 'EUR',
    });
    // The same cart again is the same order.
    expect(value(await source.createOrderFromCart('th_demo_1', cart, 'msg_cart_1'))).toEqual({ order, created: false });
    expect(value(await source.byCustomer({ phone: '+33611111111' }, signal())).map((o) => o.number)).toEqual([
      '1003',
      '1001',
    ]);
    expect(await source.createOrderFromCart('th_demo_1', [])).toMatchObject({
      ok: false,
      message: 'the cart is empty',
    });
    expect(
      await source.createOrderFromCart('th_demo_1', [
        { productId: 'NOPE', quantity: 1, unitPrice: 1, currency: 'EUR' },
      ]),
    ).toMatchObject({ ok: false, message: 'product NOPE is not in the catalogue' });
    expect(
      await source.createOrderFromCart('th_demo_1', [
        { productId: 'MUG-01', quantity: 1, unitPrice: 1, currency: 'EUR' },
        { productId: 'TEE-02', quantity: 1, unitPrice: 1, currency: 'USD' },
      ]),
    ).toMatchObject({ ok: false, message: 'the cart mixes currencies' });
    expect(await source.createOrderFromCart('th_nope', cart)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('moves an order on with its parcel, which becomes the tracking link {{order.*}} reads', async () => {
    const shipped = value(
      await source.setOrderStatus('1002', 'shipped', {
        company: 'Colissimo',
        number: '6A123',
        url: 'https://t.example/6A123',
      }),
    );
    expect(shipped).toMatchObject({
      status: 'shipped',
      shipments: [{ company: 'Colissimo', number: '6A123', url: 'https://t.example/6A123' }],
    });
    const rows = await store.sql.query<{ tracking_url: string }>(
      `SELECT tracking_url FROM orders WHERE number = '1002'`,
    );
    expect(rows[0]?.tracking_url).toBe('https://t.example/6A123');
  });
});
