import type { Channel } from '../model/channel';
import type { Locale } from '../model/contact';
import type { ThreadStatus } from '../model/thread';
import { fail, ok, type Result } from '../result';
import { foldText } from '../text/tokenize';
import { RuleDraftSchema, type RuleAction, type RuleCondition, type RuleDraft } from './schema';

/** What a rule's conditions read: one inbound customer message and its conversation, as of ingest. */
export interface RuleContext {
  text: string;
  channel: Channel;
  language: Locale;
  /** New: the customer's first conversation; returning: they wrote before. */
  customer: 'new' | 'returning';
  hasOpenOrder: boolean;
  /** The shop's business hours at the message's arrival. */
  insideHours: boolean;
  /** The conversation's status before this message (the message itself reopens a resolved one). */
  status: ThreadStatus;
  /** The conversation's labels, including the classifier's and those earlier rules just applied. */
  labels: readonly string[];
}

/** A validated rule with its conditions turned into one predicate. */
export interface CompiledRule {
  readonly rule: RuleDraft & { id: string };
  /** Whether the conditions hold. Never throws: a rule that fails to evaluate does not match. */
  test(ctx: RuleContext): boolean;
}

/** Ids that exist now: when given, a rule naming another label or agent is refused rather than silently inert. */
export interface KnownIds {
  labelIds?: ReadonlySet<string>;
  agentIds?: ReadonlySet<string>;
}

/** A customer message can be 100 KB; a rule's expression reads its beginning, where the request is anyway. */
export const REGEX_TEXT_LIMIT = 2_000;

type Predicate = (ctx: RuleContext) => boolean;

/**
 * Validates a rule (its shape, its expressions, the labels and agents it names, its actions' consistency) and
 * compiles it. Every refusal names the condition or action at fault, numbered from 1 as the editor shows them.
 */
export function compileRule(rule: RuleDraft, known: KnownIds = {}): Result<CompiledRule> {
  const parsed = RuleDraftSchema.safeParse(rule);
  if (!parsed.success) return fail(describeRuleIssues(parsed.error.issues));
  const draft = parsed.data;
  if (draft.id === undefined) return fail('a rule needs an id');

  const predicates: Predicate[] = [];
  for (const [i, condition] of draft.conditions.entries()) {
    const compiled = compileCondition(condition, known);
    if (!compiled.ok) return fail(`condition ${i + 1}: ${compiled.error}`);
    predicates.push(compiled.value);
  }
  const actionsError = checkActions(draft.actions, known);
  if (actionsError) return fail(actionsError);

  const matches: Predicate =
    draft.match === 'all' ? (ctx) => predicates.every((p) => p(ctx)) : (ctx) => predicates.some((p) => p(ctx));
  const compiled: CompiledRule = {
    rule: { ...draft, id: draft.id },
    test(ctx) {
      try {
        return matches(ctx);
      } catch {
        return false;
      }
    },
  };
  return ok(compiled);
}

/** Compiles a rule set in order; refuses the set when one rule is invalid or two share an id. */
export function compileRules(rules: readonly RuleDraft[], known: KnownIds = {}): Result<CompiledRule[]> {
  const compiled: CompiledRule[] = [];
  const ids = new Set<string>();
  for (const rule of rules) {
    const result = compileRule(rule, known);
    if (!result.ok) return fail(`rule "${rule.name}": ${result.error}`);
    const { id } = result.value.rule;
    if (ids.has(id)) return fail(`rule "${rule.name}": another rule has the id "${id}"`);
    ids.add(id);
    compiled.push(result.value);
  }
  return ok(compiled);
}

function compileCondition(condition: RuleCondition, known: KnownIds): Result<Predicate> {
  switch (condition.kind) {
    case 'text':
      return compileText(condition.words, condition.match);
    case 'regex':
      return compileRegex(condition.pattern);
    case 'channel': {
      const channels = new Set<Channel>(condition.channels);
      return ok((ctx) => channels.has(ctx.channel));
    }
    case 'language':
      return ok((ctx) => ctx.language === condition.language);
    case 'customer':
      return ok((ctx) => ctx.customer === condition.is);
    case 'openOrder':
      return ok((ctx) => ctx.hasOpenOrder === condition.has);
    case 'hours':
      return ok((ctx) => ctx.insideHours === (condition.when === 'inside'));
    case 'label': {
      if (known.labelIds && !known.labelIds.has(condition.labelId)) {
        return fail(`unknown label "${condition.labelId}"`);
      }
      return ok((ctx) => ctx.labels.includes(condition.labelId) === condition.has);
    }
    case 'status':
      return ok((ctx) => ctx.status === condition.status);
  }
}

// ---- Text -----------------------------------------------------------------------------------------------------

/**
 * Folded text with every run of non-letters/digits as one space, padded: `" gift wrap please "`. A word or phrase
 * matches only whole (`rembourse` does not match `remboursement`), and punctuation never matters: `gift wrap`
 * matches `Gift-wrap`, `adresse` matches `l'adresse`. Emoji count as words of their own.
 */
function matchableText(text: string): string {
  const spaced = foldText(text)
    .replace(/\p{Extended_Pictographic}/gu, ' $& ')
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic}]+/gu, ' ')
    .trim();
  return ` ${spaced} `;
}

// Every rule of a run reads the same message: fold it once.
let lastText: string | undefined;
let lastMatchable = '';
function cachedMatchable(text: string): string {
  if (text !== lastText) {
    lastMatchable = matchableText(text);
    lastText = text;
  }
  return lastMatchable;
}

function compileText(words: readonly string[], match: 'any' | 'all'): Result<Predicate> {
  const needles: string[] = [];
  for (const word of words) {
    const needle = matchableText(word);
    if (needle.trim() === '') return fail(`"${word}" has no letters or digits to look for`);
    needles.push(needle);
  }
  const found = (text: string) => (needle: string) => text.includes(needle);
  return ok(
    match === 'all'
      ? (ctx) => needles.every(found(cachedMatchable(ctx.text)))
      : (ctx) => needles.some(found(cachedMatchable(ctx.text))),
  );
}

// ---- Regular expressions -------------------------------------------------------------------------------------

function compileRegex(pattern: string): Result<Predicate> {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "Invalid regular expression: /(a/i: Unterminated group": the admin wants the last part.
    return fail(`the regular expression is invalid: ${message.split(': ').at(-1) ?? message}`);
  }
  const risk = backtrackingRisk(pattern);
  if (risk) return fail(`the regular expression may take too long on some messages (${risk})`);
  // No `g` flag: `test` keeps no lastIndex between messages.
  return ok((ctx) => regex.test(ctx.text.slice(0, REGEX_TEXT_LIMIT)));
}

/**
 * A rough reading of a (valid) pattern, enough to spot the shapes that backtrack exponentially in a backtracking
 * engine like V8's: a repetition whose iterations can split the same text in many ways. It errs on the side of
 * refusing: a rule author can always write a simpler expression.
 */
type Atom =
  | { kind: 'char'; source: string }
  | { kind: 'assertion' }
  | { kind: 'group'; alternatives: Item[][]; lookaround: boolean };
interface Item {
  atom: Atom;
  /** Repeated a variable number of times: `*`, `+`, `{n,}`, `{n,m}` with m > n. */
  repeats: boolean;
  /** May be skipped: `?`, `*`, `{0,...}`. */
  optional: boolean;
}

/** Why a pattern is likely to backtrack catastrophically, or null. */
export function backtrackingRisk(pattern: string): string | null {
  let alternatives: Item[][];
  try {
    alternatives = new PatternReader(pattern).alternatives(false);
  } catch {
    // The reader does not know some syntax V8 accepted: be safe.
    return 'an expression too complex to check';
  }
  return riskIn(alternatives);
}

function riskIn(alternatives: Item[][]): string | null {
  for (const sequence of alternatives) {
    for (const item of sequence) {
      if (item.atom.kind !== 'group') continue;
      const { alternatives: inner } = item.atom;
      if (item.repeats && inner.length > 1 && alternativesOverlap(inner)) return 'repeated overlapping alternatives';
      if (item.repeats && ambiguousIterations(inner)) return 'nested repetition';
      const risk = riskIn(inner);
      if (risk) return risk;
    }
  }
  return null;
}

/** `(a|ab)*`, `(.|x)+`, `(\w|\d)*`: two alternatives can start alike, so a repetition has many ways to split a text. */
function alternativesOverlap(alternatives: Item[][]): boolean {
  const starts = alternatives.map(firstCharsOfSequence);
  return starts.some((a, i) => starts.slice(i + 1).some((b) => anyOverlap(a, b)));
}

/**
 * `(a+)+`, `(.*)*`, `(\w+\s?)+`, `(x+x+)+`: inside a repeated group, an inner repetition can go on eating what
 * the rest of the group, or the group's next iteration, would start with. `(,\d+)*` and `(\d{1,3},)+` are fine:
 * the comma says where each iteration starts.
 */
function ambiguousIterations(body: Item[][]): boolean {
  const starts = body.flatMap(firstCharsOfSequence);
  for (const sequence of body) {
    const flat = inlineGroups(sequence);
    for (const [k, item] of flat.entries()) {
      if (!containsRepetition(item)) continue;
      // A repetition loops back to its own start; a group with one somewhere inside: any of its characters.
      const own = item.repeats ? firstCharsOf(item) : allCharsOf(item);
      if (anyOverlap(own, followingChars(flat, k + 1, starts))) return true;
    }
  }
  return false;
}

/** `(?:ab(c+))` inside a sequence reads as `a b c+`: plain groups are only brackets. */
function inlineGroups(sequence: Item[]): Item[] {
  return sequence.flatMap((item) =>
    item.atom.kind === 'group' &&
    !item.atom.lookaround &&
    item.atom.alternatives.length === 1 &&
    !item.repeats &&
    !item.optional
      ? inlineGroups(item.atom.alternatives[0]!)
      : [item],
  );
}

/** What can come after `flat[from - 1]` within an iteration, or at the start of the next one. */
function followingChars(flat: Item[], from: number, nextIteration: string[]): string[] {
  const chars: string[] = [];
  for (const item of flat.slice(from)) {
    chars.push(...firstCharsOf(item));
    if (!canBeEmpty(item)) return chars;
  }
  return [...chars, ...nextIteration];
}

function containsRepetition(item: Item): boolean {
  return (
    item.repeats || (item.atom.kind === 'group' && item.atom.alternatives.some((seq) => seq.some(containsRepetition)))
  );
}

function canBeEmpty(item: Item): boolean {
  const { atom } = item;
  if (item.optional || atom.kind === 'assertion') return true;
  return atom.kind === 'group' && (atom.lookaround || atom.alternatives.some((seq) => seq.every(canBeEmpty)));
}

/** The sources of the character atoms an item can start with. */
function firstCharsOf(item: Item): string[] {
  const { atom } = item;
  if (atom.kind === 'char') return [atom.source];
  if (atom.kind === 'group' && !atom.lookaround) return atom.alternatives.flatMap(firstCharsOfSequence);
  return [];
}

function firstCharsOfSequence(sequence: Item[]): string[] {
  const chars: string[] = [];
  for (const item of sequence) {
    chars.push(...firstCharsOf(item));
    if (!canBeEmpty(item)) break;
  }
  return chars;
}

function allCharsOf(item: Item): string[] {
  const { atom } = item;
  if (atom.kind === 'char') return [atom.source];
  if (atom.kind === 'group' && !atom.lookaround) return atom.alternatives.flat().flatMap(allCharsOf);
  return [];
}

function anyOverlap(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.some((y) => charsOverlap(x, y)));
}

/** Characters that stand for the common kinds: letters, accented letters, digits, spaces, punctuation. */
const SAMPLES = ['a', 'z', 'é', 'A', '0', '9', '_', ' ', '\n', '\t', '.', ',', '-', '!', '?', "'", '#', '@', '€', '😡'];

function charsOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    // The same flags as the rule's expression, so `\p{L}` means what it meant there.
    const matchA = new RegExp(`^(?:${a})$`, 'i');
    const matchB = new RegExp(`^(?:${b})$`, 'i');
    const samples = [...SAMPLES, literalOf(a), literalOf(b)].filter((c): c is string => c !== null);
    return samples.some((c) => matchA.test(c) && matchB.test(c));
  } catch {
    return true;
  }
}

/** The character a literal atom stands for (`a`, `\.`), or null for classes. */
function literalOf(source: string): string | null {
  if (!source.startsWith('\\')) return source === '.' || source.startsWith('[') ? null : source;
  return /^\\[^a-zA-Z0-9]$/.test(source) ? source.slice(1) : null;
}

class PatternReader {
  private at = 0;
  constructor(private readonly source: string) {}

  /** `a|b|c` up to the end, or to the `)` closing the current group. */
  alternatives(inGroup: boolean): Item[][] {
    const alternatives: Item[][] = [[]];
    while (this.at < this.source.length) {
      const c = this.source[this.at]!;
      if (c === ')') {
        if (!inGroup) throw new Error('unbalanced');
        return alternatives;
      }
      if (c === '|') {
        this.at++;
        alternatives.push([]);
        continue;
      }
      const atom = this.atom();
      alternatives.at(-1)!.push({ atom, ...this.quantifier() });
    }
    if (inGroup) throw new Error('unterminated group');
    return alternatives;
  }

  private atom(): Atom {
    const c = this.source[this.at]!;
    if (c === '(') {
      this.at++;
      let lookaround = false;
      if (this.source[this.at] === '?') {
        const head = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.source.slice(this.at));
        if (!head) throw new Error('unknown group');
        lookaround = /^\?(?:=|!|<=|<!)/.test(head[0]);
        this.at += head[0].length;
      }
      const alternatives = this.alternatives(true);
      this.at++; // ')'
      return { kind: 'group', alternatives, lookaround };
    }
    if (c === '^' || c === '$') {
      this.at++;
      return { kind: 'assertion' };
    }
    if (c === '[') {
      const end = this.classEnd();
      const source = this.source.slice(this.at, end);
      this.at = end;
      return { kind: 'char', source };
    }
    if (c === '\\') {
      const next = this.source[this.at + 1] ?? '';
      if (next === 'b' || next === 'B') {
        this.at += 2;
        return { kind: 'assertion' };
      }
      // A back-reference, \k<name>, \uXXXX, \xXX, \cX, \p{...}: take the whole escape.
      const escape =
        /^\\(?:\d+|k<[^>]*>|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|[pP]\{[^}]*\}|.)/s.exec(
          this.source.slice(this.at),
        );
      const source = escape?.[0] ?? '\\';
      this.at += source.length;
      // A back-reference repeats whatever its group matched: treat it as any character.
      return { kind: 'char', source: /^\\(?:[1-9]|k<)/.test(source) ? '.' : source };
    }
    this.at++;
    return { kind: 'char', source: c === '{' || c === '}' || c === ']' ? `\\${c}` : c };
  }

  /** The index just after the `]` closing the class starting here. */
  private classEnd(): number {
    let i = this.at + 1;
    if (this.source[i] === '^') i++;
    if (this.source[i] === ']') return i + 1; // `[]` matches nothing, `[^]` anything.
    for (; i < this.source.length; i++) {
      if (this.source[i] === '\\') i++;
      else if (this.source[i] === ']') return i + 1;
    }
    throw new Error('unterminated class');
  }

  /** Reads a quantifier if there is one. */
  private quantifier(): { repeats: boolean; optional: boolean } {
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(this.source.slice(this.at));
    if (!m) return { repeats: false, optional: false };
    this.at += m[0].length;
    if (m[1]) return { repeats: m[1] !== '?', optional: m[1] !== '+' };
    const min = Number(m[2]);
    const max = m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
    return { repeats: max > min, optional: min === 0 };
  }
}

// ---- Actions --------------------------------------------------------------------------------------------------

/**
 * Refuses actions that name unknown labels or agents, repeat themselves, or contradict each other (adding and
 * removing a label, two priorities, two assignees): the outcome would depend on their order, which the editor
 * does not make obvious.
 */
function checkActions(actions: readonly RuleAction[], known: KnownIds): string | null {
  const labels = new Map<string, { index: number; kind: 'addLabel' | 'removeLabel' }>();
  const once = new Map<string, number>();
  for (const [i, action] of actions.entries()) {
    const n = i + 1;
    switch (action.kind) {
      case 'addLabel':
      case 'removeLabel': {
        if (known.labelIds && !known.labelIds.has(action.labelId)) {
          return `action ${n}: unknown label "${action.labelId}"`;
        }
        const earlier = labels.get(action.labelId);
        if (earlier) {
          return earlier.kind === action.kind
            ? `action ${n}: repeats action ${earlier.index}`
            : `action ${n}: contradicts action ${earlier.index} (adds and removes the same label)`;
        }
        labels.set(action.labelId, { index: n, kind: action.kind });
        break;
      }
      case 'assign':
      case 'priority':
      case 'resolve':
      case 'spam': {
        if (action.kind === 'assign' && known.agentIds && !known.agentIds.has(action.agentId)) {
          return `action ${n}: unknown agent "${action.agentId}"`;
        }
        // One priority, one assignee...: a second one would only make the outcome depend on the order.
        const earlier = once.get(action.kind);
        if (earlier !== undefined) {
          const same = JSON.stringify(actions[earlier - 1]) === JSON.stringify(action);
          return same ? `action ${n}: repeats action ${earlier}` : `action ${n}: contradicts action ${earlier}`;
        }
        once.set(action.kind, n);
        break;
      }
    }
  }
  return null;
}

/** Zod's issues, with `conditions.1.pattern` said as the editor numbers it: `condition 2: ...`. */
function describeRuleIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues
    .slice(0, 3)
    .map(({ path, message }) => {
      const [list, index] = path;
      if ((list === 'conditions' || list === 'actions') && typeof index === 'number') {
        return `${list === 'conditions' ? 'condition' : 'action'} ${index + 1}: ${message}`;
      }
      return path.length ? `${path.map(String).join('.')}: ${message}` : message;
    })
    .join('; ');
}
