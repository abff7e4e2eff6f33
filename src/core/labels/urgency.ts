import { tokenize } from '../text/tokenize';

/**
 * A first guess at a message's priority from how it is written, in French and English: the customer says it is
 * urgent, threatens legal action or cries fraud, is angry, shouts, or the classifier read a complaint or a payment
 * problem. Cheap and explainable: each reason is shown to the agent next to the priority.
 */
export interface Urgency {
  priority: 'urgent' | 'high' | null;
  reasons: string[];
}

/** Phrases as folded token sequences (see `tokenize`: `d'urgence` → `urgence`, `remboursez-moi` → two tokens). */
const phrases = (...list: string[]) => list.map((p) => tokenize(p));

/** Saying it is urgent is enough for "urgent". */
const URGENCY = phrases(
  'urgent',
  'urgente',
  'urgently',
  'urgence',
  'emergency',
  'asap',
  'immédiatement',
  'immediately',
  'right now',
  'right away',
  'tout de suite',
  'au plus vite',
);

/** A lawyer or a fraud: the shop wants a person on it now. */
const THREAT = phrases(
  'avocat',
  'plainte',
  'arnaque',
  'arnaqué',
  'escroquerie',
  'fraude',
  'lawyer',
  'attorney',
  'legal action',
  'scam',
  'scammed',
  'fraud',
);

/** Anger: one signal however many of these words there are (piling them up is one mood, not two problems). */
const ANGER = phrases(
  'scandale',
  'scandaleux',
  'inadmissible',
  'honte',
  'honteux',
  'remboursez-moi',
  'plus jamais',
  'furious',
  'unacceptable',
  'outrageous',
  'disgusting',
  'ridiculous',
  'worst',
  'never again',
  'refund me',
);

/** Intents of the default model's dataset that usually need a quick answer. */
const ANGRY_FACES = /[\u{1F620}\u{1F621}\u{1F624}\u{1F92C}\u{1F47F}\u{1F4A2}]/u;

const PRESSING_INTENTS: Record<string, string> = { complaint: 'a complaint', payment_issue: 'a payment problem' };

/** "pas urgent", "not urgent", "sans urgence", "ce n'est pas très urgent". */
const NEGATIONS = new Set(['pas', 'not', 'no', 'non', 'sans', 'without', 'nothing', 'rien', 'isnt']);
const INTENSIFIERS = new Set(['tres', 'si', 'vraiment', 'super', 'very', 'so', 'that', 'really', 'too', 'trop']);

export function urgencyOf(text: string, intent?: string | null): Urgency {
  const tokens = tokenize(text);
  const reasons: string[] = [];
  let signals = 0;
  let pressing = false;

  const said = findAny(tokens, URGENCY);
  if (said) {
    pressing = true;
    reasons.push(`says it is urgent ("${said}")`);
  }
  const threat = findAny(tokens, THREAT);
  if (threat) {
    pressing = true;
    reasons.push(`mentions legal action or fraud ("${threat}")`);
  }
  const anger = findAny(tokens, ANGER);
  if (anger) {
    signals++;
    reasons.push(`angry words ("${anger}")`);
  }
  // Angry faces say what words sometimes don't ("C'est encore refusé 😤"); counted once with the angry words.
  const face = ANGRY_FACES.exec(text)?.[0];
  if (face && !anger) {
    signals++;
    reasons.push(`angry emoji (${face})`);
  }
  if (isShouting(text)) {
    signals++;
    reasons.push('written in capitals');
  }
  if ((text.match(/[!！]/g)?.length ?? 0) >= 3) {
    signals++;
    reasons.push('many exclamation marks');
  }
  const intentReason = intent ? PRESSING_INTENTS[intent] : undefined;
  if (intentReason) {
    signals++;
    reasons.push(`reads as ${intentReason}`);
  }

  const priority = pressing || signals >= 2 ? 'urgent' : signals === 1 ? 'high' : null;
  return { priority, reasons };
}

/** At least 12 letters, 70 % of them capitals: "REMBOURSEZ-MOI", not "OK" nor "SAV UPS". */
function isShouting(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const capitals = text.match(/\p{Lu}/gu)?.length ?? 0;
  return letters >= 12 && capitals >= 0.7 * letters;
}

/** The first phrase found (not negated) as it reads folded, or null. */
function findAny(tokens: readonly string[], list: readonly string[][]): string | null {
  for (const phrase of list) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, k) => tokens[i + k] === word) && !negated(tokens, i)) return phrase.join(' ');
    }
  }
  return null;
}

/** A negation just before, or before an intensifier: "pas urgent", "not very urgent", but not "no reply, urgent". */
function negated(tokens: readonly string[], at: number): boolean {
  const before = tokens[at - 1];
  if (before === undefined) return false;
  if (NEGATIONS.has(before)) return true;
  const twoBefore = tokens[at - 2];
  return INTENSIFIERS.has(before) && twoBefore !== undefined && NEGATIONS.has(twoBefore);
}
