import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../../src/core';
import { ORDER_FALLBACK_TEXT, orderReplyFor } from '../../../../src/renderer/features/orders/useOrderMessages';
import { reply } from '../composer/quickReplyFixtures';

describe('the replies order actions post', () => {
  it('pick the shop’s reply by shortcut, skipping deleted ones', () => {
    const live = reply({ id: 'a', shortcut: 'order-status' });
    const gone = reply({ id: 'b', shortcut: 'commande', deletedAt: 1 });
    expect(orderReplyFor('status', [gone, live])?.id).toBe('a');
    expect(orderReplyFor('tracking', [gone, live])).toBeNull();
  });

  it('fall back to built-in texts that are valid templates naming the order', () => {
    for (const [kind, variants] of Object.entries(ORDER_FALLBACK_TEXT)) {
      for (const body of Object.values(variants)) {
        expect(parseTemplate(body).ok, `${kind}: ${body}`).toBe(true);
        expect(body).toContain('{{order.number}}');
      }
    }
  });
});
