import { isWordToken, tokenize } from '../text';

/** Which features a message is turned into; all of them are hashed into one space of `2 ** hashBits` slots. */
export interface FeatureOptions {
  hashBits: number;
  /** Word bigrams (with sentence start/end markers). */
  bigrams: boolean;
  /** Character n-gram lengths within word boundaries, e.g. [3, 5]; null for none. */
  charNgrams: [number, number] | null;
}

export const DEFAULT_FEATURES: FeatureOptions = { hashBits: 17, bigrams: true, charNgrams: [3, 5] };

/** A sparse feature vector: slot indices (may repeat) and their values, L2-normalised, plus a bias slot. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Final avalanche so the low bits (the ones the mask keeps) depend on every character. */
function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, with a namespace seed so words, bigrams and n-grams do not share slots by design. */
export function hashString(seed: number, text: string): number {
  let h = (FNV_OFFSET ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return finish(h);
}

const WORD = 1;
const BIGRAM = 2;
const NGRAM = 3;
/** Slot 0 is reserved for the bias; hashed features never land there. */
export const BIAS_SLOT = 0;

export function featurize(text: string, options: FeatureOptions): SparseVector {
  const mask = (1 << options.hashBits) - 1;
  const counts = new Map<number, number>();
  const add = (slot: number): void => {
    const s = slot & mask || 1;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  };
  const tokens = tokenize(text);
  for (const t of tokens) {
    add(hashString(WORD, t));
    if (options.charNgrams && isWordToken(t)) addCharNgrams(t, options.charNgrams[0], options.charNgrams[1], add);
  }
  if (options.bigrams) {
    let prev = '^';
    for (const t of tokens) {
      add(hashString(BIGRAM, `${prev} ${t}`));
      prev = t;
    }
    add(hashString(BIGRAM, `${prev} $`));
  }
  const n = counts.size + 1;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  let i = 0;
  for (const [slot, c] of counts) {
    indices[i] = slot;
    values[i] = c * scale;
    i++;
  }
  indices[i] = BIAS_SLOT;
  values[i] = 1;
  return { indices, values };
}

/**
 * The hashes of `charNgrams(word, min, max)` (same n-grams: `<word>` padded, lengths min..max), computed
 * incrementally from each start position without building the substrings: FNV-1a extends one character at a time.
 */
function addCharNgrams(word: string, min: number, max: number, add: (slot: number) => void): void {
  const len = word.length + 2;
  const code = (i: number): number => (i === 0 ? 60 : i === len - 1 ? 62 : word.charCodeAt(i - 1)); // '<' and '>'
  for (let start = 0; start + min <= len; start++) {
    let h = (FNV_OFFSET ^ NGRAM) >>> 0;
    for (let n = 1; n <= max && start + n <= len; n++) {
      h ^= code(start + n - 1);
      h = Math.imul(h, FNV_PRIME);
      if (n >= min) add(finish(h));
    }
  }
}
