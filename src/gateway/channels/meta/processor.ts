import type { Inbox } from '../../inbox/inbox';
import { reason, type Log } from '../../log';
import { markProcessed, pendingDeliveries, type WebhookDelivery } from '../../store/webhooks';
import { guessLocale } from '../locale-guess';
import { parseEnvelope } from './envelope';
import { normalizeMessaging } from './normalize-messaging';
import { normalizeWhatsApp } from './normalize-whatsapp';
import { storableDeep, storableText } from './sanitize';
import type { ChannelUpdate, MetaChannel } from './updates';

export interface WebhookProcessor {
  /** Something was stored: process it soon (after the 200 has gone out). */
  wake(): void;
  /** Resolves when nothing stored is left unprocessed (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
  /** Finishes the delivery in hand and stops. */
  stop(): Promise<void>;
}

export interface ProcessorOptions {
  inbox: Inbox;
  log: Log;
  /** Called with each update applied, after it is stored (automation hooks, channel state). */
  onUpdate?: (channel: MetaChannel, update: ChannelUpdate) => void;
  /** Called when a delivery could not be applied in full. */
  onError?: (channel: MetaChannel, error: string) => void;
}

const BATCH = 50;

/**
 * Turns stored webhook bodies into inbox changes, oldest first, one at a time. It runs after the acknowledgement
 * and again at start-up, so a body stored just before a crash is applied on the next start. Applying twice is
 * harmless: messages are unique on the provider's id and statuses only move forward.
 */
export function createWebhookProcessor(options: ProcessorOptions): WebhookProcessor {
  const { inbox, log } = options;
  const sql = inbox.store.sql;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const drain = async () => {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const batch = await pendingDeliveries(sql, BATCH);
        if (batch.length === 0) break;
        for (const delivery of batch) {
          // PGlite's calls never hand the event loop back on their own: without this, a backlog is applied in
          // one burst during which no webhook is acknowledged (measured: acks capped at the processing rate, p99
          // in seconds). Yielding lets the 200s go out first; the backlog waits, durably stored.
          await new Promise((resolve) => setImmediate(resolve));
          if (stopped) return;
          await processOne(delivery);
        }
      }
    } while (again && !stopped);
  };

  const processOne = async (delivery: WebhookDelivery) => {
    const channel = delivery.channel as MetaChannel;
    const errors: string[] = [];
    try {
      for (const update of updatesOf(channel, delivery.body)) {
        try {
          await apply(channel, storableDeep(update));
          options.onUpdate?.(channel, update);
        } catch (error) {
          errors.push(`${update.kind}: ${reason(error)}`);
        }
      }
    } catch (error) {
      errors.push(reason(error));
    }
    const error = errors.length > 0 ? storableText(errors.join('; '), 2000) : null;
    if (error) {
      log(`webhook ${channel} #${delivery.id}: ${error}`);
      options.onError?.(channel, error);
    }
    await markProcessed(sql, delivery.id, inbox.store.now(), error);
  };

  const apply = async (channel: MetaChannel, update: ChannelUpdate): Promise<void> => {
    switch (update.kind) {
      case 'message': {
        const { raw, ...message } = update.message;
        await inbox.ingest({
          ...message,
          locale: guessLocale(message.text),
          raw: storableText(JSON.stringify(raw ?? null), 1_000_000),
        });
        return;
      }
      case 'status':
        await inbox.recordProviderStatus(update);
        return;
      case 'reaction':
        await inbox.customerReacted(update);
        return;
      case 'edit':
        await inbox.customerEdited(update);
        return;
      case 'delete':
        await inbox.customerDeleted(update);
        return;
      case 'read-up-to':
      case 'delivered-up-to': {
        const status = update.kind === 'read-up-to' ? 'read' : 'delivered';
        await inbox.receiptUpTo({ channel, recipient: update.recipient, watermark: update.watermark, status });
        return;
      }
      case 'echo':
        // Our own sends come back as echoes: they are stored already. An echo of a message written in another
        // tool (Meta's own inbox) is only logged, to keep one source of truth for what agents wrote here.
        if (!update.metadata?.startsWith('comptoir:')) log(`webhook ${channel}: echo of a message sent elsewhere`);
        return;
      case 'ignored':
        log(`webhook ${channel}: ${update.field}: ${update.reason}`);
        return;
      default:
        // A kind added to ChannelUpdate must be handled here: this line stops compiling until it is.
        return assertNever(update);
    }
  };

  const wake = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      // After the acknowledgement has been written.
      await new Promise((resolve) => setImmediate(resolve));
      await drain();
    })()
      .catch((error: unknown) => log(`webhook processing stopped: ${reason(error)}`))
      .finally(() => {
        running = null;
        if (again && !stopped) wake();
      });
  };

  return {
    wake,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}

function updatesOf(channel: MetaChannel, body: string): ChannelUpdate[] {
  const envelope = parseEnvelope(channel, JSON.parse(body) as unknown);
  // Checked before the body was stored; a body that no longer parses (a newer version's rules) is reported.
  if (!envelope.ok) throw new Error(`stored body is not a ${channel} webhook: ${envelope.error}`);
  return channel === 'whatsapp' ? normalizeWhatsApp(envelope.value) : normalizeMessaging(channel, envelope.value);
}

function assertNever(update: never): never {
  throw new Error(`unhandled update ${JSON.stringify(update)}`);
}
