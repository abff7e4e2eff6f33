import { z } from 'zod';
import type { Channel, MessageContent, MessageStatus, Provider, Referral } from '../../../core';

/**
 * What the Meta webhooks (WhatsApp Cloud API, Messenger, Instagram) mean for the inbox, once normalised.
 *
 * Refinements to the first sketch of these types, and why:
 * - `delivered-up-to`: a Messenger `delivery` without `mids` only says "everything before this watermark was
 *   delivered", which is not a read; folding it into `read-up-to` would mark unread messages as read.
 * - `read-up-to` / `delivered-up-to` `recipient` is the customer (the event's sender): the one who received our
 *   messages, so the caller can find the thread by (provider, handle).
 * - `raw` keeps the whole item the message came from: the `messages[]` object for WhatsApp, the whole `messaging[]`
 *   event (sender, timestamp and all) for Messenger and Instagram.
 */
export type MetaChannel = 'whatsapp' | 'messenger' | 'instagram';

export interface InboundChannelMessage {
  provider: Provider;
  providerMessageId: string;
  channel: Channel;
  /** WhatsApp: '+' + wa_id (E.164), or the business-scoped user id when Meta withholds the number; else PSID/IGSID. */
  handle: string;
  /** The profile name when given, else the handle. */
  name: string;
  /** The text, a caption, or a readable summary; '' for media without caption. */
  text: string;
  /** Epoch ms (WhatsApp sends seconds, Messenger and Instagram milliseconds). */
  ts: number;
  /** Absent for plain text. */
  content?: MessageContent;
  quote?: { providerMessageId: string };
  forwarded?: 'once' | 'frequently';
  referral?: Referral;
  raw: unknown;
}

export type ChannelUpdate =
  | { kind: 'message'; message: InboundChannelMessage }
  | {
      kind: 'status';
      provider: Provider;
      providerMessageId: string;
      status: MessageStatus;
      error: string | null;
      at: number;
    }
  /** `emoji` '' removes the customer's reaction. */
  | { kind: 'reaction'; provider: Provider; targetProviderMessageId: string; emoji: string; handle: string; at: number }
  | { kind: 'edit'; provider: Provider; providerMessageId: string; text: string; at: number }
  | { kind: 'delete'; provider: Provider; providerMessageId: string; at: number }
  /** A message the business sent from elsewhere (Page inbox, another app, the WhatsApp Business app). */
  | {
      kind: 'echo';
      provider: Provider;
      providerMessageId: string;
      recipient: string;
      text: string;
      metadata: string | null;
      at: number;
    }
  /** Messenger watermarks: every message sent before `watermark` (epoch ms) was read / delivered. */
  | { kind: 'read-up-to'; provider: Provider; recipient: string; watermark: number }
  | { kind: 'delivered-up-to'; provider: Provider; recipient: string; watermark: number }
  /** Acknowledged but nothing to store: written to the log. */
  | { kind: 'ignored'; field: string; reason: string };

export const PROVIDERS: Record<MetaChannel, Provider> = {
  whatsapp: 'whatsapp-cloud',
  messenger: 'messenger',
  instagram: 'instagram',
};

// Small schemas shared by the normalisers. Meta is consistent, but a proxy or a test tool re-serialising a body may
// turn ids into numbers or numbers into strings: accepting both costs nothing and keeps a message.
export const IdSchema = z.union([z.string().min(1), z.number().finite()]).transform(String);
export const NumberLike = z.union([z.number(), z.string().trim().min(1).transform(Number)]).pipe(z.number());
/** An optional string that becomes null when absent or of the wrong type, so one odd field spoils nothing else. */
export const OptText = z
  .string()
  .nullish()
  .catch(null)
  .transform((v) => v ?? null);

export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Epoch ms from a provider timestamp, or null when it is not a plausible one. */
export function epochMs(value: unknown, unit: 's' | 'ms'): number | null {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const ms = Math.round(unit === 's' ? n * 1000 : n);
  return Number.isSafeInteger(ms) ? ms : null;
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

export function ignored(field: string, reason: string): ChannelUpdate {
  return { kind: 'ignored', field: clip(field, 80), reason: clip(reason, 300) };
}

/**
 * Runs the normalisation of one item. The schemas already absorb wrong shapes; this is the last guard, so a case no
 * one foresaw costs that item (logged), never the rest of the webhook.
 */
export function guarded(field: string, run: () => ChannelUpdate[]): ChannelUpdate[] {
  try {
    return run();
  } catch (error) {
    return [ignored(field, `unreadable item: ${error instanceof Error ? error.message : String(error)}`)];
  }
}
