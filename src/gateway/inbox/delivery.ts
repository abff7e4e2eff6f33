import { fail, nextStatus, ok, type Message, type MessageStatus, type Result } from '../../core';
import { getMessage, updateDelivery } from '../store/messages';
import type { Store } from '../store/store';
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
 * "read" changes nothing and appends no event.
 */
export async function recordDelivery(store: Store, report: DeliveryReport): Promise<Result<Message>> {
  const { value } = await store.write(async (tx) => {
    const message = await getMessage(tx, report.messageId);
    if (!message) return { value: fail(UNKNOWN_MESSAGE), events: [], actor: 'system' };
    const status = nextStatus(message.status, report.status);
    const next: Message = {
      ...message,
      status,
      providerMessageId: message.providerMessageId ?? report.providerMessageId ?? null,
      error: status === 'failed' ? (report.error ?? message.error ?? 'delivery failed') : null,
    };
    if (
      next.status === message.status &&
      next.providerMessageId === message.providerMessageId &&
      next.error === message.error
    ) {
      return { value: ok(message), events: [], actor: 'system' };
    }
    await updateDelivery(tx, next);
    return { value: ok(next), events: [{ type: 'message.updated', message: next }], actor: 'system' };
  });
  return value;
}
