/**
 * Tokenization for short customer messages in French and English, shared by the label classifier and (later) search.
 * Pure: no I/O, no locale-dependent APIs beyond `String.prototype.normalize`.
 */

/** Placeholder for a reference to an order (`#1042`, Bitext's `{{Order Number}}`). */
export const ORDER_TOKEN = '<order>';
/** Placeholder for any other `{{...}}` template slot in training data (`{{Invoice Number}}`, `{{Person Name}}`). */
export const PLACEHOLDER_TOKEN = '<ph>';
/** Any other number (quantities, amounts, dates' parts). */
export const NUMBER_TOKEN = '<num>';

const COMBINING_MARKS = /\p{M}/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/** Lowercases and folds accents: `Élève Œuvre` → `eleve oeuvre`. Emoji are left alone (variation selectors go). */
export function foldText(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase();
}

/**
 * One pass over the folded text; the alternatives, in order: a `{{template slot}}`, an order reference `#123`,
 * a number (with decimal/thousand separators), a word (letters and digits, with inner apostrophes), an emoji
 * (with skin tones and zero-width-joiner sequences).
 */
const TOKEN_PATTERN =
  /(\{\{[^{}]*\}\})|(#\s?\d+)|(\d+(?:[.,]\d+)*)|([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)|(\p{Extended_Pictographic}\p{Emoji_Modifier}?(?:\u200d\p{Extended_Pictographic}\p{Emoji_Modifier}?)*)/gu;

/** French elided articles and pronouns: `l'adresse` → `adresse`, `qu'il` → `il`, `jusqu'à` → `a`. */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’](.+)$/;

function wordToken(raw: string): string {
  const elided = ELISION.exec(raw);
  const word = elided ? (elided[1] ?? raw) : raw;
  // English contractions keep their letters: don't → dont, i'm → im.
  return word.replace(/['’]/g, '');
}

/** Word-level tokens: folded words, `<order>`, `<ph>`, `<num>`, emoji. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const m of foldText(text).matchAll(TOKEN_PATTERN)) {
    if (m[1] !== undefined) {
      tokens.push(/^\{\{\s*order\s*(?:number|id)?\s*\}\}$/.test(m[1]) ? ORDER_TOKEN : PLACEHOLDER_TOKEN);
    } else if (m[2] !== undefined) {
      tokens.push(ORDER_TOKEN);
    } else if (m[3] !== undefined) {
      tokens.push(NUMBER_TOKEN);
    } else if (m[4] !== undefined) {
      const word = wordToken(m[4]);
      tokens.push(/^\d+$/.test(word) ? NUMBER_TOKEN : word);
    } else if (m[5] !== undefined) {
      tokens.push(m[5]);
    }
  }
  return tokens;
}

/** True for tokens made of letters/digits (the ones character n-grams are taken from). */
export function isWordToken(token: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(token) && !/^\d+$/.test(token);
}

/**
 * Character n-grams of one word, within its boundaries (`<` and `>` mark the start and end):
 * `charNgrams('prix', 3, 4)` → `<pr`, `pri`, `rix`, `ix>`, `<pri`, `prix`, `rix>`.
 */
export function charNgrams(word: string, min: number, max: number): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) grams.push(padded.slice(i, i + n));
  }
  return grams;
}
