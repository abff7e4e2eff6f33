import type { Contact, Label, Thread } from '../../../core';

/**
 * The views of the inbox, as the data layer names them (`src/renderer/data/hooks.ts`). Repeated here so the
 * presentational components compile and test without the data layer.
 */
export type BaseView = 'all' | 'mine' | 'unassigned' | 'resolved';
export const INBOX_VIEWS: readonly BaseView[] = ['all', 'mine', 'unassigned', 'resolved'];
/** Spam threads are out of every other view. */
export type StandardView = BaseView | 'spam';
/** One label's open, non-spam conversations. */
export type LabelView = `label:${string}`;
export type InboxView = StandardView | LabelView;

export function labelView(labelId: string): LabelView {
  return `label:${labelId}`;
}

/** The label a view filters on, or `null` for a standard view. */
export function labelIdOf(view: InboxView): string | null {
  return view.startsWith('label:') ? view.slice('label:'.length) : null;
}

/** One row of the conversation list. */
export interface ConversationSummary {
  thread: Thread;
  contact: Contact | undefined;
  /** Its live labels, in the order they were applied. */
  labels?: Label[];
}

/** The name an agent sees for a conversation; a contact may arrive after its thread during a first sync. */
export function customerName(contact: Contact | undefined, fallback: string): string {
  const name = contact?.name.trim();
  return name ? name : (contact?.handle ?? fallback);
}

/** Whether a thread belongs in a view, by the same rules as the data layer's `threadList` query. */
export function inView(thread: Thread, view: InboxView, agentId: string | null): boolean {
  if (view === 'spam') return thread.spam === true;
  if (thread.spam === true) return false;
  const labelId = labelIdOf(view);
  if (labelId !== null) return thread.status === 'open' && (thread.labels ?? []).includes(labelId);
  switch (view as BaseView) {
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
