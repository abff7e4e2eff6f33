import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message, Thread } from '../../../src/core';
import { expect, test } from './fixtures';

const shop = JSON.parse(readFileSync(join(__dirname, '../../../resources/demo/shop.json'), 'utf8')) as {
  customers: Array<{ name: string }>;
  conversations: Array<{ status: string }>;
};
const customerNames = new Set(shop.customers.map((c) => c.name));

interface SandboxReply {
  thread: Thread;
  message: Message;
}

test('the demo inbox loads with the demo shop conversations', async ({ gateway, inbox, page }) => {
  await inbox.goto(gateway.appUrl);
  // The token leaves the address bar at once: it must not end up in history or a screenshot.
  expect(page.url()).not.toContain('token');
  const open = shop.conversations.filter((c) => c.status === 'open').length;
  await expect(inbox.views.getByRole('button', { name: /^All/ })).toContainText(String(open));
  const first = await inbox.rows.first().innerText();
  expect(
    [...customerNames].some((name) => first.includes(name)),
    first,
  ).toBe(true);
  expect(await inbox.rows.count()).toBeGreaterThan(8);
  await page.screenshot({ path: 'test-results/e2e/inbox.png' });
});

test('a sandbox customer message appears live, and the agent reply reaches the gateway', async ({ gateway, inbox }) => {
  await inbox.goto(gateway.appUrl);
  const { thread } = await gateway.api<SandboxReply>('POST', '/api/sandbox/messages', {
    from: '+33600999001',
    name: 'Inès Garnier',
    text: 'Bonjour, livrez-vous à Lyon le samedi ?',
  });
  // Live: no reload, it arrives over the socket and lands at the top of the list (below raised priorities).
  await expect(inbox.firstOfNormalPriority()).toContainText('Inès Garnier');
  await inbox.open('Inès Garnier');
  await expect(inbox.messages).toContainText('livrez-vous à Lyon le samedi');

  await inbox.write('Oui, nous livrons à Lyon du lundi au samedi.');
  await expect
    .poll(async () => {
      const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
      return messages.filter((m) => m.text === 'Oui, nous livrons à Lyon du lundi au samedi.').map((m) => m.status);
    })
    .toEqual([expect.stringMatching(/sent|delivered|read/)]);
});

test('a reload keeps everything: the list, the open thread, the sent reply', async ({ gateway, inbox, page }) => {
  await inbox.goto(gateway.appUrl);
  await gateway.api('POST', '/api/sandbox/messages', { from: '+33600999002', name: 'Paul Girard', text: 'Hello?' });
  await inbox.open('Paul Girard');
  await inbox.write('Hello Paul, how can I help?');
  await expect(inbox.messages).toContainText('Hello Paul, how can I help?');
  const before = await inbox.rows.count();

  await page.reload();
  await expect(inbox.rows.first()).toBeVisible();
  expect(await inbox.rows.count()).toBe(before);
  await inbox.open('Paul Girard');
  await expect(inbox.messages).toContainText('Hello Paul, how can I help?');
});

test('with the gateway stopped a reply is queued, then delivered exactly once when it is back', async ({
  gateway,
  inbox,
}) => {
  await inbox.goto(gateway.appUrl);
  const { thread } = await gateway.api<SandboxReply>('POST', '/api/sandbox/messages', {
    from: '+33600999003',
    name: 'Léa Fournier',
    text: 'Ma commande est-elle partie ?',
  });
  await inbox.open('Léa Fournier');

  await gateway.stop();
  await expect(inbox.status(/Offline/)).toBeVisible();
  const text = 'Oui, elle est partie ce matin, vous recevrez le suivi par email.';
  await inbox.write(text);
  await expect(inbox.messages).toContainText(text);
  await expect(inbox.status(/1 reply queued/)).toBeVisible();

  await gateway.start();
  await expect(inbox.status(/Online/)).toBeVisible({ timeout: 20_000 });
  await expect(inbox.status(/reply queued/)).toHaveCount(0);
  await expect
    .poll(async () => {
      const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
      return messages.filter((m) => m.text === text).length;
    })
    .toBe(1);
  // And it stays one: give a duplicate resend every chance to happen.
  await inbox.page.waitForTimeout(1500);
  const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
  expect(messages.filter((m) => m.text === text)).toHaveLength(1);
});

test('customer text is text: markup, RTL, emoji and a 100 KB message do not break the page', async ({
  gateway,
  inbox,
  page,
}) => {
  await inbox.goto(gateway.appUrl);
  const hostile = '<img src=x onerror="window.__pwned=1"> <b>bold</b> مرحبا بكم 👋\u200b';
  await gateway.api('POST', '/api/sandbox/messages', { from: '+33600999004', name: 'Zoé Test', text: hostile });
  await gateway.api('POST', '/api/sandbox/messages', {
    from: '+33600999004',
    name: 'Zoé Test',
    text: `${'Très long message sans espace '.repeat(10)}${'x'.repeat(100_000 - 310)}`,
  });
  await inbox.open('Zoé Test');
  await expect(inbox.messages).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(inbox.messages.locator('img, b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  // Nothing pushes the page sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/e2e/hard-text.png' });
});
