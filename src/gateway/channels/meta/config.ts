import { z } from 'zod';
import { settingEnvName } from '../../../core';
import type { MetaChannel } from './updates';

/**
 * What each Meta channel needs. Inbound (webhooks) needs the app secret and the verify token; outbound needs the
 * channel's token and, for WhatsApp, the sending phone number's id. Values are secrets: they stay in the gateway
 * and only their presence is ever reported.
 */
export const CHANNEL_SETTINGS = {
  whatsapp: ['appSecret', 'verifyToken', 'accessToken', 'phoneNumberId', 'businessAccountId'],
  messenger: ['appSecret', 'verifyToken', 'pageToken', 'pageId'],
  instagram: ['appSecret', 'verifyToken', 'pageToken', 'accountId'],
} as const satisfies Record<MetaChannel, readonly string[]>;

/** Settings a channel cannot work without; the others are looked up or learned (the WABA id from webhooks). */
export const REQUIRED_SETTINGS = {
  whatsapp: ['appSecret', 'verifyToken', 'accessToken', 'phoneNumberId'],
  messenger: ['appSecret', 'verifyToken', 'pageToken'],
  instagram: ['appSecret', 'verifyToken', 'pageToken'],
} as const satisfies Record<MetaChannel, readonly string[]>;

export type ChannelSettingName<C extends MetaChannel> = (typeof CHANNEL_SETTINGS)[C][number];
export type ChannelSettings<C extends MetaChannel> = Partial<Record<ChannelSettingName<C>, string>>;

export interface ChannelsConfig {
  /** Meta's Graph API, or a local server in tests. */
  graphApiBase: string;
  graphApiVersion: string;
  whatsapp: ChannelSettings<'whatsapp'>;
  messenger: ChannelSettings<'messenger'>;
  instagram: ChannelSettings<'instagram'>;
}

export const DEFAULT_GRAPH_API_BASE = 'https://graph.facebook.com';
export const DEFAULT_GRAPH_API_VERSION = 'v21.0';

export const emptyChannelsConfig = (): ChannelsConfig => ({
  graphApiBase: DEFAULT_GRAPH_API_BASE,
  graphApiVersion: DEFAULT_GRAPH_API_VERSION,
  whatsapp: {},
  messenger: {},
  instagram: {},
});

/** The environment variable of each setting: `WHATSAPP_APP_SECRET`, `MESSENGER_PAGE_TOKEN`... */
export const envName = settingEnvName;

const BaseUrlSchema = z
  .url({ protocol: /^https?$/, error: 'GRAPH_API_BASE must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

export type ConfigResult = { ok: true; config: ChannelsConfig } | { ok: false; error: string };

/** Reads every channel setting from the environment; empty values count as unset. */
export function channelsConfigFromEnv(env: NodeJS.ProcessEnv): ConfigResult {
  const config = emptyChannelsConfig();
  const base = env['GRAPH_API_BASE']?.trim();
  if (base) {
    const parsed = BaseUrlSchema.safeParse(base);
    if (!parsed.success) return { ok: false, error: 'GRAPH_API_BASE must be an http(s) URL' };
    config.graphApiBase = parsed.data;
  }
  const version = env['GRAPH_API_VERSION']?.trim();
  if (version) {
    if (!/^v\d+\.\d+$/.test(version)) return { ok: false, error: 'GRAPH_API_VERSION must look like v21.0' };
    config.graphApiVersion = version;
  }
  for (const channel of ['whatsapp', 'messenger', 'instagram'] as const) {
    const settings: Record<string, string> = {};
    for (const setting of CHANNEL_SETTINGS[channel]) {
      const value = env[envName(channel, setting)]?.trim();
      if (value) settings[setting] = value;
    }
    config[channel] = settings;
  }
  return { ok: true, config };
}

export function isConfigured(config: ChannelsConfig, channel: MetaChannel): boolean {
  const settings = config[channel] as Record<string, string | undefined>;
  return REQUIRED_SETTINGS[channel].every((name) => Boolean(settings[name]));
}

/** Names of the settings that are set: what the settings screen may show. */
export function settingsPresence(config: ChannelsConfig, channel: MetaChannel): Record<string, boolean> {
  const settings = config[channel] as Record<string, string | undefined>;
  return Object.fromEntries(CHANNEL_SETTINGS[channel].map((name) => [name, Boolean(settings[name])]));
}
