import type { Message, Thread } from '../../../src/core';
import { expect, test } from './fixtures';

interface SandboxReply {
  thread: Thread;
  message: Message;
}

/**
 * Labels end to end: a label and a rule made in the settings screens (with the rule's live preview), a customer
 * message sorted by that rule as it arrives, the label's view and count in the navigation, the history line that
 * names the rule, and an agent's removal recorded in the history too.
 */
test('a rule made in settings labels a new message; the label view, chip and history follow', async ({
  gateway,
  inbox,
  page,
}) => {
  await inbox.goto(gateway.appUrl);
  const labelsNav = page.getByRole('navigation', { name: 'Labels' });
  // The demo opens sorted: some conversations already carry the default labels.
  await expect(labelsNav.getByRole('button', { name: /^Order/ })).toBeVisible();

  // A business label, created in Settings → Labels.
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('tab', { name: 'Labels' }).click();
  await settings.getByRole('button', { name: 'New label' }).click();
  await settings.getByRole('textbox', { name: 'Name' }).fill('Wholesale');
  await settings.getByRole('button', { name: 'Create' }).click();
  await expect(settings.getByText('Wholesale', { exact: true })).toBeVisible();

  // A rule, previewed against the demo's messages before it is saved.
  await settings.getByRole('tab', { name: 'Rules' }).click();
  await settings.getByRole('button', { name: 'New rule' }).click();
  await settings.getByRole('textbox', { name: 'Name' }).fill('Resellers');
  const words = settings.getByRole('combobox', { name: 'Words or phrases' });
  for (const word of ['grossiste', 'colis']) {
    await words.fill(word);
    await words.press('Enter');
  }
  await expect(settings.getByRole('region', { name: 'Preview' })).toContainText(
    /would have matched [1-9]\d* of the last/,
  );
  await words.press('Backspace'); // drop "colis": the rule is about resellers
  await settings.getByRole('combobox', { name: 'Label' }).selectOption({ label: 'Wholesale' });
  await settings.getByRole('button', { name: 'Save the rule' }).click();
  await expect(settings.getByText('Resellers')).toBeVisible();
  await page.keyboard.press('Escape');

  // A customer writes: the rule labels the conversation as it arrives.
  const { thread } = await gateway.api<SandboxReply>('POST', '/api/sandbox/messages', {
    from: '+33600777001',
    name: 'Boutique Azur',
    text: 'Bonjour, nous sommes grossiste à Nice : quels sont vos tarifs pour 50 bougies ?',
  });
  expect(thread.labels?.length).toBeGreaterThan(0);
  const row = inbox.row('Boutique Azur').first();
  await expect(row).toContainText('Wholesale');
  await expect(labelsNav.getByRole('button', { name: /^Wholesale/ })).toContainText('1');
  await labelsNav.getByRole('button', { name: /^Wholesale/ }).click();
  await expect(inbox.rows).toHaveCount(1);

  // The history names the rule; removing the label is the agent's, and recorded.
  await inbox.open('Boutique Azur');
  await expect(inbox.messages).toContainText(/rule “Resellers” added Wholesale/i);
  const labels = page.getByRole('group', { name: 'Labels and suggestions' });
  await labels.getByRole('button', { name: 'Remove the label Wholesale' }).click();
  await expect(inbox.messages).toContainText(/You removed Wholesale/);
  await expect(labelsNav.getByRole('button', { name: /^Wholesale/ })).toContainText('0');
  await page.screenshot({ path: 'test-results/e2e/labels.png' });
});
