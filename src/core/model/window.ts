import type { Channel, Provider } from './channel';

const HOUR = 3_600_000;
export const SERVICE_WINDOW_MS = 24 * HOUR;
/** Messenger and Instagram accept human-agent-tagged replies for 7 days after the customer's last message. */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR;

/**
 * What an agent may send now, by the channel's rules:
 * - `open`: free-form replies until `closesAt` (24 h after the customer's last message);
 * - `human-agent`: Messenger/Instagram only, free-form with the HUMAN_AGENT tag until `closesAt` (7 days);
 * - `template`: WhatsApp after 24 h, only an approved message template;
 * - `closed`: Messenger/Instagram after 7 days, nothing until the customer writes again.
 */
export type ReplyWindow =
  | { state: 'open'; closesAt: number }
  | { state: 'human-agent'; closesAt: number }
  | { state: 'template' }
  | { state: 'closed' };

export function replyWindow(channel: Channel, lastInboundAt: number | null, now: number): ReplyWindow {
  if (lastInboundAt !== null && now < lastInboundAt + SERVICE_WINDOW_MS) {
    return { state: 'open', closesAt: lastInboundAt + SERVICE_WINDOW_MS };
  }
  if (channel === 'whatsapp') return { state: 'template' };
  if (lastInboundAt !== null && now < lastInboundAt + HUMAN_AGENT_WINDOW_MS) {
    return { state: 'human-agent', closesAt: lastInboundAt + HUMAN_AGENT_WINDOW_MS };
  }
  return { state: 'closed' };
}

/** The sandbox and the app itself have no provider rules: only real providers close the window. */
export function windowApplies(provider: Provider): boolean {
  return provider === 'whatsapp-cloud' || provider === 'messenger' || provider === 'instagram';
}
