import { afterEach, expect, it, vi } from 'vitest';
import type { DesktopApi, Result } from '../../../src/core';
import { detectPlatform } from '../../../src/renderer/platform/platform';

/**
 * The preload cannot run under happy-dom, so `window.comptoir` is an object with the DesktopApi's shape that
 * records calls: this checks how the renderer maps its Platform onto that contract, not the preload itself.
 */
function installDesktopApi(session: Result<{ gatewayUrl: string; token: string }>) {
  const calls: Array<[string, unknown]> = [];
  const clickListeners: Array<(threadId: string) => void> = [];
  const done = async (): Promise<Result<null>> => ({ ok: true, value: null });
  const api: DesktopApi = {
    getSession: async () => session,
    notify: (input) => (calls.push(['notify', input]), done()),
    setBadge: (count) => (calls.push(['setBadge', count]), done()),
    openExternal: (url) => (calls.push(['openExternal', url]), done()),
    onNotificationClick: (listener) => {
      clickListeners.push(listener);
      return () => clickListeners.splice(clickListeners.indexOf(listener), 1);
    },
  };
  Object.defineProperty(window, 'comptoir', { value: api, configurable: true });
  return { calls, clickListeners };
}

afterEach(() => {
  delete (window as { comptoir?: unknown }).comptoir;
  vi.restoreAllMocks();
});

it('uses the desktop bridge when it is there', async () => {
  const session = { gatewayUrl: 'http://127.0.0.1:47123', token: 'desktop-token-0123456789' };
  const { calls, clickListeners } = installDesktopApi({ ok: true, value: session });
  const platform = detectPlatform();
  expect(platform.kind).toBe('electron');
  expect(await platform.getSession()).toEqual(session);

  platform.notify({ title: 'Inès', body: 'hi', threadId: 't1' });
  platform.setBadge(4);
  platform.openExternal('ftp://example.com/file');
  platform.openExternal('https://example.com/');
  expect(calls).toEqual([
    ['notify', { title: 'Inès', body: 'hi', threadId: 't1' }],
    ['setBadge', 4],
    ['openExternal', 'https://example.com/'],
  ]);

  const clicked: string[] = [];
  const off = platform.onNotificationClick((id) => clicked.push(id));
  clickListeners.forEach((l) => l('t7'));
  off();
  expect(clicked).toEqual(['t7']);
  expect(clickListeners).toHaveLength(0);
});

it('has no session when main has none to give', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  installDesktopApi({ ok: false, error: 'gateway not started' });
  expect(await detectPlatform().getSession()).toBeNull();
});
