import { describe, expect, it } from 'vitest';
import { nextStatus, type MessageStatus } from '../../../src/core';

const all: MessageStatus[] = ['pending', 'sent', 'delivered', 'read', 'failed'];

describe('nextStatus', () => {
  it('moves forward through the delivery steps', () => {
    expect(nextStatus('pending', 'sent')).toBe('sent');
    expect(nextStatus('sent', 'delivered')).toBe('delivered');
    expect(nextStatus('delivered', 'read')).toBe('read');
    expect(nextStatus('pending', 'read')).toBe('read');
  });

  it('never moves backwards when statuses arrive late or twice', () => {
    expect(nextStatus('read', 'delivered')).toBe('read');
    expect(nextStatus('read', 'sent')).toBe('read');
    expect(nextStatus('delivered', 'sent')).toBe('delivered');
    expect(nextStatus('delivered', 'pending')).toBe('delivered');
    expect(nextStatus('read', 'read')).toBe('read');
  });

  it('accepts failed only from pending or sent', () => {
    expect(nextStatus('pending', 'failed')).toBe('failed');
    expect(nextStatus('sent', 'failed')).toBe('failed');
    expect(nextStatus('delivered', 'failed')).toBe('delivered');
    expect(nextStatus('read', 'failed')).toBe('read');
  });

  it('lets a delivery receipt overrule a failure the provider reported too early', () => {
    expect(nextStatus('failed', 'delivered')).toBe('delivered');
    expect(nextStatus('failed', 'sent')).toBe('failed');
    expect(nextStatus('failed', 'pending')).toBe('failed');
  });

  it('is order-independent for any sequence ending in read: the result is read', () => {
    // Every permutation of the forward statuses ends at read, whatever order the provider sent them in.
    const steps: MessageStatus[] = ['sent', 'delivered', 'read'];
    const perms = (xs: MessageStatus[]): MessageStatus[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const order of perms(steps)) {
      expect(order.reduce(nextStatus, 'pending' as MessageStatus)).toBe('read');
    }
  });

  it('always returns one of the known statuses', () => {
    for (const a of all) for (const b of all) expect(all).toContain(nextStatus(a, b));
  });
});
