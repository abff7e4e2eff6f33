import { configure } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Boot } from '../../../src/renderer/app/Boot';
import { dbNameFor } from '../../../src/renderer/db/schema';
import type { Platform } from '../../../src/renderer/platform/platform';
import { eventually, FakeGateway } from '../sync/fakeGateway';
import { giveElementsASize } from '../test-utils/layout';
import { render, screen, waitFor, within } from '../test-utils/render';

/**
 * The whole renderer against a real socket.io gateway (the data layer's test gateway) and a real Dexie replica
 * (fake-indexeddb): what the agent sees and does, end to end, without a browser.
 */

/** The OS edge: the platform records what it was asked to show and lets a test click a notification. */
class RecordingPlatform implements Platform {
  readonly kind = 'web' as const;
  readonly badges: number[] = [];
  private clickListeners = new Set<(threadId: string) => void>();
  constructor(private readonly gateway: FakeGateway) {}
  async getSession() {
    return { gatewayUrl: this.gateway.url, token: this.gateway.token };
  }
  saveToken() {}
  forgetToken() {}
  notify() {}
  setBadge(count: number) {
    this.badges.push(count);
  }
  openExternal() {}
  onNotificationClick(listener: (threadId: string) => void) {
    this.clickListeners.add(listener);
    return () => this.clickListeners.delete(listener);
  }
  clickNotification(threadId: string) {
    for (const listener of this.clickListeners) listener(threadId);
  }
}

// Real sockets and IndexedDB on a 2-core machine running other suites: allow a cold start more than 1 s.
configure({ asyncUtilTimeout: 5_000 });

let gateway: FakeGateway;
let restoreLayout: () => void;

beforeEach(async () => {
  restoreLayout = giveElementsASize(1200, 800);
  gateway = await new FakeGateway().start();
  gateway.customerWrites('t1', 'Bonjour, où en est ma commande ?', 'Amélie Laurent');
  gateway.customerWrites('t2', 'Do you ship to Canada?', 'Omar Haddad');
  gateway.customerWrites('t3', 'Merci beaucoup !', 'Chloé Martin');
});

afterEach(async () => {
  restoreLayout();
  await gateway.stop();
  await Dexie.delete(dbNameFor(gateway.workspaceId));
  localStorage.clear();
});

/** The open conversation's title (the contact panel repeats the name one level below). */
const openThread = (name: string) => screen.findByRole('heading', { name, level: 2 });
const rows = () => within(screen.getByRole('listbox', { name: 'Conversations' })).getAllByRole('option');
const rowNames = () => rows().map((row) => row.querySelector('bdi')?.textContent);

describe('the inbox', () => {
  it('syncs conversations into the list, opens them with J/K, replies, resolves with E', async () => {
    const platform = new RecordingPlatform(gateway);
    const { user, unmount } = render(<Boot platform={platform} />);

    await waitFor(() => expect(rowNames()).toEqual(['Chloé Martin', 'Omar Haddad', 'Amélie Laurent']));
    const views = screen.getByRole('navigation', { name: 'Views' });
    await waitFor(() => expect(within(views).getByRole('button', { name: /All/ }).textContent).toContain('3'));
    expect(screen.getByText('No conversation selected')).toBeTruthy();

    await user.keyboard('j');
    expect(await openThread('Chloé Martin')).toBeTruthy();
    // The timeline may first draw the previous selection's (empty) answer while the messages' live query runs.
    expect(await within(screen.getByRole('log', { name: 'Messages' })).findByText('Merci beaucoup !')).toBeTruthy();
    // Opening it marked it read at the gateway, and the unread badge on its row went away.
    await eventually(() => expect(gateway.threads.get('t3')?.unreadCount).toBe(0));
    await waitFor(() => expect(within(rows()[0]!).queryByText(/unread/)).toBeNull());
    await user.keyboard('j');
    expect(await openThread('Omar Haddad')).toBeTruthy();
    expect(rows()[1]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('k');
    await user.keyboard('j');
    expect(await openThread('Omar Haddad')).toBeTruthy();

    // R focuses the reply box without typing an "r" into it; Enter sends through the gateway.
    await user.keyboard('r');
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    expect(document.activeElement).toBe(reply);
    expect(reply).toHaveProperty('value', '');
    await user.keyboard('Yes, in 5 days{Enter}');
    await eventually(() => expect(gateway.sendCalls.map((c) => c.text)).toEqual(['Yes, in 5 days']));
    const log = screen.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(within(log).getByText('Yes, in 5 days')).toBeTruthy());
    await waitFor(() => expect(within(log).getByRole('img', { name: 'Sent' })).toBeTruthy());

    // Escape hands the keyboard back to the inbox: J and K move again instead of typing.
    await user.keyboard('{Escape}');
    expect(document.activeElement).not.toBe(reply);
    // Our reply moved Omar's conversation to the top.
    await waitFor(() => expect(rowNames()).toEqual(['Omar Haddad', 'Chloé Martin', 'Amélie Laurent']));
    await user.keyboard('j');
    expect(await openThread('Chloé Martin')).toBeTruthy();
    expect(reply).toHaveProperty('value', '');
    await user.keyboard('k');
    expect(await openThread('Omar Haddad')).toBeTruthy();

    // E resolves the open conversation: it leaves "All", and the one that took its place opens.
    await user.keyboard('e');
    await waitFor(() => expect(rowNames()).toEqual(['Chloé Martin', 'Amélie Laurent']));
    expect(await openThread('Chloé Martin')).toBeTruthy();
    expect(rows()[0]?.getAttribute('aria-selected')).toBe('true');
    expect(gateway.threads.get('t2')?.status).toBe('resolved');

    // Resolving the last one of the list opens the one above it; resolving the only one left opens none.
    await user.keyboard('j');
    expect(await openThread('Amélie Laurent')).toBeTruthy();
    await user.keyboard('e');
    await waitFor(() => expect(rowNames()).toEqual(['Chloé Martin']));
    expect(await openThread('Chloé Martin')).toBeTruthy();
    await user.keyboard('e');
    expect(await screen.findByText('Inbox zero')).toBeTruthy();
    expect(await screen.findByText('No conversation selected')).toBeTruthy();

    unmount();
  });

  it('shows live customer messages, follows notification clicks, and finds customers in the palette', async () => {
    const platform = new RecordingPlatform(gateway);
    const { user, unmount } = render(<Boot platform={platform} />);
    await waitFor(() => expect(rows()).toHaveLength(3));

    gateway.customerWrites('t4', 'Is the blue one back in stock?', 'Yuki Tanaka');
    await waitFor(() => expect(rowNames()[0]).toBe('Yuki Tanaka'));
    expect(within(rows()[0]!).getByText('Is the blue one back in stock?')).toBeTruthy();

    platform.clickNotification('t1');
    expect(await openThread('Amélie Laurent')).toBeTruthy();

    await user.keyboard('{Control>}k{/Control}');
    const search = await screen.findByRole('textbox', { name: 'Search conversations or commands…' });
    await user.type(search, 'omar');
    await user.keyboard('{ArrowDown}{Enter}');
    expect(await openThread('Omar Haddad')).toBeTruthy();

    // "Mine" is empty until the agent takes a conversation: switching to it closes the open one.
    const views = screen.getByRole('navigation', { name: 'Views' });
    await user.click(within(views).getByRole('button', { name: /Mine/ }));
    expect(await screen.findByText('Nothing assigned to you')).toBeTruthy();
    expect(await screen.findByText('No conversation selected')).toBeTruthy();

    // Back in "All", taking Omar's conversation puts it in "Mine", where it stays open.
    await user.click(within(views).getByRole('button', { name: /All/ }));
    await user.click(await screen.findByText('Omar Haddad'));
    expect(await openThread('Omar Haddad')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Assign to me' }));
    expect(await screen.findByRole('button', { name: 'Unassign' })).toBeTruthy();
    await user.click(within(views).getByRole('button', { name: /Mine/ }));
    await waitFor(() => expect(rowNames()).toEqual(['Omar Haddad']));
    expect(await openThread('Omar Haddad')).toBeTruthy();

    // A view without the open conversation opens its first one instead.
    await user.click(within(views).getByRole('button', { name: /Unassigned/ }));
    await waitFor(() => expect(rowNames()).toEqual(['Yuki Tanaka', 'Chloé Martin', 'Amélie Laurent']));
    expect(await openThread('Yuki Tanaka')).toBeTruthy();

    unmount();
  });

  it('keeps working offline: the reply is queued, shown pending, and counted in the navigation', async () => {
    const platform = new RecordingPlatform(gateway);
    const { user, unmount } = render(<Boot platform={platform} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    await waitFor(() => expect(screen.getByText('Online')).toBeTruthy());

    await gateway.stop();
    await waitFor(() => expect(screen.getByText('Offline')).toBeTruthy());
    await user.click(screen.getByText('Amélie Laurent'));
    expect(await openThread('Amélie Laurent')).toBeTruthy();
    expect(screen.getByText(/You are offline/)).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'Je regarde ça{Enter}');

    const log = screen.getByRole('log', { name: 'Messages' });
    await waitFor(() => expect(within(log).getByText('Je regarde ça')).toBeTruthy());
    expect(within(log).getByRole('img', { name: 'Waiting to send' })).toBeTruthy();
    await waitFor(() => expect(screen.getByText('1 reply queued')).toBeTruthy());
    expect(gateway.sendCalls).toHaveLength(0);

    // A command cannot be queued: the refusal reads as a sentence, not the transport's raw "offline".
    await user.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('You are offline. Try again when the connection is back.')).toBeTruthy();
    expect(screen.queryByText('offline')).toBeNull();

    unmount();
  });
});
