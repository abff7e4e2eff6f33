// Webhook bodies as Meta sends them, built and signed before the timed phases so that the sender does little more
// than write them to sockets: what is measured is the gateway, not the bench building JSON.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelsConfig } from '../../../src/gateway/channels/meta/config';
import { signBody } from '../../../src/gateway/channels/meta/signature';
import { SECRET } from '../../../tests/fakes/meta-webhook';
import {
  customerTexts,
  fillPlaceholders,
  pickWeighted,
  shopCustomers,
  writingWeights,
  type Customer,
} from './customers';

/** Real WhatsApp Cloud API bodies (pywa's test data): the templates every body is a copy of. */
const WEBHOOKS_DIR = '/work/shared/data/whatsapp-webhooks';
/** The shop's number as its customers see it (the phone number id and WABA id come from the channel's config). */
const DISPLAY_NUMBER = '33184250000';

export type DeliveryStatus = 'sent' | 'delivered' | 'read';

/** One signed body, and what the store must hold once it is acknowledged. */
export interface Prepared {
  body: Buffer;
  signature: string;
  kind: 'message' | 'status';
  /** The customer message's wamid, or the status's target and status. */
  messageId?: string;
  customer?: number;
  status?: { target: string; status: DeliveryStatus };
}

/** A WhatsApp body with the one entry and change every real template has. */
type WhatsAppBody = { entry: Array<{ id: string; changes: Array<{ value: Record<string, unknown> }> }> };

/** A small seeded generator (xorshift32), so each run sends the same mix. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

function readTemplate(file: string): WhatsAppBody {
  return JSON.parse(readFileSync(join(WEBHOOKS_DIR, file), 'utf8')) as WhatsAppBody;
}

/** Builds WhatsApp Cloud API bodies shaped like the real ones in /work/shared/data/whatsapp-webhooks. */
export class BodyFactory {
  private readonly random = seeded(20_261_121);
  private readonly texts = customerTexts();
  private readonly textTemplate = readTemplate('message__text.json');
  private readonly statusTemplates = {
    sent: readTemplate('message_status__sent.json'),
    delivered: readTemplate('message_status__delivered.json'),
    read: readTemplate('message_status__read.json'),
  };
  private readonly ids = new Set<string>();
  private counter = 0;
  readonly customers: Customer[];
  private readonly weights: number[];

  /** `whatsapp`: the channel's settings, so that every body is addressed to the number the gateway serves. */
  constructor(
    customers: number,
    private readonly whatsapp: ChannelsConfig['whatsapp'],
  ) {
    this.customers = shopCustomers(customers);
    this.weights = writingWeights(customers);
  }

  /** The next customer to write, frequent writers more often. */
  pickCustomer(): number {
    return pickWeighted(this.weights, this.random());
  }

  /** A uniform draw from the bench's seeded sequence (the mix of messages and statuses, the priming's shuffle). */
  share(): number {
    return this.random();
  }

  /** A text message from customer `customerIndex`, with a wamid never sent before. */
  message(customerIndex: number): Prepared {
    const customer = this.customer(customerIndex);
    const id = this.wamid(customer.waId);
    const object = this.addressed(this.textTemplate);
    const value = object.entry[0]?.changes[0]?.value ?? {};
    const raw = this.texts[Math.floor(this.random() * this.texts.length)] ?? 'bonjour';
    value.contacts = [{ profile: { name: customer.name }, wa_id: customer.waId }];
    value.messages = [
      {
        from: customer.waId,
        id,
        timestamp: String(Math.floor(Date.now() / 1000)),
        text: { body: fillPlaceholders(raw, this.random) },
        type: 'text',
      },
    ];
    return { ...this.sign(object), kind: 'message', messageId: id, customer: customerIndex };
  }

  /** Meta's status for the agent's reply `target` to customer `customerIndex`. */
  status(target: string, customerIndex: number, status: DeliveryStatus): Prepared {
    const customer = this.customer(customerIndex);
    const object = this.addressed(this.statusTemplates[status]);
    const value = object.entry[0]?.changes[0]?.value ?? {};
    const item: Record<string, unknown> = {
      id: target,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: customer.waId,
      conversation: {
        id: randomBytes(16).toString('hex'),
        ...(status === 'sent' && { expiration_timestamp: String(Math.floor(Date.now() / 1000) + 86_400) }),
        origin: { type: 'service' },
      },
      pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
    };
    value.contacts = [{ profile: { name: customer.name }, wa_id: customer.waId }];
    value.statuses = [item];
    return { ...this.sign(object), kind: 'status', status: { target, status } };
  }

  private customer(index: number): Customer {
    const customer = this.customers[index];
    if (!customer) throw new Error(`no customer ${index}`);
    return customer;
  }

  /** A wamid like Meta's (base64 of the number and a unique part), never repeated in a run. */
  private wamid(waId: string): string {
    for (;;) {
      const unique = Buffer.concat([Buffer.from(`${waId}\u0015\u0002\u0000\u0012\u0018\u0014`), randomBytes(10)]);
      const id = `wamid.${unique.toString('base64')}${(this.counter++).toString(36)}`;
      if (!this.ids.has(id)) {
        this.ids.add(id);
        return id;
      }
    }
  }

  /** A copy of `template` addressed to the shop's account and number. */
  private addressed(template: WhatsAppBody): WhatsAppBody {
    const copy = structuredClone(template);
    const entry = copy.entry[0];
    const change = entry?.changes[0];
    if (!entry || !change) throw new Error('unexpected template shape');
    entry.id = this.whatsapp.businessAccountId ?? '';
    change.value.metadata = { display_phone_number: DISPLAY_NUMBER, phone_number_id: this.whatsapp.phoneNumberId };
    return copy;
  }

  /** Compact JSON, signed with the app secret as Meta does (HMAC-SHA256 in x-hub-signature-256). */
  private sign(object: unknown): { body: Buffer; signature: string } {
    const body = Buffer.from(JSON.stringify(object));
    return { body, signature: signBody(body, SECRET) };
  }
}

/**
 * Status webhooks for the agents' replies, in the order Meta sends them: sent, delivered, read for each reply.
 * When every reply has had its three, Meta's duplicates ("read" again) follow, as it does resend.
 */
export class StatusStream {
  private index = 0;
  constructor(private readonly replies: Array<{ wamid: string; customer: number }>) {}

  next(factory: BodyFactory): Prepared {
    const n = this.replies.length;
    const round = Math.floor(this.index / n);
    const reply = this.replies[this.index % n];
    this.index += 1;
    if (!reply) throw new Error('no replies to send statuses for');
    const status = round === 0 ? 'sent' : round === 1 ? 'delivered' : 'read';
    return factory.status(reply.wamid, reply.customer, status);
  }
}
