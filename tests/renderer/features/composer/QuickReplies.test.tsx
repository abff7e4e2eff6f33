import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS, formatTotal, type Message } from '../../../../src/core';
import { ReplyBox } from '../../../../src/renderer/features/composer/ReplyBox';
import { sendInputOf } from '../../../../src/renderer/sync/outbox';
import { contact, message, NOW, thread } from '../../test-utils/fixtures';
import { render, screen, waitFor, within } from '../../test-utils/render';
import { fakeServices, type CommandHandler } from '../../test-utils/services';
import { ORDER, REPLIES, reply } from './quickReplyFixtures';

let dispose: (() => Promise<void>) | null = null;
// ReplyBox keeps drafts per conversation for the session: each test writes in a conversation of its own.
let threadId = 't0';
let threads = 0;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

const withOrder: CommandHandler = async (name) =>
  name === 'orders:latest' ? { ok: true, value: { order: ORDER } } : { ok: false, error: 'unexpected' };
const noOrder: CommandHandler = async (name) =>
  name === 'orders:latest' ? { ok: true, value: { order: null } } : { ok: false, error: 'unexpected' };

async function setup(
  options: { answer?: CommandHandler; messages?: Message[]; offline?: boolean; language?: 'en' | 'fr' } = {},
) {
  threadId = `t${++threads}`;
  const fake = fakeServices(options.answer ?? withOrder);
  dispose = fake.dispose;
  if (options.offline) fake.sync.status = 'offline';
  await fake.db.replies.bulkPut(REPLIES);
  await fake.db.contacts.put(contact());
  await fake.db.meta.bulkPut([
    { key: 'agent', value: { id: 'agent-1', name: 'Camille', role: 'agent' } },
    { key: 'business', value: { name: 'La Boutique', hours: DEFAULT_BUSINESS_HOURS } },
  ]);
  const messages = options.messages ?? [
    message({ id: 'in1', text: 'Bonjour, où en est ma commande ?', provider: 'sandbox' }),
  ];
  const view = render(
    <fake.Wrapper>
      <ReplyBox thread={thread({ id: threadId })} messages={messages.map((m) => ({ ...m, threadId }))} now={NOW} />
    </fake.Wrapper>,
    { language: options.language ?? 'en' },
  );
  const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Reply' });
  // The replies are read from the replica: the box offers them once they are there.
  await waitFor(() => expect(box.getAttribute('aria-autocomplete')).toBe('list'));
  return { ...fake, ...view, box };
}

const options = () =>
  within(screen.getByRole('listbox', { name: 'Quick replies' }))
    .getAllByRole('option')
    .map((o) => o.getAttribute('aria-label'));
const selected = () =>
  screen
    .getAllByRole('option')
    .find((o) => o.getAttribute('aria-selected') === 'true')
    ?.getAttribute('aria-label');

describe('the quick replies’ picker', () => {
  it('opens on /, lists the live replies most used first, filters as the agent types, and moves with the arrows', async () => {
    const { user, box } = await setup();
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(box, '/');
    expect(options()).toEqual(['Delivery times', 'Greeting', 'Refund on its way']);
    expect(box.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    expect(selected()).toBe('Delivery times');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
    await user.keyboard('{ArrowDown}');
    expect(selected()).toBe('Greeting');
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(selected()).toBe('Refund on its way');

    await user.type(box, 'rem');
    expect(options()).toEqual(['Refund on its way']);
    // Each option shows its shortcut, the language it inserts and a preview with this conversation's values.
    const option = screen.getByRole('option', { name: 'Refund on its way' });
    expect(option.textContent).toContain('/rembourse');
    expect(option.textContent).toContain('FR');
    await waitFor(() => expect(option.textContent).toContain(formatTotal(49.9, 'EUR', 'fr')!));
  });

  it('closes on Escape, keeping the text and the focus in the box', async () => {
    const { user, box } = await setup();
    await user.type(box, 'Hi /liv');
    expect(options()).toEqual(['Delivery times']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('Hi /liv');
    expect(document.activeElement).toBe(box);
    // Typing on does not reopen it for the same slash; a new one does.
    await user.type(box, 'r');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.type(box, ' /');
    expect(screen.getByRole('listbox', { name: 'Quick replies' })).toBeTruthy();
  });

  it('does not open for a slash inside a word (a date, a URL)', async () => {
    const { user, box } = await setup();
    await user.type(box, 'le 12/03');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('inserts the reply in the conversation’s language with its values on Enter, and sends it with its id', async () => {
    const { user, box, command, db } = await setup();
    await user.type(box, '/liv');
    expect(command).toHaveBeenCalledWith('orders:latest', { threadId });
    await user.keyboard('{Enter}');
    await waitFor(() =>
      expect(box.value).toBe('Bonjour Amélie, votre commande 1042 est expédiée : https://track.example.com/1042'),
    );
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.queryByText(/blanks? to fill/)).toBeNull();
    // Edited after insertion: still made from the quick reply.
    await user.type(box, ' Merci !{Enter}');
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(sendInputOf(entry!)).toEqual({
      clientId: entry!.clientId,
      threadId,
      text: 'Bonjour Amélie, votre commande 1042 est expédiée : https://track.example.com/1042 Merci !',
      quickReplyId: 'qr-delivery',
    });
    // The order is asked once per conversation and session.
    await user.type(box, '/');
    await user.keyboard('{Escape}');
    expect(command.mock.calls.filter(([name]) => name === 'orders:latest')).toHaveLength(1);
  });

  it('a reply’s files show under the box once inserted; one can be taken off, the rest go with the reply', async () => {
    const { user, box, db } = await setup();
    await db.replies.put(
      reply({
        id: 'qr-prices',
        shortcut: 'tarifs',
        title: 'Price list',
        variants: [{ language: 'fr', body: 'Voici nos tarifs et le plan d’accès.' }],
        attachments: [
          { id: 'file-prices', kind: 'document', name: 'tarifs.pdf' },
          { id: 'file-map', kind: 'image', name: 'plan.png' },
        ],
      }),
    );
    await user.type(box, '/tarif');
    // The picker says the reply carries files, and which.
    const option = await screen.findByRole('option', { name: 'Price list' });
    expect(within(option).getByText('2 files').closest('[title]')?.getAttribute('title')).toBe('tarifs.pdf, plan.png');
    await user.keyboard('{Enter}');
    const files = await screen.findByRole('list', { name: 'Files sent with this reply' });
    expect(
      within(files)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['tarifs.pdf', 'plan.png']);
    await user.click(screen.getByRole('button', { name: 'Do not send plan.png' }));
    expect(
      within(files)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['tarifs.pdf']);
    await user.type(box, '{Enter}');
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(sendInputOf(entry!)).toMatchObject({ quickReplyId: 'qr-prices', attachments: ['file-prices'] });
    // Sent: the box is empty and no file is left waiting for the next reply.
    expect(screen.queryByRole('list', { name: 'Files sent with this reply' })).toBeNull();
  });

  it('inserts with Tab too, replacing only the /query where it was typed', async () => {
    const { user, box } = await setup();
    await user.type(box, 'Merci ! /bon');
    await user.keyboard('{Tab}');
    await waitFor(() => expect(box.value).toBe('Merci ! Bonjour Amélie, je suis Camille.'));
    expect(document.activeElement).toBe(box);
  });

  it('switches the language of the reply', async () => {
    const { user, box } = await setup();
    await user.type(box, '/bon');
    const option = screen.getByRole('option', { name: 'Greeting' });
    expect(option.textContent).toContain('Bonjour Amélie');
    const english = within(screen.getByRole('group', { name: 'Language of the reply' })).getByRole('button', {
      name: 'EN',
    });
    await user.click(english);
    expect(english.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('option', { name: 'Greeting' }).textContent).toContain('Hello Amélie, I am Camille.');
    expect(document.activeElement).toBe(box);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(box.value).toBe('Hello Amélie, I am Camille.'));
  });

  it('picks the English variant for an English-speaking customer', async () => {
    const { user, box } = await setup({
      messages: [message({ id: 'in1', text: 'Hello, where is my order please?', provider: 'sandbox' })],
    });
    await user.type(box, '/bon');
    await user.click(screen.getByRole('option', { name: 'Greeting' }));
    await waitFor(() => expect(box.value).toBe('Hello Amélie, I am Camille.'));
  });
});

describe('blanks left by a quick reply', () => {
  it('lists them, Tab selects each in turn, and sending asks first', async () => {
    const { user, box, db } = await setup({ answer: noOrder });
    await user.type(box, '/liv{Enter}');
    const expected = 'Bonjour Amélie, votre commande {{order.number}} est {{order.status}} : {{order.tracking_url}}';
    await waitFor(() => expect(box.value).toBe(expected));
    const blanks = document.querySelector('[data-blanks]')!;
    expect(blanks.textContent).toContain('3 blanks to fill:');
    expect(blanks.textContent).toContain('order.number');
    expect(blanks.textContent).toContain('order.tracking_url');
    expect(box.getAttribute('aria-describedby')).toBe(blanks.id);

    await user.keyboard('{Tab}');
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('{{order.number}}');
    await user.keyboard('{Tab}');
    expect(box.value.slice(box.selectionStart, box.selectionEnd)).toBe('{{order.status}}');
    // Typing replaces the selected blank.
    await user.keyboard('partie');
    expect(box.value).toBe('Bonjour Amélie, votre commande {{order.number}} est partie : {{order.tracking_url}}');
    expect(document.querySelector('[data-blanks]')!.textContent).toContain('2 blanks to fill:');

    await user.keyboard('{Enter}');
    const confirm = screen.getByRole('alertdialog', { name: 'Send with 2 blanks?' });
    expect(await db.outbox.count()).toBe(0);
    await user.click(within(confirm).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await user.click(screen.getByRole('button', { name: 'Send anyway' }));
    await waitFor(async () => expect(await db.outbox.count()).toBe(1));
    const [entry] = await db.outbox.toArray();
    expect(entry?.quickReplyId).toBe('qr-delivery');
    expect(entry?.text).toContain('{{order.number}}');
    expect(box.value).toBe('');
  });

  it('offline: asks nothing of the gateway and leaves the order’s values blank', async () => {
    const { user, box, command } = await setup({ offline: true });
    await user.type(box, '/liv{Enter}');
    await waitFor(() => expect(box.value).toContain('{{order.number}}'));
    expect(command).not.toHaveBeenCalled();
  });

  it('writes a customer’s name as text, never as markup', async () => {
    const { user, box, db } = await setup();
    await db.contacts.put(contact({ name: '<img src=x onerror=alert(1)> Bob' }));
    await user.type(box, '/bon{Enter}');
    await waitFor(() => expect(box.value).toBe('Bonjour <img, je suis Camille.'));
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });
});

describe('suggested replies', () => {
  it('offers the replies matching the last customer message’s intent; one click inserts', async () => {
    const { user, box } = await setup({
      messages: [
        message({ id: 'in0', text: 'Bonjour', provider: 'sandbox', ts: NOW - 10_000 }),
        message({
          id: 'in1',
          text: 'Je voudrais être remboursée',
          provider: 'sandbox',
          intent: { name: 'get_refund', confidence: 0.9 },
        }),
      ],
    });
    const group = await screen.findByRole('group', { name: 'Suggested replies' });
    const buttons = within(group).getAllByRole('button');
    expect(buttons[0]?.textContent).toBe('Refund on its way');
    expect(buttons.length).toBeLessThanOrEqual(3);
    await user.click(buttons[0]!);
    await waitFor(() =>
      expect(box.value).toBe(`Votre remboursement de ${formatTotal(49.9, 'EUR', 'fr')} part aujourd’hui.`),
    );
    // Hidden while the agent writes.
    expect(screen.queryByRole('group', { name: 'Suggested replies' })).toBeNull();
  });

  it('falls back to the words of the message without an intent', async () => {
    await setup({
      messages: [message({ id: 'in1', text: 'Quand arrive ma livraison ?', provider: 'sandbox' })],
    });
    const group = await screen.findByRole('group', { name: 'Suggested replies' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Delivery times']);
  });
});
