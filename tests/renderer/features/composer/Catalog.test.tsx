import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogProduct } from '../../../../src/core';
import { productText } from '../../../../src/renderer/features/composer/components/CatalogPicker';
import { ReplyBox } from '../../../../src/renderer/features/composer/ReplyBox';
import { sendInputOf } from '../../../../src/renderer/sync/outbox';
import { contact, message, NOW, thread } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices } from '../../test-utils/services';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

const FIG: CatalogProduct = {
  sku: 'CAN-FIG-220',
  name: 'Bougie Figue & Cèdre, 220 g',
  price: 34,
  currency: 'EUR',
  description: null,
  pictureId: 'product-can-fig-220',
};
const MUG: CatalogProduct = { ...FIG, sku: 'MUG', name: 'Mug', price: 12.5, pictureId: null, description: 'En grès' };

describe('the catalogue in the composer', () => {
  it('searches as the agent types and sends a product with its picture, priced in the customer’s language', async () => {
    const asked: string[] = [];
    const fake = fakeServices(async (name, input) => {
      if (name !== 'catalog:search') return { ok: false, error: 'unexpected' };
      const { query } = input as { query: string };
      asked.push(query);
      return { ok: true, value: { products: [FIG, MUG].filter((p) => p.name.toLowerCase().includes(query)) } };
    });
    dispose = fake.dispose;
    await fake.db.contacts.put(contact());
    const { user } = render(
      <fake.Wrapper>
        <ReplyBox
          thread={thread({ id: 'tc' })}
          messages={[
            message({ id: 'in1', threadId: 'tc', text: 'Bonjour, vous avez des bougies ?', provider: 'sandbox' }),
          ]}
          now={NOW}
        />
      </fake.Wrapper>,
      { language: 'en' },
    );
    await user.click(screen.getByRole('button', { name: 'Send a product from the catalogue' }));
    const dialog = await screen.findByRole('dialog', { name: 'Catalogue' });
    await waitFor(() => expect(within(dialog).getAllByRole('listitem')).toHaveLength(2));
    await user.type(within(dialog).getByRole('textbox', { name: 'Search the catalogue' }), 'bougie');
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByRole('listitem')
          .map((li) => li.getAttribute('aria-label')),
      ).toEqual([FIG.name]),
    );
    expect(asked.at(-1)).toBe('bougie');
    await user.click(within(dialog).getByRole('button', { name: `Send ${FIG.name}` }));
    await waitFor(async () => expect(await fake.db.outbox.count()).toBe(1));
    const [entry] = await fake.db.outbox.toArray();
    expect(sendInputOf(entry!)).toMatchObject({ threadId: 'tc', attachments: ['product-can-fig-220'] });
    expect(entry!.text).toMatch(/^Bougie Figue & Cèdre, 220 g — 34,00\s€$/);
  });

  it('writes the product as text: name and price, then its description', () => {
    expect(productText(MUG, 'en')).toBe('Mug — €12.50\nEn grès');
  });
});
