import { z } from 'zod';
import { ChannelSchema } from './channel';

export const LocaleSchema = z.enum(['fr', 'en']);
export type Locale = z.infer<typeof LocaleSchema>;

export const ContactSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  channel: ChannelSchema,
  /** The customer's address on the channel: an E.164 phone for WhatsApp, a scoped id for Messenger/Instagram. */
  handle: z.string().min(1),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: LocaleSchema,
  createdAt: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;
