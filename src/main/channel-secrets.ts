import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CHANNEL_SETTINGS, type ChannelsConfig } from '../gateway/channels/meta/config';
import type { MetaChannel } from '../gateway/channels/meta/updates';

/** The file in the userData folder: one safeStorage blob, never JSON on disk. */
export const CHANNEL_SECRETS_FILE = 'channel-secrets.bin';

/** The part of Electron's `safeStorage` used here, so tests can stand in for it. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron: which secret store backs the key. */
  getSelectedStorageBackend?(): string;
}

/**
 * What the file holds: each channel's settings and the shop's (where orders come from, with its credentials);
 * nothing else (the Graph API address stays an env setting). `shop` is absent in files written before it existed.
 */
export type StoredChannelSettings = Pick<ChannelsConfig, MetaChannel> & { shop?: StoredShopSettings };
export type StoredShopSettings = Partial<Record<(typeof SHOP_SETTING_KEYS)[number], string>>;

const SHOP_SETTING_KEYS = ['kind', 'storeDomain', 'accessToken', 'siteUrl', 'consumerKey', 'consumerSecret'] as const;

export const emptyStoredSettings = (): StoredChannelSettings => ({ whatsapp: {}, messenger: {}, instagram: {} });

// Unknown names are dropped rather than fatal, so a file from a newer version still yields what this one knows.
const channelSchema = (names: readonly string[]) =>
  z.object(Object.fromEntries(names.map((name) => [name, z.string().min(1).optional()])));
const FileSchema = z.object({
  version: z.literal(1),
  whatsapp: channelSchema(CHANNEL_SETTINGS.whatsapp),
  messenger: channelSchema(CHANNEL_SETTINGS.messenger),
  instagram: channelSchema(CHANNEL_SETTINGS.instagram),
  shop: channelSchema(SHOP_SETTING_KEYS).optional(),
});

export interface ChannelSecretsFileOptions {
  path: string;
  cipher: SecretCipher;
  /** `process.platform`: the storage backend is only meaningful (and only exists) on Linux. */
  platform: NodeJS.Platform;
  log: (line: string) => void;
}

export interface ChannelSecretsFile {
  load(): Promise<StoredChannelSettings>;
  /** Encrypts and replaces the file; throws, writing nothing, when no OS keychain protects the key. */
  save(settings: StoredChannelSettings, channel: MetaChannel | 'shop'): Promise<void>;
}

/** Why safeStorage would not really protect a secret here, or null when it would. */
export function keychainRefusal(
  cipher: SecretCipher,
  platform: NodeJS.Platform,
  channel: MetaChannel | 'shop',
): string | null {
  const refusal =
    channel === 'shop'
      ? "no OS keychain available: set COMPTOIR_ORDERS and the shop's environment variables instead"
      : `no OS keychain available: set the ${channel.toUpperCase()}_* environment variables instead`;
  if (!cipher.isEncryptionAvailable()) return refusal;
  // Without a keyring Chromium still "encrypts" on Linux, with a key written in its source: that is plain text
  // with extra steps, so it counts as no keychain. 'unknown' means asked before `ready`: no answer, no save.
  if (platform === 'linux' && typeof cipher.getSelectedStorageBackend === 'function') {
    const backend = cipher.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return refusal;
  }
  return null;
}

export function createChannelSecretsFile(options: ChannelSecretsFileOptions): ChannelSecretsFile {
  const { path, cipher, platform, log } = options;

  return {
    async load() {
      let blob: Buffer;
      try {
        blob = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyStoredSettings();
        log(`channel settings not read (${(error as NodeJS.ErrnoException).code ?? 'read error'}): starting with none`);
        return emptyStoredSettings();
      }
      // The reason is logged as a fixed phrase: a JSON or decryption error message can quote the plain text.
      let stage = 'decrypted';
      try {
        if (!cipher.isEncryptionAvailable()) throw new Error('no keychain');
        const text = cipher.decryptString(blob);
        stage = 'parsed';
        const parsed = FileSchema.parse(JSON.parse(text));
        return {
          whatsapp: parsed.whatsapp,
          messenger: parsed.messenger,
          instagram: parsed.instagram,
          ...(parsed.shop && { shop: parsed.shop }),
        };
      } catch {
        // Not deleted: a keyring that is locked today may open tomorrow. A later save replaces it.
        log(`channel settings in ${CHANNEL_SECRETS_FILE} could not be ${stage}: starting with none`);
        return emptyStoredSettings();
      }
    },

    async save(settings, channel) {
      const refusal = keychainRefusal(cipher, platform, channel);
      if (refusal !== null) throw new Error(refusal);
      const blob = cipher.encryptString(JSON.stringify({ version: 1, ...settings }));
      await mkdir(dirname(path), { recursive: true });
      // A temp file then a rename: a crash mid-write leaves the old file whole, never half of the new one.
      const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(blob);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
  };
}
