import { RuleDraftSchema, type RuleAction, type RuleCondition, type RuleDraft } from '../../../../core';

/**
 * The rule being edited. Rows may be incomplete (no word yet, no label chosen): the form holds them as typed,
 * and only a form that parses with RuleDraftSchema is previewed or saved. Each row keeps a key of its own, so
 * removing one does not shift the others' inputs.
 */
export interface Row<T> {
  key: number;
  value: T;
}

export interface RuleForm {
  id?: string;
  name: string;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: Array<Row<RuleCondition>>;
  actions: Array<Row<RuleAction>>;
}

export type ConditionKind = RuleCondition['kind'];
export type ActionKind = RuleAction['kind'];

export const CONDITION_KINDS: readonly ConditionKind[] = [
  'text',
  'regex',
  'channel',
  'language',
  'customer',
  'openOrder',
  'hours',
  'label',
  'status',
];
export const ACTION_KINDS: readonly ActionKind[] = ['addLabel', 'removeLabel', 'priority', 'assign', 'resolve', 'spam'];

/** What a new row starts with: the first label, the signed-in agent. */
export interface RowDefaults {
  labelId: string;
  agentId: string;
}

let lastKey = 0;
export function row<T>(value: T): Row<T> {
  lastKey += 1;
  return { key: lastKey, value };
}

export function defaultCondition(kind: ConditionKind, defaults: RowDefaults): RuleCondition {
  switch (kind) {
    case 'text':
      return { kind, match: 'any', words: [] };
    case 'regex':
      return { kind, pattern: '' };
    case 'channel':
      return { kind, channels: [] };
    case 'language':
      return { kind, language: 'fr' };
    case 'customer':
      return { kind, is: 'new' };
    case 'openOrder':
      return { kind, has: true };
    case 'hours':
      return { kind, when: 'outside' };
    case 'label':
      return { kind, has: true, labelId: defaults.labelId };
    case 'status':
      return { kind, status: 'open' };
  }
}

export function defaultAction(kind: ActionKind, defaults: RowDefaults): RuleAction {
  switch (kind) {
    case 'addLabel':
    case 'removeLabel':
      return { kind, labelId: defaults.labelId };
    case 'priority':
      return { kind, priority: 'high' };
    case 'assign':
      return { kind, agentId: defaults.agentId };
    case 'resolve':
    case 'spam':
      return { kind };
  }
}

export function formOf(rule: RuleDraft | null, defaults: RowDefaults): RuleForm {
  if (!rule) {
    return {
      name: '',
      enabled: true,
      match: 'all',
      conditions: [row(defaultCondition('text', defaults))],
      actions: [row(defaultAction('addLabel', defaults))],
    };
  }
  return {
    ...(rule.id ? { id: rule.id } : {}),
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions.map(row),
    actions: rule.actions.map(row),
  };
}

/** The form as a draft, or null while it is incomplete. */
export function parseForm(form: RuleForm): RuleDraft | null {
  const parsed = RuleDraftSchema.safeParse({
    ...(form.id ? { id: form.id } : {}),
    name: form.name,
    enabled: form.enabled,
    match: form.match,
    conditions: form.conditions.map((r) => r.value),
    actions: form.actions.map((r) => r.value),
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Why a pattern does not compile here (case-insensitively, as the gateway tests it), or null. Only a hint: the
 * gateway has the last word when the rule is saved.
 */
export function regexError(pattern: string): string | null {
  if (pattern === '') return null;
  try {
    new RegExp(pattern, 'i');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
