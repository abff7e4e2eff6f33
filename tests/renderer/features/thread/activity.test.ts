import { describe, expect, it } from 'vitest';
import type { ActivityCause, ActivityChange, Label } from '../../../../src/core';
import { translatorFor, type Language } from '../../../../src/renderer/i18n';
import { activityText, formatPercent } from '../../../../src/renderer/features/thread/activity';

const label = (id: string, name: string, over: Partial<Label> = {}): Label => ({
  id,
  name,
  color: 'red',
  description: '',
  createdAt: 1,
  updatedAt: 1,
  ...over,
});

const labels = new Map(
  [
    label('refund', 'Refund'),
    label('wholesale', 'Wholesale'),
    label('returns', 'Returns'),
    label('gone', 'Old refund', { deletedAt: 5, mergedInto: 'returns' }),
  ].map((l) => [l.id, l]),
);

function line(change: ActivityChange, cause: ActivityCause, language: Language = 'en'): string {
  const ctx = {
    t: translatorFor(language),
    language,
    labels,
    agent: { id: 'alice', name: 'Alice', role: 'agent' as const },
  };
  return activityText({ change, cause }, ctx);
}

// Intl puts a narrow no-break space before "%" in French.
const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('activity lines', () => {
  it('names the classifier with its confidence', () => {
    expect(
      line({ kind: 'label.added', labelId: 'refund' }, { kind: 'classifier', confidence: 0.92, messageId: 'm1' }),
    ).toBe('The classifier (92%) added Refund');
    expect(
      nbsp(
        line(
          { kind: 'label.added', labelId: 'refund' },
          { kind: 'classifier', confidence: 0.92, messageId: 'm1' },
          'fr',
        ),
      ),
    ).toBe('Le classifieur (92 %) a ajouté Refund');
  });

  it('tells an order’s change and whether the customer heard of it', () => {
    const order = (notified: 'text' | 'template' | 'none', reason: string | null = null): ActivityChange => ({
      kind: 'order',
      number: '1052',
      status: 'shipped',
      trackingUrl: null,
      notified,
      messageId: null,
      reason,
    });
    const shop: ActivityCause = { kind: 'shop', agentId: 'alice' };
    expect(line(order('text'), shop)).toBe('The shop marked order #1052 as shipped · the customer was told');
    expect(line(order('template'), shop)).toBe(
      'The shop marked order #1052 as shipped · the customer was told with an approved template',
    );
    expect(line(order('none', 'the 24-hour window is closed and no approved template is mapped'), shop, 'fr')).toBe(
      'La boutique a passé la commande n° 1052 en « expédiée » · le client n’a pas été prévenu : the 24-hour window is closed and no approved template is mapped',
    );
  });

  it('names a rule, in quotes', () => {
    const rule: ActivityCause = { kind: 'rule', ruleId: 'r1', ruleName: 'Wholesale' };
    expect(line({ kind: 'label.added', labelId: 'wholesale' }, rule)).toBe('Rule “Wholesale” added Wholesale');
    expect(line({ kind: 'priority', priority: 'urgent' }, { ...rule, ruleName: 'Angry' })).toBe(
      'Rule “Angry” set the priority to Urgent',
    );
    expect(line({ kind: 'resolved' }, rule, 'fr')).toBe('La règle « Wholesale » a résolu la conversation');
  });

  it('names the signed-in agent, and any other as "an agent"', () => {
    expect(line({ kind: 'label.removed', labelId: 'refund' }, { kind: 'agent', agentId: 'alice' })).toBe(
      'Alice removed Refund',
    );
    expect(line({ kind: 'spam', spam: true }, { kind: 'agent', agentId: 'bob' })).toBe(
      'An agent marked the conversation as spam',
    );
    expect(line({ kind: 'spam', spam: false }, { kind: 'agent', agentId: 'bob' }, 'fr')).toBe(
      'Un agent a marqué la conversation comme non indésirable',
    );
    expect(line({ kind: 'assigned', assigneeId: 'alice' }, { kind: 'agent', agentId: 'bob' })).toBe(
      'An agent assigned the conversation to Alice',
    );
  });

  it('says when a suggestion was accepted, and names deleted and merged labels from their row', () => {
    expect(
      line({ kind: 'label.added', labelId: 'refund' }, { kind: 'agent', agentId: 'alice', suggestion: 0.72 }),
    ).toBe('Alice added Refund (suggested at 72%)');
    expect(line({ kind: 'label.removed', labelId: 'gone' }, { kind: 'label', agentId: 'alice', op: 'merged' })).toBe(
      'Alice merged Old refund into Returns',
    );
    expect(line({ kind: 'label.removed', labelId: 'gone' }, { kind: 'label', agentId: 'alice', op: 'deleted' })).toBe(
      'Alice deleted the label Old refund',
    );
    expect(line({ kind: 'label.added', labelId: 'unknown' }, { kind: 'agent', agentId: 'alice' })).toBe(
      'Alice added a label',
    );
  });

  it('formats percentages per language', () => {
    expect(formatPercent('en', 0.725)).toBe('73%');
    expect(nbsp(formatPercent('fr', 0.5))).toBe('50 %');
  });
});
