import { z } from 'zod';
import { ChannelSchema } from '../model/channel';
import { LocaleSchema } from '../model/contact';
import { PrioritySchema } from '../model/label';
import { ThreadStatusSchema } from '../model/thread';

/**
 * A sorting rule: conditions on an inbound customer message and its conversation, combined with AND (`all`) or
 * OR (`any`), and the actions to take when they hold. Rules run at ingest, after the classifier, in their order.
 */
const id = z.string().min(1).max(64);
const word = z.string().trim().min(1, 'an empty word').max(100);

export const RuleConditionSchema = z.discriminatedUnion('kind', [
  /** The message contains any / all of these words or phrases (accents and case folded). */
  z.object({
    kind: z.literal('text'),
    match: z.enum(['any', 'all']),
    words: z.array(word).min(1, 'at least one word').max(50),
  }),
  /** A JavaScript regular expression, tested case-insensitively on the message text. */
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1, 'an empty expression').max(300) }),
  z.object({ kind: z.literal('channel'), channels: z.array(ChannelSchema).min(1, 'at least one channel') }),
  z.object({ kind: z.literal('language'), language: LocaleSchema }),
  /** New: this is the customer's first conversation; returning: they wrote before. */
  z.object({ kind: z.literal('customer'), is: z.enum(['new', 'returning']) }),
  z.object({ kind: z.literal('openOrder'), has: z.boolean() }),
  z.object({ kind: z.literal('hours'), when: z.enum(['inside', 'outside']) }),
  /** The conversation carries (or lacks) a label, including one the classifier or an earlier rule just applied. */
  z.object({ kind: z.literal('label'), has: z.boolean(), labelId: id }),
  /** The conversation's status before this message arrived (a message reopens a resolved conversation). */
  z.object({ kind: z.literal('status'), status: ThreadStatusSchema }),
]);
export type RuleCondition = z.infer<typeof RuleConditionSchema>;

export const RuleActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('addLabel'), labelId: id }),
  z.object({ kind: z.literal('removeLabel'), labelId: id }),
  z.object({ kind: z.literal('priority'), priority: PrioritySchema }),
  z.object({ kind: z.literal('assign'), agentId: id }),
  z.object({ kind: z.literal('resolve') }),
  z.object({ kind: z.literal('spam') }),
]);
export type RuleAction = z.infer<typeof RuleActionSchema>;

/** What an admin edits and saves; the gateway gives it an id and timestamps. */
export const RuleDraftSchema = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'a rule needs a name').max(80),
  enabled: z.boolean(),
  match: z.enum(['all', 'any']),
  conditions: z.array(RuleConditionSchema).min(1, 'at least one condition').max(20),
  actions: z.array(RuleActionSchema).min(1, 'at least one action').max(10),
});
export type RuleDraft = z.infer<typeof RuleDraftSchema>;

export const RuleSchema = RuleDraftSchema.extend({
  id,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Rule = z.infer<typeof RuleSchema>;
