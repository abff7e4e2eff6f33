import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as electronModule from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../src/core/result';
import type { GatewayOptions } from '../../src/gateway';
import type { ChannelsConfig } from '../../src/gateway/channels/meta/config';
import type { FakeBrowserWindow, FakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createFakeElectron());
const electron = electronModule as unknown as FakeElectron;

// The real gateway, watched: what it was started with and every `channels.configure` it received.
const watched = vi.hoisted(() => ({ started: [] as GatewayOptions[], configured: [] as ChannelsConfig[] }));
vi.mock('../../src/gateway', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/gateway')>();
  return {
    ...real,
    startGateway: async (options: GatewayOptions) => {
      watched.started.push(options);
      const running = await real.startGateway(options);
      const configure = (config: ChannelsConfig) => {
        watched.configured.push(config);
        running.channels.configure(config);
      };
      return { ...running, channels: { ...running.channels, configure } };
    },
  };
});

/**
 * The main process's glue, run for real against a mocked Electron: a real embedded gateway (PGlite in a temp
 * folder, the demo shop, a real HTTP server on a free port), then quit.
 */
const root = resolve(__dirname, '../..');
const userData = mkdtempSync(join(tmpdir(), 'comptoir-main-'));
const signals = ['SIGINT', 'SIGTERM'] as const;
const listenersBefore = new Map(signals.map((s) => [s, process.listeners(s)]));
let window: FakeBrowserWindow;

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 25_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function invoke(channel: string, input: unknown, frameUrl = 'app://comptoir/index.html'): Promise<Result<unknown>> {
  const listener = electron.ipcMain.handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  const event = { sender: { id: window.webContents.id }, senderFrame: { url: frameUrl, parent: null } };
  return listener(event, input) as Promise<Result<unknown>>;
}

beforeAll(async () => {
  process.env['COMPTOIR_USER_DATA_DIR'] = userData;
  // Settings saved by an earlier run, and one environment variable that must win over its saved value.
  const saved = { whatsapp: { appSecret: 'from-file', accessToken: 'file-access' }, messenger: {}, instagram: {} };
  const blob = electron.safeStorage.encryptString(JSON.stringify({ version: 1, ...saved }));
  writeFileSync(join(userData, 'channel-secrets.bin'), blob);
  process.env['WHATSAPP_APP_SECRET'] = 'from-env';
  electron.app.appPath = root;
  await import('../../src/main/index');
  electron.app.ready();
  window = await until(() => electron.BrowserWindow.instances[0], 'the window');
});

afterAll(() => {
  if (!electron.app.quitted) electron.app.quit();
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!listenersBefore.get(signal)?.includes(listener)) process.off(signal, listener);
    }
  }
  delete process.env['COMPTOIR_USER_DATA_DIR'];
  delete process.env['WHATSAPP_APP_SECRET'];
  rmSync(userData, { recursive: true, force: true });
});

describe('main process', () => {
  it('registers app:// as privileged before ready and uses the requested profile', () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(electron.app.getPath('userData')).toBe(userData);
  });

  it('opens the hardened window on the app origin', () => {
    expect(window.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true } });
    expect(String((window.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[/\\]index\.js$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://comptoir/index.html');
  });

  it('hands the page a session for the embedded gateway, which accepts its token', async () => {
    const session = await invoke('session:get', undefined);
    if (!session.ok) throw new Error(session.error);
    const { gatewayUrl, token } = session.value as { gatewayUrl: string; token: string };
    expect(gatewayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect((await fetch(`${gatewayUrl}/api/health`)).status).toBe(200);
    const threads = await fetch(`${gatewayUrl}/api/threads`, { headers: { authorization: `Bearer ${token}` } });
    expect(threads.status).toBe(200);
    expect((await fetch(`${gatewayUrl}/api/threads`)).status).toBe(401);
  });

  it('refuses IPC from a foreign page in the same window', async () => {
    expect(await invoke('session:get', undefined, 'https://evil.example/')).toMatchObject({ ok: false });
  });

  it('serves app:// with a CSP that names this gateway', async () => {
    const session = await invoke('session:get', undefined);
    const { gatewayUrl } = (session as { value: { gatewayUrl: string } }).value;
    const handler = electron.protocol.handlers.get('app');
    if (!handler) throw new Error('app:// has no handler');
    const response = await handler(new Request('app://comptoir/index.html'));
    const port = new URL(gatewayUrl).port;
    expect(response.headers.get('content-security-policy')).toContain(
      `connect-src http://127.0.0.1:${port} ws://127.0.0.1:${port}`,
    );
  });

  it('starts the gateway with the saved channel settings, environment first', () => {
    expect(watched.started).toHaveLength(1);
    expect(watched.started[0]?.channels?.whatsapp).toEqual({ appSecret: 'from-env', accessToken: 'file-access' });
  });

  it('saves channel settings encrypted and applies them to the running gateway', async () => {
    const saved = await invoke('channels:save', { channel: 'messenger', values: { pageToken: 'page-token-9c8b7a' } });
    expect(saved).toEqual({ ok: true, value: null });
    expect(watched.configured.at(-1)?.messenger).toEqual({ pageToken: 'page-token-9c8b7a' });
    expect(watched.configured.at(-1)?.whatsapp.appSecret).toBe('from-env');
    expect(readFileSync(join(userData, 'channel-secrets.bin')).includes('page-token-9c8b7a')).toBe(false);

    const presence = await invoke('channels:get', undefined);
    expect(JSON.stringify(presence)).not.toMatch(/page-token|from-|file-access/);
    expect(presence).toMatchObject({ ok: true, value: [{ channel: 'whatsapp' }, { channel: 'messenger' }, {}] });
    expect(await invoke('channels:save', { channel: 'messenger', values: {} }, 'https://evil.example/')).toMatchObject({
      ok: false,
    });
  });

  it('guards every web contents and the default session', () => {
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.session.defaultSession.checkHandler?.(null, 'media', 'app://comptoir')).toBe(false);
  });

  it('closes the gateway before quitting', async () => {
    const session = await invoke('session:get', undefined);
    const { gatewayUrl } = (session as { value: { gatewayUrl: string } }).value;
    electron.app.quit();
    expect(electron.app.quitted).toBe(false);
    await until(() => (electron.app.quitted ? true : undefined), 'the quit to resume');
    await expect(fetch(`${gatewayUrl}/api/health`)).rejects.toThrow();
  });
});
