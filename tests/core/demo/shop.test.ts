import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DemoShopSchema, type DemoShop } from '../../../src/core';

// The file a new user sees on first launch: read from disk exactly as the gateway will load it.
const shopPath = fileURLToPath(new URL('../../../resources/demo/shop.json', import.meta.url));
const raw: unknown = JSON.parse(readFileSync(shopPath, 'utf8'));

function loadShop(): DemoShop {
  return DemoShopSchema.parse(raw);
}

const TEN_DAYS_IN_MINUTES = 10 * 24 * 60;
const ORDER_CITATION = /#(\d{4})\b/g;

function citedOrderNumbers(text: string): string[] {
  return [...text.matchAll(ORDER_CITATION)].map((match) => match[1] ?? '');
}

function duplicatesOf(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

describe('the demo shop file', () => {
  it('parses with DemoShopSchema', () => {
    const result = DemoShopSchema.safeParse(raw);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('sells a small EUR catalog with unique skus', () => {
    const shop = loadShop();
    expect(shop.shop.currency).toBe('EUR');
    expect(shop.products.length).toBeGreaterThanOrEqual(12);
    expect(shop.products.length).toBeLessThanOrEqual(16);
    expect(duplicatesOf(shop.products.map((product) => product.sku))).toEqual([]);
    for (const product of shop.products) {
      expect(product.currency, product.sku).toBe(shop.shop.currency);
      expect(product.price, product.sku).toBeGreaterThan(0);
    }
  });

  it('has about twenty customers with unique ids and handles', () => {
    const { customers } = loadShop();
    expect(customers.length).toBeGreaterThanOrEqual(18);
    expect(customers.length).toBeLessThanOrEqual(24);
    expect(duplicatesOf(customers.map((customer) => customer.id))).toEqual([]);
    expect(duplicatesOf(customers.map((customer) => customer.handle))).toEqual([]);
    expect(new Set(customers.map((customer) => customer.locale))).toEqual(new Set(['fr', 'en']));
    expect(new Set(customers.map((customer) => customer.channel))).toEqual(
      new Set(['whatsapp', 'messenger', 'instagram']),
    );
  });

  it('gives each channel the address format its provider uses, with numbers reserved for fiction', () => {
    for (const customer of loadShop().customers) {
      if (customer.channel === 'whatsapp') {
        expect(customer.handle, customer.id).toMatch(/^\+[1-9]\d{7,14}$/);
        expect(customer.phone, customer.id).toBe(customer.handle);
        // French 06 00 range or Ofcom's drama range: never a real person's phone.
        expect(customer.handle, customer.id).toMatch(/^(\+33600\d{6}|\+447700900\d{3})$/);
      } else {
        expect(customer.handle, customer.id).toMatch(/^\d{10,20}$/);
        expect(customer.phone, customer.id).toBeNull();
      }
      if (customer.email !== null) {
        expect(customer.email, customer.id).toMatch(/^[^@\s]+@[^@\s]+\.(com|net|org|example)$/);
        expect(customer.email, customer.id).toMatch(/example/);
      }
    }
  });

  it('has 20 to 30 orders with unique numbers, known customers and catalog skus', () => {
    const shop = loadShop();
    const customerIds = new Set(shop.customers.map((customer) => customer.id));
    const skus = new Set(shop.products.map((product) => product.sku));
    expect(shop.orders.length).toBeGreaterThanOrEqual(20);
    expect(shop.orders.length).toBeLessThanOrEqual(30);
    expect(duplicatesOf(shop.orders.map((order) => order.number))).toEqual([]);
    for (const order of shop.orders) {
      expect(customerIds.has(order.customerId), `order ${order.number}: ${order.customerId}`).toBe(true);
      for (const item of order.items) {
        expect(skus.has(item.sku), `order ${order.number}: ${item.sku}`).toBe(true);
      }
    }
  });

  it('uses every order status, with tracking only for parcels that left the workshop', () => {
    const { orders } = loadShop();
    expect(new Set(orders.map((order) => order.status))).toEqual(
      new Set(['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded']),
    );
    for (const order of orders) {
      if (order.status === 'shipped' || order.status === 'delivered') {
        expect(order.trackingUrl, order.number).toMatch(/^https:\/\/track\.example\.com\/[A-Z0-9]+$/);
      }
      if (order.status === 'pending' || order.status === 'paid' || order.status === 'cancelled') {
        expect(order.trackingUrl, order.number).toBeNull();
      }
    }
  });

  it('numbers orders in the order they were placed', () => {
    const byAge = [...loadShop().orders].sort((a, b) => b.minutesAgo - a.minutesAgo);
    const numbers = byAge.map((order) => Number(order.number));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(byAge.map((order) => order.minutesAgo)).size).toBe(byAge.length);
  });

  it('has 32 to 40 conversations of 1 to 8 messages, in both languages, with known customers', () => {
    const shop = loadShop();
    const localeOf = new Map(shop.customers.map((customer) => [customer.id, customer.locale]));
    expect(shop.conversations.length).toBeGreaterThanOrEqual(32);
    expect(shop.conversations.length).toBeLessThanOrEqual(40);
    for (const conversation of shop.conversations) {
      expect(localeOf.has(conversation.customerId), conversation.customerId).toBe(true);
      expect(conversation.messages.length).toBeGreaterThanOrEqual(1);
      expect(conversation.messages.length).toBeLessThanOrEqual(8);
    }
    const locales = shop.conversations.map((conversation) => localeOf.get(conversation.customerId));
    expect(locales.filter((locale) => locale === 'fr').length).toBeGreaterThanOrEqual(10);
    expect(locales.filter((locale) => locale === 'en').length).toBeGreaterThanOrEqual(10);
  });

  it('mixes statuses and assignment like a real inbox', () => {
    const { conversations } = loadShop();
    const resolved = conversations.filter((conversation) => conversation.status === 'resolved').length;
    const mine = conversations.filter((conversation) => conversation.assignedToMe).length;
    const waiting = conversations.filter(
      (conversation) => conversation.status === 'open' && conversation.messages.at(-1)?.from === 'customer',
    ).length;
    expect(resolved / conversations.length).toBeGreaterThan(0.25);
    expect(resolved / conversations.length).toBeLessThan(0.45);
    expect(mine).toBeGreaterThanOrEqual(3);
    expect(mine).toBeLessThan(conversations.length / 2);
    expect(waiting).toBeGreaterThanOrEqual(3);
  });

  it('orders messages strictly in time within each conversation, over the last ten days', () => {
    for (const [index, conversation] of loadShop().conversations.entries()) {
      const ages = conversation.messages.map((message) => message.minutesAgo);
      for (let i = 1; i < ages.length; i += 1) {
        expect(ages[i], `conversation ${index}, message ${i}`).toBeLessThan(ages[i - 1] ?? Infinity);
      }
      expect(ages[0], `conversation ${index}`).toBeLessThanOrEqual(TEN_DAYS_IN_MINUTES);
    }
  });

  it('never interleaves two conversations of the same customer, so they read as one history', () => {
    const spans = new Map<string, { first: number; last: number }[]>();
    for (const { customerId, messages } of loadShop().conversations) {
      const span = { first: messages[0]?.minutesAgo ?? 0, last: messages.at(-1)?.minutesAgo ?? 0 };
      spans.set(customerId, [...(spans.get(customerId) ?? []), span]);
    }
    for (const [customerId, list] of spans) {
      const sorted = [...list].sort((a, b) => b.first - a.first);
      for (let i = 1; i < sorted.length; i += 1) {
        expect(sorted[i]?.first, customerId).toBeLessThan(sorted[i - 1]?.last ?? -Infinity);
      }
    }
  });

  it("cites only existing orders, each the customer's own and placed before it was mentioned", () => {
    const shop = loadShop();
    const orders = new Map(shop.orders.map((order) => [order.number, order]));
    let citations = 0;
    for (const conversation of shop.conversations) {
      for (const message of conversation.messages) {
        for (const number of citedOrderNumbers(message.text)) {
          citations += 1;
          const order = orders.get(number);
          expect(order, `#${number} in "${message.text}"`).toBeDefined();
          expect(order?.customerId, `#${number}`).toBe(conversation.customerId);
          expect(order?.minutesAgo, `#${number}`).toBeGreaterThan(message.minutesAgo);
        }
      }
    }
    expect(citations).toBeGreaterThanOrEqual(15);
  });

  it('keeps the hard cases the UI must survive: emoji, a long paragraph, RTL text and a URL', () => {
    const texts = loadShop().conversations.flatMap((conversation) => conversation.messages.map((m) => m.text));
    expect(texts.some((text) => /\p{Extended_Pictographic}/u.test(text))).toBe(true);
    expect(texts.some((text) => text.length >= 1000 && text.length <= 1500)).toBe(true);
    expect(texts.some((text) => /[\u0590-\u08FF]/.test(text))).toBe(true);
    expect(texts.some((text) => /https:\/\/\S+/.test(text))).toBe(true);
    // Plain text only: nothing that would mean something if it were ever rendered as HTML.
    expect(texts.filter((text) => /<\/?[a-z][^>]*>|&[a-z]+;/i.test(text))).toEqual([]);
  });

  it('gives simulated customers at least fifteen distinct lines per language', () => {
    const { simulated } = loadShop();
    for (const lines of [simulated.fr, simulated.en]) {
      expect(lines.length).toBeGreaterThanOrEqual(15);
      expect(duplicatesOf(lines)).toEqual([]);
      for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(120);
    }
  });
});
