import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_SETTING_NAMES } from '../../src/core/ipc/contract';
import { CHANNEL_SETTINGS, emptyChannelsConfig } from '../../src/gateway/channels/meta/config';
import {
  CHANNEL_SECRETS_FILE,
  createChannelSecretsFile,
  type StoredChannelSettings,
} from '../../src/main/channel-secrets';
import {
  applyChannelValues,
  envChannelsConfig,
  mergeChannelsConfig,
  openChannelSettings,
} from '../../src/main/channel-settings';
import { FakeSafeStorage } from './fake-electron';

// The contract (pure core) restates the gateway's list; drift would let the page save names the gateway ignores.
// The typed constant makes the compiler check it too.
const sameNames: typeof CHANNEL_SETTINGS = CHANNEL_SETTING_NAMES;
it('the IPC contract names exactly the gateway’s channel settings', () => {
  expect(sameNames).toEqual(CHANNEL_SETTINGS);
});

const STORED: StoredChannelSettings = {
  whatsapp: { appSecret: 'file-secret', accessToken: 'file-access', phoneNumberId: '111' },
  messenger: { pageToken: 'file-page-token' },
  instagram: {},
};

describe('merging with the environment', () => {
  it('lets each environment variable win over the saved value, setting by setting', () => {
    const env = envChannelsConfig(
      { WHATSAPP_APP_SECRET: 'env-secret', WHATSAPP_VERIFY_TOKEN: 'env-verify', GRAPH_API_VERSION: 'v22.0' },
      () => undefined,
    );
    const merged = mergeChannelsConfig(env, STORED);
    expect(merged.whatsapp).toEqual({
      appSecret: 'env-secret',
      verifyToken: 'env-verify',
      accessToken: 'file-access',
      phoneNumberId: '111',
    });
    expect(merged.messenger).toEqual({ pageToken: 'file-page-token' });
    expect(merged.graphApiVersion).toBe('v22.0');
  });

  it('ignores a malformed environment with one log line, keeping the saved values', () => {
    const logs: string[] = [];
    const env = envChannelsConfig({ GRAPH_API_BASE: 'ftp://x', WHATSAPP_APP_SECRET: 'env-secret' }, (l) =>
      logs.push(l),
    );
    expect(env).toEqual(emptyChannelsConfig());
    expect(logs).toEqual(['channel settings from the environment ignored: GRAPH_API_BASE must be an http(s) URL']);
    expect(mergeChannelsConfig(env, STORED).whatsapp.appSecret).toBe('file-secret');
  });
});

describe('applying a save', () => {
  it('sets the names given, clears those given as empty, keeps the others', () => {
    const next = applyChannelValues(STORED, {
      channel: 'whatsapp',
      values: { appSecret: 'new-secret', accessToken: '', verifyToken: 'new-verify' },
    });
    expect(next.whatsapp).toEqual({ appSecret: 'new-secret', verifyToken: 'new-verify', phoneNumberId: '111' });
    expect(next.messenger).toBe(STORED.messenger);
    // The input is not changed in place: a failed write must leave the old settings intact.
    expect(STORED.whatsapp.accessToken).toBe('file-access');
  });
});

describe('the settings service', () => {
  let dir: string;
  let cipher: FakeSafeStorage;
  const file = () =>
    createChannelSecretsFile({ path: join(dir, CHANNEL_SECRETS_FILE), cipher, platform: 'linux', log: () => {} });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-settings-'));
    cipher = new FakeSafeStorage();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from the saved file merged with the environment, and reports presence only', async () => {
    await file().save(STORED, 'whatsapp');
    const env = envChannelsConfig({ WHATSAPP_VERIFY_TOKEN: 'env-verify' }, () => undefined);
    const settings = await openChannelSettings({ file: file(), env });
    expect(settings.config().whatsapp).toEqual({ ...STORED.whatsapp, verifyToken: 'env-verify' });
    const presence = settings.presence();
    expect(presence).toEqual([
      {
        channel: 'whatsapp',
        settings: {
          appSecret: true,
          verifyToken: true,
          accessToken: true,
          phoneNumberId: true,
          businessAccountId: false,
        },
      },
      { channel: 'messenger', settings: { appSecret: false, verifyToken: false, pageToken: true, pageId: false } },
      { channel: 'instagram', settings: { appSecret: false, verifyToken: false, pageToken: false, accountId: false } },
    ]);
    expect(JSON.stringify(presence)).not.toMatch(/file-|env-|111/);
  });

  it('persists a save (a new start sees it) and a cleared value stays cleared', async () => {
    const settings = await openChannelSettings({ file: file(), env: emptyChannelsConfig() });
    await settings.save({ channel: 'instagram', values: { pageToken: 'ig-token', accountId: '178' } });
    await settings.save({ channel: 'instagram', values: { accountId: '' } });
    const reopened = await openChannelSettings({ file: file(), env: emptyChannelsConfig() });
    expect(reopened.config().instagram).toEqual({ pageToken: 'ig-token' });
  });

  it('keeps memory as the file is when a save is refused', async () => {
    const settings = await openChannelSettings({ file: file(), env: emptyChannelsConfig() });
    cipher.backend = 'basic_text';
    await expect(settings.save({ channel: 'whatsapp', values: { appSecret: 'x' } })).rejects.toThrow(/keychain/);
    expect(settings.config().whatsapp).toEqual({});
    cipher.backend = 'gnome_libsecret';
    // The queue is not stuck behind the refusal.
    await settings.save({ channel: 'whatsapp', values: { appSecret: 'y' } });
    expect(settings.config().whatsapp).toEqual({ appSecret: 'y' });
  });

  it('loses neither of two saves made at once', async () => {
    const settings = await openChannelSettings({ file: file(), env: emptyChannelsConfig() });
    await Promise.all([
      settings.save({ channel: 'messenger', values: { pageToken: 'a' } }),
      settings.save({ channel: 'messenger', values: { pageId: 'b' } }),
    ]);
    const reopened = await openChannelSettings({ file: file(), env: emptyChannelsConfig() });
    expect(reopened.config().messenger).toEqual({ pageToken: 'a', pageId: 'b' });
  });
});
