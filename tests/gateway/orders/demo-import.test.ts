import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWNER_ID } from '../../../src/gateway/auth';
import { seedDemoShop } from '../../../src/gateway/demo/seed';
import { parseCsvLines } from '../../../src/gateway/orders/csv';
import { createDemoSource } from '../../../src/gateway/orders/demo';
import { importDemoCsv } from '../../../src/gateway/orders/demo-import';
import type { Store } from '../../../src/gateway/store/store';
import { DEMO_SHOP } from '../fixtures';
import { countRows, openTestStore } from '../helpers';

const signal = () => AbortSignal.timeout(5000);

const PRODUCTS = `sku,name,price,currency,image_url
CAN-FIG,"Bougie Figue & Cèdre, 220 g",34.00,EUR,https://img.example/fig.jpg
CAN-MIM,Bougie Mimosa,34,eur,
`;

const ORDERS = [
  'number,customer_email,customer_phone,customer_name,status,created_at,sku,quantity,unit_price,tracking_url,ship_name,ship_line1,ship_city,ship_postal_code,ship_country',
  '2001,dana@example.com,,Dana Scully,shipped,2026-03-01,CAN-FIG,2,,https://t.example/2001,Dana Scully,1 rue de la Paix,Paris,75002,FR',
  '2001,,,,,,CAN-MIM,1,30.5,,,,,,',
  '#2002,,+33611111111,,paid,2026-03-05T10:30:00+01:00,MUG-01,1,,,,,,,',
].join('\r\n');

describe('CSV import into the demo shop', () => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore(() => Date.UTC(2026, 2, 12)));
    await seedDemoShop(store, DEMO_SHOP, OWNER_ID, () => {});
  });
  afterEach(() => dispose());

  it('imports products, then orders grouped by number, linked to the contact with that phone', async () => {
    expect(await importDemoCsv(store, 'products', PRODUCTS)).toEqual({
      ok: true,
      value: { kind: 'products', imported: 2, lines: 2 },
    });
    expect(await countRows(store, 'products')).toBe(4);
    expect(await importDemoCsv(store, 'orders', ORDERS)).toEqual({
      ok: true,
      value: { kind: 'orders', imported: 2, lines: 3 },
    });
    const source = createDemoSource(store);
    const dana = (await source.byCustomer({ email: 'Dana@Example.com' }, signal())) as { ok: true; value: unknown[] };
    expect(dana.value).toEqual([
      expect.objectContaining({
        number: '2001',
        status: 'shipped',
        createdAt: Date.UTC(2026, 2, 1),
        customer: { name: 'Dana Scully', email: 'dana@example.com', phone: null },
        items: [
          { sku: 'CAN-FIG', name: 'Bougie Figue & Cèdre, 220 g', quantity: 2, unitPrice: 34 },
          { sku: 'CAN-MIM', name: 'Bougie Mimosa', quantity: 1, unitPrice: 30.5 },
        ],
        total: 98.5,
        shipments: [{ company: null, number: null, url: 'https://t.example/2001' }],
        shippingAddress: expect.objectContaining({ line1: '1 rue de la Paix', country: 'FR' }),
      }),
    ]);
    const owner = await store.sql.query<{ contact_id: string | null }>(
      `SELECT contact_id FROM orders WHERE number IN ('2001', '2002') ORDER BY number`,
    );
    expect(owner.map((r) => r.contact_id)).toEqual([null, 'ct_demo_c1']);
    // Importing the same file again replaces the orders, it does not add lines.
    expect(await importDemoCsv(store, 'orders', ORDERS)).toMatchObject({ ok: true });
    expect(await countRows(store, 'orders')).toBe(4);
  });

  it.each([
    ['an unknown column', 'sku,name,cost,currency\nA,B,1,EUR', /^nothing imported: line 1: unknown column "cost"/],
    ['a missing column', 'sku,name,price\nA,B,1', /^nothing imported: line 1: missing column "currency"/],
    ['an empty file', '', /line 1: the file is empty/],
  ])('refuses %s in the header', async (_case, csv, error) => {
    expect(await importDemoCsv(store, 'products', csv)).toMatchObject({
      ok: false,
      error: expect.stringMatching(error),
    });
    expect(await countRows(store, 'products')).toBe(2);
  });

  it('names every bad row by its line and stores nothing, not even the good rows', async () => {
    const csv = [
      'number,customer_email,status,created_at,sku,quantity',
      '3001,a@example.com,paid,2026-03-01,MUG-01,1',
      '3002,b@example.com,paid,2026-03-01,MUG-01,1',
      '',
      '3003,c@example.com,paid,2026-03-01,MUG-01,1',
      '3004,d@example.com,paid,2026-03-01,MUG-01,1',
      '3005,e@example.com,paid,2026-03-01,MUG-01,0',
      '3006,f@example.com,sent,yesterday,GHOST,2',
      '"3007,g@example.com,paid,2026-03-01,MUG-01,1',
    ];
    const result = await importDemoCsv(store, 'orders', csv.slice(0, 8).join('\n'));
    expect(result).toMatchObject({ ok: false });
    if (result.ok) return;
    expect(result.problems).toEqual([
      'line 7: quantity must be a positive integer',
      'line 8: sku GHOST is not in the catalogue: import it first or give a unit_price',
      'line 8: status must be one of pending, paid, shipped, delivered, cancelled, refunded',
      'line 8: created_at must be a date such as 2026-03-12 or 2026-03-12T14:30:00Z',
    ]);
    expect(result.error).toMatch(/^nothing imported: line 7: quantity must be a positive integer; line 8/);
    expect(await countRows(store, 'orders')).toBe(2);
    expect(await importDemoCsv(store, 'orders', csv.join('\n'))).toMatchObject({
      ok: false,
      problems: expect.arrayContaining(['line 9: a quoted field is not closed']),
    });
  });

  it('refuses an order whose lines disagree, or that names no customer', async () => {
    const csv = [
      'number,customer_email,customer_phone,status,created_at,sku,quantity',
      '4001,a@example.com,,paid,2026-03-01,MUG-01,1',
      '4001,a@example.com,,shipped,2026-03-01,TEE-02,1',
      '4002,,,paid,2026-03-01,MUG-01,1',
      '4003,,0612345678,paid,2026-03-01,MUG-01,1',
    ].join('\n');
    expect(await importDemoCsv(store, 'orders', csv)).toMatchObject({
      ok: false,
      problems: [
        'line 3: status differs from line 2 (order 4001)',
        'line 4: order 4002 needs a customer_email or a customer_phone',
        'line 5: customer_phone must be an international number such as +33612345678',
      ],
    });
    expect(
      await importDemoCsv(store, 'orders', 'number,status,created_at,sku,quantity\n1,paid,2026-03-01,MUG-01,1'),
    ).toMatchObject({
      ok: false,
      error: 'nothing imported: line 1: a customer_email or a customer_phone column is needed',
    });
  });

  it('reads quoted fields across lines and reports the line each record starts on', () => {
    expect(parseCsvLines('a,b\r\n"x\ny",2\n\n3,"say ""hi"""\n')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x\ny', '2'] },
        { line: 5, fields: ['3', 'say "hi"'] },
      ],
    });
  });
});
