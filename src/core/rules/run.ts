import type { ActivityChange, Priority } from '../model/label';
import type { ThreadStatus } from '../model/thread';
import type { CompiledRule, RuleContext } from './compile';
import type { RuleAction } from './schema';

/** The sorting fields of a conversation that rules change. */
export interface SortState {
  labels: string[];
  priority: Priority;
  assigneeId: string | null;
  status: ThreadStatus;
  spam: boolean;
}

/** One change a rule made, for the conversation's history ("Rule « Refunds » added Refund"). */
export interface AppliedAction {
  ruleId: string;
  ruleName: string;
  change: ActivityChange;
}

/**
 * Runs the enabled rules in order on one inbound message. Each rule sees the labels as the rules before it left
 * them, so "if labelled Refund, assign to Anna" works after the rule that adds Refund. Only actual changes are
 * reported: adding a label the conversation already has is not history. Pure: the inputs are not mutated.
 */
export function runRules(
  rules: readonly CompiledRule[],
  ctx: RuleContext,
  state: SortState,
): { state: SortState; applied: AppliedAction[] } {
  let current: SortState = { ...state, labels: [...state.labels] };
  const applied: AppliedAction[] = [];
  for (const compiled of rules) {
    const { rule } = compiled;
    if (!rule.enabled) continue;
    if (!compiled.test({ ...ctx, labels: current.labels })) continue;
    for (const action of rule.actions) {
      const outcome = applyAction(current, action);
      if (!outcome) continue;
      current = outcome.state;
      applied.push({ ruleId: rule.id, ruleName: rule.name, change: outcome.change });
    }
  }
  return { state: current, applied };
}

/** The state after one action, or null when the action changes nothing. */
function applyAction(state: SortState, action: RuleAction): { state: SortState; change: ActivityChange } | null {
  switch (action.kind) {
    case 'addLabel':
      if (state.labels.includes(action.labelId)) return null;
      return {
        state: { ...state, labels: [...state.labels, action.labelId] },
        change: { kind: 'label.added', labelId: action.labelId },
      };
    case 'removeLabel':
      if (!state.labels.includes(action.labelId)) return null;
      return {
        state: { ...state, labels: state.labels.filter((id) => id !== action.labelId) },
        change: { kind: 'label.removed', labelId: action.labelId },
      };
    case 'priority':
      if (state.priority === action.priority) return null;
      return {
        state: { ...state, priority: action.priority },
        change: { kind: 'priority', priority: action.priority },
      };
    case 'assign':
      if (state.assigneeId === action.agentId) return null;
      return {
        state: { ...state, assigneeId: action.agentId },
        change: { kind: 'assigned', assigneeId: action.agentId },
      };
    case 'resolve':
      if (state.status === 'resolved') return null;
      return { state: { ...state, status: 'resolved' }, change: { kind: 'resolved' } };
    case 'spam':
      if (state.spam) return null;
      return { state: { ...state, spam: true }, change: { kind: 'spam', spam: true } };
  }
}
