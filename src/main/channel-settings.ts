import type {
  ChannelSaveInput,
  ChannelSettingsPresence,
  ShopSaveInput,
  ShopSettingsPresence,
} from '../core/ipc/contract';
import { ordersConfigFromSettings, type OrdersConfig } from '../gateway/orders/config';
import {
  CHANNEL_SETTINGS,
  channelsConfigFromEnv,
  emptyChannelsConfig,
  settingsPresence,
  type ChannelsConfig,
} from '../gateway/channels/meta/config';
import type { MetaChannel } from '../gateway/channels/meta/updates';
import type { ChannelSecretsFile, StoredChannelSettings } from './channel-secrets';
import { applyShopValues, shopConfig, shopPresence } from './shop-settings';

const META_CHANNELS = Object.keys(CHANNEL_SETTINGS) as MetaChannel[];

/** The environment's channel settings; a malformed one is logged and the environment ignored, not fatal. */
export function envChannelsConfig(env: NodeJS.ProcessEnv, log: (line: string) => void): ChannelsConfig {
  const parsed = channelsConfigFromEnv(env);
  if (parsed.ok) return parsed.config;
  log(`channel settings from the environment ignored: ${parsed.error}`);
  return emptyChannelsConfig();
}

/** Copies `top`'s non-empty values over `base`'s. */
function overlay(base: Record<string, string | undefined>, top: Record<string, string | undefined>) {
  const merged: Record<string, string> = {};
  for (const source of [base, top]) {
    for (const [name, value] of Object.entries(source)) if (value) merged[name] = value;
  }
  return merged;
}

/**
 * What the gateway runs with: the saved settings, each overridden by its environment variable when that is set.
 * The environment wins so a deployment (or a test run) can pin a value whatever the settings screen holds.
 */
export function mergeChannelsConfig(env: ChannelsConfig, stored: StoredChannelSettings): ChannelsConfig {
  const merged: ChannelsConfig = { ...env };
  for (const channel of META_CHANNELS) merged[channel] = overlay(stored[channel], env[channel]);
  return merged;
}

/** The saved settings after one save: '' clears a name, a name not given keeps its value. */
export function applyChannelValues(stored: StoredChannelSettings, input: ChannelSaveInput): StoredChannelSettings {
  const settings: Record<string, string | undefined> = { ...stored[input.channel] };
  for (const [name, value] of Object.entries(input.values)) {
    if (value === undefined) continue;
    if (value === '') delete settings[name];
    else settings[name] = value;
  }
  return { ...stored, [input.channel]: settings };
}

export interface ShopSettings {
  /** Where the gateway reads orders now (the environment first, see shop-settings.ts). */
  shopConfig(): OrdersConfig;
  shopPresence(): ShopSettingsPresence;
  /** Checks, then saves the shop's kind and credentials, encrypted; resolves with what the gateway should use. */
  saveShop(input: ShopSaveInput): Promise<OrdersConfig>;
}

export interface ChannelSettings extends ShopSettings {
  /** The merged settings, as the gateway should have them. */
  config(): ChannelsConfig;
  /** Which settings each channel has (merged), as booleans: the only view the renderer gets. */
  presence(): ChannelSettingsPresence[];
  /** Saves one channel's changes, encrypted; resolves with the new merged settings. */
  save(input: ChannelSaveInput): Promise<ChannelsConfig>;
}

export async function openChannelSettings(options: {
  file: ChannelSecretsFile;
  env: ChannelsConfig;
  /** The process environment, for COMPTOIR_ORDERS and the shop's variables. */
  processEnv?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}) {
  const { file, env } = options;
  const processEnv = options.processEnv ?? {};
  const log = options.log ?? (() => {});
  let stored = await file.load();
  // One save at a time: two quick saves must not both start from the same old settings and lose one.
  let queue: Promise<unknown> = Promise.resolve();

  const settings: ChannelSettings = {
    config: () => mergeChannelsConfig(env, stored),
    presence() {
      const config = mergeChannelsConfig(env, stored);
      return META_CHANNELS.map((channel) => ({ channel, settings: settingsPresence(config, channel) }));
    },
    shopConfig: () => shopConfig(processEnv, stored.shop, log),
    shopPresence: () => shopPresence(processEnv, stored.shop),
    saveShop(input) {
      const run = async () => {
        const shop = applyShopValues(stored.shop, input);
        // Refused before it is written: a saved shop is always one the gateway can use.
        const checked = ordersConfigFromSettings(input.kind, shop);
        if (!checked.ok) throw new Error(checked.error);
        const next = { ...stored, shop };
        await file.save(next, 'shop');
        stored = next;
        return shopConfig(processEnv, stored.shop, log);
      };
      const done = queue.then(run, run);
      queue = done.catch(() => undefined);
      return done;
    },
    save(input) {
      const run = async () => {
        const next = applyChannelValues(stored, input);
        await file.save(next, input.channel);
        // Only once it is on disk: a refused or failed save leaves memory as the file is.
        stored = next;
        return mergeChannelsConfig(env, stored);
      };
      const done = queue.then(run, run);
      queue = done.catch(() => undefined);
      return done;
    },
  };
  return settings;
}
