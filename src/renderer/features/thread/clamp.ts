/** Above either budget a message is folded: a 100 KB paste must not turn the thread into one endless bubble. */
export const CLAMP_CHARS = 3000;
export const CLAMP_LINES = 40;
/** How much of a folded message shows before "Show more": a screenful, not the whole budget. */
export const PREVIEW_CHARS = 1200;
export const PREVIEW_LINES = 16;

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

/** Index of the `n`-th line break within the first `limit` characters, or -1. */
function nthLineBreak(text: string, n: number, limit: number): number {
  let lines = 0;
  for (let i = 0; i < Math.min(limit, text.length); i++) {
    if (text.charCodeAt(i) === 10 && ++lines >= n) return i;
  }
  return -1;
}

/** Folds long text to a preview, never cutting inside a surrogate pair (an emoji stays whole). */
export function clampText(text: string, limits: Partial<ClampLimits> = {}): ClampedText {
  const { maxChars, maxLines, keepChars, keepLines } = { ...DEFAULTS, ...limits };
  const tooLong = text.length > maxChars || nthLineBreak(text, maxLines, maxChars + 1) !== -1;
  if (!tooLong) return { shown: text, clamped: false };
  const lineCut = nthLineBreak(text, keepLines, keepChars);
  let cut = lineCut === -1 ? Math.min(keepChars, text.length) : lineCut;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return { shown: `${text.slice(0, cut).trimEnd()}…`, clamped: true };
}
