import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CHANNEL_SECRETS_FILE,
  createChannelSecretsFile,
  emptyStoredSettings,
  keychainRefusal,
  type StoredChannelSettings,
} from '../../src/main/channel-secrets';
import { FakeSafeStorage } from './fake-electron';

const SETTINGS: StoredChannelSettings = {
  whatsapp: {
    appSecret: 'wa-app-secret-7f3a9c',
    verifyToken: 'wa-verify-token-b41d',
    accessToken: 'EAAGwa-access-token-0e9f8d7c6b5a',
    phoneNumberId: '106540352242922',
  },
  messenger: { pageToken: 'EAAGms-page-token-1a2b3c4d' },
  instagram: {},
};
const VALUES = ['wa-app-secret-7f3a9c', 'wa-verify-token-b41d', 'EAAGwa-access-token-0e9f8d7c6b5a', '106540352242922'];
const NO_KEYCHAIN = 'no OS keychain available: set the WHATSAPP_* environment variables instead';

let dir: string;
let path: string;
let cipher: FakeSafeStorage;
let logs: string[];

const secretsFile = (platform: NodeJS.Platform = 'linux') =>
  createChannelSecretsFile({ path, cipher, platform, log: (line) => logs.push(line) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'comptoir-secrets-'));
  path = join(dir, CHANNEL_SECRETS_FILE);
  cipher = new FakeSafeStorage();
  logs = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('channel secrets file', () => {
  it('writes one encrypted blob: no secret is readable in the bytes on disk', async () => {
    await secretsFile().save(SETTINGS, 'whatsapp');
    const bytes = readFileSync(path);
    for (const value of [...VALUES, 'EAAGms-page-token-1a2b3c4d', 'appSecret', 'whatsapp']) {
      expect(bytes.includes(Buffer.from(value)), value).toBe(false);
      expect(bytes.includes(Buffer.from(value).toString('base64')), value).toBe(false);
    }
    expect(cipher.encryptString).toHaveBeenCalledTimes(1);
    expect(JSON.parse(cipher.encryptString.mock.calls[0]?.[0] ?? '')).toEqual({ version: 1, ...SETTINGS });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    // The temp file was renamed into place, not left behind.
    expect(readdirSync(dir)).toEqual([CHANNEL_SECRETS_FILE]);
  });

  it('reads back what it saved', async () => {
    await secretsFile().save(SETTINGS, 'whatsapp');
    expect(await secretsFile().load()).toEqual(SETTINGS);
    expect(logs).toEqual([]);
  });

  it('starts with nothing, silently and without touching the keychain, when no file exists', async () => {
    expect(await secretsFile().load()).toEqual(emptyStoredSettings());
    expect(cipher.decryptString).not.toHaveBeenCalled();
    expect(logs).toEqual([]);
  });

  it('refuses to save without an OS keychain, writing nothing (never plain text)', async () => {
    cipher.available = false;
    await expect(secretsFile().save(SETTINGS, 'whatsapp')).rejects.toThrow(NO_KEYCHAIN);
    cipher.available = true;
    for (const backend of ['basic_text', 'unknown']) {
      cipher.backend = backend;
      await expect(secretsFile('linux').save(SETTINGS, 'whatsapp')).rejects.toThrow(NO_KEYCHAIN);
    }
    expect(cipher.encryptString).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names the environment variables of the channel being saved', () => {
    cipher.available = false;
    expect(keychainRefusal(cipher, 'darwin', 'messenger')).toBe(
      'no OS keychain available: set the MESSENGER_* environment variables instead',
    );
  });

  it('asks for the Linux storage backend only on Linux', () => {
    cipher.backend = 'basic_text';
    expect(keychainRefusal(cipher, 'darwin', 'whatsapp')).toBeNull();
    expect(keychainRefusal(cipher, 'win32', 'whatsapp')).toBeNull();
    expect(keychainRefusal(cipher, 'linux', 'whatsapp')).toBe(NO_KEYCHAIN);
    cipher.backend = 'kwallet6';
    expect(keychainRefusal(cipher, 'linux', 'whatsapp')).toBeNull();
  });

  it('leaves the saved file as it was when a save is refused', async () => {
    await secretsFile().save(SETTINGS, 'whatsapp');
    const before = readFileSync(path);
    cipher.backend = 'basic_text';
    await expect(secretsFile().save(emptyStoredSettings(), 'whatsapp')).rejects.toThrow(NO_KEYCHAIN);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('tolerates a corrupt file: nothing set, one log line that quotes no secret', async () => {
    const corruptions: Buffer[] = [
      Buffer.from('not an encrypted blob at all'),
      // Decrypts, but is not JSON; a JSON error message would quote the text, secret included.
      cipher.encryptString(`{"version":1,"whatsapp":{"appSecret":"${VALUES[0]}"`),
      // JSON of the wrong shape.
      cipher.encryptString(JSON.stringify({ version: 1, whatsapp: { appSecret: 42 }, messenger: {}, instagram: {} })),
      cipher.encryptString(JSON.stringify({ version: 2, ...SETTINGS })),
    ];
    for (const blob of corruptions) {
      logs = [];
      writeFileSync(path, blob);
      expect(await secretsFile().load()).toEqual(emptyStoredSettings());
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatch(/could not be (decrypted|parsed): starting with none$/);
      expect(logs[0]).not.toContain(VALUES[0]);
    }
  });

  it('keeps a file it cannot decrypt today (the keyring may be back tomorrow)', async () => {
    await secretsFile().save(SETTINGS, 'whatsapp');
    cipher.available = false;
    expect(await secretsFile().load()).toEqual(emptyStoredSettings());
    expect(logs).toEqual([`channel settings in ${CHANNEL_SECRETS_FILE} could not be decrypted: starting with none`]);
    cipher.available = true;
    expect(await secretsFile().load()).toEqual(SETTINGS);
  });

  it('drops names it does not know rather than the whole file', async () => {
    const future = { version: 1, ...SETTINGS, whatsapp: { ...SETTINGS.whatsapp, someNewSetting: 'x' } };
    writeFileSync(path, cipher.encryptString(JSON.stringify(future)));
    expect(await secretsFile().load()).toEqual(SETTINGS);
  });

  it('cleans up its temp file when the final rename fails', async () => {
    mkdirSync(path);
    await expect(secretsFile().save(SETTINGS, 'whatsapp')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([CHANNEL_SECRETS_FILE]);
  });
});
