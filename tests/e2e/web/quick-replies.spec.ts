import type { Message } from '../../../src/core';
import { expect, test } from './fixtures';

/**
 * Quick replies end to end: `/liv` in the reply box, the delivery reply picked from the list, filled with this
 * customer's first name and latest order, sent, and the exact text stored by the gateway.
 */
test('typing /liv inserts the delivery reply filled for the customer, and that exact text reaches the gateway', async ({
  gateway,
  inbox,
  page,
}) => {
  await inbox.goto(gateway.appUrl);
  await inbox.open('Manon Dubois');
  await inbox.reply.fill('/liv');
  const picker = page.getByRole('listbox', { name: 'Quick replies' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('option').first()).toContainText('Delivery times');
  await inbox.reply.press('Enter');
  await expect(picker).toBeHidden();

  // Manon writes in French: the French variant, with her first name and her latest order (#1055).
  await expect(inbox.reply).toHaveValue(/^Bonjour Manon ! Votre commande n° 1055 est préparée/);
  const text = await inbox.reply.inputValue();
  expect(text).not.toContain('{{');
  await inbox.reply.press('Enter');
  await expect(inbox.reply).toHaveValue('');

  const threads = await gateway.api<{ threads: { id: string; contactId: string }[] }>('GET', '/api/threads');
  const thread = threads.threads.find((t) => t.contactId === 'ct_demo_demo-manon-dubois');
  expect(thread).toBeDefined();
  await expect
    .poll(async () => {
      const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread!.id}/messages`);
      return messages.at(-1)?.text;
    })
    .toBe(text);
  await page.screenshot({ path: 'test-results/e2e/quick-replies.png' });
});

test('a reply with a file: /retour carries the returns form, which the gateway sends after the text and the thread shows', async ({
  gateway,
  inbox,
  page,
}) => {
  await inbox.goto(gateway.appUrl);
  await inbox.open('Manon Dubois');
  await inbox.reply.fill('/retour');
  const picker = page.getByRole('listbox', { name: 'Quick replies' });
  await expect(picker.getByRole('option', { name: 'Returns' })).toContainText('1 file');
  await picker.getByRole('option', { name: 'Returns' }).click();
  const files = page.getByRole('list', { name: 'Files sent with this reply' });
  await expect(files).toContainText('Formulaire de retour.pdf');
  await inbox.reply.press('Enter');
  await expect(files).toBeHidden();

  const threads = await gateway.api<{ threads: { id: string; contactId: string }[] }>('GET', '/api/threads');
  const thread = threads.threads.find((t) => t.contactId === 'ct_demo_demo-manon-dubois')!;
  await expect
    .poll(async () => {
      const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
      const last = messages.at(-1);
      return last?.content?.kind === 'media' ? [last.content.filename, last.content.mimeType] : null;
    })
    .toEqual(['Formulaire de retour.pdf', 'application/pdf']);
  // The thread shows the document the customer received.
  await expect(page.getByRole('log').getByText('Formulaire de retour.pdf')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/quick-replies-file.png' });
});
