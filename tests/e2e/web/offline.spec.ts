import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Message } from '../../../src/core';
import { expect, test } from './fixtures';

interface DemoShop {
  customers: Array<{ id: string; name: string }>;
  conversations: Array<{ customerId: string; status: string; messages: Array<{ text: string; minutesAgo: number }> }>;
}

const shop = JSON.parse(readFileSync(join(__dirname, '../../../resources/demo/shop.json'), 'utf8')) as DemoShop;

/**
 * The most recent open demo conversation of a customer who has only that one, so the list's row for the name
 * is that thread. The demo seed names threads `th_demo_<position in the file, from 1>`.
 */
function recentDemoThread() {
  const conversationsOf = (customerId: string) => shop.conversations.filter((c) => c.customerId === customerId);
  const latest = (c: DemoShop['conversations'][number]) => Math.min(...c.messages.map((m) => m.minutesAgo));
  const picked = shop.conversations
    .map((conversation, index) => ({ conversation, id: `th_demo_${index + 1}` }))
    .filter(({ conversation }) => conversation.status === 'open')
    .filter(({ conversation }) => conversationsOf(conversation.customerId).length === 1)
    .sort((a, b) => latest(a.conversation) - latest(b.conversation))[0];
  if (!picked) throw new Error('the demo shop has no open conversation of a one-conversation customer');
  const name = shop.customers.find((c) => c.id === picked.conversation.customerId)?.name;
  if (!name) throw new Error(`demo customer ${picked.conversation.customerId} is missing`);
  const lastText = picked.conversation.messages.find((m) => m.minutesAgo === latest(picked.conversation))?.text ?? '';
  return { id: picked.id, name, lastText };
}

test('the service worker script is served fresh, as JavaScript, under the strict policy', async ({ gateway }) => {
  const res = await fetch(`${gateway.url}/sw.js`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
  // Every build must reach the browser's update check at once, never from an HTTP cache.
  expect(res.headers.get('cache-control')).toBe('no-cache');
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await res.text()).toContain('"index.html"');
});

test('with the gateway down a reload opens the inbox from IndexedDB, and a reply written then is sent once', async ({
  gateway,
  inbox,
  page,
}) => {
  const thread = recentDemoThread();
  await inbox.goto(gateway.appUrl);
  // The worker installs after the first load and claims the page: from then on it serves the reloads.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
  const rowsBefore = await inbox.rows.count();
  const firstBefore = await inbox.rows.first().innerText();

  await gateway.stop();
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await expect(inbox.rows.first()).toBeVisible();
  await expect(inbox.status(/Offline/)).toBeVisible();
  expect(await inbox.rows.count()).toBe(rowsBefore);
  expect(await inbox.rows.first().innerText()).toBe(firstBefore);

  await inbox.open(thread.name);
  await expect(inbox.messages).toContainText(thread.lastText);
  const reply = 'Je regarde tout de suite avec notre banque et je reviens vers vous.';
  await inbox.write(reply);
  await expect(inbox.messages).toContainText(reply);
  await expect(inbox.status(/1 reply queued/)).toBeVisible();

  // Nothing but the app's own files is kept: no API answer, no token, no customer data in Cache Storage.
  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) urls.push(`${name} ${new URL(request.url).pathname}`);
    }
    return urls;
  });
  expect(cached.length).toBeGreaterThan(1);
  for (const entry of cached) expect(entry).toMatch(/^comptoir-shell-[\w-]+ \/(index\.html|assets\/[\w.-]+)$/);

  await gateway.start();
  await expect(inbox.status(/Online/)).toBeVisible({ timeout: 20_000 });
  await expect(inbox.status(/reply queued/)).toHaveCount(0);
  const sent = async () => {
    const { messages } = await gateway.api<{ messages: Message[] }>('GET', `/api/threads/${thread.id}/messages`);
    return messages.filter((m) => m.text === reply).length;
  };
  await expect.poll(sent).toBe(1);
  // And it stays one: give a duplicate resend every chance to happen.
  await page.waitForTimeout(1500);
  expect(await sent()).toBe(1);
});
