import { z } from 'zod';

/** The messaging app a customer writes from. The sandbox simulates customers on these same apps. */
export const ChannelSchema = z.enum(['whatsapp', 'messenger', 'instagram']);
export type Channel = z.infer<typeof ChannelSchema>;

/** Where a message physically came from or goes to: a real provider, or the built-in sandbox. */
export const ProviderSchema = z.enum(['whatsapp-cloud', 'messenger', 'instagram', 'sandbox', 'app']);
export type Provider = z.infer<typeof ProviderSchema>;

/**
 * The environment variable that sets one of a channel's settings: `WHATSAPP_APP_SECRET`, `MESSENGER_PAGE_TOKEN`...
 * The gateway reads them; the settings screen names them, so an admin knows what to set.
 */
export function settingEnvName(channel: Channel, setting: string): string {
  return `${channel.toUpperCase()}_${setting.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}
