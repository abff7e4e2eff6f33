import { z } from 'zod';
import { ContactSchema } from '../model/contact';
import { ActivityCauseSchema, ActivityChangeSchema, LabelSchema } from '../model/label';
import { MessageSchema } from '../model/message';
import { QuickReplySchema } from '../templates/model';
import { ThreadSchema } from '../model/thread';

/**
 * The sync log: every change the gateway makes is one event with the next sequence number. Events carry the
 * whole entity after the change, so a desktop applies them by overwriting (idempotent, order-safe within a
 * batch) and never needs to read before it writes.
 */
const envelope = {
  /** Monotonically increasing, gap-free per gateway store. */
  seq: z.number().int().positive(),
  /** Epoch ms when the gateway recorded the change. */
  at: z.number().int(),
  /** Who caused it: `agent:<id>`, `customer:<contactId>`, `assistant`, `system`. */
  actor: z.string(),
};

export const SyncEventSchema = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('contact.upserted'), contact: ContactSchema }),
  z.object({ ...envelope, type: z.literal('thread.upserted'), thread: ThreadSchema }),
  z.object({ ...envelope, type: z.literal('message.added'), message: MessageSchema }),
  /** A message changed after it was added: its delivery status, or an error. Carries the whole message. */
  z.object({ ...envelope, type: z.literal('message.updated'), message: MessageSchema }),
  /** A label created, renamed, recoloured, merged or deleted (whole label; a deleted one keeps `deletedAt`). */
  z.object({ ...envelope, type: z.literal('label.upserted'), label: LabelSchema }),
  /** A quick reply created, edited, used (its usage counts) or deleted (kept with `deletedAt`). */
  z.object({ ...envelope, type: z.literal('quickreply.upserted'), reply: QuickReplySchema }),
  /**
   * One entry of a conversation's history: what changed and who or what did it (an agent, a rule, the
   * classifier). The thread's new state follows in a `thread.upserted` of the same batch.
   */
  z.object({
    ...envelope,
    type: z.literal('thread.activity'),
    threadId: z.string().min(1),
    change: ActivityChangeSchema,
    cause: ActivityCauseSchema,
  }),
]);
export type SyncEvent = z.infer<typeof SyncEventSchema>;
export type SyncEventType = SyncEvent['type'];

/** An event before the store gives it a sequence number. */
export type NewSyncEvent = SyncEvent extends infer E ? (E extends SyncEvent ? Omit<E, 'seq'> : never) : never;
