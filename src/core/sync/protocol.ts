import { z } from 'zod';
import { AgentSchema } from '../model/agent';
import { ChannelSchema } from '../model/channel';
import { LabelColorSchema, LabelNameSchema, PrioritySchema, type Label } from '../model/label';
import type { Message } from '../model/message';
import {
  AddressSchema,
  OrderSourceKindSchema,
  OrderStatusSchema,
  type CatalogProduct,
  type ShopOrder,
} from '../model/commerce';
import { BusinessHoursSchema } from '../model/schedule';
import { RuleDraftSchema, type Rule } from '../rules/schema';
import { QuickReplyDraftSchema, type QuickReply } from '../templates/model';
import type { Thread } from '../model/thread';
import type { Result } from '../result';
import type { SyncEvent } from './events';

/**
 * The socket.io contract between a desktop and the gateway. A desktop connects with `auth: { token }`;
 * a wrong token is refused at the handshake (`connect_error` with message `unauthorized`).
 *
 * Catch-up is pulled, live is pushed: the desktop asks `sync:pull` for pages after its cursor until it has
 * reached `head`, then applies `sync:events` pushes. A push whose first seq is not cursor + 1 means it missed
 * something (a reconnect, a dropped packet), and it pulls again. Every command answers with an ack `Result`.
 */
export const SOCKET_PATH = '/socket.io';
export const MAX_PULL_LIMIT = 5000;
export const MAX_MESSAGE_LENGTH = 100_000;

export const PullInputSchema = z.object({
  after: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(MAX_PULL_LIMIT).default(1000),
});
export type PullInput = z.input<typeof PullInputSchema>;
/**
 * A page of the log. The events travel as one binary frame holding their UTF-8 JSON array (`SyncEvent[]`): the
 * gateway sends the text it stored without building an object per event, and socket.io sends bytes without
 * re-encoding them. The desktop decodes and parses the array, then validates each event like any push.
 */
export interface PullOutput {
  page: Uint8Array | ArrayBuffer;
  /** How many events the page holds. */
  count: number;
  /** The newest seq in the store: the desktop is caught up when its cursor reaches it. */
  head: number;
}

const clientIdSchema = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const threadIdSchema = z.string().min(1).max(128);

/**
 * Text a store can keep: PostgreSQL refuses NUL and JavaScript strings can hold half a surrogate pair, which is
 * no character at all. Both are refused at the edge with a reason, rather than failing in the store.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const StorableTextSchema = z
  .string()
  .refine((t) => !t.includes('\u0000'), 'contains a NUL character')
  .refine((t) => !LONE_SURROGATE.test(t), 'contains a broken character (half a surrogate pair)');

export const MessageTextSchema = StorableTextSchema.max(
  MAX_MESSAGE_LENGTH,
  `at most ${MAX_MESSAGE_LENGTH} characters`,
).refine((t) => t.trim().length > 0, 'text is empty');

const messageIdSchema = z.string().min(1).max(128);

/** An approved message template to send outside the customer-service window (WhatsApp). */
export const TemplateSendSchema = z.object({
  name: z.string().min(1).max(512),
  language: z.string().min(2).max(15),
  /** The body's {{1}}, {{2}}... in order. */
  parameters: z.array(StorableTextSchema.max(1024)).max(20),
});
export type TemplateSend = z.infer<typeof TemplateSendSchema>;

export const SendInputSchema = z.object({
  clientId: clientIdSchema,
  threadId: threadIdSchema,
  /** For a template, its body as filled in: what the thread shows and search finds. */
  text: MessageTextSchema,
  /** Replies quoting this message (our id; it must be in the same thread). */
  quoteId: messageIdSchema.optional(),
  template: TemplateSendSchema.optional(),
  /**
   * The quick reply this text was made from: the gateway counts the agent's use of it and applies what it carries
   * (labels, "send and resolve") with the message.
   */
  quickReplyId: z.string().min(1).max(64).optional(),
  /** Files from the template library, each sent as its own message after the text. */
  attachments: z.array(z.string().min(1).max(64)).max(5).optional(),
});
export type SendInput = z.infer<typeof SendInputSchema>;

/** An empty emoji removes the agent's reaction. */
export const ReactInputSchema = z.object({
  messageId: messageIdSchema,
  emoji: StorableTextSchema.max(16),
});

export const ThreadRefSchema = z.object({ threadId: threadIdSchema });
export const AssignInputSchema = z.object({ threadId: threadIdSchema, assigneeId: z.string().min(1).nullable() });

// Labels: entities every desktop mirrors through `label.upserted` events; edits are commands.
const labelIdSchema = z.string().min(1).max(64);
const descriptionSchema = StorableTextSchema.max(200, 'at most 200 characters');
export const LabelCreateSchema = z.object({
  name: LabelNameSchema,
  color: LabelColorSchema,
  description: descriptionSchema.default(''),
});
export const LabelUpdateSchema = z.object({
  labelId: labelIdSchema,
  name: LabelNameSchema.optional(),
  color: LabelColorSchema.optional(),
  description: descriptionSchema.optional(),
});
/** Every conversation of `fromId` gets `intoId`; `fromId` is then deleted (and remembered as merged). */
export const LabelMergeSchema = z
  .object({ fromId: labelIdSchema, intoId: labelIdSchema })
  .refine((m) => m.fromId !== m.intoId, 'a label cannot be merged into itself');
export const LabelRefSchema = z.object({ labelId: labelIdSchema });

/** An agent adds or removes a label; `fromSuggestion` when they accepted the classifier's suggestion. */
export const ThreadLabelSchema = z.object({
  threadId: threadIdSchema,
  labelId: labelIdSchema,
  op: z.enum(['add', 'remove']),
  fromSuggestion: z.boolean().default(false),
});
export const ThreadSuggestionSchema = z.object({ threadId: threadIdSchema, labelId: labelIdSchema });
export const ThreadPrioritySchema = z.object({ threadId: threadIdSchema, priority: PrioritySchema });
export const ThreadSpamSchema = z.object({ threadId: threadIdSchema, spam: z.boolean() });

/**
 * How sure the classifier must be: at or above `autoApply` it labels the conversation itself; at or above
 * `suggest` it proposes the label; below, it stays quiet.
 */
export const SortingSettingsSchema = z
  .object({
    classifierEnabled: z.boolean(),
    autoApply: z.number().min(0.05).max(1),
    suggest: z.number().min(0.05).max(1),
    /** Urgent or angry messages raise the conversation's priority. */
    detectUrgency: z.boolean(),
    businessHours: BusinessHoursSchema,
  })
  .refine((s) => s.suggest <= s.autoApply, {
    message: 'the suggestion threshold must not be above the automatic one',
    path: ['suggest'],
  });
export type SortingSettings = z.infer<typeof SortingSettingsSchema>;

/** What the settings screen shows about the workspace's model. */
export interface ModelStatus {
  /** Examples learned from this workspace's agents (corrections, accepted suggestions, new labels). */
  corrections: number;
  updatedAt: number | null;
  /** Label ids the model can predict. */
  labels: string[];
}

export const RuleSaveSchema = z.object({ rule: RuleDraftSchema });
export const RuleRefSchema = z.object({ ruleId: z.string().min(1).max(64) });
/** Runs a draft over the newest customer messages without changing anything. */
export const RulePreviewSchema = z.object({
  rule: RuleDraftSchema,
  limit: z.number().int().positive().max(2000).default(500),
});
export interface RulePreviewMatch {
  messageId: string;
  threadId: string;
  contactName: string;
  text: string;
  ts: number;
}
export interface RulePreview {
  /** How many recent customer messages were checked. */
  checked: number;
  matched: number;
  /** The newest matches (at most 50). */
  matches: RulePreviewMatch[];
}

// Quick replies: entities every desktop mirrors through `quickreply.upserted` events.
export const QuickReplySaveSchema = z.object({ reply: QuickReplyDraftSchema });
export const QuickReplyRefSchema = z.object({ replyId: z.string().min(1).max(64) });
/** All or nothing: one invalid entry refuses the whole file, with its index and reason. */
export const QuickReplyImportSchema = z.object({ replies: z.array(QuickReplyDraftSchema).min(1).max(5000) });

/** What `{{order.*}}` variables read: the customer's latest order, if the shop knows one. */
export const OrderSummarySchema = z.object({
  number: z.string(),
  status: z.string(),
  trackingUrl: z.string().nullable(),
  total: z.number(),
  currency: z.string(),
  createdAt: z.number().int(),
});
export type OrderSummary = z.infer<typeof OrderSummarySchema>;

/** What `{{order.*}}` reads of an order: its first tracked parcel is its tracking link. */
export function orderSummaryOf(order: ShopOrder): OrderSummary {
  return {
    number: order.number,
    status: order.status,
    trackingUrl: order.shipments.find((s) => s.url)?.url ?? null,
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt,
  };
}

// Orders: read live from the shop (the demo shop, Shopify or WooCommerce) through the gateway, which holds its
// credentials. Nothing is mirrored in the log: an order changes in the shop, not in the inbox.
const orderIdSchema = z.string().trim().min(1).max(256);
/** A conversation's customer's orders, matched by phone (a WhatsApp number) or e-mail. */
export const OrdersForThreadSchema = z.object({ threadId: threadIdSchema });
/** Any order by the number the customer uses ("1042" or "#1042"). */
export const OrdersFindSchema = z.object({
  number: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .transform((n) => n.replace(/^#/, ''))
    .refine((n) => n.length > 0, 'number is empty'),
});
/** `orderId` is `ShopOrder.id` (Shopify's gid, WooCommerce's id, the demo order's number). */
export const OrdersCancelSchema = z.object({ orderId: orderIdSchema });
export const OrdersUpdateAddressSchema = z.object({ orderId: orderIdSchema, address: AddressSchema });
/** A cart the customer sent in the chat (a message whose content is an `order`), turned into an order. */
export const OrdersFromCartSchema = z.object({ threadId: threadIdSchema, messageId: messageIdSchema });
/** The shop's catalogue, searched from the composer (every word of the query, accents folded). */
export const CatalogSearchSchema = z.object({ query: z.string().max(200) });

/** The demo shop's back office: move an order on; the customer is told in their conversation. */
export const OrdersSetStatusSchema = z.object({ orderId: orderIdSchema, status: OrderStatusSchema });

/** How the customer heard of an order's change: in which conversation, how, or why not. */
export interface OrderUpdateTold {
  threadId: string | null;
  notified: 'text' | 'template' | 'none';
  reason: string | null;
}

export const OrderAbilitiesSchema = z.object({
  cancel: z.boolean(),
  updateAddress: z.boolean(),
  createFromCart: z.boolean(),
});
export type OrderAbilities = z.infer<typeof OrderAbilitiesSchema>;

export const OrderSourceInfoSchema = z.object({ source: OrderSourceKindSchema, abilities: OrderAbilitiesSchema });

export interface ThreadOrders {
  orders: ShopOrder[];
  source: z.infer<typeof OrderSourceKindSchema>;
  abilities: OrderAbilities;
  /** What the lookup used: the contact's E.164 phone (from a WhatsApp handle too) and e-mail. */
  customer: { phone: string | null; email: string | null };
}

/** The shop as templates name it: `{{business.name}}`, `{{business.hours}}`. */
export const BusinessSchema = z.object({ name: z.string(), hours: BusinessHoursSchema });
export type Business = z.infer<typeof BusinessSchema>;

/**
 * `workspaceId` names the gateway's store: a desktop keeps one local database per workspace, so pointing it at
 * another gateway (or a wiped one) never mixes two inboxes or trusts a cursor from elsewhere.
 */
export const HelloOutputSchema = z.object({
  agent: AgentSchema,
  head: z.number().int().nonnegative(),
  workspaceId: z.string().min(1),
  /** Absent from gateways older than quick replies. */
  business: BusinessSchema.optional(),
});
export type HelloOutput = z.infer<typeof HelloOutputSchema>;

/** What the settings screen shows for one channel; secrets never leave the gateway. */
export const ChannelStatusSchema = z.object({
  channel: ChannelSchema,
  /** Every setting the channel needs is present. */
  configured: z.boolean(),
  /** Configured and its last check or send succeeded. */
  connected: z.boolean(),
  lastWebhookAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
  /** Which settings are set (names only, never values). */
  settings: z.record(z.string(), z.boolean()),
});
export type ChannelStatus = z.infer<typeof ChannelStatusSchema>;

/** An approved template as the Graph API lists it, reduced to what the composer needs. */
export const MessageTemplateSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  /** The body text with {{1}}, {{2}}... placeholders. */
  body: z.string(),
  parameterCount: z.number().int().nonnegative(),
});
export type MessageTemplate = z.infer<typeof MessageTemplateSchema>;

/** Commands a desktop sends; each handler parses its input with the schema above. */
export interface ClientToServerEvents {
  'session:hello': (ack: (res: Result<HelloOutput>) => void) => void;
  'sync:pull': (input: unknown, ack: (res: Result<PullOutput>) => void) => void;
  'message:send': (input: unknown, ack: (res: Result<{ message: Message }>) => void) => void;
  'thread:resolve': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'thread:reopen': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'thread:assign': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'thread:read': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'message:react': (input: unknown, ack: (res: Result<{ message: Message }>) => void) => void;
  'channels:status': (ack: (res: Result<{ channels: ChannelStatus[] }>) => void) => void;
  'templates:list': (input: unknown, ack: (res: Result<{ templates: MessageTemplate[] }>) => void) => void;
  'labels:create': (input: unknown, ack: (res: Result<{ label: Label }>) => void) => void;
  'labels:update': (input: unknown, ack: (res: Result<{ label: Label }>) => void) => void;
  'labels:merge': (input: unknown, ack: (res: Result<{ label: Label; threads: number }>) => void) => void;
  'labels:delete': (input: unknown, ack: (res: Result<{ label: Label; threads: number }>) => void) => void;
  'thread:label': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'thread:dismiss-suggestion': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'thread:priority': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'thread:spam': (input: unknown, ack: (res: Result<{ thread: Thread }>) => void) => void;
  'sorting:get': (ack: (res: Result<{ settings: SortingSettings; model: ModelStatus }>) => void) => void;
  'sorting:save': (input: unknown, ack: (res: Result<{ settings: SortingSettings }>) => void) => void;
  'rules:list': (ack: (res: Result<{ rules: Rule[] }>) => void) => void;
  'rules:save': (input: unknown, ack: (res: Result<{ rule: Rule }>) => void) => void;
  'rules:delete': (input: unknown, ack: (res: Result<{ rules: Rule[] }>) => void) => void;
  'rules:preview': (input: unknown, ack: (res: Result<RulePreview>) => void) => void;
  'replies:save': (input: unknown, ack: (res: Result<{ reply: QuickReply }>) => void) => void;
  'replies:delete': (input: unknown, ack: (res: Result<{ reply: QuickReply }>) => void) => void;
  'replies:import': (input: unknown, ack: (res: Result<{ created: number; updated: number }>) => void) => void;
  /** The thread's customer's latest order (null when none): what `{{order.*}}` fills from. */
  'orders:latest': (input: unknown, ack: (res: Result<{ order: OrderSummary | null }>) => void) => void;
  'orders:for-thread': (input: unknown, ack: (res: Result<ThreadOrders>) => void) => void;
  'orders:find': (
    input: unknown,
    ack: (res: Result<{ order: ShopOrder | null; source: ThreadOrders['source'] }>) => void,
  ) => void;
  'orders:cancel': (input: unknown, ack: (res: Result<{ order: ShopOrder }>) => void) => void;
  'orders:update-address': (input: unknown, ack: (res: Result<{ order: ShopOrder }>) => void) => void;
  /** `created` is false when this cart had already been turned into that order. */
  'orders:from-cart': (input: unknown, ack: (res: Result<{ order: ShopOrder; created: boolean }>) => void) => void;
  'catalog:search': (input: unknown, ack: (res: Result<{ products: CatalogProduct[] }>) => void) => void;
  'orders:set-status': (
    input: unknown,
    ack: (res: Result<{ order: ShopOrder; told: OrderUpdateTold }>) => void,
  ) => void;
}

export interface ServerToClientEvents {
  'sync:events': (payload: { events: SyncEvent[] }) => void;
}
