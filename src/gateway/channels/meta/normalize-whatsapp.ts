import { z } from 'zod';
import type { MediaKind, MessageContent, MessageStatus, Referral } from '../../../core';
import type { Envelope } from './envelope';
import {
  IdSchema,
  NumberLike,
  OptText,
  asArray,
  asRecord,
  epochMs,
  guarded,
  ignored,
  type ChannelUpdate,
  type InboundChannelMessage,
} from './updates';

/**
 * WhatsApp Cloud API webhooks → updates. Every `changes[]` item and every message or status in it is read on its
 * own: a broken one degrades (an unsupported message, an ignored update), the others are untouched.
 *
 * Shapes assumed beyond the classic message types (Meta's webhook reference, "messages" field):
 * - edit:   `{type: 'edit', edit: {original_message_id, message: {type, text: {body}} | {type, image: {caption}}...}}`
 * - revoke: `{type: 'revoke', revoke: {original_message_id}}` (both sent to WhatsApp Business app "coexistence"
 *   numbers; other numbers get them as `type: 'unsupported', unsupported: {type: 'edit'}`, kept as unsupported).
 * - system: `{type: 'system', system: {body, type: 'user_changed_number' | ..., wa_id}}` → ignored: it is Meta
 *   speaking, not the customer, and the body goes to the log.
 * - usernames: when Meta withholds the phone number, `from` is absent and `from_user_id` (a business-scoped id such
 *   as `US.1349...`) identifies the customer; contacts[] then carry `user_id`. That id becomes the handle as-is.
 * - `smb_message_echoes` (messages sent from the WhatsApp Business app) → `echo` updates.
 */
const PROVIDER = 'whatsapp-cloud' as const;

const Contact = z.object({
  wa_id: IdSchema.optional().catch(undefined),
  user_id: IdSchema.optional().catch(undefined),
  profile: z.object({ name: OptText }).catch({ name: null }),
});
type Profile = { waId?: string; userId?: string; name: string | null };

const Head = z.object({
  id: IdSchema,
  from: IdSchema.optional().catch(undefined),
  from_user_id: IdSchema.optional().catch(undefined),
  type: z.string().min(1).catch('unknown'),
  timestamp: z.unknown().optional(),
  context: z
    .object({
      id: IdSchema.optional().catch(undefined),
      forwarded: z.boolean().optional().catch(undefined),
      frequently_forwarded: z.boolean().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});

const TextBody = z.object({ body: z.string() });
const Media = z.object({
  id: IdSchema,
  mime_type: OptText,
  caption: OptText,
  filename: OptText,
  voice: z.boolean().optional().catch(undefined),
});
const Location = z.object({ latitude: NumberLike, longitude: NumberLike, name: OptText, address: OptText });
const SharedContact = z.object({
  name: z.object({ formatted_name: OptText, first_name: OptText, last_name: OptText }).catch({
    formatted_name: null,
    first_name: null,
    last_name: null,
  }),
  phones: z.array(z.object({ phone: OptText, wa_id: OptText }).catch({ phone: null, wa_id: null })).catch([]),
  emails: z.array(z.object({ email: OptText }).catch({ email: null })).catch([]),
});
const Reply = z.object({ id: IdSchema, title: z.string() });
const Interactive = z.object({
  type: z.string(),
  button_reply: Reply.optional(),
  list_reply: Reply.optional(),
  nfm_reply: z.object({ name: OptText, body: OptText, response_json: OptText }).optional(),
});
const Button = z.object({ payload: OptText, text: z.string() });
const Quantity = NumberLike.pipe(z.number().nonnegative());
const Order = z.object({
  catalog_id: IdSchema.nullish().catch(null),
  text: z.string().catch(''),
  product_items: z.array(
    z.object({ product_retailer_id: IdSchema, quantity: Quantity, item_price: Quantity, currency: z.string() }),
  ),
});
const ReactionBody = z.object({ message_id: IdSchema, emoji: OptText });
const EditBody = z.object({ original_message_id: IdSchema, message: z.unknown().optional() });
const RevokeBody = z.object({ original_message_id: IdSchema });
const SystemBody = z.object({ type: OptText, body: OptText });
const ReferralBody = z.object({ source_url: OptText, source_type: OptText, headline: OptText, body: OptText });
const Status = z.object({
  id: IdSchema,
  status: z.string(),
  timestamp: z.unknown().optional(),
  errors: z.unknown().optional(),
});
const ErrorBody = z.object({
  code: IdSchema.optional().catch(undefined),
  title: OptText,
  message: OptText,
  error_data: z.object({ details: OptText }).catch({ details: null }),
});

const MEDIA: Record<string, MediaKind> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'document',
  sticker: 'sticker',
};
const STATUSES: Record<string, MessageStatus> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
};
/** Message types that carry nothing for the thread: logged, not stored. */
const NOT_CONTENT = new Set(['system', 'request_welcome']);

/**
 * Takes any envelope (typed as the union so a caller holding `parseEnvelope(channel, ...)`'s result needs no cast):
 * nothing below trusts its shape, and another channel's envelope simply yields no updates.
 * `receivedAt` stands in for a missing or unreadable timestamp.
 */
export function normalizeWhatsApp(envelope: Envelope, receivedAt = Date.now()): ChannelUpdate[] {
  return asArray(asRecord(envelope).entry).flatMap((entry) =>
    asArray(asRecord(entry).changes).flatMap((change) => {
      const { field, value } = asRecord(change);
      const name = typeof field === 'string' ? field : 'unknown';
      return guarded(name, () => normalizeChange(name, asRecord(value), receivedAt));
    }),
  );
}

function normalizeChange(field: string, value: Record<string, unknown>, receivedAt: number): ChannelUpdate[] {
  if (field === 'smb_message_echoes') {
    return asArray(value.message_echoes).flatMap((item) => guarded(field, () => [echoUpdate(item, receivedAt)]));
  }
  if (field !== 'messages') {
    const event = typeof value.event === 'string' ? ` (${value.event})` : '';
    return [ignored(field, `not a message webhook${event}`)];
  }
  const profiles = asArray(value.contacts).flatMap((c): Profile[] => {
    const parsed = Contact.safeParse(c);
    return parsed.success
      ? [{ waId: parsed.data.wa_id, userId: parsed.data.user_id, name: parsed.data.profile.name }]
      : [];
  });
  const messages = asArray(value.messages);
  const statuses = asArray(value.statuses);
  const updates = [
    ...messages.flatMap((m) => guarded(field, () => [messageUpdate(m, profiles, receivedAt)])),
    ...statuses.flatMap((s) => guarded(field, () => [statusUpdate(s, receivedAt)])),
  ];
  // Errors with nothing else: Meta could not deliver a webhook's content at all.
  if (updates.length === 0) {
    const errors = asArray(value.errors);
    return [ignored(field, errors.length ? `error: ${errorText(errors)}` : 'no messages or statuses')];
  }
  return updates;
}

function waHandle(id: string): string {
  return /^\d+$/.test(id) ? `+${id}` : id;
}

function profileName(profiles: Profile[], from: string | undefined, userId: string | undefined): string | null {
  const match = profiles.find((p) => (from && p.waId === from) || (userId && p.userId === userId));
  // One contact for one sender: Meta may spell its wa_id differently from `from` (country prefix rules).
  return match?.name || (profiles.length === 1 ? profiles[0]?.name : null) || null;
}

function messageUpdate(raw: unknown, profiles: Profile[], receivedAt: number): ChannelUpdate {
  const head = Head.safeParse(raw);
  if (!head.success) return ignored('messages', 'message without an id');
  const { id, from, from_user_id: userId, type, context } = head.data;
  const sender = from ?? userId;
  if (!sender) return ignored('messages', `message ${id} without a sender`);
  const handle = waHandle(sender);
  const at = epochMs(head.data.timestamp, 's') ?? receivedAt;
  const item = asRecord(raw);
  const body = item[type];

  if (NOT_CONTENT.has(type)) {
    const system = SystemBody.safeParse(body);
    const what = system.success ? [system.data.type, system.data.body].filter(Boolean).join(': ') : '';
    return ignored('messages', `${type} message from ${handle}${what ? ` (${what})` : ''}`);
  }
  if (type === 'reaction') {
    const reaction = ReactionBody.safeParse(body);
    if (reaction.success) {
      const { message_id: target, emoji } = reaction.data;
      return { kind: 'reaction', provider: PROVIDER, targetProviderMessageId: target, emoji: emoji ?? '', handle, at };
    }
  }
  if (type === 'edit') {
    const edit = EditBody.safeParse(body);
    const text = edit.success ? bodyText(edit.data.message) : null;
    if (edit.success && text !== null) {
      return { kind: 'edit', provider: PROVIDER, providerMessageId: edit.data.original_message_id, text, at };
    }
  }
  if (type === 'revoke') {
    const revoke = RevokeBody.safeParse(body);
    if (revoke.success)
      return { kind: 'delete', provider: PROVIDER, providerMessageId: revoke.data.original_message_id, at };
  }

  let read: Read | null;
  try {
    read = readBody(type, body);
  } catch {
    read = null;
  }
  const message: InboundChannelMessage = {
    provider: PROVIDER,
    providerMessageId: id,
    channel: 'whatsapp',
    handle,
    name: profileName(profiles, from, userId) ?? handle,
    ts: at,
    ...(read ?? { text: captionOf(body), content: { kind: 'unsupported', type: unsupportedType(item, type) } }),
    raw,
  };
  if (context?.id) message.quote = { providerMessageId: context.id };
  if (context?.frequently_forwarded) message.forwarded = 'frequently';
  else if (context?.forwarded) message.forwarded = 'once';
  const referral = readReferral(item.referral);
  if (referral) message.referral = referral;
  return { kind: 'message', message };
}

type Read = { text: string; content?: MessageContent };

/** The message's text and content, or null when the body does not have its type's shape. */
function readBody(type: string, body: unknown): Read | null {
  switch (type) {
    case 'text': {
      const text = TextBody.safeParse(body);
      return text.success ? { text: text.data.body } : null;
    }
    case 'image':
    case 'video':
    case 'audio':
    case 'document':
    case 'sticker': {
      const media = Media.safeParse(body);
      if (!media.success) return null;
      const { id, mime_type, caption, filename, voice } = media.data;
      const kind = type === 'audio' && voice ? 'voice' : (MEDIA[type] ?? 'document');
      return {
        text: caption ?? '',
        content: {
          kind: 'media',
          media: kind,
          mediaId: id,
          mimeType: mime_type,
          filename: type === 'document' ? filename : null,
        },
      };
    }
    case 'location': {
      const place = Location.safeParse(body);
      if (!place.success) return null;
      const { latitude, longitude, name, address } = place.data;
      return { text: name ?? address ?? '', content: { kind: 'location', latitude, longitude, name, address } };
    }
    case 'contacts': {
      const cards = z.array(SharedContact).min(1).safeParse(body);
      if (!cards.success) return null;
      const contacts = cards.data.map((c) => ({
        name: c.name.formatted_name ?? ([c.name.first_name, c.name.last_name].filter(Boolean).join(' ') || '?'),
        phones: c.phones.flatMap((p) => p.phone ?? (p.wa_id ? `+${p.wa_id}` : [])),
        emails: c.emails.flatMap((e) => e.email ?? []),
      }));
      return { text: contacts.map((c) => c.name).join(', '), content: { kind: 'contacts', contacts } };
    }
    case 'interactive':
      return readInteractive(body);
    case 'button': {
      const button = Button.safeParse(body);
      if (!button.success) return null;
      const { payload, text } = button.data;
      return { text, content: { kind: 'choice', choiceId: payload, title: text } };
    }
    case 'order': {
      const order = Order.safeParse(body);
      if (!order.success) return null;
      const items = order.data.product_items.map((i) => ({
        productId: i.product_retailer_id,
        quantity: i.quantity,
        unitPrice: i.item_price,
        currency: i.currency,
      }));
      return { text: order.data.text, content: { kind: 'order', catalogId: order.data.catalog_id ?? null, items } };
    }
    default:
      return null;
  }
}

function readInteractive(body: unknown): Read | null {
  const parsed = Interactive.safeParse(body);
  if (!parsed.success) return null;
  const reply = parsed.data.type === 'button_reply' ? parsed.data.button_reply : parsed.data.list_reply;
  if ((parsed.data.type === 'button_reply' || parsed.data.type === 'list_reply') && reply) {
    return { text: reply.title, content: { kind: 'choice', choiceId: reply.id, title: reply.title } };
  }
  const flow = parsed.data.type === 'nfm_reply' ? parsed.data.nfm_reply : undefined;
  if (!flow) return null;
  // A WhatsApp Flow was submitted: the answers are only in response_json, so they go into the text for the agent.
  const title = flow.body || flow.name || 'Flow response';
  const answers = flowAnswers(flow.response_json);
  return {
    text: [title, ...answers].join('\n'),
    content: { kind: 'choice', choiceId: flow.name, title },
  };
}

function flowAnswers(json: string | null): string[] {
  if (!json) return [];
  try {
    return Object.entries(asRecord(JSON.parse(json)))
      .filter(([key]) => key !== 'flow_token')
      .slice(0, 30)
      .map(([key, v]) => `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  } catch {
    return [];
  }
}

/** The edited text of an edit: the text body or the media caption of `edit.message`. */
function bodyText(message: unknown): string | null {
  const m = asRecord(message);
  const text = asRecord(m.text).body;
  if (typeof text === 'string') return text;
  const type = typeof m.type === 'string' ? m.type : '';
  const caption = asRecord(m[type]).caption ?? m.caption;
  return typeof caption === 'string' ? caption : null;
}

/** For a body that could not be read: whatever words it holds. */
function captionOf(body: unknown): string {
  const b = asRecord(body);
  const words = [b.caption, b.body, b.text].find((v) => typeof v === 'string');
  return typeof words === 'string' ? words : '';
}

function unsupportedType(item: Record<string, unknown>, type: string): string {
  const declared = asRecord(item.unsupported).type;
  if (typeof declared === 'string' && declared) return declared;
  const sub = asRecord(item[type]).type;
  return type === 'interactive' && typeof sub === 'string' && sub ? `interactive:${sub}` : type;
}

function readReferral(raw: unknown): Referral | undefined {
  if (raw === undefined) return undefined;
  const parsed = ReferralBody.safeParse(raw);
  if (!parsed.success) return undefined;
  const { source_url, source_type, headline, body } = parsed.data;
  if (!source_url && !source_type && !headline && !body) return undefined;
  return { sourceUrl: source_url, sourceType: source_type, headline, body };
}

function statusUpdate(raw: unknown, receivedAt: number): ChannelUpdate {
  const parsed = Status.safeParse(raw);
  if (!parsed.success) return ignored('messages', 'status without an id or status');
  const { id, timestamp, errors } = parsed.data;
  const status = STATUSES[parsed.data.status];
  if (!status) return ignored('messages', `status "${parsed.data.status}" for ${id}`);
  const error = status === 'failed' ? errorText(asArray(errors)) : null;
  const at = epochMs(timestamp, 's') ?? receivedAt;
  return { kind: 'status', provider: PROVIDER, providerMessageId: id, status, error, at };
}

/** "(#131047) Re-engagement message: More than 24 hours have passed..." from Meta's errors[0]. */
function errorText(errors: unknown[]): string {
  const parsed = ErrorBody.safeParse(errors[0]);
  if (!parsed.success) return 'failed (no reason given)';
  const { code, title, message, error_data } = parsed.data;
  const detail = error_data.details ?? message ?? title;
  const head = title && title !== detail ? `${title}:` : null;
  return [code ? `(#${code})` : null, head, detail ?? 'failed (no reason given)'].filter(Boolean).join(' ');
}

const Echo = z.object({ id: IdSchema, to: IdSchema.optional().catch(undefined), timestamp: z.unknown().optional() });

/** A message the business sent from the WhatsApp Business app, reported through smb_message_echoes. */
function echoUpdate(raw: unknown, receivedAt: number): ChannelUpdate {
  const parsed = Echo.safeParse(raw);
  if (!parsed.success || !parsed.data.to) return ignored('smb_message_echoes', 'echo without an id or recipient');
  const item = asRecord(raw);
  const type = typeof item.type === 'string' ? item.type : '';
  return {
    kind: 'echo',
    provider: PROVIDER,
    providerMessageId: parsed.data.id,
    recipient: waHandle(parsed.data.to),
    text: bodyText(item) ?? captionOf(item[type]),
    metadata: null,
    at: epochMs(parsed.data.timestamp, 's') ?? receivedAt,
  };
}
