import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BUSINESS_HOURS, type ShopOrder } from '../../../../src/core';
import { OrderFocusProvider, useOpenOrder } from '../../../../src/renderer/features/orders/OrderFocus';
import { OrdersPanel } from '../../../../src/renderer/features/orders/OrdersPanel';
import { MessageText } from '../../../../src/renderer/features/thread/components/MessageText';
import { sendInputOf } from '../../../../src/renderer/sync/outbox';
import { contact, NOW, thread } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices, type CommandHandler } from '../../test-utils/services';
import { reply } from '../composer/quickReplyFixtures';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

function order(overrides: Partial<ShopOrder> = {}): ShopOrder {
  return {
    id: '1042',
    number: '1042',
    source: 'demo',
    status: 'shipped',
    financialStatus: null,
    fulfillmentStatus: null,
    createdAt: NOW - 86_400_000,
    customer: { name: 'Amélie Durand', email: null, phone: '+33612345678' },
    items: [{ sku: 'CAN-FIG-220', name: 'Bougie Figue & Cèdre, 220 g', quantity: 2, unitPrice: 34 }],
    total: 68,
    currency: 'EUR',
    shipments: [{ company: 'Colissimo', number: '6A123', url: 'https://track.example.com/6A123' }],
    shippingAddress: null,
    cancelledAt: null,
    ...overrides,
  };
}

const ABILITIES = { cancel: true, updateAddress: true, createFromCart: true };

async function setup(answer: CommandHandler) {
  const fake = fakeServices(answer);
  dispose = fake.dispose;
  await fake.db.contacts.put(contact({ locale: 'fr' }));
  await fake.db.replies.put(
    reply({
      id: 'qr-status',
      shortcut: 'commande',
      title: 'Order status',
      variants: [{ language: 'fr', body: 'Votre commande n° {{order.number}} est {{order.status}}.' }],
    }),
  );
  await fake.db.meta.bulkPut([
    { key: 'agent', value: { id: 'agent-1', name: 'Camille', role: 'agent' } },
    { key: 'business', value: { name: 'La Boutique', hours: DEFAULT_BUSINESS_HOURS } },
  ]);
  const view = render(
    <fake.Wrapper>
      <OrderFocusProvider>
        <OrdersPanel thread={thread({ id: 't1' })} />
      </OrderFocusProvider>
    </fake.Wrapper>,
    { language: 'fr' },
  );
  return { ...fake, ...view };
}

describe('the Orders panel', () => {
  it('shows the customer’s orders, and “Send status” posts the status reply filled with that order', async () => {
    const { user, db, command } = await setup(async (name) =>
      name === 'orders:for-thread'
        ? {
            ok: true,
            value: { orders: [order()], source: 'demo', abilities: ABILITIES, customer: { phone: null, email: null } },
          }
        : { ok: false, error: 'unexpected' },
    );
    const card = await screen.findByRole('article', { name: 'Commande 1042' });
    expect(command).toHaveBeenCalledWith('orders:for-thread', { threadId: 't1' });
    expect(card.textContent).toContain('Expédiée');
    expect(card.textContent).toContain('2 × Bougie Figue & Cèdre, 220 g');
    // In the customer's language once their contact is read.
    await waitFor(() => expect(card.textContent).toMatch(/68,00\s€/));
    expect(within(card).getByRole('link').getAttribute('href')).toBe('https://track.example.com/6A123');

    await user.click(within(card).getByRole('button', { name: 'Envoyer le statut' }));
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(sendInputOf(entry!)).toMatchObject({
      threadId: 't1',
      text: 'Votre commande n° 1042 est expédiée.',
      quickReplyId: 'qr-status',
    });
  });

  it('says why when the shop does not answer, and asks again on “Try again”', async () => {
    let calls = 0;
    await setup(async (name) => {
      if (name !== 'orders:for-thread') return { ok: false, error: 'unexpected' };
      calls += 1;
      return calls === 1
        ? { ok: false, error: 'the shop did not answer within 4 s' }
        : {
            ok: true,
            value: { orders: [], source: 'shopify', abilities: ABILITIES, customer: { phone: null, email: null } },
          };
    });
    expect(await screen.findByText('the shop did not answer within 4 s')).toBeTruthy();
    screen.getByRole('button', { name: 'Réessayer' }).click();
    expect(await screen.findByText(/Aucune commande pour ce client/)).toBeTruthy();
    expect(screen.getByText('Shopify')).toBeTruthy();
  });

  it('cancels an unshipped order after a confirmation, and shows it cancelled', async () => {
    const pending = order({ status: 'paid', shipments: [] });
    const { user, command } = await setup(async (name, input) => {
      if (name === 'orders:for-thread')
        return {
          ok: true,
          value: { orders: [pending], source: 'demo', abilities: ABILITIES, customer: { phone: null, email: null } },
        };
      if (name === 'orders:cancel') {
        expect(input).toEqual({ orderId: '1042' });
        return { ok: true, value: { order: { ...pending, status: 'cancelled', cancelledAt: NOW } } };
      }
      return { ok: false, error: 'unexpected' };
    });
    const card = await screen.findByRole('article', { name: 'Commande 1042' });
    await user.click(within(card).getByRole('button', { name: 'Autres actions pour la commande 1042' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Annuler la commande' }));
    const dialog = await screen.findByRole('dialog', { name: 'Annuler la commande 1042 ?' });
    expect(command).not.toHaveBeenCalledWith('orders:cancel', expect.anything());
    await user.click(within(dialog).getByRole('button', { name: 'Annuler la commande' }));
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Commande 1042' }).textContent).toContain('Annulée'),
    );
    // A cancelled order offers no cancellation any more.
    await user.click(screen.getByRole('button', { name: 'Autres actions pour la commande 1042' }));
    await screen.findByRole('menuitem', { name: 'Passer en « Livrée »' });
    expect(screen.queryByRole('menuitem', { name: 'Annuler la commande' })).toBeNull();
  });

  it('the demo shop moves an order on from the menu, and says whether the customer was told', async () => {
    const paid = order({ status: 'paid', shipments: [] });
    const { user, command } = await setup(async (name, input) => {
      if (name === 'orders:for-thread')
        return {
          ok: true,
          value: { orders: [paid], source: 'demo', abilities: ABILITIES, customer: { phone: null, email: null } },
        };
      if (name === 'orders:set-status')
        return {
          ok: true,
          value: {
            order: { ...paid, status: (input as { status: 'shipped' }).status },
            told: { threadId: 't1', notified: 'text', reason: null },
          },
        };
      return { ok: false, error: 'unexpected' };
    });
    const card = await screen.findByRole('article', { name: 'Commande 1042' });
    await user.click(within(card).getByRole('button', { name: 'Autres actions pour la commande 1042' }));
    // Paid already: the menu offers the other steps only.
    expect(screen.queryByRole('menuitem', { name: 'Passer en « Payée »' })).toBeNull();
    await user.click(await screen.findByRole('menuitem', { name: 'Passer en « Expédiée »' }));
    expect(command).toHaveBeenCalledWith('orders:set-status', { orderId: '1042', status: 'shipped' });
    expect(await screen.findByText('La commande 1042 a avancé ; le client a été prévenu.')).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Commande 1042' }).textContent).toContain('Expédiée');
  });

  it('a shipped order cannot be cancelled or moved from here', async () => {
    const view = await setup(async () => ({
      ok: true,
      value: { orders: [order()], source: 'demo', abilities: ABILITIES, customer: { phone: null, email: null } },
    }));
    const { user } = view;
    const card = await screen.findByRole('article', { name: 'Commande 1042' });
    await user.click(within(card).getByRole('button', { name: 'Autres actions pour la commande 1042' }));
    await screen.findByRole('menuitem', { name: 'Passer en « Livrée »' });
    expect(screen.queryByRole('menuitem', { name: 'Annuler la commande' })).toBeNull();
    expect(screen.queryByRole('menuitem', { name: 'Changer l’adresse de livraison' })).toBeNull();
  });
});

describe('order numbers in a customer’s message', () => {
  it('become chips that open the order in the panel', async () => {
    const opened = vi.fn();
    function Probe() {
      const open = useOpenOrder();
      return <MessageText text="Bonjour, où en est ma commande #1042 ? Facture 2024-117." onOrder={open} />;
    }
    const { user } = render(
      <OrderFocusProvider onFocus={opened}>
        <Probe />
      </OrderFocusProvider>,
      { language: 'en' },
    );
    const chip = screen.getByRole('button', { name: 'Open order 1042' });
    expect(chip.textContent).toBe('#1042');
    // The invoice number stays text, and the sentence reads the same.
    expect(screen.queryByRole('button', { name: /2024-117/ })).toBeNull();
    expect(chip.closest('p')?.textContent).toBe('Bonjour, où en est ma commande #1042 ? Facture 2024-117.');
    await user.click(chip);
    expect(opened).toHaveBeenCalledWith('1042');
  });

  it('stay plain text without a place to open them', () => {
    const { container } = render(<MessageText text="ma commande #1042" />);
    expect(container.querySelector('[data-order-chip]')).toBeNull();
    expect(container.querySelector('p')?.textContent).toBe('ma commande #1042');
  });
});
