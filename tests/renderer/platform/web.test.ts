import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectPlatform, SESSION_CHANGED_EVENT } from '../../../src/renderer/platform/platform';
import { createWebPlatform, TOKEN_STORAGE_KEY } from '../../../src/renderer/platform/web';
import { installNotifications } from './browserNotifications';

const TOKEN = 'tok_0123456789abcdef';
const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('web platform', () => {
  it('is what detectPlatform picks without the desktop bridge', () => {
    expect(detectPlatform().kind).toBe('web');
  });

  it('takes the token from #token=, keeps it, and removes it from the address bar', async () => {
    setUrl(`http://127.0.0.1:4123/inbox?lang=fr#token=${TOKEN}&view=mine`);
    const session = await createWebPlatform().getSession();
    expect(session).toEqual({ gatewayUrl: 'http://127.0.0.1:4123', token: TOKEN });
    expect(window.location.href).toBe('http://127.0.0.1:4123/inbox?lang=fr#view=mine');
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe(TOKEN);

    // A reload finds it again without the fragment.
    setUrl('http://127.0.0.1:4123/inbox');
    expect(await createWebPlatform().getSession()).toEqual({ gatewayUrl: 'http://127.0.0.1:4123', token: TOKEN });
  });

  it('has no session without a token, or with one too short to be real', async () => {
    setUrl('http://127.0.0.1:4123/');
    expect(await createWebPlatform().getSession()).toBeNull();
    setUrl('http://127.0.0.1:4123/#token=short');
    expect(await createWebPlatform().getSession()).toBeNull();
    expect(window.location.hash).toBe('');
  });

  it('saves and forgets a pasted token, announcing each change', async () => {
    setUrl('http://127.0.0.1:4123/');
    const platform = createWebPlatform();
    const changes = vi.fn();
    window.addEventListener(SESSION_CHANGED_EVENT, changes);
    platform.saveToken(`  ${TOKEN} `);
    expect((await platform.getSession())?.token).toBe(TOKEN);
    platform.forgetToken();
    expect(await platform.getSession()).toBeNull();
    expect(changes).toHaveBeenCalledTimes(2);
    window.removeEventListener(SESSION_CHANGED_EVENT, changes);
  });

  it('takes a token pasted into an open tab (a fragment change, no reload) and announces it', async () => {
    setUrl('http://127.0.0.1:4123/');
    createWebPlatform();
    const changes = vi.fn();
    window.addEventListener(SESSION_CHANGED_EVENT, changes);
    setUrl(`http://127.0.0.1:4123/#token=${TOKEN}`);
    window.dispatchEvent(new Event('hashchange'));
    expect(localStorage.getItem(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(window.location.href).toBe('http://127.0.0.1:4123/');
    expect(changes).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('hashchange')); // nothing new in the address: nothing happens
    expect(changes).toHaveBeenCalledTimes(1);
    window.removeEventListener(SESSION_CHANGED_EVENT, changes);
  });

  it('shows the unread count as a title prefix', () => {
    document.title = 'Comptoir';
    const platform = createWebPlatform();
    platform.setBadge(3);
    expect(document.title).toBe('(3) Comptoir');
    platform.setBadge(12);
    expect(document.title).toBe('(12) Comptoir');
    platform.setBadge(0);
    expect(document.title).toBe('Comptoir');
  });

  it('opens only http(s) links outside the app', () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const platform = createWebPlatform();
    platform.openExternal('javascript:alert(1)');
    platform.openExternal('file:///etc/passwd');
    platform.openExternal('https://shop.example/track/1042');
    expect(open.mock.calls).toEqual([['https://shop.example/track/1042', '_blank', 'noopener,noreferrer']]);
  });

  it('notifies only when the browser permits it', () => {
    const denied = installNotifications('denied');
    createWebPlatform().notify({ title: 'Inès', body: 'hi', threadId: 't1' });
    expect(denied.shown).toHaveLength(0);
    denied.uninstall();

    // Undecided: asked once, at the first user gesture, never from a background notification.
    const undecided = installNotifications('default');
    const platform = createWebPlatform();
    createWebPlatform();
    platform.notify({ title: 'Inès', body: 'hi', threadId: 't1' });
    expect(undecided.requests).toBe(0);
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }));
    platform.notify({ title: 'Inès', body: 'again', threadId: 't1' });
    expect(undecided.requests).toBe(1);
    expect(undecided.shown).toHaveLength(0);
    undecided.uninstall();

    const granted = installNotifications('granted');
    createWebPlatform().notify({ title: 'Inès', body: 'hi', threadId: 't1' });
    expect(granted.shown).toMatchObject([{ title: 'Inès', body: 'hi', tag: 't1' }]);
    granted.uninstall();
  });
});
