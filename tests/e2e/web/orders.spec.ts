import type { Message } from '../../../src/core';
import { expect, test } from './fixtures';

/**
 * Orders end to end: a customer asks "where is my order 1042?", the number becomes a chip, the chip opens the order
 * in the Orders panel (looked up in the demo shop through the gateway), and "Send status" posts the shop's status
 * reply filled with that order, which the gateway stores as the exact text.
 */
test('a customer’s order number opens the order, and “Send status” posts the filled reply', async ({
  gateway,
  inbox,
  page,
}) => {
  await inbox.goto(gateway.appUrl);
  const { thread } = await gateway.api<{ thread: { id: string } }>('POST', '/api/sandbox/messages', {
    from: '+447700900999',
    name: 'Priya Shah',
    text: 'Hello, where is my order 1042? It was supposed to arrive on Monday.',
  });
  await inbox.open('Priya Shah');

  const chip = inbox.messages.getByRole('button', { name: 'Open order 1042' });
  await expect(chip).toHaveText('1042');
  await chip.click();
  const panel = page.getByRole('region', { name: 'Orders' });
  const card = panel.getByRole('article', { name: 'Order 1042' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Delivered');
  await page.screenshot({ path: 'test-results/e2e/orders-panel.png' });

  await card.getByRole('button', { name: 'Send status' }).click();
  const expected = /^Hi Priya, I've just checked: your order #1042 is delivered\./;
  await expect
    .poll(async () => {
      const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
      return messages.at(-1)?.text ?? '';
    })
    .toMatch(expected);
  await expect(inbox.messages.getByText(expected)).toBeVisible();
});

test('a chat cart becomes a confirmed order; marking it shipped tells the customer and shows in the history', async ({
  gateway,
  inbox,
  page,
}) => {
  await inbox.goto(gateway.appUrl);
  await inbox.open('Hugo Lefebvre');
  await inbox.messages.getByRole('button', { name: 'Create the order and confirm it' }).click();

  // The confirmation names the new order and its total, in Hugo's French.
  const confirmation = inbox.messages.getByText(
    /^Merci Hugo ! Votre commande n° (\d+) est bien enregistrée, pour un total de/,
  );
  await expect(confirmation).toBeVisible();
  const number = /n° (\d+)/.exec((await confirmation.textContent()) ?? '')?.[1];
  expect(number).toBeDefined();
  const card = page
    .getByRole('region', { name: 'Orders' })
    .getByRole('article', { name: `Order ${number}` })
    .first();
  await expect(card).toContainText('Pending');

  await card.getByRole('button', { name: `More actions for order ${number}` }).click();
  await page.getByRole('menuitem', { name: 'Mark as Shipped' }).click();
  await expect(
    inbox.messages.getByText(`Bonne nouvelle : votre commande n° ${number} est partie !`, { exact: false }),
  ).toBeVisible();
  await expect(
    inbox.messages.getByText(`The shop marked order #${number} as shipped · the customer was told`),
  ).toBeVisible();
  await expect(card).toContainText('Shipped');
  await page.screenshot({ path: 'test-results/e2e/orders-cart.png' });
});

test('the catalogue sends a product with its picture, name and price', async ({ gateway, inbox, page }) => {
  await inbox.goto(gateway.appUrl);
  await inbox.open('Hugo Lefebvre');
  await page.getByRole('button', { name: 'Send a product from the catalogue' }).click();
  const catalogue = page.getByRole('dialog', { name: 'Catalogue' });
  await catalogue.getByRole('textbox', { name: 'Search the catalogue' }).fill('figue');
  await expect(catalogue.getByRole('listitem')).toHaveCount(1);
  await expect(catalogue.getByRole('listitem').locator('img')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/catalogue.png' });
  await catalogue.getByRole('button', { name: 'Send Bougie Figue & Cèdre, 220 g' }).click();

  const threads = await gateway.api<{ threads: { id: string; contactId: string }[] }>('GET', '/api/threads');
  const thread = threads.threads.find((t) => t.contactId === 'ct_demo_demo-hugo-lefebvre')!;
  await expect
    .poll(async () => {
      const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
      return messages.slice(-2).map((m) => (m.content?.kind === 'media' ? m.content.filename : m.text));
    })
    .toEqual([expect.stringMatching(/^Bougie Figue & Cèdre, 220 g — 34,00\s€$/), 'CAN-FIG-220.png']);
  await expect(inbox.messages.locator('img').last()).toBeVisible();
});
