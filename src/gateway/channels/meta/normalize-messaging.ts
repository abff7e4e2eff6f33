import { z } from 'zod';
import type { MessageContent, Referral } from '../../../core';
import type { Envelope } from './envelope';
import {
  IdSchema,
  NumberLike,
  OptText,
  PROVIDERS,
  asArray,
  asRecord,
  epochMs,
  guarded,
  ignored,
  type ChannelUpdate,
  type InboundChannelMessage,
} from './updates';

/**
 * Messenger (`object: 'page'`) and Instagram (`object: 'instagram'`) webhooks → updates. Both use the Messenger
 * Platform's `entry[].messaging[]` events, so one module reads both; timestamps are epoch ms.
 *
 * Choices worth knowing:
 * - No profile name is sent: `name` is the PSID/IGSID (the caller may look the profile up).
 * - Media has no media id, only a CDN URL (which expires): it is the `mediaId`.
 * - Several attachments in one message become one message each, `${mid}#${index}` from the second on.
 * - A standalone `referral` event (the customer opened the chat from an ad or a link) is attached to the same
 *   customer's next message in the same webhook; with none, it is logged as ignored (we keep no state across calls).
 * - An Instagram reply to a story (`reply_to.story`) becomes a referral with sourceType 'story'.
 * - `message_edit` ({mid, text, num_edit}) → edit; `message.is_deleted` → delete; `standby` events (another app
 *   owns the thread) and `changes` (feed, comments) → ignored.
 */
type MessagingChannel = 'messenger' | 'instagram';

const Party = z.object({ id: IdSchema });
const Event = z.object({
  sender: Party.optional().catch(undefined),
  recipient: Party.optional().catch(undefined),
  timestamp: z.unknown().optional(),
});
const Message = z.object({
  mid: IdSchema.optional().catch(undefined),
  text: OptText,
  is_echo: z.boolean().optional().catch(undefined),
  is_deleted: z.boolean().optional().catch(undefined),
  is_unsupported: z.boolean().optional().catch(undefined),
  metadata: OptText,
  quick_reply: z.object({ payload: IdSchema }).optional().catch(undefined),
  reply_to: z
    .object({
      mid: IdSchema.optional().catch(undefined),
      story: z
        .object({ url: OptText, id: IdSchema.optional().catch(undefined) })
        .optional()
        .catch(undefined),
    })
    .optional()
    .catch(undefined),
  attachments: z.array(z.unknown()).optional().catch(undefined),
  referral: z.unknown().optional(),
});
const Attachment = z.object({
  type: z.string().min(1),
  /** Legacy location and fallback (shared link) attachments carry their title here rather than in the payload. */
  title: OptText,
  payload: z
    .object({
      url: OptText,
      title: OptText,
      sticker_id: IdSchema.optional().catch(undefined),
      coordinates: z.object({ lat: NumberLike, long: NumberLike }).optional().catch(undefined),
    })
    .catch({ url: null, title: null }),
});
const ReferralBody = z.object({
  ref: OptText,
  source: OptText,
  ad_id: IdSchema.optional().catch(undefined),
  referer_uri: OptText,
  ads_context_data: z.object({ ad_title: OptText, photo_url: OptText, video_url: OptText }).optional().catch(undefined),
  product: z.object({ id: IdSchema }).optional().catch(undefined),
});
const Postback = z.object({ mid: IdSchema.optional().catch(undefined), title: OptText, payload: OptText });
const Reaction = z.object({ mid: IdSchema, action: OptText, emoji: OptText, reaction: OptText });
const Watermark = z.object({
  mid: IdSchema.optional().catch(undefined),
  mids: z.array(IdSchema).optional().catch(undefined),
  watermark: NumberLike.optional().catch(undefined),
});
const Edit = z.object({ mid: IdSchema, text: z.string() });

/** Reactions sent by name only (older clients): their usual emoji, so a reaction is never read as a removal. */
const REACTION_EMOJI: Record<string, string> = {
  like: '👍',
  dislike: '👎',
  love: '❤️',
  smile: '😆',
  wow: '😮',
  sad: '😢',
  angry: '😠',
};
const MEDIA = { image: 'image', video: 'video', audio: 'audio', file: 'document' } as const;
const EVENT_KINDS = ['message', 'postback', 'reaction', 'read', 'delivery', 'message_edit', 'referral'] as const;

interface Context {
  channel: MessagingChannel;
  provider: (typeof PROVIDERS)[MessagingChannel];
  /** Standalone referrals waiting for their sender's next message in this webhook. */
  referrals: Map<string, Referral>;
}

/** Like normalizeWhatsApp: any envelope, never trusted, never throws; `receivedAt` stands in for missing times. */
export function normalizeMessaging(
  channel: MessagingChannel,
  envelope: Envelope,
  receivedAt = Date.now(),
): ChannelUpdate[] {
  const ctx: Context = { channel, provider: PROVIDERS[channel], referrals: new Map() };
  const updates: ChannelUpdate[] = [];
  for (const entry of asArray(asRecord(envelope).entry)) {
    const e = asRecord(entry);
    const fallbackAt = epochMs(e.time, 'ms') ?? receivedAt;
    for (const event of asArray(e.messaging)) {
      updates.push(...guarded('messaging', () => normalizeEvent(ctx, asRecord(event), fallbackAt)));
    }
    const standby = asArray(e.standby).length;
    if (standby) updates.push(ignored('standby', `${standby} event(s) in a thread another app controls`));
    for (const change of asArray(e.changes)) {
      const field = asRecord(change).field;
      updates.push(ignored(typeof field === 'string' ? field : 'changes', 'not a messaging webhook'));
    }
  }
  for (const [sender, referral] of ctx.referrals) {
    const from = [referral.sourceType, referral.headline ?? referral.body].filter(Boolean).join(' ');
    updates.push(
      ignored('referral', `referral from ${sender} with no message in this webhook${from ? `: ${from}` : ''}`),
    );
  }
  return updates;
}

function normalizeEvent(ctx: Context, event: Record<string, unknown>, fallbackAt: number): ChannelUpdate[] {
  const head = Event.safeParse(event);
  const { sender, recipient, timestamp } = head.success ? head.data : { sender: undefined, recipient: undefined };
  const at = epochMs(timestamp, 'ms') ?? fallbackAt;
  const kind = EVENT_KINDS.find((k) => event[k] !== undefined);
  if (!kind) {
    const keys = Object.keys(event).filter((k) => !['sender', 'recipient', 'timestamp'].includes(k));
    return [ignored(keys[0] ?? 'messaging', 'event kind not handled')];
  }
  const body = event[kind];
  // Echoes come from the page itself: their customer is the recipient.
  if (kind === 'message' && asRecord(body).is_echo === true) return [echo(ctx, body, recipient?.id, at)];
  if (!sender) return [ignored(kind, 'event without a sender')];
  const handle = sender.id;
  const { provider } = ctx;

  switch (kind) {
    case 'message':
      return messages(ctx, event, handle, at);
    case 'postback':
      return [postback(ctx, event, handle, timestamp, at)];
    case 'reaction': {
      const r = Reaction.safeParse(body);
      if (!r.success) return [ignored(kind, 'reaction without a message id')];
      const emoji = r.data.action === 'unreact' ? '' : (r.data.emoji ?? REACTION_EMOJI[r.data.reaction ?? ''] ?? '');
      if (r.data.action !== 'unreact' && !emoji) return [ignored(kind, `reaction "${r.data.reaction}" without emoji`)];
      return [{ kind: 'reaction', provider, targetProviderMessageId: r.data.mid, emoji, handle, at }];
    }
    case 'read':
    case 'delivery': {
      const w = Watermark.safeParse(body);
      if (!w.success) return [ignored(kind, 'no message id or watermark')];
      const status = kind === 'read' ? 'read' : 'delivered';
      const mids = [...(w.data.mids ?? []), ...(w.data.mid ? [w.data.mid] : [])];
      if (mids.length) {
        return mids.map((mid) => ({ kind: 'status', provider, providerMessageId: mid, status, error: null, at }));
      }
      const watermark = epochMs(w.data.watermark, 'ms');
      if (watermark === null) return [ignored(kind, 'no message id or watermark')];
      return [{ kind: kind === 'read' ? 'read-up-to' : 'delivered-up-to', provider, recipient: handle, watermark }];
    }
    case 'message_edit': {
      const edit = Edit.safeParse(body);
      if (!edit.success) return [ignored(kind, 'edit without a message id or text')];
      return [{ kind: 'edit', provider, providerMessageId: edit.data.mid, text: edit.data.text, at }];
    }
    case 'referral': {
      const referral = readReferral(body);
      if (referral) ctx.referrals.set(handle, referral);
      return referral ? [] : [ignored(kind, 'empty referral')];
    }
  }
}

function echo(ctx: Context, body: unknown, recipient: string | undefined, at: number): ChannelUpdate {
  const m = Message.safeParse(body);
  if (!m.success || !m.data.mid || !recipient) return ignored('message', 'echo without a message id or recipient');
  const { mid, text, metadata } = m.data;
  return { kind: 'echo', provider: ctx.provider, providerMessageId: mid, recipient, text: text ?? '', metadata, at };
}

function messages(ctx: Context, event: Record<string, unknown>, handle: string, at: number): ChannelUpdate[] {
  const parsed = Message.safeParse(event.message);
  const m = parsed.success ? parsed.data : undefined;
  const mid = m?.mid;
  if (!m || !mid) return [ignored('message', `message from ${handle} without an id`)];
  if (m.is_deleted) return [{ kind: 'delete', provider: ctx.provider, providerMessageId: mid, at }];

  const base: InboundChannelMessage = {
    provider: ctx.provider,
    providerMessageId: mid,
    channel: ctx.channel,
    handle,
    name: handle,
    text: m.text ?? '',
    ts: at,
    raw: event,
  };
  if (m.reply_to?.mid) base.quote = { providerMessageId: m.reply_to.mid };
  const story = m.reply_to?.story;
  const referral =
    readReferral(m.referral) ??
    (story ? { sourceUrl: story.url, sourceType: 'story', headline: null, body: null } : undefined);
  if (referral) base.referral = referral;

  const attachments = m.attachments ?? [];
  const found: InboundChannelMessage[] = m.quick_reply
    ? [
        {
          ...base,
          content: { kind: 'choice', choiceId: m.quick_reply.payload, title: m.text ?? m.quick_reply.payload },
        },
      ]
    : attachments.length
      ? attachments.map((a, index) => {
          const read = readAttachment(a);
          return {
            ...base,
            providerMessageId: index === 0 ? mid : `${mid}#${index}`,
            text: (index === 0 ? m.text : null) ?? read.title ?? '',
            content: read.content,
          };
        })
      : [m.text !== null && !m.is_unsupported ? base : { ...base, content: unsupported(m.is_unsupported) }];
  return found.map((message) => ({ kind: 'message', message: withPendingReferral(ctx, message) }));
}

function unsupported(flagged: boolean | undefined): MessageContent {
  return { kind: 'unsupported', type: flagged ? 'unsupported' : 'unknown' };
}

function readAttachment(raw: unknown): { content: MessageContent; title: string | null } {
  const parsed = Attachment.safeParse(raw);
  if (!parsed.success) return { content: { kind: 'unsupported', type: 'attachment' }, title: null };
  const { type, payload } = parsed.data;
  const media = MEDIA[type as keyof typeof MEDIA];
  const title = payload.title ?? parsed.data.title;
  if (media && payload.url) {
    return {
      title,
      content: {
        kind: 'media',
        // Messenger's thumbs-up and stickers arrive as images with a sticker_id.
        media: media === 'image' && payload.sticker_id ? 'sticker' : media,
        mediaId: payload.url,
        mimeType: null,
        filename: media === 'document' ? fileName(payload.url) : null,
      },
    };
  }
  if (type === 'location' && payload.coordinates) {
    const { lat, long } = payload.coordinates;
    return { title, content: { kind: 'location', latitude: lat, longitude: long, name: title, address: null } };
  }
  return { title, content: { kind: 'unsupported', type } };
}

/** Messenger file URLs end with the file's name; it makes the preview readable. */
function fileName(url: string): string | null {
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : null;
  } catch {
    return null;
  }
}

function postback(
  ctx: Context,
  event: Record<string, unknown>,
  handle: string,
  timestamp: unknown,
  at: number,
): ChannelUpdate {
  const parsed = Postback.safeParse(event.postback);
  const p = parsed.success ? parsed.data : { mid: undefined, title: null, payload: null };
  // Postbacks often carry no mid: sender + timestamp is what identifies this tap when Meta retries the webhook.
  const id = p.mid ?? `postback:${handle}:${epochMs(timestamp, 'ms') ?? at}`;
  const title = p.title ?? p.payload;
  const message: InboundChannelMessage = {
    provider: ctx.provider,
    providerMessageId: id,
    channel: ctx.channel,
    handle,
    name: handle,
    text: title ?? '',
    ts: at,
    content:
      title !== null ? { kind: 'choice', choiceId: p.payload, title } : { kind: 'unsupported', type: 'postback' },
    raw: event,
  };
  const referral = readReferral(asRecord(event.postback).referral);
  if (referral) message.referral = referral;
  return { kind: 'message', message: withPendingReferral(ctx, message) };
}

function withPendingReferral(ctx: Context, message: InboundChannelMessage): InboundChannelMessage {
  const pending = ctx.referrals.get(message.handle);
  if (!pending) return message;
  ctx.referrals.delete(message.handle);
  return message.referral ? message : { ...message, referral: pending };
}

function readReferral(raw: unknown): Referral | undefined {
  if (raw === undefined || raw === null) return undefined;
  const parsed = ReferralBody.safeParse(raw);
  if (!parsed.success) return undefined;
  const { ref, source, ad_id, referer_uri, ads_context_data: ad, product } = parsed.data;
  const referral: Referral = {
    sourceUrl: referer_uri ?? ad?.photo_url ?? ad?.video_url ?? null,
    sourceType: source?.toLowerCase() ?? (product ? 'product' : null),
    headline: ad?.ad_title ?? null,
    body: ref ?? (product ? `product ${product.id}` : ad_id ? `ad ${ad_id}` : null),
  };
  return Object.values(referral).some((v) => v !== null) ? referral : undefined;
}
