import { z } from 'zod';

/**
 * The one contract between the renderer and Electron's main process. Channel names are `domain:verb`; each
 * input is parsed in main (whatever the renderer sends) and each reply is a `Result`, so errors cross intact.
 * The renderer never receives `ipcRenderer`: the preload exposes exactly these calls as `window.comptoir`.
 */
export const IPC = {
  sessionGet: 'session:get',
  notifyShow: 'notify:show',
  badgeSet: 'badge:set',
  linkOpen: 'link:open',
  channelsGet: 'channels:get',
  channelsSave: 'channels:save',
  shopGet: 'shop:get',
  shopSave: 'shop:save',
} as const;
export type IpcChannel = (typeof IPC)[keyof typeof IPC];

export const NotifyInputSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().max(500),
  threadId: z.string().min(1).max(128),
});
export const BadgeInputSchema = z.object({ count: z.number().int().min(0).max(99_999) });
export const LinkInputSchema = z.object({
  url: z
    .string()
    .max(2048)
    // URL is not part of the pure core's library; a strict pattern says the same: a scheme, then a host.
    .refine((u) => /^https?:\/\/[^\s/?#@]+(?:[/?#][^\s]*)?$/i.test(u), 'only http(s) links open outside the app'),
});

/**
 * The Meta channels' settings the desktop app stores (encrypted, in main). The core cannot import the gateway,
 * so its `CHANNEL_SETTINGS` list is restated here; a test in tests/main holds the two equal.
 */
export const CHANNEL_SETTING_NAMES = {
  whatsapp: ['appSecret', 'verifyToken', 'accessToken', 'phoneNumberId', 'businessAccountId'],
  messenger: ['appSecret', 'verifyToken', 'pageToken', 'pageId'],
  instagram: ['appSecret', 'verifyToken', 'pageToken', 'accountId'],
} as const;
export type SettingsChannel = keyof typeof CHANNEL_SETTING_NAMES;

/** Which settings a channel has: names and booleans only. Values go into main and never come back out. */
export interface ChannelSettingsPresence {
  channel: SettingsChannel;
  settings: Record<string, boolean>;
}

// Tokens and ids are printable: a control or invisible character is a paste accident or an attempt to smuggle
// something into a header or a log line, so it is refused rather than stored. Edges are trimmed first, so the
// newline a copy from a terminal brings along is not an error.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SettingValueSchema = z
  .string()
  .trim()
  .max(1024)
  .refine((value) => !INVISIBLE.test(value), 'control characters are not allowed');

/** One channel's values: only its own setting names (strict), each optional; an empty string clears it. */
function settingValues<const N extends readonly string[]>(names: N) {
  const shape = Object.fromEntries(names.map((name) => [name, SettingValueSchema.optional()]));
  return z.strictObject(shape as { [K in N[number]]: z.ZodOptional<typeof SettingValueSchema> });
}
export const ChannelSaveInputSchema = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('whatsapp'), values: settingValues(CHANNEL_SETTING_NAMES.whatsapp) }),
  z.strictObject({ channel: z.literal('messenger'), values: settingValues(CHANNEL_SETTING_NAMES.messenger) }),
  z.strictObject({ channel: z.literal('instagram'), values: settingValues(CHANNEL_SETTING_NAMES.instagram) }),
]);
export type ChannelSaveInput = z.output<typeof ChannelSaveInputSchema>;

/**
 * Where the shop's orders come from, as the desktop app stores it (encrypted, in main). The gateway's
 * `SHOP_SETTINGS` list is restated here (the core cannot import the gateway); a test holds the two equal.
 */
export const SHOP_SETTING_NAMES = {
  demo: [],
  shopify: ['storeDomain', 'accessToken'],
  woocommerce: ['siteUrl', 'consumerKey', 'consumerSecret'],
} as const;
export type ShopKind = keyof typeof SHOP_SETTING_NAMES;

/** The shop's settings: its kind, which settings are set (never their values), and whether the environment rules. */
export interface ShopSettingsPresence {
  kind: ShopKind;
  settings: Record<string, boolean>;
  /** COMPTOIR_ORDERS is set where the app started: it wins over what is saved here. */
  fromEnvironment: boolean;
}

export const ShopSaveInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo'), values: settingValues(SHOP_SETTING_NAMES.demo) }),
  z.strictObject({ kind: z.literal('shopify'), values: settingValues(SHOP_SETTING_NAMES.shopify) }),
  z.strictObject({ kind: z.literal('woocommerce'), values: settingValues(SHOP_SETTING_NAMES.woocommerce) }),
]);
export type ShopSaveInput = z.output<typeof ShopSaveInputSchema>;

/** Where the embedded gateway listens and the token this desktop uses; handed over by main, never by URL. */
export const SessionSchema = z.object({ gatewayUrl: z.string().url(), token: z.string().min(16) });
export type Session = z.infer<typeof SessionSchema>;

export const IPC_INPUTS = {
  [IPC.sessionGet]: z.undefined(),
  [IPC.notifyShow]: NotifyInputSchema,
  [IPC.badgeSet]: BadgeInputSchema,
  [IPC.linkOpen]: LinkInputSchema,
  [IPC.channelsGet]: z.undefined(),
  [IPC.channelsSave]: ChannelSaveInputSchema,
  [IPC.shopGet]: z.undefined(),
  [IPC.shopSave]: ShopSaveInputSchema,
} satisfies Record<IpcChannel, z.ZodType>;

/** The object the preload exposes as `window.comptoir`. */
export interface DesktopApi {
  getSession(): Promise<import('../result').Result<Session>>;
  notify(input: z.infer<typeof NotifyInputSchema>): Promise<import('../result').Result<null>>;
  setBadge(count: number): Promise<import('../result').Result<null>>;
  openExternal(url: string): Promise<import('../result').Result<null>>;
  /** Subscribes to clicks on a notification; returns the unsubscribe function. */
  onNotificationClick(listener: (threadId: string) => void): () => void;
  /**
   * The Meta channels' credentials, kept encrypted by main. `get` reports which settings are set, never their
   * values; `save` changes only the names given ('' clears one) and applies them to the running gateway.
   * Optional: the web mode has no `window.comptoir` at all, and a stand-in DesktopApi need not fake this.
   */
  channels?: {
    get(): Promise<import('../result').Result<ChannelSettingsPresence[]>>;
    save(channel: SettingsChannel, values: Record<string, string>): Promise<import('../result').Result<null>>;
  };
  /** Where orders come from, the same way: the kind and which credentials are set, never their values. */
  shop?: {
    get(): Promise<import('../result').Result<ShopSettingsPresence>>;
    save(kind: ShopKind, values: Record<string, string>): Promise<import('../result').Result<null>>;
  };
}
export const NOTIFICATION_CLICK_CHANNEL = 'notify:clicked';
