import { foldText } from '../text';
import {
  AFTER_ORDER_NUMBER,
  FUZZY_CUES,
  FUZZY_DOCUMENTS,
  LINK_PUNCTUATION,
  LINK_WORDS,
  LIST_SEPARATORS,
  NOT_CUES,
  ORDER_CUES,
  OTHER_DOCUMENTS,
  QUANTITY_WORDS,
  VERB_MARKERS,
} from './cues';

/**
 * One order number found in a message. `start`/`end` are UTF-16 offsets of the span to show as a chip: the number,
 * with its leading `#` when there is one. `number` is the number itself, without `#`, letters uppercased.
 */
export interface OrderMention {
  number: string;
  start: number;
  end: number;
}

/**
 * A possible order number: an optional `#`, an optional short letter prefix (`A-`, `CMD`), then digits with optional
 * inner dashes (`2024-1042`). It must stand alone: not inside a word or a longer code such as a tracking number
 * (`1Z999AA1…`). `º` and `°` may touch it (`nº1042`).
 */
const CANDIDATE = /(?:(#\s?)|(?<!(?![º°])[\p{L}\p{N}_]))((?:[A-Za-z]{1,4}-?)?\d+(?:-\d+)*)(?![\p{L}\p{N}_])/gu;

/** A link word glued to the digits (`No1042`, `nr1042`, `ref1042`) is not part of the number. */
const GLUED_LINK = /^(?:no|nr|n|num|ref|id)(?=\d)/i;

/**
 * Words (letters, ending at `°`/`º`: `n°` then `WEB10195` in `N°WEB10195`), runs of digits, or any other single
 * non-space character.
 */
const TOKEN = /(?:(?!º)[\p{L}\p{M}])+[°º]?|\p{N}+|\S/gu;

interface Token {
  /** Folded (lowercase, no accents). */
  word: string;
  raw: string;
  start: number;
  end: number;
}

interface Candidate {
  hash: boolean;
  core: string;
  start: number;
  end: number;
  /** Index of the first token at or after the candidate (its `#` or its first character). */
  tokenIndex: number;
}

const MIN_LENGTH = 3;
const MAX_LENGTH = 20;
/** Numbers this long are rarely quantities, even after `to order`. */
const LONG_NUMBER = 5;
/** How many link words/punctuation may sit between a cue and its number. */
const MAX_LINKS = 4;

function tokensOf(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    tokens.push({ word: foldText(m[0]), raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** Damerau–Levenshtein distance of at most one (one insertion, deletion, substitution or adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** `commandé`, `commandée`: the past participle, a verb (`j'ai commandé 3 bougies`), even though it folds to a cue. */
function isParticiple(raw: string): boolean {
  return /[éÉ](?:e|es|s)?$/u.test(raw);
}

/** `invoice`, `bill`… and one-letter slips of the longer ones (`bil`, `ibll`, `invoce`): never an order cue. */
function isOtherDocument(token: Token): boolean {
  const w = token.word;
  if (OTHER_DOCUMENTS.has(w)) return true;
  return w.length >= 3 && !isOrderCue(token) && FUZZY_DOCUMENTS.some((d) => withinOneEdit(w, d));
}

function isOrderCue(token: Token): boolean {
  const w = token.word;
  if (NOT_CUES.has(w) || isParticiple(token.raw)) return false;
  if (ORDER_CUES.has(w)) return true;
  return w.length >= 4 && FUZZY_CUES.some((cue) => withinOneEdit(w, cue));
}

/** Rules out prices, decimals, times, dates, grouped numbers (phones, thousands) and percentages around a number. */
function looksLikeOtherNumber(text: string, c: Candidate): boolean {
  const before = text.slice(Math.max(0, c.start - 3), c.start);
  const after = text.slice(c.end, c.end + 3);
  if (/[+$€£¥/]\s?$/u.test(before)) return true;
  if (/\d[.,:]$/.test(before) || /^[.,:]\d/.test(after)) return true;
  if (/^\s?[/%€$£]/u.test(after)) return true;
  if (!c.hash && (/\d[ \u00a0.-]$/.test(before) || /^[ \u00a0.]\d/.test(after))) return true;
  const digits = c.core.replace(/\D/g, '');
  if (/^\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])$/.test(c.core)) return true;
  if (/^(?:0?[1-9]|[12]\d|3[01])-(?:0?[1-9]|1[0-2])-\d{2,4}$/.test(c.core)) return true;
  // A phone written in groups (06-12-34-56-78), a French national phone, or an international prefix (0033…).
  if (/^\d{1,4}(?:-\d{2,3}){3,}$/.test(c.core)) return true;
  if (!c.hash && (/^0[1-9]\d{8}$/.test(c.core) || /^00[1-9]\d{7,}$/.test(c.core))) return true;
  return digits.length < MIN_LENGTH;
}

function nextWord(tokens: readonly Token[], c: Candidate): Token | undefined {
  for (let i = c.tokenIndex; i < tokens.length; i++) if (tokens[i]!.start >= c.end) return tokens[i];
  return undefined;
}

type Link = { kind: 'cue'; cue: number } | { kind: 'other' } | { kind: 'none'; word: number };

/** Walks back from a candidate over link words to the word that decides what it is. */
function linkBefore(tokens: readonly Token[], c: Candidate): Link {
  let i = c.tokenIndex - 1;
  let links = 0;
  while (i >= 0 && links < MAX_LINKS) {
    const t = tokens[i]!;
    if (LINK_WORDS.has(t.word) || LINK_PUNCTUATION.has(t.raw) || t.raw === '#') {
      i--;
      links++;
      continue;
    }
    break;
  }
  if (i < 0) return { kind: 'none', word: -1 };
  const t = tokens[i]!;
  if (isOtherDocument(t)) return { kind: 'other' };
  if (isOrderCue(t)) return { kind: 'cue', cue: i };
  return { kind: 'none', word: i };
}

/** `to order 250 business cards`: the cue is a verb and the number a quantity. */
function isQuantityAfterVerb(tokens: readonly Token[], cue: number, c: Candidate): boolean {
  const previous = tokens[cue - 1];
  if (!previous || !VERB_MARKERS.has(previous.word)) return false;
  if (c.core.length >= LONG_NUMBER || /[A-Za-z]/.test(c.core)) return false;
  const next = nextWord(tokens, c);
  return next !== undefined && /^\p{L}/u.test(next.word) && !AFTER_ORDER_NUMBER.has(next.word);
}

/** True when only list separators stand between the previous accepted number and this one. */
function continuesList(tokens: readonly Token[], previous: Candidate | null, c: Candidate): boolean {
  if (!previous) return false;
  let count = 0;
  for (let i = c.tokenIndex - 1; i >= 0 && tokens[i]!.start >= previous.end; i--) {
    if (++count > 2 || !LIST_SEPARATORS.has(tokens[i]!.word)) return false;
  }
  return count > 0;
}

function accepts(text: string, tokens: readonly Token[], c: Candidate, previous: Candidate | null): boolean {
  if (c.core.length < MIN_LENGTH || c.core.length > MAX_LENGTH) return false;
  if (looksLikeOtherNumber(text, c)) return false;
  const next = nextWord(tokens, c);
  if (!c.hash && next && QUANTITY_WORDS.has(next.word)) return false;
  const link = linkBefore(tokens, c);
  if (link.kind === 'other') return false;
  if (c.hash) return true;
  if (link.kind === 'cue') return !isQuantityAfterVerb(tokens, link.cue, c);
  return continuesList(tokens, previous, c);
}

/**
 * Finds the order numbers a customer or agent mentions in a message, in French or English: `ma commande #1042`,
 * `commande n° 1055`, `order number: 1042`, `my order #A-10429`, `où en est la cde 1042 ?`, or a bare `#1042`.
 *
 * Precision comes first (a wrong chip is worse than a missing one), so a number counts only when it has a `#` or
 * follows an order word (`order`, `purchase`, `commande`, `cde`, `achat`, with a one-letter typo allowed for the
 * longer ones), possibly through `number`, `n°`, `id`, `:`…; a bare number without a cue is never reported.
 * Numbers after another document's word (invoice, bill, ticket, facture, refund, tracking…), prices, dates, times,
 * phones and quantities are left out. Every occurrence is returned, in text order, so each can become a chip; use
 * `distinctOrderNumbers` for the set of numbers.
 */
export function detectOrderNumbers(text: string): OrderMention[] {
  const tokens = tokensOf(text);
  const mentions: OrderMention[] = [];
  let previous: Candidate | null = null;
  let tokenIndex = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const hash = m[1] !== undefined;
    const glued = hash ? '' : (GLUED_LINK.exec(m[2]!)?.[0] ?? '');
    const start = m.index + glued.length;
    while (tokenIndex < tokens.length && tokens[tokenIndex]!.start < start) tokenIndex++;
    const c: Candidate = { hash, core: m[2]!.slice(glued.length), start, end: m.index + m[0].length, tokenIndex };
    if (accepts(text, tokens, c, previous)) {
      mentions.push({ number: c.core.toUpperCase(), start: c.start, end: c.end });
      previous = c;
    }
  }
  return mentions;
}

/** The distinct order numbers of a message, in order of first mention. */
export function distinctOrderNumbers(text: string): string[] {
  return [...new Set(detectOrderNumbers(text).map((m) => m.number))];
}
