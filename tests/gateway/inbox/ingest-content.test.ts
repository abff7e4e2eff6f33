import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Inbox } from '../../../src/gateway/inbox/inbox';
import { saveProduct } from '../../../src/gateway/store/commerce';
import type { Store } from '../../../src/gateway/store/store';
import { openTestStore } from '../helpers';

describe('ingesting rich messages', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let inbox: Inbox;

  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(() => 1_750_000_000_000));
    inbox = new Inbox(store, () => {});
    await saveProduct(store.sql, { sku: 'MUG-01', name: 'Mug en grès', price: 12.5, currency: 'EUR' });
  });
  afterAll(() => dispose());

  const base = {
    provider: 'whatsapp-cloud' as const,
    channel: 'whatsapp' as const,
    handle: '+33612345678',
    name: 'Léa',
    locale: 'fr' as const,
  };

  it('names cart items from the catalogue and keeps unknown ids as they came', async () => {
    const { message } = await inbox.ingest({
      ...base,
      providerMessageId: 'wamid.CART',
      text: '',
      content: {
        kind: 'order',
        catalogId: '354160437058781',
        items: [
          { productId: 'MUG-01', quantity: 2, unitPrice: 12.5, currency: 'EUR' },
          { productId: 'NOT-IN-CATALOGUE', quantity: 1, unitPrice: 3, currency: 'EUR' },
        ],
      },
      raw: '{"type":"order"}',
    });
    expect(message.content).toEqual({
      kind: 'order',
      catalogId: '354160437058781',
      items: [
        { productId: 'MUG-01', name: 'Mug en grès', quantity: 2, unitPrice: 12.5, currency: 'EUR' },
        { productId: 'NOT-IN-CATALOGUE', quantity: 1, unitPrice: 3, currency: 'EUR' },
      ],
    });
    const [row] = await store.sql.query<{ raw: string }>('SELECT raw FROM messages WHERE id = $1', [message.id]);
    expect(row?.raw).toBe('{"type":"order"}');
  });

  it('links a reply to the message it quotes when that message is stored', async () => {
    const first = await inbox.ingest({ ...base, providerMessageId: 'wamid.Q1', text: 'Le mug est lavable ?' });
    const reply = await inbox.ingest({
      ...base,
      providerMessageId: 'wamid.Q2',
      text: 'Et au micro-ondes ?',
      quote: { providerMessageId: 'wamid.Q1' },
      forwarded: 'frequently',
    });
    expect(reply.message.quote).toEqual({ providerMessageId: 'wamid.Q1', messageId: first.message.id });
    expect(reply.message.forwarded).toBe('frequently');
    const unknown = await inbox.ingest({
      ...base,
      providerMessageId: 'wamid.Q3',
      text: 'ok',
      quote: { providerMessageId: 'wamid.NEVER-SEEN' },
    });
    expect(unknown.message.quote).toEqual({ providerMessageId: 'wamid.NEVER-SEEN', messageId: null });
  });
});
