import { z } from 'zod';
import { OrderStatusSchema } from './commerce';

/** Mantine's palette names: a label's colour is one of them, so chips look right in light and dark schemes. */
export const LABEL_COLORS = [
  'gray',
  'red',
  'pink',
  'grape',
  'violet',
  'indigo',
  'blue',
  'cyan',
  'teal',
  'green',
  'lime',
  'yellow',
  'orange',
] as const;
export const LabelColorSchema = z.enum(LABEL_COLORS);
export type LabelColor = z.infer<typeof LabelColorSchema>;

export const LabelNameSchema = z
  .string()
  .trim()
  .min(1, 'a label needs a name')
  .max(40, 'at most 40 characters')
  .refine((t) => ![...t].some((c) => c.charCodeAt(0) < 32), 'contains a control character');

export const LabelSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  color: LabelColorSchema,
  description: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /**
   * A deleted label keeps its row (history still names it) but is gone from every conversation; a merged one
   * also says where its conversations went, so the classifier's predictions of it land on the survivor.
   */
  deletedAt: z.number().int().optional(),
  mergedInto: z.string().optional(),
});
export type Label = z.infer<typeof LabelSchema>;

/** Absent on a thread means normal. Urgent and high conversations are listed first. */
export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

export const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** A label the classifier proposes without being sure enough to apply it; one click accepts it. */
export const LabelSuggestionSchema = z.object({
  labelId: z.string().min(1),
  confidence: z.number().min(0).max(1),
  /** The customer message it was predicted from: accepting it trains the model on that text. */
  messageId: z.string().min(1),
});
export type LabelSuggestion = z.infer<typeof LabelSuggestionSchema>;

/** What the classifier read in a customer message: the dataset's fine intent, kept for the assistant. */
export const MessageIntentSchema = z.object({
  name: z.string().min(1),
  confidence: z.number().min(0).max(1),
});
export type MessageIntent = z.infer<typeof MessageIntentSchema>;

/** One change to a conversation, as its history shows it. */
export const ActivityChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('label.added'), labelId: z.string().min(1) }),
  z.object({ kind: z.literal('label.removed'), labelId: z.string().min(1) }),
  z.object({ kind: z.literal('priority'), priority: PrioritySchema }),
  z.object({ kind: z.literal('assigned'), assigneeId: z.string().nullable() }),
  z.object({ kind: z.literal('resolved') }),
  z.object({ kind: z.literal('spam'), spam: z.boolean() }),
  /**
   * An order of this customer moved on (paid, shipped, delivered...). `notified` says how the customer was told:
   * by a message (`messageId`), through an approved template, or not at all and why (`reason`).
   */
  z.object({
    kind: z.literal('order'),
    number: z.string().min(1),
    status: OrderStatusSchema,
    trackingUrl: z.string().nullable(),
    notified: z.enum(['text', 'template', 'none']),
    messageId: z.string().nullable(),
    reason: z.string().nullable(),
  }),
]);
export type ActivityChange = z.infer<typeof ActivityChangeSchema>;

/** Who or what made it, and why. */
export const ActivityCauseSchema = z.discriminatedUnion('kind', [
  /** `suggestion`: the agent accepted the classifier's suggestion of that confidence. */
  z.object({ kind: z.literal('agent'), agentId: z.string(), suggestion: z.number().min(0).max(1).optional() }),
  z.object({ kind: z.literal('rule'), ruleId: z.string(), ruleName: z.string() }),
  z.object({ kind: z.literal('classifier'), confidence: z.number().min(0).max(1), messageId: z.string() }),
  /** The message read as urgent or angry (words, shouting, a complaint): the conversation moved up. */
  z.object({ kind: z.literal('urgency'), reasons: z.array(z.string()), messageId: z.string() }),
  /** A label merged into another or deleted: its conversations change with it. */
  z.object({ kind: z.literal('label'), agentId: z.string(), op: z.enum(['merged', 'deleted']) }),
  /** The shop itself (its back office, or the demo shop's status buttons on an agent's behalf). */
  z.object({ kind: z.literal('shop'), agentId: z.string().nullable() }),
]);
export type ActivityCause = z.infer<typeof ActivityCauseSchema>;
