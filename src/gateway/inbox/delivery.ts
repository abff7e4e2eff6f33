import { fail, nextStatus, ok, type Message, type MessageStatus, type Provider, type Result } from '../../core';
import { holdEarlyStatus, takeEarlyStatuses } from '../store/early-statuses';
import { findByProviderId, getMessage, updateDelivery } from '../store/messages';
import type { SqlExecutor } from '../store/sql';
import type { Change, Store } from '../store/store';
import { UNKNOWN_MESSAGE } from './errors';

export interface DeliveryReport {
  messageId: string;
  status: MessageStatus;
  /** The provider's id for the sent message, when it gives one. */
  providerMessageId?: string;
  /** Why it failed, for `failed`. */
  error?: string;
}

/**
 * Records a delivery status from a channel. Statuses only move forward (`nextStatus`): a late "delivered" after
 * "read" changes nothing and appends no event. When the provider's id becomes known, the statuses that arrived
 * before it (webhooks can beat the send's own answer) are applied too.
 */
export async function recordDelivery(store: Store, report: DeliveryReport): Promise<Result<Message>> {
  const { value } = await store.write(async (tx) => {
    const message = await getMessage(tx, report.messageId);
    if (!message) return { value: fail(UNKNOWN_MESSAGE), events: [], actor: 'system' };
    let next = advance(message, report.status, report.error ?? null);
    if (message.providerMessageId === null && report.providerMessageId) {
      next = { ...next, providerMessageId: report.providerMessageId };
      for (const early of await takeEarlyStatuses(tx, message.provider, report.providerMessageId)) {
        next = advance(next, early.status, early.error);
      }
    }
    return saved(tx, message, next);
  });
  return value;
}

/**
 * A status webhook for a message known by the provider's id. An id not stored yet is held (see above); an id that
 * never matches stays held and harmless.
 */
export async function recordProviderStatus(
  store: Store,
  report: { provider: Provider; providerMessageId: string; status: MessageStatus; error: string | null; at: number },
): Promise<Result<Message | null>> {
  const { value } = await store.write<Result<Message | null>>(async (tx) => {
    const message = await findByProviderId(tx, report.provider, report.providerMessageId);
    if (!message) {
      await holdEarlyStatus(tx, report.provider, report.providerMessageId, report);
      return { value: ok(null), events: [], actor: 'system' };
    }
    return saved(tx, message, advance(message, report.status, report.error));
  });
  return value;
}

function advance(message: Message, incoming: MessageStatus, error: string | null): Message {
  const status = nextStatus(message.status, incoming);
  if (status === message.status) return message;
  return { ...message, status, error: status === 'failed' ? (error ?? message.error ?? 'delivery failed') : null };
}

async function saved(tx: SqlExecutor, before: Message, next: Message): Promise<Change<Result<Message>>> {
  if (
    next.status === before.status &&
    next.providerMessageId === before.providerMessageId &&
    next.error === before.error
  ) {
    return { value: ok(before), events: [], actor: 'system' };
  }
  await updateDelivery(tx, next);
  return { value: ok(next), events: [{ type: 'message.updated', message: next }], actor: 'system' };
}
