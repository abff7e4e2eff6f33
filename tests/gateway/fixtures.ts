import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DemoShop } from '../../src/core';

/** A small demo shop of our own, so gateway tests do not depend on the real catalogue's contents. */
export const DEMO_SHOP: DemoShop = {
  shop: { name: 'Atelier Test', currency: 'EUR', hours: 'Mon–Sat 9:00–19:00' },
  products: [
    { sku: 'MUG-01', name: 'Mug', price: 12.5, currency: 'EUR' },
    { sku: 'TEE-02', name: 'T-shirt', price: 25, currency: 'EUR' },
  ],
  customers: [
    {
      id: 'c1',
      name: 'Camille Martin',
      channel: 'whatsapp',
      handle: '+33611111111',
      email: null,
      phone: '+33611111111',
      locale: 'fr',
    },
    {
      id: 'c2',
      name: 'Jack Brown',
      channel: 'messenger',
      handle: 'psid-222',
      email: 'jack@example.com',
      phone: null,
      locale: 'en',
    },
    { id: 'c3', name: 'Léa Petit', channel: 'instagram', handle: 'igsid-333', email: null, phone: null, locale: 'fr' },
  ],
  orders: [
    {
      number: '1001',
      customerId: 'c1',
      status: 'shipped',
      minutesAgo: 4000,
      items: [{ sku: 'MUG-01', quantity: 2 }],
      trackingUrl: 'https://track.example/1001',
    },
    {
      number: '1002',
      customerId: 'c2',
      status: 'paid',
      minutesAgo: 600,
      items: [
        { sku: 'TEE-02', quantity: 1 },
        { sku: 'MUG-01', quantity: 1 },
      ],
      trackingUrl: null,
    },
  ],
  conversations: [
    {
      customerId: 'c1',
      status: 'open',
      assignedToMe: true,
      messages: [
        { from: 'customer', text: 'Bonjour, où est ma commande 1001 ?', minutesAgo: 120 },
        { from: 'agent', text: 'Bonjour Camille, elle est en route !', minutesAgo: 110 },
        { from: 'customer', text: 'Merci, et le suivi ?', minutesAgo: 30 },
        { from: 'customer', text: 'Je ne le trouve pas', minutesAgo: 29 },
      ],
    },
    {
      customerId: 'c2',
      status: 'resolved',
      assignedToMe: false,
      messages: [
        { from: 'customer', text: 'Hi, can I change my size?', minutesAgo: 2000 },
        { from: 'agent', text: 'Of course, which size?', minutesAgo: 1990 },
        { from: 'customer', text: 'M please', minutesAgo: 1980 },
      ],
    },
    {
      customerId: 'c3',
      status: 'open',
      assignedToMe: false,
      messages: [{ from: 'customer', text: 'Vous livrez en Belgique ?', minutesAgo: 5 }],
    },
  ],
  simulated: {
    fr: ['Bonjour !', 'Ma commande est arrivée ?', 'Merci beaucoup', 'Vous avez du stock ?', 'Je voudrais un échange'],
    en: ['Hello!', 'Has my order shipped?', 'Thanks a lot', 'Do you have it in stock?', 'I would like an exchange'],
  },
};

/** What seeding DEMO_SHOP must produce. */
export const DEMO_COUNTS = { contacts: 3, threads: 3, messages: 8, products: 2, orders: 2 };

/** A new workspace starts with the shipped model's 11 labels, one `label.upserted` event each. */
export const DEFAULT_LABEL_EVENTS = 11;

/**
 * The log a new demo workspace holds: the default labels, DEMO_SHOP's contacts, threads and messages, and the
 * history of the sorting the seed applied (how many depends on the shipped model, so it is counted, not fixed).
 */
export function seededLogShape(types: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of types) if (type !== 'thread.activity') counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}
/** The repository's demo quick replies: tests seed the real set (every one must pass the gateway's checks). */
export const SHIPPED_QUICK_REPLIES = join(__dirname, '..', '..', 'resources', 'demo', 'quick-replies.json');
/** One `quickreply.upserted` event per demo quick reply. */
export const DEMO_QUICK_REPLIES = (JSON.parse(readFileSync(SHIPPED_QUICK_REPLIES, 'utf8')) as { replies: unknown[] })
  .replies.length;

export const SEEDED_SHAPE = {
  'label.upserted': DEFAULT_LABEL_EVENTS,
  'contact.upserted': DEMO_COUNTS.contacts,
  'thread.upserted': DEMO_COUNTS.threads,
  'message.added': DEMO_COUNTS.messages,
  'quickreply.upserted': DEMO_QUICK_REPLIES,
};

/** A fresh folder under the OS temp dir, removed by the returned function. */
export function tempDir(prefix = 'comptoir-gw-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The repository's shipped label model: a gateway reads it from `<resources>/labels/`. */
export const SHIPPED_MODEL = join(__dirname, '..', '..', 'resources', 'labels', 'default-model.json');

/**
 * Writes `shop` where the gateway looks for the demo shop (`<dir>/demo/shop.json`), next to the shipped demo quick
 * replies and label model.
 */
export function writeResources(dir: string, shop: unknown = DEMO_SHOP): string {
  mkdirSync(join(dir, 'demo'), { recursive: true });
  writeFileSync(join(dir, 'demo', 'shop.json'), JSON.stringify(shop));
  copyFileSync(SHIPPED_QUICK_REPLIES, join(dir, 'demo', 'quick-replies.json'));
  cpSync(join(dirname(SHIPPED_QUICK_REPLIES), 'library'), join(dir, 'demo', 'library'), { recursive: true });
  mkdirSync(join(dir, 'labels'), { recursive: true });
  copyFileSync(SHIPPED_MODEL, join(dir, 'labels', 'default-model.json'));
  return dir;
}
