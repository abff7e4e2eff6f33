import { afterEach, describe, expect, it } from 'vitest';
import type { Message, MessageTemplate, Thread } from '../../../../src/core';
import { ReplyBox } from '../../../../src/renderer/features/composer/ReplyBox';
import { sendInputOf } from '../../../../src/renderer/sync/outbox';
import { contact, DAY, HOUR, message, MINUTE, NOW, thread } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices, type CommandHandler } from '../../test-utils/services';
import { ORDER, REPLIES } from './quickReplyFixtures';

const TEMPLATES: MessageTemplate[] = [
  {
    name: 'order_update',
    language: 'fr',
    category: 'UTILITY',
    body: 'Bonjour {{1}}, votre commande {{2}} est partie.',
    parameterCount: 2,
  },
  { name: 'hello', language: 'en', category: 'MARKETING', body: 'Hello from Comptoir!', parameterCount: 0 },
];

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

/** A conversation whose customer last wrote `ago` milliseconds before NOW, through `provider`. */
function conversation(channel: Thread['channel'], provider: Message['provider'], ago: number) {
  const t = thread({ id: 't1', channel, lastInboundAt: NOW - ago });
  const messages = [message({ id: 'in1', threadId: 't1', provider, ts: NOW - ago, text: 'Bonjour' })];
  return { t, messages };
}

function setup(
  channel: Thread['channel'],
  provider: Message['provider'],
  ago: number,
  answer?: CommandHandler,
  extra: Partial<Parameters<typeof ReplyBox>[0]> = {},
) {
  const fake = fakeServices(answer);
  dispose = fake.dispose;
  const { t, messages } = conversation(channel, provider, ago);
  const view = render(
    <fake.Wrapper>
      <ReplyBox thread={t} messages={messages} now={NOW} {...extra} />
    </fake.Wrapper>,
  );
  return { ...fake, ...view, messages };
}

describe('the reply window in the composer', () => {
  it('shows the time left in WhatsApp’s 24 hours, amber in the last hour', () => {
    setup('whatsapp', 'whatsapp-cloud', 20 * HOUR + 48 * MINUTE);
    const notice = screen.getByRole('status');
    expect(notice.textContent).toBe('Window closes in 3 h 12 min');
    expect(notice.hasAttribute('data-urgent')).toBe(false);
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveProperty('disabled', false);
  });

  it('turns amber under an hour', () => {
    setup('messenger', 'messenger', 23 * HOUR + 35 * MINUTE);
    const notice = screen.getByRole('status');
    expect(notice.textContent).toBe('Window closes in 25 min');
    expect(notice.hasAttribute('data-urgent')).toBe(true);
  });

  it('says French too', () => {
    const fake = fakeServices();
    dispose = fake.dispose;
    const { t, messages } = conversation('whatsapp', 'whatsapp-cloud', 2 * HOUR);
    render(
      <fake.Wrapper>
        <ReplyBox thread={t} messages={messages} now={NOW} />
      </fake.Wrapper>,
      { language: 'fr' },
    );
    expect(screen.getByRole('status').textContent).toBe('La fenêtre se ferme dans 22 h 0 min');
  });

  it('notes the human-agent tag on Messenger and Instagram between 24 hours and 7 days', () => {
    setup('instagram', 'instagram', 3 * DAY);
    expect(screen.getByRole('status').textContent).toBe(
      'The 24-hour window has closed: replies are tagged as sent by a human agent, for 4 d 0 h more (7-day window).',
    );
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveProperty('disabled', false);
  });

  it('closes the composer, with the reason, after 7 days on Messenger', () => {
    setup('messenger', 'messenger', 8 * DAY);
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Send' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/Messenger accepts no reply until the customer writes again/)).toBeTruthy();
  });

  it('keeps the plain composer for a demo (sandbox) conversation, however old', () => {
    setup('whatsapp', 'sandbox', 30 * DAY);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveProperty('disabled', false);
    expect(screen.queryByText(/Template/)).toBeNull();
  });
});

describe('the template form after WhatsApp’s 24 hours', () => {
  it('lists the approved templates, fills the parameters, previews and sends the right payload', async () => {
    const { user, db, command, sync } = setup('whatsapp', 'whatsapp-cloud', 25 * HOUR, async (name) =>
      name === 'templates:list' ? { ok: true, value: { templates: TEMPLATES } } : { ok: false, error: 'no' },
    );
    expect(screen.getByText(/WhatsApp only accepts an approved template/)).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();
    const send = await screen.findByRole('button', { name: 'Send template' });
    expect(command).toHaveBeenCalledWith('templates:list', { threadId: 't1' });
    expect(send).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('combobox', { name: 'Template' }));
    await user.click(await screen.findByRole('option', { name: 'order_update · fr' }));
    const preview = screen.getByTestId('template-preview');
    expect(preview.textContent).toBe('Bonjour {{1}}, votre commande {{2}} est partie.');

    await user.type(screen.getByRole('textbox', { name: /Parameter 1/ }), 'Amélie');
    expect(send).toHaveProperty('disabled', true);
    await user.type(screen.getByRole('textbox', { name: /Parameter 2/ }), 'n°1042');
    expect(preview.textContent).toBe('Bonjour Amélie, votre commande n°1042 est partie.');
    await user.click(send);

    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(sendInputOf(entry!)).toEqual({
      clientId: entry!.clientId,
      threadId: 't1',
      text: 'Bonjour Amélie, votre commande n°1042 est partie.',
      template: { name: 'order_update', language: 'fr', parameters: ['Amélie', 'n°1042'] },
    });
    // The pending bubble shows it as a template at once.
    const [pending] = await db.messages.where('threadId').equals('t1').toArray();
    expect(pending?.content).toEqual({
      kind: 'template',
      name: 'order_update',
      language: 'fr',
      parameters: ['Amélie', 'n°1042'],
    });
    expect(sync.send).toHaveBeenCalledTimes(1);
  });

  it('says when the templates cannot be loaded, and retries', async () => {
    let calls = 0;
    const { user } = setup('whatsapp', 'whatsapp-cloud', 2 * DAY, async () => {
      calls += 1;
      return calls === 1
        ? { ok: false, error: 'Graph API: (#100) Invalid WABA id' }
        : { ok: true, value: { templates: TEMPLATES.slice(1) } };
    });
    expect(await screen.findByText('The templates could not be loaded.')).toBeTruthy();
    expect(screen.getByText('Graph API: (#100) Invalid WABA id')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await user.click(await screen.findByRole('combobox', { name: 'Template' }));
    await user.click(await screen.findByRole('option', { name: 'hello · en' }));
    // No parameter: ready to send as is.
    expect(screen.getByRole('button', { name: 'Send template' })).toHaveProperty('disabled', false);
  });

  it('offers the quick replies mapped to an approved template, fills their parameters and sends with quickReplyId', async () => {
    const { user, db } = setup('whatsapp', 'whatsapp-cloud', 25 * HOUR, async (name) => {
      if (name === 'templates:list') return { ok: true, value: { templates: TEMPLATES } };
      if (name === 'orders:latest') return { ok: true, value: { order: ORDER } };
      return { ok: false, error: 'no' };
    });
    await db.contacts.put(contact());
    await db.replies.bulkPut([
      ...REPLIES.map((r) =>
        r.id === 'qr-delivery'
          ? {
              ...r,
              whatsapp: {
                name: 'order_update',
                language: 'fr',
                parameters: ['contact.first_name' as const, 'order.number' as const],
              },
            }
          : r,
      ),
      // Its template is not approved for this number: not offered.
      { ...REPLIES[2]!, whatsapp: { name: 'refund_sent', language: 'fr', parameters: [] } },
    ]);
    await screen.findByRole('button', { name: 'Send template' });
    await user.click(screen.getByRole('combobox', { name: 'Template' }));
    expect(await screen.findByRole('option', { name: '/livraison · Delivery times' })).toBeTruthy();
    expect(screen.queryByRole('option', { name: /rembourse/ })).toBeNull();
    expect(screen.getByRole('option', { name: 'order_update · fr' })).toBeTruthy();
    await user.click(screen.getByRole('option', { name: '/livraison · Delivery times' }));

    await waitFor(() => expect(screen.getByRole('textbox', { name: /Parameter 2/ })).toHaveProperty('value', '1042'));
    expect(screen.getByRole('textbox', { name: /Parameter 1/ })).toHaveProperty('value', 'Amélie');
    expect(screen.getByTestId('template-preview').textContent).toBe('Bonjour Amélie, votre commande 1042 est partie.');
    await user.click(screen.getByRole('button', { name: 'Send template' }));

    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(sendInputOf(entry!)).toEqual({
      clientId: entry!.clientId,
      threadId: 't1',
      text: 'Bonjour Amélie, votre commande 1042 est partie.',
      template: { name: 'order_update', language: 'fr', parameters: ['Amélie', '1042'] },
      quickReplyId: 'qr-delivery',
    });
  });

  it('leaves a mapped parameter without value empty for the agent to type', async () => {
    const { user, db } = setup('whatsapp', 'whatsapp-cloud', 25 * HOUR, async (name) => {
      if (name === 'templates:list') return { ok: true, value: { templates: TEMPLATES } };
      if (name === 'orders:latest') return { ok: true, value: { order: null } };
      return { ok: false, error: 'no' };
    });
    await db.contacts.put(contact());
    await db.replies.put({
      ...REPLIES[1]!,
      whatsapp: { name: 'order_update', language: 'fr', parameters: ['contact.first_name', 'order.number'] },
    });
    await screen.findByRole('button', { name: 'Send template' });
    await user.click(screen.getByRole('combobox', { name: 'Template' }));
    await user.click(await screen.findByRole('option', { name: '/livraison · Delivery times' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Parameter 1/ })).toHaveProperty('value', 'Amélie'));
    const second = screen.getByRole('textbox', { name: /Parameter 2/ });
    expect(second).toHaveProperty('value', '');
    expect(screen.getByRole('button', { name: 'Send template' })).toHaveProperty('disabled', true);
    await user.type(second, 'n°7');
    expect(screen.getByRole('button', { name: 'Send template' })).toHaveProperty('disabled', false);
  });

  it('tells the agent when the number has no approved template', async () => {
    setup('whatsapp', 'whatsapp-cloud', 2 * DAY, async () => ({ ok: true, value: { templates: [] } }));
    expect(await screen.findByText(/No approved template for this number yet/)).toBeTruthy();
  });
});

describe('replying with a quote', () => {
  it('shows the quoted message above the box, sends its id with the reply, and can drop it', async () => {
    const quoted = message({ id: 'in1', threadId: 't1', text: 'Where is my parcel?' });
    let cleared = 0;
    const { user, db } = setup('whatsapp', 'sandbox', HOUR, undefined, {
      replyTo: quoted,
      onClearReply: () => (cleared += 1),
    });
    const preview = screen.getByText('Where is my parcel?').closest('[data-quote-preview]') as HTMLElement;
    expect(within(preview).getByText(/Replying to/)).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Reply' });
    expect(document.activeElement).toBe(box);
    await user.type(box, 'It left this morning{Enter}');
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(sendInputOf(entry!)).toMatchObject({ text: 'It left this morning', quoteId: 'in1' });
    expect(cleared).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Cancel the reply to this message' }));
    expect(cleared).toBe(2);
  });
});
