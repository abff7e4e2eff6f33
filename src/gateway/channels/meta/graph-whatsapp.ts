import { z } from 'zod';
import type { MessageTemplate, TemplateSend } from '../../../core';
import type { GraphFailure, GraphHttp, SendOutcome } from './graph-http';
import { fetchWhatsAppMedia, type MediaFetchOptions, type MediaOutcome } from './graph-media';
import { listWhatsAppTemplates } from './graph-templates';

export interface WhatsAppConfig {
  accessToken: string;
  phoneNumberId: string;
  /** The WhatsApp Business Account: needed only to list templates. */
  businessAccountId?: string;
}

export type TemplatesOutcome = { ok: true; templates: MessageTemplate[] } | GraphFailure;

export interface WhatsAppApi {
  sendText(to: string, text: string, options?: { quoteProviderMessageId?: string }): Promise<SendOutcome>;
  sendTemplate(to: string, template: TemplateSend): Promise<SendOutcome>;
  /** An empty emoji removes our reaction. */
  react(to: string, providerMessageId: string, emoji: string): Promise<SendOutcome>;
  markRead(providerMessageId: string): Promise<SendOutcome>;
  /** APPROVED templates that can be sent with body parameters only. */
  listTemplates(): Promise<TemplatesOutcome>;
  fetchMedia(mediaId: string, options?: MediaFetchOptions): Promise<MediaOutcome>;
  /** Uploads a file to this phone number's media (kept 30 days by WhatsApp); answers its media id. */
  uploadMedia(file: OutboundFile): Promise<UploadOutcome>;
  /** An image, or a document with its file name, by an uploaded media id. */
  sendMedia(to: string, kind: 'image' | 'document', mediaId: string, filename: string): Promise<SendOutcome>;
}

export interface OutboundFile {
  bytes: Uint8Array<ArrayBuffer>;
  mimeType: string;
  filename: string;
}

export type UploadOutcome = { ok: true; mediaId: string } | GraphFailure;

// Upload response (cloud-api/reference/media, "Upload media"): {id}.
const UploadedSchema = z.object({ id: z.string().min(1) });

// Send response (whatsapp/cloud-api/reference/messages): {messaging_product, contacts:[{input, wa_id}], messages:[{id}]}.
const SentSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });

/** Cloud API wants the number in international format without '+' (reference/messages, `to`). */
function digitsOf(to: string): string {
  return to.replace(/[\s()+.-]/g, '');
}

export function whatsappApi(http: GraphHttp, config: WhatsAppConfig): WhatsAppApi {
  const token = config.accessToken;
  const messagesPath = `/${encodeURIComponent(config.phoneNumberId)}/messages`;

  async function send(to: string, fields: Record<string, unknown>): Promise<SendOutcome> {
    const number = digitsOf(to);
    if (!/^\d{5,20}$/.test(number)) {
      return { ok: false, retryable: false, error: `not a phone number: ${JSON.stringify(to)}`, code: null };
    }
    const body = { messaging_product: 'whatsapp', recipient_type: 'individual', to: number, ...fields };
    const result = await http.json('POST', messagesPath, token, body);
    if (!result.ok) return result;
    const sent = SentSchema.safeParse(result.json);
    if (sent.success) return { ok: true, providerMessageId: sent.data.messages[0]?.id ?? null };
    // Accepted (2xx) but no id: the message most likely left, so resending would duplicate it.
    http.log(`graph: POST ${messagesPath} succeeded without a message id`);
    return { ok: true, providerMessageId: null };
  }

  return {
    sendText(to, text, options = {}) {
      return send(to, {
        type: 'text',
        // preview_url false: a customer's pasted link is not turned into a preview card we did not choose.
        text: { body: text, preview_url: false },
        // context.message_id makes the reply quote that message (reference/messages, "context object").
        ...(options.quoteProviderMessageId ? { context: { message_id: options.quoteProviderMessageId } } : {}),
      });
    },
    sendTemplate(to, template) {
      const parameters = template.parameters.map((text) => ({ type: 'text', text }));
      return send(to, {
        type: 'template',
        template: {
          name: template.name,
          language: { code: template.language },
          // A template without variables is sent without components; an empty BODY parameters list is refused.
          ...(parameters.length ? { components: [{ type: 'body', parameters }] } : {}),
        },
      });
    },
    react(to, providerMessageId, emoji) {
      // reference/messages, "reaction object": an empty emoji removes the reaction.
      return send(to, { type: 'reaction', reaction: { message_id: providerMessageId, emoji } });
    },
    async markRead(providerMessageId) {
      // Mark as read (guides/mark-message-as-read): answers {"success": true}, no message id.
      const body = { messaging_product: 'whatsapp', status: 'read', message_id: providerMessageId };
      const result = await http.json('POST', messagesPath, token, body);
      return result.ok ? { ok: true, providerMessageId: null } : result;
    },
    listTemplates() {
      if (!config.businessAccountId) {
        return Promise.resolve({
          ok: false,
          retryable: false,
          error: 'the WhatsApp Business Account id is not configured',
          code: null,
        });
      }
      return listWhatsAppTemplates(http, token, config.businessAccountId);
    },
    fetchMedia(mediaId, options = {}) {
      return fetchWhatsAppMedia(http, token, mediaId, options);
    },
    async uploadMedia(file) {
      // POST /{phone-number-id}/media, multipart: messaging_product, type (the MIME type) and the file itself.
      const form = new FormData();
      form.append('messaging_product', 'whatsapp');
      form.append('type', file.mimeType);
      form.append('file', new Blob([file.bytes], { type: file.mimeType }), file.filename);
      const result = await http.json('POST', `/${encodeURIComponent(config.phoneNumberId)}/media`, token, form);
      if (!result.ok) return result;
      const uploaded = UploadedSchema.safeParse(result.json);
      if (!uploaded.success)
        return { ok: false, retryable: true, error: 'Graph API answered the upload without a media id', code: null };
      return { ok: true, mediaId: uploaded.data.id };
    },
    sendMedia(to, kind, mediaId, filename) {
      // reference/messages, "media object": by id; a document also carries the name the customer sees.
      return send(
        to,
        kind === 'image'
          ? { type: 'image', image: { id: mediaId } }
          : { type: 'document', document: { id: mediaId, filename } },
      );
    },
  };
}
