import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelsConfig } from '../../src/gateway/channels/meta/config';
import { CHANNEL_SECRETS_FILE, createChannelSecretsFile } from '../../src/main/channel-secrets';
import { envChannelsConfig, openChannelSettings } from '../../src/main/channel-settings';
import { createDesktopHandlers } from '../../src/main/desktop-handlers';
import { createIpcRouter, type IpcCallEvent, type IpcRouter } from '../../src/main/ipc';
import { FakeSafeStorage } from './fake-electron';
import { fromInbox, unusedServices, WINDOW_ID } from './ipc-fixtures';

/** `channels:get` and `channels:save` through the real router, the real encrypted file and a recording gateway. */

const SECRET = 'EAAG-whatsapp-access-token-5f1e2d3c4b';
let dir: string;
let path: string;
let cipher: FakeSafeStorage;
let configured: ChannelsConfig[];
let logs: string[];
let router: IpcRouter;

async function start(env: NodeJS.ProcessEnv = {}): Promise<void> {
  const file = createChannelSecretsFile({ path, cipher, platform: 'linux', log: (l) => logs.push(l) });
  const settings = await openChannelSettings({ file, env: envChannelsConfig(env, (l) => logs.push(l)) });
  router = createIpcRouter({
    handlers: createDesktopHandlers(unusedServices, {
      settings,
      gateway: { configure: (config) => void configured.push(config) },
    }),
    trustedContentsId: () => WINDOW_ID,
    log: (line) => logs.push(line),
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-ipc-channels-'));
  path = join(dir, CHANNEL_SECRETS_FILE);
  cipher = new FakeSafeStorage();
  configured = [];
  logs = [];
  await start();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const save = (input: unknown, event = fromInbox()) => router.dispatch('channels:save', event, input);

describe('channels:save', () => {
  it('encrypts to disk and reconfigures the running gateway at once', async () => {
    const values = { accessToken: SECRET, phoneNumberId: '  106540352242922\n' };
    expect(await save({ channel: 'whatsapp', values })).toEqual({ ok: true, value: null });
    expect(configured).toHaveLength(1);
    expect(configured[0]?.whatsapp).toEqual({ accessToken: SECRET, phoneNumberId: '106540352242922' });
    expect(configured[0]?.graphApiBase).toBe('https://graph.facebook.com');
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false);
    expect(bytes.includes(Buffer.from('106540352242922'))).toBe(false);
    expect(logs).toEqual([]);
  });

  it('clears a setting given as empty and leaves the ones not given', async () => {
    await save({ channel: 'messenger', values: { pageToken: 'page-token', pageId: '42' } });
    await save({ channel: 'messenger', values: { pageToken: '' } });
    expect(configured.at(-1)?.messenger).toEqual({ pageId: '42' });
  });

  it('gives the gateway the environment’s value over a saved one', async () => {
    await start({ WHATSAPP_APP_SECRET: 'from-env' });
    await save({ channel: 'whatsapp', values: { appSecret: 'from-screen', verifyToken: 'v' } });
    expect(configured[0]?.whatsapp).toEqual({ appSecret: 'from-env', verifyToken: 'v' });
  });

  it('refuses input outside the channel’s own settings, changing nothing', async () => {
    const bad: unknown[] = [
      { channel: 'whatsapp', values: { password: 'x' } },
      // Messenger's name sent as WhatsApp's.
      { channel: 'whatsapp', values: { pageToken: SECRET } },
      { channel: 'instagram', values: { phoneNumberId: '1' } },
      { channel: 'whatsapp', values: { accessToken: `${SECRET}\u0000evil` } },
      { channel: 'whatsapp', values: { accessToken: `line\r\nX-Injected: 1` } },
      { channel: 'whatsapp', values: { accessToken: `ab\u202ecd` } },
      { channel: 'whatsapp', values: { accessToken: 42 } },
      { channel: 'whatsapp', values: { accessToken: null } },
      { channel: 'whatsapp', values: { accessToken: 'x'.repeat(1025) } },
      { channel: 'whatsapp', values: ['appSecret'] },
      { channel: 'whatsapp' },
      { channel: 'telegram', values: {} },
      { channel: 'whatsapp', values: {}, extra: true },
      { channel: 'whatsapp', values: { ['__proto__']: 'x' } },
      JSON.parse('{"channel":"whatsapp","values":{"__proto__":{"appSecret":"x"}}}'),
      'whatsapp',
      undefined,
    ];
    for (const input of bad) {
      const result = await save(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^invalid input: /);
    }
    expect(configured).toEqual([]);
    expect(existsSync(path)).toBe(false);
    // Refusals are logged, but never with the value that was refused.
    expect(logs).toHaveLength(bad.length);
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('accepts exactly 1024 characters after trimming', async () => {
    const long = 'a'.repeat(1024);
    expect((await save({ channel: 'whatsapp', values: { accessToken: ` ${long} ` } })).ok).toBe(true);
    expect(configured[0]?.whatsapp.accessToken).toBe(long);
  });

  it('refuses without an OS keychain: nothing written, the gateway untouched', async () => {
    cipher.backend = 'basic_text';
    expect(await save({ channel: 'whatsapp', values: { accessToken: SECRET } })).toEqual({
      ok: false,
      error: 'no OS keychain available: set the WHATSAPP_* environment variables instead',
    });
    cipher.backend = 'gnome_libsecret';
    cipher.available = false;
    expect((await save({ channel: 'whatsapp', values: { accessToken: SECRET } })).ok).toBe(false);
    expect(existsSync(path)).toBe(false);
    expect(configured).toEqual([]);
    expect((await router.dispatch('channels:get', fromInbox(), undefined)).ok).toBe(true);
  });

  it('refuses a caller that is not the inbox page', async () => {
    const otherWindow: IpcCallEvent = { sender: { id: WINDOW_ID + 1 }, senderFrame: fromInbox().senderFrame };
    const subFrame: IpcCallEvent = {
      sender: { id: WINDOW_ID },
      senderFrame: { url: 'app://comptoir/index.html', parent: {} },
    };
    for (const event of [fromInbox('https://evil.example/'), otherWindow, subFrame]) {
      expect((await save({ channel: 'whatsapp', values: { appSecret: 'x' } }, event)).ok).toBe(false);
      expect((await router.dispatch('channels:get', event, undefined)).ok).toBe(false);
    }
    expect(configured).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });
});

describe('channels:get', () => {
  it('answers with names and booleans, never a value', async () => {
    await start({ INSTAGRAM_ACCOUNT_ID: '17841400000000000' });
    await save({ channel: 'whatsapp', values: { appSecret: SECRET, phoneNumberId: '106540352242922' } });
    const result = await router.dispatch('channels:get', fromInbox(), undefined);
    if (!result.ok) throw new Error(result.error);
    expect(result.value).toEqual([
      {
        channel: 'whatsapp',
        settings: {
          appSecret: true,
          verifyToken: false,
          accessToken: false,
          phoneNumberId: true,
          businessAccountId: false,
        },
      },
      { channel: 'messenger', settings: { appSecret: false, verifyToken: false, pageToken: false, pageId: false } },
      { channel: 'instagram', settings: { appSecret: false, verifyToken: false, pageToken: false, accountId: true } },
    ]);
    const text = JSON.stringify(result);
    for (const value of [SECRET, '106540352242922', '17841400000000000']) expect(text).not.toContain(value);
  });

  it('takes no input', async () => {
    expect((await router.dispatch('channels:get', fromInbox(), { channel: 'whatsapp' })).ok).toBe(false);
  });
});
