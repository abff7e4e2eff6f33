import { z } from 'zod';
import { describeIssues, fail, ok, type Result } from '../../../core';
import { IdSchema, type MetaChannel } from './updates';

/**
 * The outer shape of Meta's webhook bodies. Only this decides 400 vs accepted: it checks what routing needs and
 * nothing inside the items, because Meta adds fields and kinds all the time and an unknown kind must still be
 * acknowledged (a refused body is retried, then the subscription is disabled). Loose objects keep every field.
 */
const Item = z.record(z.string(), z.unknown());

export const WhatsAppEnvelopeSchema = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z
    .array(z.looseObject({ id: IdSchema, changes: z.array(z.looseObject({ field: z.string(), value: Item })) }))
    .min(1),
});
export type WhatsAppEnvelope = z.infer<typeof WhatsAppEnvelopeSchema>;

/** Messenger and Instagram entries: `messaging` events, `standby` ones (another app owns the thread), `changes`. */
const MessagingEntry = z.looseObject({
  id: IdSchema,
  /** Epoch ms when Meta sent the batch. */
  time: z.number(),
  messaging: z.array(Item).optional(),
  standby: z.array(Item).optional(),
  changes: z.array(Item).optional(),
});

export const MessengerEnvelopeSchema = z.looseObject({
  object: z.literal('page'),
  entry: z.array(MessagingEntry).min(1),
});
export const InstagramEnvelopeSchema = z.looseObject({
  object: z.literal('instagram'),
  entry: z.array(MessagingEntry).min(1),
});
export type MessagingEnvelope = z.infer<typeof MessengerEnvelopeSchema> | z.infer<typeof InstagramEnvelopeSchema>;

export type Envelope = WhatsAppEnvelope | MessagingEnvelope;

const SCHEMAS = {
  whatsapp: WhatsAppEnvelopeSchema,
  messenger: MessengerEnvelopeSchema,
  instagram: InstagramEnvelopeSchema,
} as const;

const LABELS: Record<MetaChannel, string> = { whatsapp: 'WhatsApp', messenger: 'Messenger', instagram: 'Instagram' };

export function parseEnvelope(channel: 'whatsapp', body: unknown): Result<WhatsAppEnvelope>;
export function parseEnvelope(channel: 'messenger' | 'instagram', body: unknown): Result<MessagingEnvelope>;
export function parseEnvelope(channel: MetaChannel, body: unknown): Result<Envelope>;
export function parseEnvelope(channel: MetaChannel, body: unknown): Result<Envelope> {
  const parsed = SCHEMAS[channel].safeParse(body);
  return parsed.success
    ? ok(parsed.data)
    : fail(`not a ${LABELS[channel]} webhook: ${describeIssues(parsed.error.issues)}`);
}
