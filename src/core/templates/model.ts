import { z } from 'zod';
import { LocaleSchema } from '../model/contact';
import { TEMPLATE_VARIABLES } from './language';

/**
 * A quick reply: one answer an agent inserts with `/shortcut`, written once per language. Variables in its body
 * (`{{contact.first_name | "there"}}`) are filled from the conversation when it is inserted.
 */
export const SHORTCUT_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export const TemplateVariantSchema = z.object({
  language: LocaleSchema,
  body: z.string().min(1, 'the text is empty').max(4000, 'at most 4,000 characters'),
});
export type TemplateVariant = z.infer<typeof TemplateVariantSchema>;

/** A file sent with the reply, from the template library (`/api/library/:id`). */
export const TemplateAttachmentSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['image', 'document']),
  name: z.string().min(1).max(200),
});
export type TemplateAttachment = z.infer<typeof TemplateAttachmentSchema>;

/** One agent's use of a template: the picker puts the most used first for an empty query. */
export const TemplateUsageSchema = z.object({
  count: z.number().int().nonnegative(),
  lastUsedAt: z.number().int(),
});

/**
 * The WhatsApp approved template that says the same thing outside the 24-hour window: its {{1}}, {{2}}... take the
 * values of these variables, in order.
 */
export const WhatsAppMappingSchema = z.object({
  name: z.string().trim().min(1, 'a template name is needed').max(512),
  language: z.string().trim().min(2, 'a language code such as fr or en_US').max(15),
  parameters: z.array(z.enum(TEMPLATE_VARIABLES)).max(20),
});
export type WhatsAppMapping = z.infer<typeof WhatsAppMappingSchema>;

export const QuickReplyDraftSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    shortcut: z
      .string()
      .trim()
      .toLowerCase()
      .regex(SHORTCUT_PATTERN, 'letters, digits, - and _ (up to 32), starting with a letter or digit'),
    title: z.string().trim().min(1, 'a title is needed').max(80),
    variants: z.array(TemplateVariantSchema).min(1, 'at least one language').max(4),
    attachments: z.array(TemplateAttachmentSchema).max(5).default([]),
    /** Labels to add to the conversation when the reply is sent. */
    labels: z.array(z.string().min(1).max(64)).max(10).default([]),
    /** "Send and resolve". */
    resolve: z.boolean().default(false),
    /** The approved WhatsApp template to send instead once the 24-hour window is closed. */
    whatsapp: WhatsAppMappingSchema.optional(),
  })
  .refine((t) => new Set(t.variants.map((v) => v.language)).size === t.variants.length, {
    message: 'one variant per language',
    path: ['variants'],
  });
export type QuickReplyDraft = z.input<typeof QuickReplyDraftSchema>;

export const QuickReplySchema = z.object({
  id: z.string().min(1),
  shortcut: z.string(),
  title: z.string(),
  variants: z.array(TemplateVariantSchema),
  attachments: z.array(TemplateAttachmentSchema),
  labels: z.array(z.string()),
  resolve: z.boolean(),
  whatsapp: WhatsAppMappingSchema.optional(),
  /** Per agent id. */
  usage: z.record(z.string(), TemplateUsageSchema),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  deletedAt: z.number().int().optional(),
});
export type QuickReply = z.infer<typeof QuickReplySchema>;
