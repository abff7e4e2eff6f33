import { beforeEach, describe, expect, it } from 'vitest';
import { emptyChannelsConfig } from '../../src/gateway/channels/meta/config';
import { emptyStoredSettings } from '../../src/main/channel-secrets';
import { openChannelSettings } from '../../src/main/channel-settings';
import { createDesktopHandlers, type ChannelServices, type DesktopServices } from '../../src/main/desktop-handlers';
import { createIpcRouter, registerIpcHandlers, type IpcCallEvent, type IpcRouter } from '../../src/main/ipc';

const WINDOW_ID = 7;
const SESSION = { gatewayUrl: 'http://127.0.0.1:40000', token: 'a-launch-token-of-enough-length' };

/** Records what the native side was asked to do, so a refused call can be shown to have done nothing. */
function recordingServices(focused = false) {
  const calls: string[] = [];
  const services: DesktopServices = {
    session: () => {
      calls.push('session');
      return SESSION;
    },
    isWindowFocused: () => focused,
    showNotification: (n) => void calls.push(`notify ${n.threadId} ${n.title}: ${n.body}`),
    setBadgeCount: (count) => void calls.push(`badge ${count}`),
    openExternal: async (url) => void calls.push(`open ${url}`),
  };
  return { calls, services };
}

/** Channel settings in memory, for the routing tests; tests/main/ipc-channels.test.ts uses the real file. */
async function memoryChannels(): Promise<ChannelServices> {
  let saved = emptyStoredSettings();
  const file = { load: async () => saved, save: async (next: typeof saved) => void (saved = next) };
  return {
    settings: await openChannelSettings({ file, env: emptyChannelsConfig() }),
    gateway: { configure: () => undefined },
  };
}

const fromInbox = (url = 'app://comptoir/index.html'): IpcCallEvent => ({
  sender: { id: WINDOW_ID },
  senderFrame: { url, parent: null },
});

let calls: string[];
let logs: string[];
let router: IpcRouter;

let channels: ChannelServices;

beforeEach(async () => {
  const recorded = recordingServices();
  calls = recorded.calls;
  logs = [];
  channels = await memoryChannels();
  router = createIpcRouter({
    handlers: createDesktopHandlers(recorded.services, channels),
    trustedContentsId: () => WINDOW_ID,
    log: (line) => logs.push(line),
  });
});

describe('IPC wrapper: refusals', () => {
  it('rejects an unknown channel', async () => {
    const result = await router.dispatch('fs:read', fromInbox(), { path: '/etc/passwd' });
    expect(result).toEqual({ ok: false, error: 'unknown channel' });
    expect(calls).toEqual([]);
    expect(logs).toEqual(['ipc "fs:read" refused: unknown channel']);
  });

  it('rejects a page from a foreign origin, even in our window', async () => {
    for (const url of ['https://evil.example/', 'http://127.0.0.1:40000/', 'file:///tmp/x.html', 'app://other/']) {
      const result = await router.dispatch('badge:set', fromInbox(url), { count: 3 });
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/foreign origin/);
    }
    expect(calls).toEqual([]);
    expect(logs).toHaveLength(4);
  });

  it('rejects a sub-frame, even one on our origin', async () => {
    const event: IpcCallEvent = {
      sender: { id: WINDOW_ID },
      senderFrame: { url: 'app://comptoir/index.html', parent: { url: 'app://comptoir/index.html' } },
    };
    const result = await router.dispatch('session:get', event, undefined);
    expect(result).toEqual({ ok: false, error: 'sent from a sub-frame' });
    expect(calls).toEqual([]);
  });

  it('rejects another window and a frame that is already gone', async () => {
    const otherWindow: IpcCallEvent = {
      sender: { id: WINDOW_ID + 1 },
      senderFrame: { url: 'app://comptoir/', parent: null },
    };
    expect(await router.dispatch('session:get', otherWindow, undefined)).toEqual({
      ok: false,
      error: 'sent from another window',
    });
    const gone: IpcCallEvent = { sender: { id: WINDOW_ID }, senderFrame: null };
    expect(await router.dispatch('session:get', gone, undefined)).toEqual({
      ok: false,
      error: 'the sending frame is gone',
    });
    expect(calls).toEqual([]);
  });

  it('rejects every call while there is no inbox window', async () => {
    const closed = createIpcRouter({
      handlers: createDesktopHandlers(recordingServices().services, channels),
      trustedContentsId: () => null,
      log: () => undefined,
    });
    expect((await closed.dispatch('session:get', fromInbox(), undefined)).ok).toBe(false);
  });

  it('rejects malformed input with a readable reason, logged once', async () => {
    const bad: Array<[string, unknown]> = [
      ['badge:set', { count: -1 }],
      ['badge:set', { count: '3' }],
      ['badge:set', undefined],
      ['notify:show', { title: '', body: 'x', threadId: 't1' }],
      ['notify:show', { title: 'Hi', body: 'x'.repeat(501), threadId: 't1' }],
      ['link:open', { url: 'file:///etc/passwd' }],
      ['link:open', { url: 'javascript:alert(1)' }],
      ['session:get', { steal: true }],
    ];
    for (const [channel, input] of bad) {
      const result = await router.dispatch(channel, fromInbox(), input);
      expect(result.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^invalid input: /);
    }
    expect(calls).toEqual([]);
    expect(logs).toHaveLength(bad.length);
    expect(logs[0]).toBe('ipc "badge:set" refused: invalid input: count: Too small: expected number to be >=0');
  });

  it('turns a handler failure into a Result instead of a thrown error', async () => {
    const failing = createIpcRouter({
      handlers: {
        ...createDesktopHandlers(recordingServices().services, channels),
        'badge:set': () => {
          throw new Error('dock unavailable');
        },
      },
      trustedContentsId: () => WINDOW_ID,
      log: (line) => logs.push(line),
    });
    expect(await failing.dispatch('badge:set', fromInbox(), { count: 1 })).toEqual({
      ok: false,
      error: 'dock unavailable',
    });
    expect(logs).toEqual(['ipc "badge:set" refused: dock unavailable']);
  });
});

describe('IPC wrapper: good calls', () => {
  it('hands over the session', async () => {
    expect(await router.dispatch('session:get', fromInbox(), undefined)).toEqual({ ok: true, value: SESSION });
  });

  it('runs each channel’s handler with its parsed input', async () => {
    expect(await router.dispatch('badge:set', fromInbox(), { count: 4 })).toEqual({ ok: true, value: null });
    expect(await router.dispatch('link:open', fromInbox(), { url: 'https://example.com/a?b=1' })).toEqual({
      ok: true,
      value: null,
    });
    await router.dispatch('notify:show', fromInbox(), { title: 'Léa', body: 'Où est ma commande ?', threadId: 't-9' });
    expect(calls).toEqual(['badge 4', 'open https://example.com/a?b=1', 'notify t-9 Léa: Où est ma commande ?']);
    expect(logs).toEqual([]);
  });
});

describe('desktop handlers', () => {
  it('shows no notification while the agent is looking at the window', async () => {
    const recorded = recordingServices(true);
    const handlers = createDesktopHandlers(recorded.services, channels);
    expect(await handlers['notify:show']({ title: 'Léa', body: 'Bonjour', threadId: 't1' })).toBeNull();
    expect(recorded.calls).toEqual([]);
  });

  it('refuses a non-http(s) link even if it reached the handler', async () => {
    const recorded = recordingServices();
    const handlers = createDesktopHandlers(recorded.services, channels);
    await expect(handlers['link:open']({ url: 'file:///etc/passwd' })).rejects.toThrow(/http/);
    expect(recorded.calls).toEqual([]);
  });
});

describe('registration on ipcMain', () => {
  it('registers each contract channel once and routes its first argument as input', async () => {
    const registered = new Map<string, (event: IpcCallEvent, ...args: unknown[]) => unknown>();
    registerIpcHandlers({ handle: (channel, listener) => void registered.set(channel, listener) }, router);
    expect([...registered.keys()].sort()).toEqual([
      'badge:set',
      'channels:get',
      'channels:save',
      'link:open',
      'notify:show',
      'session:get',
      'shop:get',
      'shop:save',
    ]);
    const listener = registered.get('badge:set');
    expect(await listener?.(fromInbox(), { count: 2 }, 'ignored')).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['badge 2']);
  });
});
