import { liveQuery } from 'dexie';
import { messagePreview, type Message, type SyncEvent } from '../../core';
import type { ComptoirDb } from '../db/schema';
import type { Platform } from '../platform/platform';
import type { SyncEngine } from '../sync/engine';
import { unreadTotal } from './queries';

export interface NotificationOptions {
  db: ComptoirDb;
  sync: SyncEngine;
  platform: Platform;
  /** Whether the agent is looking at the app right now; then the inbox itself shows what arrived. */
  isAttentive?: () => boolean;
  now?: () => number;
  /** At most one notification per thread in this window, so a customer typing in bursts is one alert. */
  perThreadMs?: number;
}

const documentIsAttentive = (): boolean => document.visibilityState === 'visible' && document.hasFocus();

/** Notifies live customer messages and keeps the badge equal to the unread total of open threads. */
export function startNotifications(options: NotificationOptions): () => void {
  const { db, sync, platform } = options;
  const isAttentive = options.isAttentive ?? documentIsAttentive;
  const now = options.now ?? Date.now;
  const perThreadMs = options.perThreadMs ?? 5_000;
  const lastShown = new Map<string, number>();

  const offEvents = sync.onEvents((events, phase) => {
    // The catch-up after (re)connecting is history: the badge and the list tell about it, not a burst of alerts.
    if (phase !== 'live' || isAttentive()) return;
    for (const message of newestInboundPerThread(events)) {
      const at = now();
      const last = lastShown.get(message.threadId);
      if (last !== undefined && at - last < perThreadMs) continue;
      lastShown.set(message.threadId, at);
      void announce(message);
    }
  });

  async function announce(message: Message): Promise<void> {
    const contactId = message.author.kind === 'customer' ? message.author.contactId : null;
    const contact = contactId ? await db.contacts.get(contactId).catch(() => undefined) : undefined;
    const title = (contact?.name.trim() || 'Comptoir').slice(0, 200);
    platform.notify({ title, body: messagePreview(message), threadId: message.threadId });
  }

  let badge = -1;
  const subscription = liveQuery(() => unreadTotal(db)).subscribe({
    next(count) {
      if (count === badge) return;
      badge = count;
      platform.setBadge(count);
    },
    error(error: unknown) {
      console.warn(`[notifications] badge query failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  });

  return () => {
    offEvents();
    subscription.unsubscribe();
  };
}

function newestInboundPerThread(events: readonly SyncEvent[]): Message[] {
  const byThread = new Map<string, Message>();
  for (const event of events) {
    if (event.type !== 'message.added') continue;
    const { message } = event;
    if (message.direction === 'in' && message.author.kind === 'customer') byThread.set(message.threadId, message);
  }
  return [...byThread.values()];
}
