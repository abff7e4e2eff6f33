import { z } from 'zod';
import { ProviderSchema } from './channel';
import { LocaleSchema } from './contact';
import { MessageIntentSchema } from './label';
import { MessageContentSchema, QuoteSchema, ReactionSchema, ReferralSchema } from './content';

export const MessageStatusSchema = z.enum(['pending', 'sent', 'delivered', 'read', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const AuthorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), contactId: z.string() }),
  z.object({ kind: z.literal('agent'), agentId: z.string() }),
  z.object({ kind: z.literal('assistant') }),
  z.object({ kind: z.literal('system') }),
]);
export type Author = z.infer<typeof AuthorSchema>;

export const MessageSchema = z.object({
  id: z.string().min(1),
  threadId: z.string().min(1),
  direction: z.enum(['in', 'out']),
  author: AuthorSchema,
  /** Customer text is plain text, always rendered as text. */
  text: z.string(),
  /** Epoch milliseconds when the message was written (customer) or accepted (agent). */
  ts: z.number().int(),
  status: MessageStatusSchema,
  error: z.string().nullable(),
  provider: ProviderSchema,
  /** The provider's id (wamid..., mid...), unique per provider: a retried webhook never stores twice. */
  providerMessageId: z.string().nullable(),
  /** Set by the desktop that wrote an outbound message: unique, so a resend never duplicates. */
  clientId: z.string().nullable(),
  // The fields below are absent on a plain text message (and on every message stored before channels existed).
  /** What the message holds besides text: media, a location, a cart... Absent for text. */
  content: MessageContentSchema.optional(),
  /** The message this one replies to (WhatsApp context, Messenger reply_to). */
  quote: QuoteSchema.optional(),
  /** Forwarded by the customer ("frequently" when forwarded many times). */
  forwarded: z.enum(['once', 'frequently']).optional(),
  /** The ad or post that started the conversation. */
  referral: ReferralSchema.optional(),
  /** At most one per side: a new reaction replaces that side's previous one; removing it deletes it. */
  reactions: z.array(ReactionSchema).optional(),
  /** When the customer edited or deleted it; a deleted message keeps its row (and id) with empty text. */
  editedAt: z.number().int().optional(),
  deletedAt: z.number().int().optional(),
  /** Customer messages: what the classifier read (for the assistant), and the language they are written in. */
  intent: MessageIntentSchema.optional(),
  language: LocaleSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/**
 * Delivery statuses only move forward: a late "delivered" after "read" changes nothing, and "failed" is
 * accepted only before the message was delivered (a provider can fail a send, not un-deliver a message).
 */
const rank: Record<MessageStatus, number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 1.5 };

export function nextStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus {
  if (incoming === current) return current;
  if (incoming === 'failed') return current === 'pending' || current === 'sent' ? 'failed' : current;
  if (current === 'failed') return incoming === 'delivered' || incoming === 'read' ? incoming : current;
  return rank[incoming] > rank[current] ? incoming : current;
}
