import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { mulberry32 } from '../../../../src/core/labels/classifier';
import {
  ChannelSchema,
  MessageContentSchema,
  MessageStatusSchema,
  ProviderSchema,
  ReferralSchema,
} from '../../../../src/core';

/** Real WhatsApp Cloud API bodies (pywa's test data): read-only, see /work/shared/data/README.md. */
export const WEBHOOKS_DIR = '/work/shared/data/whatsapp-webhooks';

export function realWebhooks(): Array<{ file: string; body: unknown }> {
  return readdirSync(WEBHOOKS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, body: JSON.parse(readFileSync(join(WEBHOOKS_DIR, file), 'utf8')) as unknown }));
}

const Id = z.string().min(1);
const At = z.number().int().positive();
const Provider = ProviderSchema;

/** What every update must look like, whatever the input: the robustness tests check each one against it. */
export const ChannelUpdateSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('message'),
    message: z.strictObject({
      provider: Provider,
      providerMessageId: Id,
      channel: ChannelSchema,
      handle: Id,
      name: Id,
      text: z.string(),
      ts: At,
      content: MessageContentSchema.optional(),
      quote: z.strictObject({ providerMessageId: Id }).optional(),
      forwarded: z.enum(['once', 'frequently']).optional(),
      referral: ReferralSchema.optional(),
      raw: z.unknown(),
    }),
  }),
  z.strictObject({
    kind: z.literal('status'),
    provider: Provider,
    providerMessageId: Id,
    status: MessageStatusSchema,
    error: z.string().nullable(),
    at: At,
  }),
  z.strictObject({
    kind: z.literal('reaction'),
    provider: Provider,
    targetProviderMessageId: Id,
    emoji: z.string(),
    handle: Id,
    at: At,
  }),
  z.strictObject({ kind: z.literal('edit'), provider: Provider, providerMessageId: Id, text: z.string(), at: At }),
  z.strictObject({ kind: z.literal('delete'), provider: Provider, providerMessageId: Id, at: At }),
  z.strictObject({
    kind: z.literal('echo'),
    provider: Provider,
    providerMessageId: Id,
    recipient: Id,
    text: z.string(),
    metadata: z.string().nullable(),
    at: At,
  }),
  z.strictObject({ kind: z.literal('read-up-to'), provider: Provider, recipient: Id, watermark: At }),
  z.strictObject({ kind: z.literal('delivered-up-to'), provider: Provider, recipient: Id, watermark: At }),
  z.strictObject({ kind: z.literal('ignored'), field: z.string(), reason: z.string().min(1) }),
]);

// --- Deterministic mutation of a JSON body -------------------------------------------------------------------

/** Seeded, so every run mutates the same way and a failure can be replayed: the classifier's own PRNG. */
export const prng = mulberry32;

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push({ parent: value, key: i });
      slots(v, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

const HUGE = 'x'.repeat(200_000);
/** Odd values fast-check likes (-0, '__proto__' keys, sparse shapes...), sampled once with a fixed seed. */
const ODD = fc.sample(fc.anything({ maxDepth: 2 }), { seed: 7, numRuns: 60 });

function weird(random: () => number, original: unknown): unknown {
  const pick = Math.floor(random() * 13);
  switch (pick) {
    case 0:
      return null;
    case 1:
      return HUGE;
    case 2:
      return [[[[original]]]];
    case 3:
      return -1;
    case 4:
      return 1e308;
    case 5:
      return true;
    case 6:
      return {};
    case 7:
      return [];
    case 8:
      return '';
    case 9:
      // A number where a string was, and a string where anything else was.
      return typeof original === 'string' ? 12345 : typeof original === 'number' ? String(original) : 'NaN';
    case 10:
      return [original, original];
    case 11:
      return { nested: original };
    default:
      // A copy: later mutations must not grow the shared sample from run to run.
      return structuredClone(ODD[Math.floor(random() * ODD.length)]);
  }
}

/** A copy of `body` with 1 to 4 random keys deleted or values replaced by wrong types, nulls, huge strings... */
export function mutate(body: unknown, random: () => number): unknown {
  const copy = structuredClone(body);
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const all = slots(copy);
    const slot = all[Math.floor(random() * all.length)];
    if (!slot) break;
    const { parent, key } = slot;
    const current = (parent as Record<string | number, unknown>)[key];
    if (random() < 0.3) {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
    } else {
      (parent as Record<string | number, unknown>)[key] = weird(random, current);
    }
  }
  return copy;
}

// --- Builders for hand-written payloads (shapes from Meta's webhook references) ------------------------------

export const WA_ID = '33612345678';

export function waBody(value: Record<string, unknown>, field = 'messages'): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [{ field, value }] }],
  };
}

/** A WhatsApp `messages` value with one inbound message of `type`, from WA_ID named "Léa Martin". */
export function waMessage(type: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return waBody({
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
    contacts: [{ profile: { name: 'Léa Martin' }, wa_id: WA_ID }],
    messages: [{ from: WA_ID, id: `wamid.${type}`, timestamp: '1750000000', type, [type]: body, ...extra }],
  });
}

export const PAGE_ID = '1063911070301339';
export const PSID = '6980481235324242';

/** A Messenger (`page`) or Instagram body with the given messaging events. */
export function messagingBody(object: 'page' | 'instagram', events: unknown[], time = 1750000009999): unknown {
  return { object, entry: [{ id: PAGE_ID, time, messaging: events }] };
}

/** An event from the customer PSID to the page at `timestamp` (ms). */
export function fromCustomer(event: Record<string, unknown>, timestamp = 1750000000123): Record<string, unknown> {
  return { sender: { id: PSID }, recipient: { id: PAGE_ID }, timestamp, ...event };
}
