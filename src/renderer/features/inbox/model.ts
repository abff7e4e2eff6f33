import type { Contact, Thread } from '../../../core';

/**
 * The views of the inbox, as the data layer names them (`src/renderer/data/hooks.ts`). Repeated here so the
 * presentational components compile and test without the data layer.
 */
export type InboxView = 'all' | 'mine' | 'unassigned' | 'resolved';
export const INBOX_VIEWS: readonly InboxView[] = ['all', 'mine', 'unassigned', 'resolved'];

/** One row of the conversation list. */
export interface ConversationSummary {
  thread: Thread;
  contact: Contact | undefined;
}

/** The name an agent sees for a conversation; a contact may arrive after its thread during a first sync. */
export function customerName(contact: Contact | undefined, fallback: string): string {
  const name = contact?.name.trim();
  return name ? name : (contact?.handle ?? fallback);
}

/** Whether a thread belongs in a view, by the same rules as the data layer's `threadList` query. */
export function inView(thread: Thread, view: InboxView, agentId: string | null): boolean {
  switch (view) {
    case 'all':
      return thread.status === 'open';
    case 'resolved':
      return thread.status === 'resolved';
    case 'unassigned':
      return thread.status === 'open' && thread.assigneeId === null;
    case 'mine':
      return thread.status === 'open' && agentId !== null && thread.assigneeId === agentId;
  }
}
