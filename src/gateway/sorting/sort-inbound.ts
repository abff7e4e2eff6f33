import {
  isWithinBusinessHours,
  PRIORITY_RANK,
  runRules,
  urgencyOf,
  type ActivityCause,
  type ActivityChange,
  type CompiledRule,
  type Contact,
  type Label,
  type LabelSuggestion,
  type Message,
  type Priority,
  type SortingSettings,
  type Thread,
  type ThreadStatus,
} from '../../core';
import { guessLocale } from '../channels/locale-guess';
import { getAgent } from '../store/agents';
import type { SqlExecutor } from '../store/sql';
import type { EventBody } from '../store/store';
import { normalizeThread } from '../store/threads';
import type { WorkspaceModel } from './workspace-model';

/**
 * The intent counts toward urgency only when the model is fairly sure of it: on short real messages a "complaint"
 * or "payment problem" below this is noise ("Ok merci" read as a complaint at 0.09).
 */
const URGENT_INTENT_CONFIDENCE = 0.5;
/** At most this many suggestions wait on a conversation: the newest replace the oldest. */
const MAX_SUGGESTIONS = 3;

/** What sorting reads, kept in memory by the service and replaced when an admin changes it. */
export interface SortingState {
  settings: SortingSettings;
  /** Every label by id, deleted and merged ones included (to follow a merge). */
  labels: ReadonlyMap<string, Label>;
  rules: readonly CompiledRule[];
  model: WorkspaceModel;
}

export interface InboundToSort {
  message: Message;
  /** The thread with the message already counted (reopened if it was resolved). */
  thread: Thread;
  /** The thread's status before the message; null for a new thread. */
  previousStatus: ThreadStatus | null;
  contact: Contact;
  /** This is the customer's first message. */
  firstMessage: boolean;
}

export interface Sorted {
  message: Message;
  thread: Thread;
  /** `thread.activity` events, one per change, in the order they happened. */
  events: EventBody[];
}

/**
 * Sorts a customer's message inside its ingest transaction: the classifier reads it (intent kept on the message,
 * a label applied or suggested by confidence), urgency raises the priority, then the rules run in order and see
 * what came before them. Nothing here throws for a bad rule (a rule's test never throws) and nothing is written
 * but the returned thread and events, which the caller stores with the message.
 */
export async function sortInbound(tx: SqlExecutor, state: SortingState, input: InboundToSort): Promise<Sorted> {
  const { settings, model } = state;
  const text = input.message.text.trim();
  let message = input.message;
  const events: EventBody[] = [];
  const threadId = input.thread.id;
  const record = (change: ActivityChange, cause: ActivityCause) =>
    events.push({ type: 'thread.activity', threadId, change, cause });

  let labels = [...(input.thread.labels ?? [])];
  let suggestions: LabelSuggestion[] = [...(input.thread.suggestions ?? [])];
  let priority: Priority = input.thread.priority ?? 'normal';
  let pressingIntent: string | null = null;

  if (text.length > 0) {
    const intent = model.predictIntent(text);
    if (intent.confidence >= URGENT_INTENT_CONFIDENCE) pressingIntent = intent.label;
    message = {
      ...message,
      ...(intent.label && { intent: { name: intent.label, confidence: round(intent.confidence) } }),
      language: message.language ?? guessLocale(text),
    };

    if (settings.classifierEnabled) {
      const prediction = model.predictLabel(text);
      const label = prediction.label === null ? null : liveLabel(state.labels, prediction.label);
      const confidence = round(prediction.confidence);
      if (label && !labels.includes(label.id)) {
        if (confidence >= settings.autoApply) {
          labels.push(label.id);
          record({ kind: 'label.added', labelId: label.id }, { kind: 'classifier', confidence, messageId: message.id });
        } else if (confidence >= settings.suggest) {
          suggestions = [
            { labelId: label.id, confidence, messageId: message.id },
            ...suggestions.filter((s) => s.labelId !== label.id),
          ].slice(0, MAX_SUGGESTIONS);
        }
      }
    }

    if (settings.detectUrgency) {
      const urgency = urgencyOf(text, pressingIntent);
      if (urgency.priority && PRIORITY_RANK[urgency.priority] > PRIORITY_RANK[priority]) {
        priority = urgency.priority;
        record({ kind: 'priority', priority }, { kind: 'urgency', reasons: urgency.reasons, messageId: message.id });
      }
    }
  }

  let status = input.thread.status;
  let assigneeId = input.thread.assigneeId;
  let spam = input.thread.spam ?? false;
  const rules = state.rules.filter((r) => r.rule.enabled);
  if (rules.length > 0) {
    const needsOrders = rules.some((r) => r.rule.conditions.some((c) => c.kind === 'openOrder'));
    const ran = runRules(
      rules,
      {
        text,
        channel: input.thread.channel,
        language: message.language ?? input.contact.locale,
        customer: input.firstMessage ? 'new' : 'returning',
        hasOpenOrder: needsOrders ? await hasOpenOrder(tx, input.contact.id) : false,
        insideHours: isWithinBusinessHours(settings.businessHours, message.ts),
        status: input.previousStatus ?? 'open',
        labels,
      },
      { labels, priority, assigneeId, status, spam },
    );
    for (const applied of ran.applied) {
      const { change } = applied;
      // A rule may name a label deleted or an agent removed since it was saved: that action is skipped.
      if (
        (change.kind === 'label.added' || change.kind === 'label.removed') &&
        !liveLabel(state.labels, change.labelId)
      ) {
        continue;
      }
      if (change.kind === 'assigned' && change.assigneeId !== null && !(await getAgent(tx, change.assigneeId)))
        continue;
      switch (change.kind) {
        case 'label.added':
          if (!labels.includes(change.labelId)) labels = [...labels, change.labelId];
          break;
        case 'label.removed':
          labels = labels.filter((id) => id !== change.labelId);
          break;
        case 'priority':
          priority = change.priority;
          break;
        case 'assigned':
          assigneeId = change.assigneeId;
          break;
        case 'resolved':
          status = 'resolved';
          break;
        case 'spam':
          spam = change.spam;
          break;
      }
      record(change, { kind: 'rule', ruleId: applied.ruleId, ruleName: applied.ruleName });
    }
  }

  suggestions = suggestions.filter((s) => !labels.includes(s.labelId));
  const thread = normalizeThread({ ...input.thread, labels, suggestions, priority, status, assigneeId, spam });
  return { message, thread, events };
}

/** The live label an id stands for, following merges; null when it was deleted or never existed. */
export function liveLabel(labels: ReadonlyMap<string, Label>, id: string): Label | null {
  let label = labels.get(id);
  for (let hops = 0; label && label.deletedAt !== undefined && hops < 10; hops++) {
    label = label.mergedInto ? labels.get(label.mergedInto) : undefined;
  }
  return label && label.deletedAt === undefined ? label : null;
}

async function hasOpenOrder(tx: SqlExecutor, contactId: string): Promise<boolean> {
  const rows = await tx.query(
    `SELECT 1 FROM orders WHERE contact_id = $1 AND status IN ('pending', 'paid', 'shipped') LIMIT 1`,
    [contactId],
  );
  return rows.length > 0;
}

const round = (p: number) => Math.round(p * 1000) / 1000;
