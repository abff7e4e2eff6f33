import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/gateway/orders/http';
import { amount, samePhone, splitName, toE164 } from '../../../src/gateway/orders/people';
import { throttleWaitMs } from '../../../src/gateway/orders/shopify-graphql';
import { shopifyStatus, wooStatus } from '../../../src/gateway/orders/status';

describe('order source helpers', () => {
  it.each([
    ['+33 6 12 34 56 78', null, '+33612345678'],
    ['0033612345678', null, '+33612345678'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06 12 34 56 78', null, null],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['1 415 555 0100', 'CA', '+14155550100'],
    ['12', 'FR', null],
    ['', 'FR', null],
  ])('toE164(%j, %j) = %j', (raw, country, expected) => {
    expect(toE164(raw, country)).toBe(expected);
  });

  it('compares phones in full when they can be placed, by their last digits when not', () => {
    expect(samePhone('06 12 34 56 78', '+33612345678', 'FR')).toBe(true);
    expect(samePhone('06 12 34 56 78', '+33612345679', 'FR')).toBe(false);
    expect(samePhone('612345678', '+33612345678', null)).toBe(true);
    expect(samePhone('5678', '+33612345678', null)).toBe(false);
    expect(samePhone(null, '+33612345678')).toBe(false);
  });

  it('splits names the way shops store them, and reads amounts', () => {
    expect(splitName('  Fox  William Mulder ')).toEqual({ first: 'Fox William', last: 'Mulder' });
    expect(splitName('Cher')).toEqual({ first: '', last: 'Cher' });
    expect([amount('49.90'), amount(12), amount('-1'), amount('abc'), amount(null)]).toEqual([
      49.9,
      12,
      null,
      null,
      null,
    ]);
  });

  it('reads Retry-After as seconds (decimals too) or an HTTP date', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('2.5')).toBe(2500);
    expect(retryAfterMs('Thu, 01 Jan 2026 12:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });

  it("waits as long as Shopify's bucket needs to hold the requested cost", () => {
    const status = (currentlyAvailable: number) => ({ maximumAvailable: 1000, currentlyAvailable, restoreRate: 50 });
    expect(throttleWaitMs({ requestedQueryCost: 100, throttleStatus: status(0) })).toBe(2020);
    expect(throttleWaitMs({ requestedQueryCost: 100, throttleStatus: status(75) })).toBe(520);
    expect(throttleWaitMs({ requestedQueryCost: 100, throttleStatus: status(200) })).toBe(20);
    expect(throttleWaitMs(undefined)).toBe(1000);
  });

  it('lets cancellation win over refund and delivery over shipping for Shopify', () => {
    const base = { cancelledAt: null, displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'FULFILLED' };
    expect(shopifyStatus({ ...base, cancelledAt: '2026-01-01T00:00:00Z', fulfillmentDisplayStatuses: [] })).toBe(
      'cancelled',
    );
    expect(shopifyStatus({ ...base, fulfillmentDisplayStatuses: ['DELIVERED', 'IN_TRANSIT'] })).toBe('shipped');
    expect(shopifyStatus({ ...base, fulfillmentDisplayStatuses: ['DELIVERED', 'DELIVERED'] })).toBe('delivered');
    expect(shopifyStatus({ ...base, displayFulfillmentStatus: 'UNFULFILLED', fulfillmentDisplayStatuses: [] })).toBe(
      'paid',
    );
    expect(
      shopifyStatus({
        ...base,
        displayFinancialStatus: 'VOIDED',
        displayFulfillmentStatus: null,
        fulfillmentDisplayStatuses: [],
      }),
    ).toBe('pending');
  });

  it('reads an unknown WooCommerce status by whether the order was paid', () => {
    expect(wooStatus('awaiting-pickup', '2026-01-01T00:00:00')).toBe('paid');
    expect(wooStatus('awaiting-pickup', null)).toBe('pending');
  });
});
