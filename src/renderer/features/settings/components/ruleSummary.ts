import type { Agent, Label, RuleAction, RuleCondition, RuleDraft } from '../../../../core';
import type { Translate } from '../../../i18n';

export interface SummaryContext {
  t: Translate;
  labels: ReadonlyMap<string, Label>;
  agents: readonly Agent[];
}

function labelName(ctx: SummaryContext, id: string): string {
  const label = ctx.labels.get(id);
  return label && label.deletedAt === undefined ? `“${label.name}”` : ctx.t('rules.sum.unknownLabel');
}

export function conditionSummary(condition: RuleCondition, ctx: SummaryContext): string {
  const { t } = ctx;
  switch (condition.kind) {
    case 'text': {
      const words = condition.words.map((w) => `“${w}”`).join(' / ');
      return t(condition.match === 'all' ? 'rules.sum.text.all' : 'rules.sum.text.any', { words });
    }
    case 'regex':
      return t('rules.sum.regex', { pattern: condition.pattern });
    case 'channel':
      return t('rules.sum.channel', { channels: condition.channels.map((c) => t(`channel.${c}`)).join(', ') });
    case 'language':
      return t('rules.sum.language', { language: t(`rules.language.${condition.language}`) });
    case 'customer':
      return t(`rules.sum.customer.${condition.is}`);
    case 'openOrder':
      return t(condition.has ? 'rules.sum.openOrder.yes' : 'rules.sum.openOrder.no');
    case 'hours':
      return t(`rules.sum.hours.${condition.when}`);
    case 'label':
      return t(condition.has ? 'rules.sum.label.has' : 'rules.sum.label.lacks', {
        label: labelName(ctx, condition.labelId),
      });
    case 'status':
      return t('rules.sum.status', { status: t(`rules.status.${condition.status}`) });
  }
}

export function actionSummary(action: RuleAction, ctx: SummaryContext): string {
  const { t } = ctx;
  switch (action.kind) {
    case 'addLabel':
      return t('rules.sum.addLabel', { label: labelName(ctx, action.labelId) });
    case 'removeLabel':
      return t('rules.sum.removeLabel', { label: labelName(ctx, action.labelId) });
    case 'priority':
      return t('rules.sum.priority', { priority: t(`rules.priority.${action.priority}`) });
    case 'assign':
      return t('rules.sum.assign', { agent: ctx.agents.find((a) => a.id === action.agentId)?.name ?? action.agentId });
    case 'resolve':
      return t('rules.sum.resolve');
    case 'spam':
      return t('rules.sum.spam');
  }
}

/** One line: "If contains “refund” and on WhatsApp → add “Refunds”, priority High". */
export function ruleSummary(rule: RuleDraft, ctx: SummaryContext): string {
  const joiner = ` ${ctx.t(rule.match === 'all' ? 'rules.summary.and' : 'rules.summary.or')} `;
  return ctx.t('rules.summary', {
    conditions: rule.conditions.map((c) => conditionSummary(c, ctx)).join(joiner),
    actions: rule.actions.map((a) => actionSummary(a, ctx)).join(', '),
  });
}
