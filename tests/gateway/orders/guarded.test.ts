import { describe, expect, it } from 'vitest';
import type { Address, ShopOrder } from '../../../src/core';
import { guardSource } from '../../../src/gateway/orders/guarded';
import { sourceFailure, type OrderSource, type SourceResult } from '../../../src/gateway/orders/source';
import { createShopifySource } from '../../../src/gateway/orders/shopify';
import { startFakeShopify } from '../../fakes/shopify';

const order = (number: string, status: ShopOrder['status'] = 'paid'): ShopOrder => ({
  id: `id-${number}`,
  number,
  source: 'shopify',
  status,
  financialStatus: null,
  fulfillmentStatus: null,
  createdAt: 0,
  customer: { name: null, email: null, phone: null },
  items: [],
  total: 0,
  currency: 'EUR',
  shipments: [],
  shippingAddress: null,
  cancelledAt: null,
});

const ADDRESS: Address = {
  name: 'Dana Scully',
  line1: '1 rue de la Paix',
  line2: null,
  city: 'Paris',
  postalCode: '75002',
  region: null,
  country: 'FR',
  phone: null,
};

type Call = { method: string; args: unknown[]; signal: AbortSignal };

/** A scripted shop: records calls; `answer` decides each result (default: the order, at once). */
function scripted(answer?: (call: Call) => Promise<SourceResult<unknown>>) {
  const calls: Call[] = [];
  let status: ShopOrder['status'] = 'paid';
  const run = <T>(method: string, args: unknown[], signal: AbortSignal, fallback: () => T) => {
    const call = { method, args, signal };
    calls.push(call);
    return (answer ? answer(call) : Promise.resolve({ ok: true as const, value: fallback() })) as Promise<
      SourceResult<T>
    >;
  };
  const source: OrderSource = {
    kind: 'shopify',
    abilities: { cancel: true, updateAddress: true, createFromCart: false },
    byNumber: (number, signal) => run('byNumber', [number], signal, () => order(number, status)),
    byCustomer: (query, signal, limit) => run('byCustomer', [query, limit], signal, () => [order('1', status)]),
    cancel: (id, signal) =>
      run('cancel', [id], signal, () => {
        status = 'cancelled';
        return order('1', status);
      }),
    updateShippingAddress: (id, address, signal) =>
      run('updateShippingAddress', [id, address], signal, () => order('1', status)),
  };
  return { source, calls, count: (method: string) => calls.filter((c) => c.method === method).length };
}

const live = () => new AbortController().signal;

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('guardSource', () => {
  describe('cache', () => {
    it('answers a repeated lookup from the cache until the TTL passes', async () => {
      let now = 1_000;
      const shop = scripted();
      const guarded = guardSource(shop.source, { cacheTtlMs: 30_000, now: () => now });
      expect(await guarded.byNumber('1042', live())).toEqual({ ok: true, value: order('1042') });
      await guarded.byNumber('#1042', live());
      now += 29_999;
      await guarded.byNumber('1042', live());
      expect(shop.count('byNumber')).toBe(1);
      now += 2;
      await guarded.byNumber('1042', live());
      expect(shop.count('byNumber')).toBe(2);
    });

    it('keys customer lookups by email, phone and limit', async () => {
      const shop = scripted();
      const guarded = guardSource(shop.source);
      await guarded.byCustomer({ email: 'Dana@example.com' }, live());
      await guarded.byCustomer({ email: 'dana@example.com ' }, live());
      await guarded.byCustomer({ email: 'dana@example.com' }, live(), 5);
      await guarded.byCustomer({ email: 'dana@example.com', phone: '+33612345678' }, live());
      expect(shop.calls.filter((c) => c.method === 'byCustomer').map((c) => c.args)).toEqual([
        [{ email: 'dana@example.com', phone: null }, 10],
        [{ email: 'dana@example.com', phone: null }, 5],
        [{ email: 'dana@example.com', phone: '+33612345678' }, 10],
      ]);
    });

    it('does not cache failures', async () => {
      let fail = true;
      const shop = scripted(async (call) =>
        fail ? sourceFailure('unreachable', 'down', true) : { ok: true, value: order(String(call.args[0])) },
      );
      const guarded = guardSource(shop.source);
      expect(await guarded.byNumber('1', live())).toMatchObject({ ok: false, reason: 'unreachable' });
      fail = false;
      expect(await guarded.byNumber('1', live())).toMatchObject({ ok: true });
      expect(shop.count('byNumber')).toBe(2);
    });

    it('empties the cache after a cancel or an address change, even a failed one', async () => {
      const shop = scripted();
      const guarded = guardSource(shop.source);
      await guarded.byNumber('1', live());
      await guarded.byCustomer({ email: 'a@b.c' }, live());
      expect(await guarded.cancel('id-1', live())).toMatchObject({ ok: true, value: { status: 'cancelled' } });
      expect(await guarded.byNumber('1', live())).toMatchObject({ ok: true, value: { status: 'cancelled' } });
      await guarded.byCustomer({ email: 'a@b.c' }, live());
      expect([shop.count('byNumber'), shop.count('byCustomer')]).toEqual([2, 2]);

      await guarded.updateShippingAddress('id-1', ADDRESS, live());
      await guarded.byNumber('1', live());
      expect(shop.count('byNumber')).toBe(3);

      const failing = scripted(async (call) =>
        call.method === 'cancel' ? sourceFailure('refused', 'no') : { ok: true, value: order('1') },
      );
      const guardedFailing = guardSource(failing.source);
      await guardedFailing.byNumber('1', live());
      await guardedFailing.cancel('id-1', live());
      await guardedFailing.byNumber('1', live());
      expect(failing.count('byNumber')).toBe(2);
    });

    it('does not cache a lookup that was in flight when an action changed the order', async () => {
      const gate = deferred<void>();
      const shop = scripted(async (call) => {
        if (call.method === 'byNumber' && shop.count('byNumber') === 1) await gate.promise;
        return { ok: true, value: call.method === 'byNumber' ? order('1') : order('1', 'cancelled') };
      });
      const guarded = guardSource(shop.source);
      const stale = guarded.byNumber('1', live());
      await guarded.cancel('id-1', live());
      gate.resolve();
      await stale;
      await guarded.byNumber('1', live());
      expect(shop.count('byNumber')).toBe(2);
    });
  });

  describe('coalescing', () => {
    it('shares one request between identical lookups in flight', async () => {
      const gate = deferred<void>();
      const shop = scripted(async (call) => {
        await gate.promise;
        return { ok: true, value: order(String(call.args[0])) };
      });
      const guarded = guardSource(shop.source);
      const answers = Promise.all([
        guarded.byNumber('1042', live()),
        guarded.byNumber('#1042', live()),
        guarded.byNumber('1042', live()),
        guarded.byNumber('1043', live()),
      ]);
      gate.resolve();
      const [a, b, c, d] = await answers;
      expect(shop.count('byNumber')).toBe(2);
      expect(a).toEqual(b);
      expect(b).toEqual(c);
      expect(d).toMatchObject({ ok: true, value: { number: '1043' } });
    });

    it('lets one caller give up without cancelling the request the others wait for', async () => {
      const gate = deferred<void>();
      const shop = scripted(async (call) => {
        await gate.promise;
        return { ok: true, value: order(String(call.args[0])) };
      });
      const guarded = guardSource(shop.source);
      const impatient = new AbortController();
      const first = guarded.byNumber('1', impatient.signal);
      const second = guarded.byNumber('1', live());
      impatient.abort();
      expect(await first).toMatchObject({ ok: false, reason: 'timeout', message: 'the lookup was cancelled' });
      gate.resolve();
      expect(await second).toMatchObject({ ok: true, value: { number: '1' } });
      expect(shop.calls[0]?.signal.aborted).toBe(false);
    });

    it('coalesces against a real shop: three panels asking at once make one request', async () => {
      const fake = await startFakeShopify({ accessToken: 't' });
      try {
        fake.addOrder(1042);
        fake.setDelay(100);
        const guarded = guardSource(createShopifySource({ storeDomain: fake.url, accessToken: 't' }));
        const results = await Promise.all([1, 2, 3].map(() => guarded.byNumber('1042', live())));
        expect(results.every((r) => r.ok && r.value?.number === '1042')).toBe(true);
        expect(fake.requests).toHaveLength(1);
        await guarded.byNumber('1042', live());
        expect(fake.requests).toHaveLength(1);
      } finally {
        await fake.close();
      }
    });
  });

  describe('timeouts', () => {
    it('cuts a call after timeoutMs and aborts the signal it gave the source, even one that ignores it', async () => {
      const shop = scripted(() => new Promise(() => {})); // never answers, never listens
      const guarded = guardSource(shop.source, { timeoutMs: 100 });
      const started = Date.now();
      const result = await guarded.byNumber('1', live());
      expect(result).toEqual({
        ok: false,
        reason: 'timeout',
        message: 'the shop did not answer within 0.1 s',
        retryable: true,
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(shop.calls[0]?.signal.aborted).toBe(true);
    });

    it('times out actions too, and passes the outer signal down to them', async () => {
      const shop = scripted(
        (call) =>
          new Promise((resolve) =>
            call.signal.addEventListener('abort', () => resolve(sourceFailure('timeout', 'aborted', true))),
          ),
      );
      const guarded = guardSource(shop.source, { timeoutMs: 4000 });
      const outer = new AbortController();
      const pending = guarded.updateShippingAddress('id-1', ADDRESS, outer.signal);
      outer.abort();
      expect(await pending).toMatchObject({ ok: false, reason: 'timeout' });
      expect(shop.calls[0]?.signal.aborted).toBe(true);

      const quick = guardSource(shop.source, { timeoutMs: 50 });
      expect(await quick.cancel('id-1', live())).toEqual({
        ok: false,
        reason: 'timeout',
        message: 'the shop did not answer within 0.1 s',
        retryable: true,
      });
    });

    it('answers at once for a signal already aborted, without calling the shop', async () => {
      const shop = scripted();
      const result = await guardSource(shop.source).byNumber('1', AbortSignal.abort());
      expect(result).toMatchObject({ ok: false, reason: 'timeout' });
      expect(shop.calls).toHaveLength(0);
    });

    it("turns a source that throws into 'bad_response'", async () => {
      const shop = scripted(() => Promise.reject(new Error('boom')));
      expect(await guardSource(shop.source).byNumber('1', live())).toMatchObject({
        ok: false,
        reason: 'bad_response',
        message: 'the shop source failed: boom',
      });
    });

    it('keeps the kind and abilities of the source', () => {
      const guarded = guardSource(scripted().source);
      expect([guarded.kind, guarded.abilities]).toEqual([
        'shopify',
        { cancel: true, updateAddress: true, createFromCart: false },
      ]);
    });
  });
});
