import * as electronModule from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopApi } from '../../src/core/ipc/contract';
import type { FakeElectron } from '../main/fake-electron';
import '../../src/preload/index';

vi.mock('electron', async () => (await import('../main/fake-electron')).createFakeElectron());
const electron = electronModule as unknown as FakeElectron;

const DESKTOP_API_FUNCTIONS = ['getSession', 'notify', 'setBadge', 'openExternal', 'onNotificationClick'];
const DESKTOP_API_KEYS = [...DESKTOP_API_FUNCTIONS, 'channels', 'shop'].sort();

function exposed(): DesktopApi {
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  expect(name).toBe('comptoir');
  return api as DesktopApi;
}

describe('preload', () => {
  it('exposes one object, window.comptoir, with exactly the DesktopApi keys', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual(DESKTOP_API_KEYS);
    for (const key of DESKTOP_API_FUNCTIONS)
      expect(typeof (api as unknown as Record<string, unknown>)[key]).toBe('function');
    // The credential store: two functions, nothing that reads a value back.
    expect(Object.keys(api.channels ?? {}).sort()).toEqual(['get', 'save']);
    // Nothing of Electron leaks through: no ipcRenderer, no send/invoke/on of its own.
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('turns each call into one invoke on its contract channel', async () => {
    const api = exposed();
    electron.ipcRenderer.invoke.mockClear();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({
      ok: true,
      value: { gatewayUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20) },
    });
    expect(await api.getSession()).toEqual({
      ok: true,
      value: { gatewayUrl: 'http://127.0.0.1:1', token: 'x'.repeat(20) },
    });
    await api.notify({ title: 'Léa', body: 'Bonjour', threadId: 't1' });
    await api.setBadge(3);
    await api.openExternal('https://example.com/');
    await api.channels?.get();
    await api.channels?.save('whatsapp', { accessToken: 'EAAG-token', appSecret: '' });
    await api.shop?.get();
    await api.shop?.save('shopify', { accessToken: 'shpat-token' });
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      ['session:get', undefined],
      ['notify:show', { title: 'Léa', body: 'Bonjour', threadId: 't1' }],
      ['badge:set', { count: 3 }],
      ['link:open', { url: 'https://example.com/' }],
      ['channels:get', undefined],
      ['channels:save', { channel: 'whatsapp', values: { accessToken: 'EAAG-token', appSecret: '' } }],
      ['shop:get', undefined],
      ['shop:save', { kind: 'shopify', values: { accessToken: 'shpat-token' } }],
    ]);
  });

  it('returns a failed invoke as a Result rather than throwing into the page', async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error('No handler registered for badge:set'));
    expect(await exposed().setBadge(1)).toEqual({ ok: false, error: 'No handler registered for badge:set' });
  });

  it('relays notification clicks as a thread id only, and unsubscribes', () => {
    const api = exposed();
    const seen: unknown[][] = [];
    const unsubscribe = api.onNotificationClick((...args: unknown[]) => void seen.push(args));
    const listeners = electron.ipcRenderer.listeners.get('notify:clicked');
    expect(listeners?.size).toBe(1);
    const ipcEvent = { sender: electron.ipcRenderer, ports: [] };
    for (const listener of listeners ?? []) {
      listener(ipcEvent, 'th-42');
      listener(ipcEvent, { not: 'a thread id' });
    }
    expect(seen).toEqual([['th-42']]);
    unsubscribe();
    expect(electron.ipcRenderer.listeners.get('notify:clicked')?.size).toBe(0);
  });
});
