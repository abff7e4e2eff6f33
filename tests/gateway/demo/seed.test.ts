import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureOwner, OWNER_ID } from '../../../src/gateway/auth';
import { seedDemoShop } from '../../../src/gateway/demo/seed';
import { readDemoShop } from '../../../src/gateway/demo/shop-file';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import { readEvents } from '../../../src/gateway/store/events';
import type { Store } from '../../../src/gateway/store/store';
import { DEMO_COUNTS, DEMO_SHOP, tempDir, writeResources } from '../fixtures';
import { countRows, openTestStore, valueOf } from '../helpers';

const NOW = 1_750_000_000_000;
const MIN = 60_000;

describe('the demo shop loader', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  const resources = tempDir();
  const logged: string[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(() => NOW));
    await ensureOwner(store, 'You');
  });
  afterAll(async () => {
    await dispose();
    resources.remove();
  });

  it('reads and checks the file, with errors that name it', async () => {
    writeResources(resources.path);
    expect(await readDemoShop(resources.path)).toEqual(DEMO_SHOP);
    const missing = tempDir();
    await expect(readDemoShop(missing.path)).rejects.toThrow(
      `cannot read the demo shop ${join(missing.path, 'demo', 'shop.json')}`,
    );
    writeResources(missing.path, { ...DEMO_SHOP, products: [] });
    await expect(readDemoShop(missing.path)).rejects.toThrow(/invalid demo shop .*products/);
    writeFileSync(join(missing.path, 'demo', 'shop.json'), '{ not json');
    await expect(readDemoShop(missing.path)).rejects.toThrow('cannot read the demo shop');
    missing.remove();
  });

  it('fills an empty store with what the file says, as events, skipping dangling references', async () => {
    const ghost = { customerId: 'ghost', status: 'open' as const, assignedToMe: false };
    const shop = {
      ...DEMO_SHOP,
      orders: [
        ...DEMO_SHOP.orders,
        {
          ...ghost,
          number: '9999',
          status: 'paid' as const,
          minutesAgo: 1,
          items: [{ sku: 'MUG-01', quantity: 1 }],
          trackingUrl: null,
        },
      ],
      conversations: [
        ...DEMO_SHOP.conversations,
        { ...ghost, messages: [{ from: 'customer' as const, text: 'Boo', minutesAgo: 1 }] },
      ],
    };
    const seeded = await seedDemoShop(store, shop, OWNER_ID, (l) => logged.push(l));
    expect(seeded).toEqual(DEMO_COUNTS);
    expect(await countRows(store, 'contacts')).toBe(DEMO_COUNTS.contacts);
    expect(await countRows(store, 'threads')).toBe(DEMO_COUNTS.threads);
    expect(await countRows(store, 'messages')).toBe(DEMO_COUNTS.messages);
    expect(await countRows(store, 'products')).toBe(DEMO_COUNTS.products);
    expect(await countRows(store, 'orders')).toBe(DEMO_COUNTS.orders);
    const events = await readEvents(store.sql, 0, 1000);
    expect(events).toHaveLength(DEMO_COUNTS.contacts + DEMO_COUNTS.threads + DEMO_COUNTS.messages);
    expect(events.every((e) => e.actor === 'system' && e.at === NOW)).toBe(true);
    expect(logged).toEqual([
      'demo shop: order 9999 names an unknown customer ghost; skipped',
      'demo shop: conversation 4 names an unknown customer ghost; skipped',
    ]);
  });

  it('gives each thread the summary, status and assignee its conversation implies', async () => {
    const inbox = new Inbox(store, () => {});
    const threads = new Map((await inbox.threads()).map((t) => [t.id, t]));
    expect(threads.get('th_demo_1')).toEqual({
      id: 'th_demo_1',
      contactId: 'ct_demo_c1',
      channel: 'whatsapp',
      status: 'open',
      assigneeId: OWNER_ID,
      createdAt: NOW - 120 * MIN,
      lastMessageAt: NOW - 29 * MIN,
      lastMessagePreview: 'Je ne le trouve pas',
      lastMessageDirection: 'in',
      unreadCount: 2,
      lastInboundAt: NOW - 29 * MIN,
    });
    expect(threads.get('th_demo_2')).toMatchObject({
      status: 'resolved',
      assigneeId: null,
      unreadCount: 0,
      lastMessagePreview: 'M please',
      channel: 'messenger',
    });
    expect(threads.get('th_demo_3')).toMatchObject({ status: 'open', unreadCount: 1, lastMessageAt: NOW - 5 * MIN });
    const messages = valueOf(await inbox.messages('th_demo_1'));
    expect(messages.map((m) => [m.direction, m.status])).toEqual([
      ['in', 'delivered'],
      ['out', 'read'],
      ['in', 'delivered'],
      ['in', 'delivered'],
    ]);
    expect(messages[1]?.author).toEqual({ kind: 'agent', agentId: OWNER_ID });
    const orders = await store.sql.query<{ number: string; total: string; created_at: number; contact_id: string }>(
      'SELECT number, total, created_at, contact_id FROM orders ORDER BY number',
    );
    expect(orders.map((o) => [o.number, Number(o.total), Number(o.created_at), o.contact_id])).toEqual([
      ['1001', 25, NOW - 4000 * MIN, 'ct_demo_c1'],
      ['1002', 37.5, NOW - 600 * MIN, 'ct_demo_c2'],
    ]);
    const [camille] = await store.sql.query<{ created_at: number }>(
      "SELECT created_at FROM contacts WHERE id = 'ct_demo_c1'",
    );
    expect(Number(camille?.created_at)).toBe(NOW - 4000 * MIN);
  });

  it('turns a cart line into an order message priced from the catalogue', async () => {
    const { store: other, dispose: close } = await openTestStore(() => NOW);
    try {
      await ensureOwner(other, 'You');
      const conversation = DEMO_SHOP.conversations[0]!;
      const shop = {
        ...DEMO_SHOP,
        conversations: [
          {
            ...conversation,
            messages: [
              ...conversation.messages,
              {
                from: 'customer' as const,
                text: 'Je prends ça',
                minutesAgo: 1,
                cart: [
                  { sku: 'MUG-01', quantity: 2 },
                  { sku: 'TEE-02', quantity: 1 },
                ],
              },
            ],
          },
        ],
      };
      await seedDemoShop(other, shop, OWNER_ID, () => {});
      const messages = valueOf(await new Inbox(other, () => {}).messages('th_demo_1'));
      const cart = messages.at(-1);
      expect(cart?.content).toEqual({
        kind: 'order',
        catalogId: null,
        items: [
          { productId: 'MUG-01', name: 'Mug', quantity: 2, unitPrice: 12.5, currency: 'EUR' },
          { productId: 'TEE-02', name: 'T-shirt', quantity: 1, unitPrice: 25, currency: 'EUR' },
        ],
      });
      const [thread] = await other.sql.query<{ last_message_preview: string }>(
        "SELECT last_message_preview FROM threads WHERE id = 'th_demo_1'",
      );
      expect(thread?.last_message_preview).toBe('🛒 Je prends ça');
    } finally {
      await close();
    }
  });

  it('loads nothing into a store that already holds data', async () => {
    const before = await countRows(store, 'events');
    expect(await seedDemoShop(store, DEMO_SHOP, OWNER_ID, () => {})).toBeNull();
    expect(await countRows(store, 'events')).toBe(before);
    expect(await countRows(store, 'threads')).toBe(DEMO_COUNTS.threads);
  });
});
