/** Above either budget a message is folded: a 100 KB paste must not turn the thread into one endless bubble. */
export const CLAMP_CHARS = 3000;
export const CLAMP_LINES = 40;
/** How much of a folded message shows before "Show more": a screenful, not the whole budget. */
export const PREVIEW_CHARS = 1200;
export const PREVIEW_LINES = 16;
/**
 * Longest run without a break opportunity handed to the browser as one piece. Chromium lays out a 100 KB run
 * without spaces under `overflow-wrap: anywhere` in quadratic time (14 s for 100 K letters); pieces this long
 * with a `<wbr>` between them wrap the same and lay out in milliseconds.
 */
export const MAX_RUN = 64;

export interface ClampedText {
  shown: string;
  clamped: boolean;
}

export interface ClampLimits {
  maxChars: number;
  maxLines: number;
  keepChars: number;
  keepLines: number;
}

const DEFAULTS: ClampLimits = {
  maxChars: CLAMP_CHARS,
  maxLines: CLAMP_LINES,
  keepChars: PREVIEW_CHARS,
  keepLines: PREVIEW_LINES,
};

/** Zero-width spaces, joiners and BOMs take no room on screen, so they count for nothing in a budget. */
export function isInvisible(code: number): boolean {
  return (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

interface Scan {
  /** Visible characters in the whole text (up to `stopAt`). */
  visible: number;
  /** Line breaks seen (up to `stopAt`). */
  lines: number;
  /** Index right after the `keepChars`-th visible character or before the `keepLines`-th line break. */
  cut: number;
}

/** One pass over the text, counting only what shows; stops early once it is known to be over budget. */
function scan(text: string, limits: ClampLimits): Scan {
  let visible = 0;
  let lines = 0;
  let cut = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      lines++;
      if (cut === -1 && lines >= limits.keepLines) cut = i;
    } else if (!isInvisible(code)) {
      visible++;
      if (cut === -1 && visible > limits.keepChars) cut = i;
    }
    if (visible > limits.maxChars || lines >= limits.maxLines) return { visible, lines, cut };
  }
  return { visible, lines, cut };
}

/** Folds long text to a preview, never cutting inside a surrogate pair (an emoji stays whole). */
export function clampText(text: string, limits: Partial<ClampLimits> = {}): ClampedText {
  const all = { ...DEFAULTS, ...limits };
  const { visible, lines, cut: found } = scan(text, all);
  if (visible <= all.maxChars && lines < all.maxLines) return { shown: text, clamped: false };
  let cut = found === -1 ? text.length : found;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return { shown: `${text.slice(0, cut).trimEnd()}…`, clamped: true };
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13 || code === 0x200b;

export interface TextRun {
  text: string;
  /** A run of more than `MAX_RUN` characters without a space: the caller lets it break between any letters. */
  long: boolean;
}

/**
 * Splits text into ordinary stretches and very long unbroken runs (a pasted hash, a 100 KB word). Joining the
 * runs gives back the text exactly, so copy and paste are unchanged.
 */
export function splitLongRuns(text: string, maxRun = MAX_RUN): TextRun[] {
  const runs: TextRun[] = [];
  let plainStart = 0;
  let wordStart = 0;
  const flushWord = (end: number) => {
    if (end - wordStart <= maxRun) return;
    if (wordStart > plainStart) runs.push({ text: text.slice(plainStart, wordStart), long: false });
    runs.push({ text: text.slice(wordStart, end), long: true });
    plainStart = end;
  };
  for (let i = 0; i < text.length; i++) {
    if (!isSpace(text.charCodeAt(i))) continue;
    flushWord(i);
    wordStart = i + 1;
  }
  flushWord(text.length);
  if (plainStart < text.length || runs.length === 0) runs.push({ text: text.slice(plainStart), long: false });
  return runs;
}

/**
 * Cuts a long run into pieces of at most `size` characters, never inside a surrogate pair or before a combining
 * mark or joiner. Chromium lays out many short pieces in milliseconds where one 100 KB piece takes seconds.
 */
export function chunkRun(run: string, size = MAX_RUN): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (run.length - start > size) {
    let cut = start + size;
    while (cut > start + 1 && !canBreakBefore(run, cut)) cut--;
    pieces.push(run.slice(start, cut));
    start = cut;
  }
  pieces.push(run.slice(start));
  return pieces;
}

/** Not inside a surrogate pair, not before a combining mark, joiner or variation selector. */
function canBreakBefore(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xdc00 && code <= 0xdfff) return false;
  if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f)) return false;
  if (text.charCodeAt(i - 1) === 0x200d) return false;
  return !/\p{M}/u.test(text[i] ?? '');
}
