import { describe, expect, it } from 'vitest';
import {
  backtrackingRisk,
  compileRule,
  compileRules,
  type CompiledRule,
  type RuleAction,
  type RuleCondition,
  type RuleContext,
  type RuleDraft,
} from '../../../src/core';

const CTX: RuleContext = {
  text: 'Bonjour, où est ma commande ?',
  channel: 'whatsapp',
  language: 'fr',
  customer: 'returning',
  hasOpenOrder: true,
  insideHours: true,
  status: 'open',
  labels: [],
};

function draft(conditions: RuleCondition[], overrides: Partial<RuleDraft> = {}): RuleDraft {
  return {
    id: 'r1',
    name: 'Test rule',
    enabled: true,
    match: 'all',
    conditions,
    actions: [{ kind: 'addLabel', labelId: 'lbl_refund' }],
    ...overrides,
  };
}

function compiled(conditions: RuleCondition[], overrides: Partial<RuleDraft> = {}): CompiledRule {
  const result = compileRule(draft(conditions, overrides));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function refusal(rule: RuleDraft, known?: Parameters<typeof compileRule>[1]): string {
  const result = compileRule(rule, known);
  if (result.ok) throw new Error('expected the rule to be refused');
  return result.error;
}

const withActions = (actions: RuleAction[]) => draft([{ kind: 'language', language: 'fr' }], { actions });

describe('text conditions', () => {
  const refund = compiled([{ kind: 'text', match: 'any', words: ['rembourse', 'refund'] }]);

  it('match whole words, accents and case folded', () => {
    expect(refund.test({ ...CTX, text: 'Je veux être REMBOURSÉ' })).toBe(true);
    expect(refund.test({ ...CTX, text: 'Refund please!' })).toBe(true);
    // A word inside a longer one is another word.
    expect(refund.test({ ...CTX, text: 'un remboursement svp' })).toBe(false);
    expect(refund.test({ ...CTX, text: 'refunded yesterday' })).toBe(false);
  });

  it('fold the rule words too: "Livraîson" finds "livraison"', () => {
    const delivery = compiled([{ kind: 'text', match: 'any', words: ['Livraîson'] }]);
    expect(delivery.test({ ...CTX, text: 'ma livraison est en retard' })).toBe(true);
    expect(delivery.test({ ...CTX, text: 'ma LIVRAISON' })).toBe(true);
    expect(delivery.test({ ...CTX, text: 'mes livraisons' })).toBe(false);
  });

  it('match phrases across punctuation, as whole phrases', () => {
    const wrap = compiled([{ kind: 'text', match: 'any', words: ['gift wrap'] }]);
    expect(wrap.test({ ...CTX, text: 'Gift-wrap please' })).toBe(true);
    expect(wrap.test({ ...CTX, text: 'a gift, wrap it' })).toBe(true);
    expect(wrap.test({ ...CTX, text: 'a wrap gift' })).toBe(false);
    expect(wrap.test({ ...CTX, text: 'gift wrapping' })).toBe(false);
    const elided = compiled([{ kind: 'text', match: 'any', words: ['adresse'] }]);
    expect(elided.test({ ...CTX, text: "changer l'adresse" })).toBe(true);
  });

  it('"REMBOURSEZ-MOI" matches the phrase "remboursez moi"', () => {
    const rule = compiled([{ kind: 'text', match: 'any', words: ['remboursez moi'] }]);
    expect(rule.test({ ...CTX, text: 'REMBOURSEZ-MOI !!!' })).toBe(true);
    expect(rule.test({ ...CTX, text: 'remboursez-le' })).toBe(false);
  });

  it('need every word with `all`, one with `any`', () => {
    const all = compiled([{ kind: 'text', match: 'all', words: ['colis', 'cassé'] }]);
    expect(all.test({ ...CTX, text: 'Mon colis est arrivé cassé' })).toBe(true);
    expect(all.test({ ...CTX, text: 'Mon colis est arrivé' })).toBe(false);
    const any = compiled([{ kind: 'text', match: 'any', words: ['colis', 'cassé'] }]);
    expect(any.test({ ...CTX, text: 'Mon colis est arrivé' })).toBe(true);
    expect(any.test({ ...CTX, text: 'Ma commande est arrivée' })).toBe(false);
  });

  it('find emoji as words', () => {
    const angry = compiled([{ kind: 'text', match: 'any', words: ['😡'] }]);
    expect(angry.test({ ...CTX, text: 'encore en retard😡😡' })).toBe(true);
    expect(angry.test({ ...CTX, text: 'encore en retard 🙂' })).toBe(false);
  });

  it('refuse a word with nothing to match', () => {
    expect(refusal(draft([{ kind: 'text', match: 'any', words: ['ok', '!!!'] }]))).toBe(
      'condition 1: "!!!" has no letters or digits to look for',
    );
  });
});

describe('regex conditions', () => {
  it('are case-insensitive', () => {
    const order = compiled([{ kind: 'regex', pattern: 'commande\\s*#?\\d{3,}' }]);
    expect(order.test({ ...CTX, text: 'COMMANDE #1042' })).toBe(true);
    expect(order.test({ ...CTX, text: 'commande 12' })).toBe(false);
  });

  it('read only the first 2,000 characters', () => {
    const rule = compiled([{ kind: 'regex', pattern: 'needle' }]);
    expect(rule.test({ ...CTX, text: `${'x'.repeat(1_990)} needle` })).toBe(true);
    expect(rule.test({ ...CTX, text: `${'x'.repeat(2_000)} needle` })).toBe(false);
  });

  it('refuse an invalid expression, saying which condition and why', () => {
    const rule = draft([
      { kind: 'language', language: 'fr' },
      { kind: 'regex', pattern: '(rembours' },
    ]);
    expect(refusal(rule)).toBe('condition 2: the regular expression is invalid: Unterminated group');
  });

  it.each(['(a+)+', '(a*)*', '(a|a)*', '(.*)*', '(\\w+\\s?)+$', '(a|aa)+', '(?:\\d+[.,]?)+', '((ab)*)+', '(a+){2,5}'])(
    'refuse %s, which may backtrack catastrophically',
    (pattern) => {
      expect(refusal(draft([{ kind: 'regex', pattern }]))).toMatch(
        /^condition 1: the regular expression may take too long on some messages \((nested repetition|repeated overlapping alternatives)\)$/,
      );
    },
  );

  it('names nested repetition as such', () => {
    expect(refusal(draft([{ kind: 'regex', pattern: '^(a+)+$' }]))).toBe(
      'condition 1: the regular expression may take too long on some messages (nested repetition)',
    );
  });

  it.each([
    '\\d+(,\\d+)*',
    '(\\d{1,3},)+',
    '(\\w+\\s)+',
    '(.|\\n)*',
    '(?:foo|bar)*',
    '[a-z]+@[a-z]+\\.(com|fr)',
    '\\(a+\\)+',
    '[(]a+[)]+',
    '^(\\d+)$',
  ])('accept %s, whose repetitions cannot split a text in many ways', (pattern) => {
    expect(backtrackingRisk(pattern)).toBeNull();
    expect(compileRule(draft([{ kind: 'regex', pattern }])).ok).toBe(true);
  });
});

describe('the other conditions', () => {
  it('channel', () => {
    const rule = compiled([{ kind: 'channel', channels: ['instagram', 'messenger'] }]);
    expect(rule.test({ ...CTX, channel: 'instagram' })).toBe(true);
    expect(rule.test({ ...CTX, channel: 'whatsapp' })).toBe(false);
  });

  it('language', () => {
    const rule = compiled([{ kind: 'language', language: 'en' }]);
    expect(rule.test({ ...CTX, language: 'en' })).toBe(true);
    expect(rule.test({ ...CTX, language: 'fr' })).toBe(false);
  });

  it('customer', () => {
    const rule = compiled([{ kind: 'customer', is: 'new' }]);
    expect(rule.test({ ...CTX, customer: 'new' })).toBe(true);
    expect(rule.test({ ...CTX, customer: 'returning' })).toBe(false);
  });

  it('open order', () => {
    const rule = compiled([{ kind: 'openOrder', has: false }]);
    expect(rule.test({ ...CTX, hasOpenOrder: false })).toBe(true);
    expect(rule.test({ ...CTX, hasOpenOrder: true })).toBe(false);
  });

  it('hours', () => {
    const outside = compiled([{ kind: 'hours', when: 'outside' }]);
    expect(outside.test({ ...CTX, insideHours: false })).toBe(true);
    expect(outside.test({ ...CTX, insideHours: true })).toBe(false);
    const inside = compiled([{ kind: 'hours', when: 'inside' }]);
    expect(inside.test({ ...CTX, insideHours: true })).toBe(true);
  });

  it('label, present or absent', () => {
    const has = compiled([{ kind: 'label', has: true, labelId: 'lbl_vip' }]);
    const lacks = compiled([{ kind: 'label', has: false, labelId: 'lbl_vip' }]);
    expect(has.test({ ...CTX, labels: ['lbl_a', 'lbl_vip'] })).toBe(true);
    expect(has.test({ ...CTX, labels: ['lbl_a'] })).toBe(false);
    expect(lacks.test({ ...CTX, labels: ['lbl_a'] })).toBe(true);
    expect(lacks.test({ ...CTX, labels: ['lbl_vip'] })).toBe(false);
  });

  it('status before the message', () => {
    const rule = compiled([{ kind: 'status', status: 'resolved' }]);
    expect(rule.test({ ...CTX, status: 'resolved' })).toBe(true);
    expect(rule.test({ ...CTX, status: 'open' })).toBe(false);
  });
});

describe('combining conditions', () => {
  const conditions: RuleCondition[] = [
    { kind: 'language', language: 'fr' },
    { kind: 'channel', channels: ['instagram'] },
  ];

  it('`all` needs every condition (AND)', () => {
    const rule = compiled(conditions, { match: 'all' });
    expect(rule.test({ ...CTX, language: 'fr', channel: 'instagram' })).toBe(true);
    expect(rule.test({ ...CTX, language: 'fr', channel: 'whatsapp' })).toBe(false);
    expect(rule.test({ ...CTX, language: 'en', channel: 'instagram' })).toBe(false);
  });

  it('`any` needs one (OR)', () => {
    const rule = compiled(conditions, { match: 'any' });
    expect(rule.test({ ...CTX, language: 'fr', channel: 'whatsapp' })).toBe(true);
    expect(rule.test({ ...CTX, language: 'en', channel: 'instagram' })).toBe(true);
    expect(rule.test({ ...CTX, language: 'en', channel: 'whatsapp' })).toBe(false);
  });
});

describe('test', () => {
  it('never throws: a condition that fails to evaluate does not match', () => {
    const rule = compiled([{ kind: 'regex', pattern: 'rembours' }]);
    const broken = { ...CTX, text: undefined as unknown as string };
    expect(() => rule.test(broken)).not.toThrow();
    expect(rule.test(broken)).toBe(false);
    const throwing = Object.defineProperty({ ...CTX }, 'text', {
      get() {
        throw new RangeError('Maximum call stack size exceeded');
      },
    });
    expect(rule.test(throwing)).toBe(false);
    const text = compiled([{ kind: 'text', match: 'any', words: ['x'] }]);
    expect(text.test({ ...CTX, labels: null as unknown as string[], text: null as unknown as string })).toBe(false);
  });
});

describe('validation', () => {
  it('needs an id', () => {
    expect(refusal(draft([{ kind: 'language', language: 'fr' }], { id: undefined }))).toBe('a rule needs an id');
  });

  it('reports shape errors by condition and action number', () => {
    expect(refusal(draft([{ kind: 'regex', pattern: '' }]))).toBe('condition 1: an empty expression');
    expect(
      refusal(
        withActions([
          { kind: 'addLabel', labelId: 'a' },
          { kind: 'assign', agentId: '' },
        ]),
      ),
    ).toMatch(/^action 2: /);
    expect(refusal(draft([], { name: '  ' }))).toMatch(/a rule needs a name/);
  });

  it('keeps the validated rule, words trimmed', () => {
    const rule = compiled([{ kind: 'text', match: 'any', words: ['  colis '] }], { name: ' Colis ' });
    expect(rule.rule.id).toBe('r1');
    expect(rule.rule.name).toBe('Colis');
    expect(rule.rule.conditions[0]).toEqual({ kind: 'text', match: 'any', words: ['colis'] });
  });

  it('refuses unknown labels and agents when it knows them', () => {
    const known = { labelIds: new Set(['lbl_refund', 'lbl_vip']), agentIds: new Set(['agt_anna']) };
    expect(compileRule(withActions([{ kind: 'addLabel', labelId: 'lbl_refund' }]), known).ok).toBe(true);
    expect(refusal(withActions([{ kind: 'removeLabel', labelId: 'lbl_gone' }]), known)).toBe(
      'action 1: unknown label "lbl_gone"',
    );
    expect(
      refusal(
        withActions([
          { kind: 'priority', priority: 'high' },
          { kind: 'assign', agentId: 'agt_bob' },
        ]),
        known,
      ),
    ).toBe('action 2: unknown agent "agt_bob"');
    const labelCondition = draft([
      { kind: 'language', language: 'fr' },
      { kind: 'label', has: true, labelId: 'lbl_gone' },
    ]);
    expect(refusal(labelCondition, known)).toBe('condition 2: unknown label "lbl_gone"');
    // Without the sets, any id goes (the gateway checks them when it saves).
    expect(compileRule(labelCondition).ok).toBe(true);
  });

  it('refuses contradictory and repeated actions', () => {
    expect(
      refusal(
        withActions([
          { kind: 'addLabel', labelId: 'lbl_a' },
          { kind: 'resolve' },
          { kind: 'removeLabel', labelId: 'lbl_a' },
        ]),
      ),
    ).toBe('action 3: contradicts action 1 (adds and removes the same label)');
    expect(
      refusal(
        withActions([
          { kind: 'addLabel', labelId: 'lbl_a' },
          { kind: 'addLabel', labelId: 'lbl_a' },
        ]),
      ),
    ).toBe('action 2: repeats action 1');
    expect(
      refusal(
        withActions([
          { kind: 'priority', priority: 'high' },
          { kind: 'priority', priority: 'low' },
        ]),
      ),
    ).toBe('action 2: contradicts action 1');
    expect(
      refusal(
        withActions([
          { kind: 'assign', agentId: 'a' },
          { kind: 'assign', agentId: 'b' },
        ]),
      ),
    ).toBe('action 2: contradicts action 1');
    expect(refusal(withActions([{ kind: 'spam' }, { kind: 'spam' }]))).toBe('action 2: repeats action 1');
    expect(
      compileRule(
        withActions([
          { kind: 'addLabel', labelId: 'lbl_a' },
          { kind: 'removeLabel', labelId: 'lbl_b' },
          { kind: 'priority', priority: 'urgent' },
          { kind: 'assign', agentId: 'a' },
          { kind: 'resolve' },
          { kind: 'spam' },
        ]),
      ).ok,
    ).toBe(true);
  });

  it('refuses a rule set where two rules share an id', () => {
    const a = draft([{ kind: 'language', language: 'fr' }], { name: 'A' });
    const b = draft([{ kind: 'language', language: 'en' }], { name: 'B' });
    expect(compileRules([a, b])).toEqual({ ok: false, error: 'rule "B": another rule has the id "r1"' });
    const set = compileRules([a, { ...b, id: 'r2' }]);
    expect(set.ok && set.value.map((r) => r.rule.id)).toEqual(['r1', 'r2']);
    expect(compileRules([a, { ...b, id: 'r2', conditions: [] }])).toEqual({
      ok: false,
      error: 'rule "B": conditions: at least one condition',
    });
  });
});
