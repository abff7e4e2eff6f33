import { z } from 'zod';
import type { GraphFailure, GraphHttp, SendOutcome } from './graph-http';
import type { OutboundFile, UploadOutcome } from './graph-whatsapp';

// Attachment Upload API response (messenger-platform/reference/attachment-upload-api): {attachment_id}.
const AttachmentSchema = z.object({ attachment_id: z.string().min(1) });

/** The Send API's attachment types: a PDF goes as a "file". */
const ATTACHMENT_TYPE = { image: 'image', document: 'file' } as const;

export interface MessengerConfig {
  pageToken: string;
  pageId?: string;
}

export interface InstagramConfig {
  /** A Page token (Instagram messaging through the Messenger Platform) or an Instagram user token. */
  accessToken: string;
  igUserId?: string;
  pageId?: string;
}

export interface MetaSendOptions {
  /** Outside the 24-hour window, a human agent's reply must carry HUMAN_AGENT (7 days; needs the permission). */
  tag?: 'HUMAN_AGENT';
  /** Comes back in the message_echoes webhook, so our echo can be told from one typed in Meta's inbox. */
  metadata?: string;
}

/**
 * Messenger and Instagram share the Send API. No quote option: the Page Messages reference lists a `reply_to`
 * parameter but documents no shape for it, and neither Send API guide mentions it, so a reply is sent unquoted.
 */
export interface MetaMessagingApi {
  sendText(recipientId: string, text: string, options?: MetaSendOptions): Promise<SendOutcome>;
  markSeen(recipientId: string): Promise<SendOutcome>;
  /** An empty emoji removes our reaction. */
  react(recipientId: string, providerMessageId: string, emoji: string): Promise<SendOutcome>;
  /** Uploads a reusable attachment (Attachment Upload API) and answers its attachment id. */
  uploadAttachment(file: OutboundFile, kind: 'image' | 'document'): Promise<UploadOutcome>;
  sendAttachment(
    recipientId: string,
    kind: 'image' | 'document',
    attachmentId: string,
    options?: MetaSendOptions,
  ): Promise<SendOutcome>;
  /** The customer's display name: webhooks carry only their scoped id. */
  profileName(userId: string): Promise<{ ok: true; name: string | null } | GraphFailure>;
}

/** Instagram documents a single reaction, "love" (instagram-messaging/features/send-message, "React to a message"). */
const INSTAGRAM_HEARTS = new Set(['❤️', '❤', '♥️', '♥']);

function messagingApi(http: GraphHttp, token: string, channel: 'messenger' | 'instagram'): MetaMessagingApi {
  // `me` is the Page (or Instagram account) the token belongs to: send-api reference, /me/messages and /PAGE-ID/messages.
  const path = '/me/messages';

  async function post(body: Record<string, unknown>): Promise<SendOutcome> {
    const result = await http.json('POST', path, token, body);
    if (!result.ok) return result;
    // Send API response: {recipient_id, message_id}; sender actions answer {recipient_id} alone.
    const id = (result.json as { message_id?: unknown } | null)?.message_id;
    return { ok: true, providerMessageId: typeof id === 'string' && id ? id : null };
  }

  return {
    async sendText(recipientId, text, options = {}) {
      const outcome = await post({
        recipient: { id: recipientId },
        // send-api reference: RESPONSE inside the 24-hour window, MESSAGE_TAG with a tag outside it.
        messaging_type: options.tag ? 'MESSAGE_TAG' : 'RESPONSE',
        ...(options.tag ? { tag: options.tag } : {}),
        message: { text, ...(options.metadata ? { metadata: options.metadata } : {}) },
      });
      if (outcome.ok && outcome.providerMessageId === null)
        http.log(`graph: POST ${path} succeeded without a message id`);
      return outcome;
    },
    async uploadAttachment(file, kind) {
      // POST /me/message_attachments, multipart: `message` (JSON text, is_reusable so it can be sent again) and
      // `filedata`; Instagram's upload also names its platform (instagram-messaging/features/attachment-upload).
      const form = new FormData();
      if (channel === 'instagram') form.append('platform', 'instagram');
      form.append(
        'message',
        JSON.stringify({ attachment: { type: ATTACHMENT_TYPE[kind], payload: { is_reusable: true } } }),
      );
      form.append('filedata', new Blob([file.bytes], { type: file.mimeType }), file.filename);
      const result = await http.json('POST', '/me/message_attachments', token, form);
      if (!result.ok) return result;
      const uploaded = AttachmentSchema.safeParse(result.json);
      if (!uploaded.success) {
        return {
          ok: false,
          retryable: true,
          error: 'Graph API answered the upload without an attachment id',
          code: null,
        };
      }
      return { ok: true, mediaId: uploaded.data.attachment_id };
    },
    sendAttachment(recipientId, kind, attachmentId, options = {}) {
      return post({
        recipient: { id: recipientId },
        messaging_type: options.tag ? 'MESSAGE_TAG' : 'RESPONSE',
        ...(options.tag ? { tag: options.tag } : {}),
        message: {
          attachment: { type: ATTACHMENT_TYPE[kind], payload: { attachment_id: attachmentId } },
          ...(options.metadata ? { metadata: options.metadata } : {}),
        },
      });
    },
    markSeen(recipientId) {
      // Sender actions go alone, without `message` (messenger-platform/send-messages/sender-actions).
      return post({ recipient: { id: recipientId }, sender_action: 'mark_seen' });
    },
    async profileName(userId) {
      if (!/^[\w.-]{1,128}$/.test(userId)) return { ok: true, name: null };
      // Messenger: user profile API (first_name, last_name); Instagram: user profile (name, username).
      const fields = channel === 'messenger' ? 'first_name,last_name' : 'name,username';
      const result = await http.json('GET', `/${userId}?fields=${fields}`, token);
      if (!result.ok) return result;
      const p = (result.json ?? {}) as Record<string, unknown>;
      const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
      const name =
        channel === 'messenger'
          ? `${text(p['first_name'])} ${text(p['last_name'])}`.trim()
          : text(p['name']) || (text(p['username']) && `@${text(p['username'])}`);
      return { ok: true, name: name || null };
    },
    async react(recipientId, providerMessageId, emoji) {
      const recipient = { id: recipientId };
      // Both channels remove a reaction with sender_action "unreact" and the message id only.
      if (!emoji) return post({ recipient, sender_action: 'unreact', payload: { message_id: providerMessageId } });
      let reaction = emoji; // Messenger takes any emoji (send-messages/sender-actions, "React or unreact").
      if (channel === 'instagram') {
        if (!INSTAGRAM_HEARTS.has(emoji)) {
          return {
            ok: false,
            retryable: false,
            error: `Instagram accepts only a heart reaction, not ${emoji}`,
            code: null,
            unsupported: true,
          };
        }
        reaction = 'love';
      }
      return post({ recipient, sender_action: 'react', payload: { message_id: providerMessageId, reaction } });
    },
  };
}

export function messengerApi(http: GraphHttp, config: MessengerConfig): MetaMessagingApi {
  return messagingApi(http, config.pageToken, 'messenger');
}

export function instagramApi(http: GraphHttp, config: InstagramConfig): MetaMessagingApi {
  return messagingApi(http, config.accessToken, 'instagram');
}
