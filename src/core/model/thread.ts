import { z } from 'zod';
import { ChannelSchema } from './channel';
import { contentSummary } from './content';
import { LabelSuggestionSchema, PrioritySchema } from './label';
import type { Message } from './message';

export const ThreadStatusSchema = z.enum(['open', 'resolved']);
export type ThreadStatus = z.infer<typeof ThreadStatusSchema>;

/**
 * A conversation with one customer on one channel. The summary fields (last message, unread count) are kept
 * by the gateway so a desktop can draw the conversation list without reading every message.
 */
export const ThreadSchema = z.object({
  id: z.string().min(1),
  contactId: z.string().min(1),
  channel: ChannelSchema,
  status: ThreadStatusSchema,
  assigneeId: z.string().nullable(),
  createdAt: z.number().int(),
  lastMessageAt: z.number().int(),
  lastMessagePreview: z.string(),
  lastMessageDirection: z.enum(['in', 'out']),
  /** Customer messages that arrived after the last agent reply or read. */
  unreadCount: z.number().int().nonnegative(),
  /** Last customer message time: drives "waiting since" and the 24-hour window. */
  lastInboundAt: z.number().int().nullable(),
  // Sorting (absent on threads stored before labels existed, and when empty / normal / false).
  /** Label ids, in the order they were applied. */
  labels: z.array(z.string().min(1)).optional(),
  priority: PrioritySchema.optional(),
  /** Marked as spam (by an agent or a rule): out of every view but Spam. */
  spam: z.boolean().optional(),
  /** Labels the classifier proposes for the agent to accept. */
  suggestions: z.array(LabelSuggestionSchema).optional(),
});
export type Thread = z.infer<typeof ThreadSchema>;

/** The list preview never carries a whole 100 KB message: one line, bounded. */
export function previewOf(text: string, max = 140): string {
  // Zero-width characters show nothing: 5,000 of them must not fill the preview and leave only "…".
  const line = text
    .replace(/[\u200B\u2060\uFEFF]+/g, '')
    .replace(/[\u200C\u200D]{2,}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** A message as one preview line: its text, or for media, carts, places... an icon and their words. */
export function messagePreview(message: Pick<Message, 'text' | 'content' | 'deletedAt'>): string {
  if (message.deletedAt !== undefined) return '🚫';
  return previewOf(contentSummary(message.content, message.text));
}
