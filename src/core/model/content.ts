import { z } from 'zod';

/**
 * What a message holds besides its text. A text message has no `content`; every other kind keeps a readable
 * `text` too (a caption, a summary) so previews, search and the classifier work on every message alike.
 */
export const MediaKindSchema = z.enum(['image', 'video', 'audio', 'voice', 'document', 'sticker']);
export type MediaKind = z.infer<typeof MediaKindSchema>;

export const OrderItemSchema = z.object({
  productId: z.string(),
  /** The product's name when the shop's catalogue knows the id (the provider sends only the id). */
  name: z.string().optional(),
  quantity: z.number().nonnegative(),
  /** Price of one item in `currency`, as the provider sent it. */
  unitPrice: z.number().nonnegative(),
  currency: z.string(),
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

export const SharedContactSchema = z.object({
  name: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
});

export const MessageContentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('media'),
    media: MediaKindSchema,
    /** The provider's media id: fetched on demand through the gateway, which holds the token. */
    mediaId: z.string(),
    mimeType: z.string().nullable(),
    filename: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('location'),
    latitude: z.number(),
    longitude: z.number(),
    name: z.string().nullable(),
    address: z.string().nullable(),
  }),
  z.object({ kind: z.literal('contacts'), contacts: z.array(SharedContactSchema) }),
  /** A cart sent from the chat (WhatsApp catalog order). */
  z.object({
    kind: z.literal('order'),
    catalogId: z.string().nullable(),
    items: z.array(OrderItemSchema),
  }),
  /** The customer tapped a button, a list row, a quick reply or a postback. */
  z.object({ kind: z.literal('choice'), choiceId: z.string().nullable(), title: z.string() }),
  /** An approved template sent outside the customer-service window. */
  z.object({
    kind: z.literal('template'),
    name: z.string(),
    language: z.string(),
    parameters: z.array(z.string()),
  }),
  /** A kind this version cannot show: visible in the thread with its type, never dropped. */
  z.object({ kind: z.literal('unsupported'), type: z.string() }),
]);
export type MessageContent = z.infer<typeof MessageContentSchema>;

export const ReactionSchema = z.object({
  by: z.enum(['customer', 'agent']),
  emoji: z.string().min(1),
  at: z.number().int(),
});
export type Reaction = z.infer<typeof ReactionSchema>;

/** The quoted message of a reply: the provider's id, and ours when that message is stored here. */
export const QuoteSchema = z.object({
  /** Null when the quoted message never had one (a sandbox message). */
  providerMessageId: z.string().nullable(),
  messageId: z.string().nullable(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/** The ad or post a customer clicked to start the chat (click-to-WhatsApp / Messenger ads). */
export const ReferralSchema = z.object({
  sourceUrl: z.string().nullable(),
  sourceType: z.string().nullable(),
  headline: z.string().nullable(),
  body: z.string().nullable(),
});
export type Referral = z.infer<typeof ReferralSchema>;

export function orderTotal(items: readonly OrderItem[]): number {
  // Cents, so 3 × 0.1 adds up to 0.3 and not 0.30000000000000004.
  return items.reduce((sum, item) => sum + Math.round(item.unitPrice * 100) * item.quantity, 0) / 100;
}

const MEDIA_ICON: Record<MediaKind, string> = {
  image: '📷',
  video: '🎬',
  audio: '🎵',
  voice: '🎤',
  document: '📄',
  sticker: '💟',
};

/**
 * One line for the conversation list and notifications, in no UI language: an icon and the message's own words
 * (caption, file name, place, product ids), so it reads the same in French and English.
 */
export function contentSummary(content: MessageContent | undefined, text: string): string {
  if (!content) return text;
  const words = text.trim();
  switch (content.kind) {
    case 'media':
      return `${MEDIA_ICON[content.media]} ${words || content.filename || content.media}`;
    case 'location':
      return `📍 ${words || content.name || content.address || `${content.latitude}, ${content.longitude}`}`;
    case 'contacts':
      return `👤 ${content.contacts.map((c) => c.name).join(', ')}`;
    case 'order':
      return `🛒 ${words || content.items.map((i) => `${i.quantity} × ${i.name ?? i.productId}`).join(', ')}`;
    case 'choice':
      return `☑️ ${content.title}`;
    case 'template':
      return words || `📋 ${content.name}`;
    case 'unsupported':
      return `⚠️ ${content.type}`;
  }
}
