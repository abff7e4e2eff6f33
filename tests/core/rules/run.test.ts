import { describe, expect, it } from 'vitest';
import {
  compileRule,
  runRules,
  type CompiledRule,
  type RuleAction,
  type RuleCondition,
  type RuleContext,
  type SortState,
} from '../../../src/core';

const CTX: RuleContext = {
  text: 'Je veux être remboursé',
  channel: 'instagram',
  language: 'fr',
  customer: 'returning',
  hasOpenOrder: true,
  insideHours: false,
  status: 'open',
  labels: ['lbl_classifier'],
};

const STATE: SortState = {
  labels: ['lbl_classifier'],
  priority: 'normal',
  assigneeId: null,
  status: 'open',
  spam: false,
};

let next = 0;
function rule(conditions: RuleCondition[], actions: RuleAction[], options: { enabled?: boolean } = {}): CompiledRule {
  next++;
  const result = compileRule({
    id: `r${next}`,
    name: `Rule ${next}`,
    enabled: options.enabled ?? true,
    match: 'all',
    conditions,
    actions,
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

const always: RuleCondition = { kind: 'language', language: 'fr' };
const never: RuleCondition = { kind: 'language', language: 'en' };

describe('runRules', () => {
  it('applies each action kind and reports each change with its rule', () => {
    const r = rule(
      [always],
      [
        { kind: 'addLabel', labelId: 'lbl_refund' },
        { kind: 'removeLabel', labelId: 'lbl_classifier' },
        { kind: 'priority', priority: 'high' },
        { kind: 'assign', agentId: 'agt_anna' },
        { kind: 'resolve' },
        { kind: 'spam' },
      ],
    );
    const { state, applied } = runRules([r], CTX, STATE);
    expect(state).toEqual({
      labels: ['lbl_refund'],
      priority: 'high',
      assigneeId: 'agt_anna',
      status: 'resolved',
      spam: true,
    });
    expect(applied).toEqual(
      [
        { kind: 'label.added', labelId: 'lbl_refund' },
        { kind: 'label.removed', labelId: 'lbl_classifier' },
        { kind: 'priority', priority: 'high' },
        { kind: 'assigned', assigneeId: 'agt_anna' },
        { kind: 'resolved' },
        { kind: 'spam', spam: true },
      ].map((change) => ({ ruleId: r.rule.id, ruleName: r.rule.name, change })),
    );
  });

  it('does not report actions that change nothing', () => {
    const r = rule(
      [always],
      [
        { kind: 'addLabel', labelId: 'lbl_classifier' },
        { kind: 'removeLabel', labelId: 'lbl_absent' },
        { kind: 'priority', priority: 'urgent' },
        { kind: 'assign', agentId: 'agt_anna' },
        { kind: 'resolve' },
        { kind: 'spam' },
      ],
    );
    const already: SortState = { ...STATE, priority: 'urgent', assigneeId: 'agt_anna', status: 'resolved', spam: true };
    const { state, applied } = runRules([r], CTX, already);
    expect(applied).toEqual([]);
    expect(state).toEqual(already);
  });

  it('skips disabled rules and rules whose conditions do not hold', () => {
    const disabled = rule([always], [{ kind: 'addLabel', labelId: 'lbl_a' }], { enabled: false });
    const unmatched = rule([never], [{ kind: 'addLabel', labelId: 'lbl_b' }]);
    const matched = rule([always], [{ kind: 'addLabel', labelId: 'lbl_c' }]);
    const { state, applied } = runRules([disabled, unmatched, matched], CTX, STATE);
    expect(state.labels).toEqual(['lbl_classifier', 'lbl_c']);
    expect(applied.map((a) => a.ruleId)).toEqual([matched.rule.id]);
  });

  it('lets a rule see the labels earlier rules added or removed, in order', () => {
    const addRefund = rule([always], [{ kind: 'addLabel', labelId: 'lbl_refund' }]);
    const assignRefunds = rule(
      [{ kind: 'label', has: true, labelId: 'lbl_refund' }],
      [{ kind: 'assign', agentId: 'agt_anna' }],
    );
    const dropClassifier = rule([always], [{ kind: 'removeLabel', labelId: 'lbl_classifier' }]);
    const ifClassifier = rule([{ kind: 'label', has: true, labelId: 'lbl_classifier' }], [{ kind: 'spam' }]);

    const forward = runRules([addRefund, assignRefunds, dropClassifier, ifClassifier], CTX, STATE);
    expect(forward.state.assigneeId).toBe('agt_anna');
    expect(forward.state.spam).toBe(false);

    // In the other order, the assignment runs before the label exists.
    const backward = runRules([assignRefunds, addRefund], CTX, STATE);
    expect(backward.state.assigneeId).toBeNull();
    expect(backward.state.labels).toEqual(['lbl_classifier', 'lbl_refund']);
  });

  it('reads the state labels rather than the context ones', () => {
    const ifVip = rule([{ kind: 'label', has: true, labelId: 'lbl_vip' }], [{ kind: 'priority', priority: 'high' }]);
    const { state } = runRules([ifVip], { ...CTX, labels: ['lbl_vip'] }, STATE);
    expect(state.priority).toBe('normal');
  });

  it('reports a later rule undoing an earlier one, both in history', () => {
    const add = rule([always], [{ kind: 'addLabel', labelId: 'lbl_a' }]);
    const remove = rule([always], [{ kind: 'removeLabel', labelId: 'lbl_a' }]);
    const { state, applied } = runRules([add, remove], CTX, STATE);
    expect(state.labels).toEqual(['lbl_classifier']);
    expect(applied.map((a) => a.change.kind)).toEqual(['label.added', 'label.removed']);
  });

  it('does not mutate its inputs', () => {
    const state: SortState = { ...STATE, labels: ['lbl_classifier'] };
    const ctx: RuleContext = { ...CTX, labels: ['lbl_classifier'] };
    const frozen = JSON.stringify({ state, ctx });
    const r = rule(
      [always],
      [
        { kind: 'addLabel', labelId: 'lbl_x' },
        { kind: 'removeLabel', labelId: 'lbl_classifier' },
        { kind: 'priority', priority: 'low' },
      ],
    );
    const result = runRules([r], ctx, state);
    expect(JSON.stringify({ state, ctx })).toBe(frozen);
    expect(result.state.labels).not.toBe(state.labels);
    expect(result.state).toMatchObject({ labels: ['lbl_x'], priority: 'low' });
  });

  it('keeps going past a rule that cannot evaluate', () => {
    const regex = rule([{ kind: 'regex', pattern: 'rembours' }], [{ kind: 'addLabel', labelId: 'lbl_a' }]);
    const plain = rule([always], [{ kind: 'addLabel', labelId: 'lbl_b' }]);
    const { state } = runRules([regex, plain], { ...CTX, text: undefined as unknown as string }, STATE);
    expect(state.labels).toEqual(['lbl_classifier', 'lbl_b']);
  });

  it('with no rules, returns the state unchanged', () => {
    expect(runRules([], CTX, STATE)).toEqual({ state: STATE, applied: [] });
  });
});
