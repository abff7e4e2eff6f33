import type { ActivityCause, ActivityRow, Agent, Label } from '../../../core';
import type { Language, Translate } from '../../i18n';

/** A classifier's confidence as a percentage in the agent's language ("92%", "92 %"). */
export function formatPercent(language: Language, confidence: number): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(confidence);
}

export interface ActivityContext {
  t: Translate;
  language: Language;
  /** Every label row, deleted ones included: history names a label even after it is gone. */
  labels: ReadonlyMap<string, Label>;
  /** The signed-in agent: the only teammate whose name the replica knows. */
  agent: Agent | null;
}

function agentName(agentId: string, ctx: ActivityContext): string {
  return ctx.agent && ctx.agent.id === agentId ? ctx.agent.name : ctx.t('thread.activity.anAgent');
}

function actorOf(cause: ActivityCause, ctx: ActivityContext): string {
  switch (cause.kind) {
    case 'agent':
    case 'label':
      return agentName(cause.agentId, ctx);
    case 'rule':
      return ctx.t('thread.activity.rule', { name: cause.ruleName });
    case 'classifier':
      return ctx.t('thread.activity.classifier', { percent: formatPercent(ctx.language, cause.confidence) });
    case 'urgency':
      return ctx.t('thread.activity.urgency');
    case 'shop':
      return ctx.t('thread.activity.shop');
  }
  // A cause this build does not know yet (a newer gateway).
  return ctx.t('thread.activity.anAgent');
}

function labelName(labelId: string, ctx: ActivityContext): string {
  return ctx.labels.get(labelId)?.name ?? ctx.t('thread.activity.unknownLabel');
}

const capitalized = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** One line of a conversation's history, e.g. "Rule “Angry” set the priority to Urgent". */
export function activityText(row: Pick<ActivityRow, 'change' | 'cause'>, ctx: ActivityContext): string {
  const { t } = ctx;
  const { change, cause } = row;
  const actor = actorOf(cause, ctx);
  let text: string;
  switch (change.kind) {
    case 'label.added': {
      const label = labelName(change.labelId, ctx);
      if (cause.kind === 'agent' && cause.suggestion !== undefined) {
        text = t('thread.activity.suggestionAccepted', {
          actor,
          label,
          percent: formatPercent(ctx.language, cause.suggestion),
        });
      } else if (cause.kind === 'label' && cause.op === 'merged') {
        text = t('thread.activity.labelMergedAdded', { actor, label });
      } else {
        text = t('thread.activity.labelAdded', { actor, label });
      }
      break;
    }
    case 'label.removed': {
      const label = labelName(change.labelId, ctx);
      if (cause.kind === 'label' && cause.op === 'deleted') {
        text = t('thread.activity.labelDeleted', { actor, label });
      } else if (cause.kind === 'label' && cause.op === 'merged') {
        const into = ctx.labels.get(change.labelId)?.mergedInto;
        text = t('thread.activity.labelMerged', {
          actor,
          label,
          into: into ? labelName(into, ctx) : t('thread.activity.unknownLabel'),
        });
      } else {
        text = t('thread.activity.labelRemoved', { actor, label });
      }
      break;
    }
    case 'priority':
      text = t('thread.activity.priority', { actor, priority: t(`thread.priority.${change.priority}`) });
      break;
    case 'assigned':
      text =
        change.assigneeId === null
          ? t('thread.activity.unassigned', { actor })
          : t('thread.activity.assigned', { actor, assignee: agentName(change.assigneeId, ctx) });
      break;
    case 'resolved':
      text = t('thread.activity.resolved', { actor });
      break;
    case 'spam':
      text = change.spam ? t('thread.activity.spam', { actor }) : t('thread.activity.notSpam', { actor });
      break;
    case 'order': {
      const moved = t('thread.activity.order', {
        actor,
        number: change.number,
        status: t(`orders.status.${change.status}`).toLocaleLowerCase(ctx.language),
      });
      const told =
        change.notified === 'none'
          ? t('thread.activity.orderNotTold', { reason: change.reason ?? '' })
          : t(change.notified === 'text' ? 'thread.activity.orderTold' : 'thread.activity.orderToldTemplate');
      text = `${moved} · ${told}`;
      break;
    }
  }
  return capitalized(text);
}
