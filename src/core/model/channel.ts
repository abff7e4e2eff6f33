import { z } from 'zod';

/** The messaging app a customer writes from. The sandbox simulates customers on these same apps. */
export const ChannelSchema = z.enum(['whatsapp', 'messenger', 'instagram']);
export type Channel = z.infer<typeof ChannelSchema>;

/** Where a message physically came from or goes to: a real provider, or the built-in sandbox. */
export const ProviderSchema = z.enum(['whatsapp-cloud', 'messenger', 'instagram', 'sandbox', 'app']);
export type Provider = z.infer<typeof ProviderSchema>;
