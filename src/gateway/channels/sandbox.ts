import type { Channel, Locale, Message, MessageStatus } from '../../core';
import { newId } from '../ids';
import type { Inbox } from '../inbox/inbox';
import type { Ingested } from '../inbox/ingest';
import { findContactByHandle } from '../store/contacts';
import { reason, type Log } from '../log';
import { guessLocale } from './locale-guess';
import { realTimers, type Timers } from './timers';

/** A demo customer the simulation can write as. */
export interface SimulatedCustomer {
  name: string;
  channel: Channel;
  handle: string;
  locale: Locale;
}

export interface SimulationScript {
  customers: readonly SimulatedCustomer[];
  lines: Readonly<Record<Locale, readonly string[]>>;
}

export interface SandboxOptions {
  inbox: Inbox;
  log: Log;
  timers?: Timers;
  random?: () => number;
  /** Waits before a reply becomes sent, then delivered, then read. */
  deliveryDelaysMs?: readonly [number, number, number];
  /** How often a simulated customer writes; false (or no script) keeps them quiet. */
  simulate?: { minIntervalMs: number; maxIntervalMs: number } | false;
  script?: SimulationScript | null;
}

export interface SandboxMessage {
  /** The customer's handle (a phone number for WhatsApp). */
  from: string;
  name: string;
  text: string;
}

export interface SandboxChannel {
  /** The outbound side, for `Inbox.connectChannel('sandbox', ...)`. */
  deliver(message: Message): void;
  /** A customer of the sandbox writes (the REST endpoint, demos, tests). An unknown handle becomes a contact. */
  ingestSandboxMessage(input: SandboxMessage): Promise<Ingested>;
  /** One simulated customer writes one line now; null without a script. */
  simulateOnce(): Promise<Ingested | null>;
  /** Starts the simulated customers, if configured. */
  start(): void;
  /** Cancels every timer and waits for work in flight, so the store can close behind it. Idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_DELIVERY_DELAYS_MS = [400, 1500, 5000] as const;
const DELIVERY_STEPS: readonly MessageStatus[] = ['sent', 'delivered', 'read'];

/**
 * The built-in channel: a simulated provider whose customers are the demo shop's. Replies walk through the same
 * statuses a real provider reports, and inbound messages go through the same ingest path as a webhook would.
 */
export function createSandboxChannel(options: SandboxOptions): SandboxChannel {
  const { inbox, log } = options;
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const delays = options.deliveryDelaysMs ?? DEFAULT_DELIVERY_DELAYS_MS;
  const pendingTimers = new Set<unknown>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let running = false;

  const later = (ms: number, fn: () => Promise<unknown>) => {
    if (stopped) return;
    const handle = timers.setTimeout(() => {
      pendingTimers.delete(handle);
      if (stopped) return;
      const work = fn().catch((error: unknown) => log(`sandbox: ${reason(error)}`));
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }, ms);
    pendingTimers.add(handle);
  };

  const advance = (message: Message, step: number) => {
    const status = DELIVERY_STEPS[step];
    if (status === undefined) return;
    later(delays[step] ?? 0, async () => {
      const result = await inbox.recordDelivery({
        messageId: message.id,
        status,
        providerMessageId: `sbx_out_${message.id}`,
      });
      if (!result.ok) log(`sandbox: delivery of ${message.id}: ${result.error}`);
      else advance(result.value, step + 1);
    });
  };

  const ingestSandboxMessage = async ({ from, name, text }: SandboxMessage) => {
    const known = await findContactByHandle(inbox.store.sql, from);
    return inbox.ingest({
      provider: 'sandbox',
      providerMessageId: newId('sbx'),
      channel: known?.channel ?? 'whatsapp',
      handle: from,
      name,
      locale: known?.locale ?? guessLocale(text),
      text,
    });
  };

  const simulateOnce = async () => {
    const script = options.script;
    const customer = script && pick(script.customers, random);
    const line = customer && pick(script.lines[customer.locale], random);
    if (!customer || !line) return null;
    return inbox.ingest({
      provider: 'sandbox',
      providerMessageId: newId('sim'),
      channel: customer.channel,
      handle: customer.handle,
      name: customer.name,
      locale: customer.locale,
      text: line,
    });
  };

  const scheduleNextCustomer = () => {
    const simulate = options.simulate;
    if (!simulate || !options.script) return;
    const { minIntervalMs: min, maxIntervalMs: max } = simulate;
    later(min + random() * Math.max(0, max - min), async () => {
      try {
        await simulateOnce();
      } finally {
        scheduleNextCustomer();
      }
    });
  };

  return {
    deliver(message) {
      if (message.status === 'read' || message.status === 'failed') return;
      // Resumes from where the message is: a pending one (not in the list) starts at 'sent'.
      advance(message, DELIVERY_STEPS.indexOf(message.status) + 1);
    },
    ingestSandboxMessage,
    simulateOnce,
    start() {
      if (running || stopped) return;
      running = true;
      scheduleNextCustomer();
    },
    async stop() {
      stopped = true;
      for (const handle of pendingTimers) timers.clearTimeout(handle);
      pendingTimers.clear();
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items[Math.floor(random() * items.length)];
}
