// The check that fails the bench: a fast 200 is worth nothing if the body was not durably stored and turned into
// the right inbox rows. Everything acknowledged is written down while sending, then compared with the store once
// the gateway has closed.
import { openStore } from '../../../src/gateway/store/store';
import type { DeliveryStatus } from './bodies';
import type { GatewayLogs } from './gateway-process';
import type { RunResult } from './load';
import type { StoredDelivery } from './processing';

export interface WebhookCheck {
  /** Unique customer message ids acknowledged with a 200. */
  messagesAcked: number;
  /** Customer messages in the inbox (provider whatsapp-cloud, direction in). */
  messagesStored: number;
  lost: number;
  duplicated: number;
  unexpected: number;
  deliveriesStored: number;
  deliveriesAcked: number;
  unprocessed: number;
  processingErrors: number;
  contacts: number;
  customersWhoWrote: number;
  threads: number;
  replies: number;
  repliesWithWrongStatus: number;
  heldStatuses: number;
}

/** Status order: a reply must end with the furthest status acknowledged for it, whatever order they came in. */
const RANK: Record<DeliveryStatus, number> = { sent: 1, delivered: 2, read: 3 };
const STATUS_OF_RANK = ['pending', 'sent', 'delivered', 'read'];

/** What the gateway acknowledged over the whole run: what the store must hold. */
export class Acknowledged {
  /** Customer message wamid → customer index. */
  readonly messages = new Map<string, number>();
  /** Messages whose request failed: the gateway may still have stored them (a timeout after the insert). */
  readonly errored = new Set<string>();
  /** Reply wamid → rank of the furthest status acknowledged for it. */
  readonly statusRank = new Map<string, number>();
  /** 200s the gateway did not mark as duplicates: one stored body each. */
  deliveries = 0;

  record(run: RunResult): void {
    run.answers.forEach((answer, i) => {
      const item = run.items[i];
      if (!item) return;
      if (answer.ok && !answer.duplicate) this.deliveries += 1;
      if (item.kind === 'message' && item.messageId !== undefined && item.customer !== undefined) {
        if (answer.ok) this.messages.set(item.messageId, item.customer);
        else this.errored.add(item.messageId);
      }
      if (item.kind === 'status' && item.status && answer.ok) {
        const r = RANK[item.status.status];
        if (r > (this.statusRank.get(item.status.target) ?? 0)) this.statusRank.set(item.status.target, r);
      }
    });
  }
}

/** Compares the closed gateway's store with `acked`; also returns the stored bodies, in id order, for processing. */
export async function checkStore(
  dataDir: string,
  acked: Acknowledged,
): Promise<{ check: WebhookCheck; deliveries: StoredDelivery[] }> {
  const store = await openStore({ dataDir, now: Date.now, log: () => {} });
  try {
    const sql = store.sql;
    const stored = await sql.query<{ provider_message_id: string }>(
      `SELECT provider_message_id FROM messages WHERE provider = 'whatsapp-cloud' AND direction = 'in'`,
    );
    const storedIds = new Map<string, number>();
    for (const row of stored) storedIds.set(row.provider_message_id, (storedIds.get(row.provider_message_id) ?? 0) + 1);
    const lost = [...acked.messages.keys()].filter((id) => !storedIds.has(id)).length;
    const duplicated = [...storedIds.values()].filter((n) => n > 1).length;
    // A request that timed out in the sender may still have been stored: that is not unexpected.
    const unexpected = [...storedIds.keys()].filter((id) => !acked.messages.has(id) && !acked.errored.has(id)).length;
    const out = await sql.query<{ provider_message_id: string | null; status: string }>(
      `SELECT provider_message_id, status FROM messages WHERE direction = 'out'`,
    );
    const repliesWithWrongStatus = out.filter((m) => {
      const expected = STATUS_OF_RANK[Math.max(1, acked.statusRank.get(m.provider_message_id ?? '') ?? 1)];
      return m.status !== expected;
    }).length;
    const count = async (query: string) => Number((await sql.query<{ n: number }>(query))[0]?.n ?? 0);
    const deliveries = (
      await sql.query<{ received_at: number; processed_at: number | null; body: string }>(
        'SELECT received_at, processed_at, body FROM webhook_deliveries ORDER BY id',
      )
    ).map((d): StoredDelivery => ({
      received_at: Number(d.received_at),
      processed_at: d.processed_at === null ? null : Number(d.processed_at),
      kind: d.body.includes('"statuses":') ? 'status' : 'message',
    }));
    const check: WebhookCheck = {
      messagesAcked: acked.messages.size,
      messagesStored: stored.length,
      lost,
      duplicated,
      unexpected,
      deliveriesStored: deliveries.length,
      deliveriesAcked: acked.deliveries,
      unprocessed: deliveries.filter((d) => d.processed_at === null).length,
      processingErrors: await count('SELECT count(*) AS n FROM webhook_deliveries WHERE error IS NOT NULL'),
      contacts: await count(`SELECT count(*) AS n FROM contacts WHERE channel = 'whatsapp'`),
      customersWhoWrote: new Set(acked.messages.values()).size,
      threads: await count('SELECT count(*) AS n FROM threads'),
      replies: out.length,
      repliesWithWrongStatus,
      heldStatuses: await count('SELECT count(*) AS n FROM early_statuses'),
    };
    return { check, deliveries };
  } finally {
    await store.close();
  }
}

/** Fails loudly when a webhook was lost, duplicated or not processed: the figures would mean nothing. */
export function assertConsistent(c: WebhookCheck, logs: GatewayLogs): void {
  const problems: string[] = [];
  if (c.lost > 0) problems.push(`${c.lost} acknowledged messages are not in the inbox`);
  if (c.duplicated > 0) problems.push(`${c.duplicated} messages are stored more than once`);
  if (c.unexpected > 0) problems.push(`${c.unexpected} stored messages were never sent`);
  if (c.messagesStored < c.messagesAcked) problems.push(`${c.messagesStored} stored < ${c.messagesAcked} acknowledged`);
  if (c.deliveriesStored < c.deliveriesAcked) {
    problems.push(`${c.deliveriesStored} webhook bodies stored < ${c.deliveriesAcked} acknowledged`);
  }
  if (c.unprocessed > 0) problems.push(`${c.unprocessed} stored webhooks were never processed`);
  if (c.processingErrors > 0) problems.push(`${c.processingErrors} webhooks failed processing`);
  if (c.contacts !== c.customersWhoWrote || c.threads !== c.customersWhoWrote) {
    problems.push(`${c.contacts} contacts and ${c.threads} threads for ${c.customersWhoWrote} customers`);
  }
  if (c.repliesWithWrongStatus > 0) problems.push(`${c.repliesWithWrongStatus} replies do not have their last status`);
  if (c.heldStatuses > 0) problems.push(`${c.heldStatuses} statuses were held for unknown messages`);
  if (problems.length > 0) {
    throw new Error(
      `webhook bench: the store does not match what was acknowledged:\n  - ${problems.join('\n  - ')}\n` +
        `gateway log (${logs.lines} lines), first ones:\n  ${logs.samples.join('\n  ')}`,
    );
  }
}
