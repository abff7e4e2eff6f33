import { replyWindow, windowApplies, type Message, type ReplyWindow, type Thread } from '../../../core';
import type { Translate } from '../../i18n';

/**
 * The channel's reply window for this conversation, or null where none applies. Whether one applies is the
 * provider's business, not the channel's: a demo (sandbox) conversation "on WhatsApp" has no 24-hour rule,
 * a conversation through the WhatsApp Business Platform does. The customer's last message says which it is.
 */
export function composerWindow(
  thread: Thread,
  messages: readonly Message[] | undefined,
  now: number,
): ReplyWindow | null {
  if (!messages) return null;
  const lastInbound = messages.findLast((m) => m.direction === 'in');
  // A conversation we started (a template to a new customer) has no inbound yet: our own sends say the provider.
  const provider = (lastInbound ?? messages.findLast((m) => m.provider !== 'app'))?.provider;
  if (!provider || !windowApplies(provider)) return null;
  const lastInboundAt = Math.max(thread.lastInboundAt ?? -Infinity, lastInbound?.ts ?? -Infinity);
  return replyWindow(thread.channel, Number.isFinite(lastInboundAt) ? lastInboundAt : null, now);
}

const MINUTE = 60_000;

/** "3 h 12 min", "45 min", "6 d 3 h": how long is left, to the minute (never "0 min" while still open). */
export function formatTimeLeft(ms: number, t: Translate): string {
  const minutes = Math.max(1, Math.floor(ms / MINUTE));
  if (minutes < 60) return t('duration.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('duration.hours', { h: hours, m: minutes % 60 });
  return t('duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}
