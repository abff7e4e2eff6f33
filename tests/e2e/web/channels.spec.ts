import type { Message, Thread } from '../../../src/core';
import { startFakeGraphApi, type FakeGraphApi } from '../../fakes/graph-api';
import { channelsFor, postWebhook, SECRET } from '../../fakes/meta-webhook';
import { expect, test as base } from './fixtures';
import { TestGateway } from './gateway';

/**
 * WhatsApp end to end: Meta's webhooks (signed like Meta signs them) into the gateway, the inbox in Chromium, the
 * agent's reply out to a local server that speaks the Graph API, and the statuses back onto the bubble.
 */
const test = base.extend<{ graph: FakeGraphApi; whatsapp: TestGateway }>({
  // eslint-disable-next-line no-empty-pattern
  graph: async ({}, use) => {
    const graph = await startFakeGraphApi();
    await use(graph);
    await graph.close();
  },
  whatsapp: async ({ graph }, use) => {
    const gateway = new TestGateway(channelsFor(graph));
    await gateway.start();
    await use(gateway);
    await gateway.dispose();
  },
});

const CUSTOMER = '33655501234';
const now = () => String(Math.floor(Date.now() / 1000));

/** A WhatsApp Cloud API `messages` webhook body around one `value` (messages or statuses). */
function whatsappWebhook(value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '2233445566',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '33100000000', phone_number_id: '1098765432' },
              ...value,
            },
          },
        ],
      },
    ],
  });
}

const whatsappBody = (message: Record<string, unknown>) =>
  whatsappWebhook({
    contacts: [{ profile: { name: 'Zoé Lambert' }, wa_id: CUSTOMER }],
    messages: [{ from: CUSTOMER, timestamp: now(), ...message }],
  });

const statusBody = (id: string, status: string) =>
  whatsappWebhook({ statuses: [{ id, status, timestamp: now(), recipient_id: CUSTOMER }] });

test('a signed WhatsApp text and cart appear live; the reply reaches the Graph API; statuses move its ticks', async ({
  whatsapp,
  graph,
  inbox,
  page,
}) => {
  await inbox.goto(whatsapp.appUrl);
  const webhook = `${whatsapp.url}/webhooks/whatsapp`;
  const text = await postWebhook(
    webhook,
    whatsappBody({ id: 'wamid.E2E-TEXT', type: 'text', text: { body: 'Bonjour, je voudrais commander ceci :' } }),
    { appSecret: SECRET },
  );
  expect(text.status).toBe(200);
  const cart = await postWebhook(
    webhook,
    whatsappBody({
      id: 'wamid.E2E-CART',
      type: 'order',
      order: {
        catalog_id: '354160437058781',
        text: '',
        product_items: [
          { product_retailer_id: 'CAN-FIG-220', quantity: 2, item_price: 34, currency: 'EUR' },
          { product_retailer_id: 'BRASS-SNUFF', quantity: 1, item_price: 18, currency: 'EUR' },
        ],
      },
    }),
    { appSecret: SECRET },
  );
  expect(cart.status).toBe(200);
  // A body signed with another secret is refused and never shows.
  const forged = await postWebhook(
    webhook,
    whatsappBody({ id: 'wamid.FORGED', type: 'text', text: { body: 'forged' } }),
    { appSecret: 'not-the-secret' },
  );
  expect(forged.status).toBe(401);

  // Live, over the socket: the new conversation lands at the top of the list.
  await expect(inbox.firstOfNormalPriority()).toContainText('Zoé Lambert');
  await inbox.open('Zoé Lambert');
  await expect(inbox.messages).toContainText('Bonjour, je voudrais commander ceci');
  const cartCard = inbox.messages.getByRole('table');
  await expect(cartCard).toContainText('Bougie Figue & Cèdre, 220 g');
  await expect(cartCard).toContainText('Mouchette à bougie en laiton');
  await expect(cartCard).toContainText('€86.00');
  await expect(inbox.messages).not.toContainText('forged');

  // Opening the conversation told the customer it was read (blue ticks on their side).
  const receipt = await graph.waitForRequest((r) => (r.body as { status?: string } | null)?.status === 'read', 10_000);
  expect(receipt.body).toMatchObject({ messaging_product: 'whatsapp', status: 'read' });
  expect(['wamid.E2E-TEXT', 'wamid.E2E-CART']).toContain((receipt.body as { message_id: string }).message_id);

  await inbox.write('Merci Zoé ! Je prépare votre commande.');
  const sent = await graph.waitForRequest(
    (r) => r.path === '/v21.0/1098765432/messages' && (r.body as { type?: string } | null)?.type === 'text',
    10_000,
  );
  expect(sent.headers.authorization).toBe(`Bearer ${graph.token}`);
  expect(sent.body).toEqual({
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: CUSTOMER,
    type: 'text',
    text: { body: 'Merci Zoé ! Je prépare votre commande.', preview_url: false },
  });

  const bubble = page
    .locator('[data-status]')
    .filter({ has: page.getByText('Je prépare votre commande') })
    .last();
  const ticks = inbox.messages.getByRole('img', { name: /^(Sent|Delivered|Read)$/ }).last();
  await expect(ticks).toHaveAccessibleName('Sent');
  const [thread] = (await whatsapp.api<{ threads: Thread[] }>('GET', '/api/threads')).threads.filter(
    (t) => t.channel === 'whatsapp' && t.lastMessagePreview.includes('Je prépare'),
  );
  const { messages } = await whatsapp.api<{ messages: Message[] }>('GET', `/api/threads/${thread!.id}/messages`);
  const wamid = messages.at(-1)!.providerMessageId!;
  expect(wamid).toMatch(/^wamid\./);

  expect((await postWebhook(webhook, statusBody(wamid, 'delivered'), { appSecret: SECRET })).status).toBe(200);
  await expect(ticks).toHaveAccessibleName('Delivered');
  expect((await postWebhook(webhook, statusBody(wamid, 'read'), { appSecret: SECRET })).status).toBe(200);
  await expect(ticks).toHaveAccessibleName('Read');
  // A late "delivered" never moves it back.
  expect((await postWebhook(webhook, statusBody(wamid, 'delivered'), { appSecret: SECRET })).status).toBe(200);
  await page.waitForTimeout(300);
  await expect(ticks).toHaveAccessibleName('Read');
  await expect(bubble).toHaveAttribute('data-status', 'read');
});
