import Fuse from 'fuse.js';
import { foldText } from '../text/tokenize';
import type { QuickReply } from './model';

/**
 * The quick-reply picker's search: `/liv` finds the reply whose shortcut starts with "liv" first, then replies
 * whose title, then whose text, reads like the query (typos, accents and case forgiven: "remboursment" finds
 * "Remboursement"). An empty query lists the agent's most used replies first.
 *
 * fuse.js scores every item it is given, which over 2,000 replies costs 30–100 ms a keystroke here; so a word
 * index first narrows the replies to those holding a word that starts like, or is one or two typos from, each
 * query word, and fuse.js ranks only that bounded set.
 */
export interface QuickReplySearch {
  search(query: string, limit?: number): QuickReply[];
}

interface Entry {
  reply: QuickReply;
  shortcut: string;
  title: string;
  /** The variants' opening text, folded: where a reply says what it is about. */
  body: string;
}

/** Fuzzy ranking reads this much of each reply's text. */
const BODY_CHARS = 200;
/** At most this many candidates go to fuse.js. */
const MAX_CANDIDATES = 150;

const words = (folded: string): string[] => folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);

export function createQuickReplySearch(replies: readonly QuickReply[], agentId: string | null): QuickReplySearch {
  const entries: Entry[] = replies
    .filter((r) => r.deletedAt === undefined)
    .map((reply) => ({
      reply,
      shortcut: reply.shortcut.toLowerCase(),
      title: foldText(reply.title),
      body: foldText(reply.variants.map((v) => v.body.slice(0, BODY_CHARS)).join('\n')),
    }));
  const used = (r: QuickReply) => (agentId ? r.usage[agentId] : undefined);
  const byUse = (a: Entry, b: Entry) =>
    (used(b.reply)?.count ?? 0) - (used(a.reply)?.count ?? 0) ||
    (used(b.reply)?.lastUsedAt ?? 0) - (used(a.reply)?.lastUsedAt ?? 0) ||
    a.title.localeCompare(b.title);
  const mostUsed = [...entries].sort(byUse);

  // word → the entries holding it (shortcut, title or opening text); built once per list of replies.
  const postings = new Map<string, number[]>();
  entries.forEach((e, i) => {
    for (const w of new Set([...words(e.shortcut), ...words(e.title), ...words(e.body)])) {
      const list = postings.get(w);
      if (list) list.push(i);
      else postings.set(w, [i]);
    }
  });
  const vocabulary = [...postings.keys()];

  /** Entries holding a word that starts with `w`, or is within the typos its length allows. */
  const entriesFor = (w: string): Set<number> => {
    const found = new Set<number>();
    const typos = w.length >= 8 ? 2 : w.length >= 4 ? 1 : 0;
    for (const token of vocabulary) {
      const hit =
        token.startsWith(w) ||
        (typos > 0 &&
          (withinDistance(w, token, typos) ||
            // Still typing: compare with the start of the word.
            (token.length > w.length && withinDistance(w, token.slice(0, w.length), typos))));
      if (hit) for (const i of postings.get(token)!) found.add(i);
    }
    return found;
  };

  return {
    search(query, limit = 50) {
      const q = foldText(query.trim());
      if (q === '') return mostUsed.slice(0, limit).map((e) => e.reply);
      const prefixed = entries
        .filter((e) => e.shortcut.startsWith(q))
        .sort((a, b) => a.shortcut.length - b.shortcut.length || byUse(a, b));
      const taken = new Set(prefixed.map((e) => e.reply.id));

      // Candidates: entries matching every query word (or, when none does, any of them).
      const sets = words(q).map(entriesFor);
      let candidates = sets.length === 0 ? [] : [...sets.reduce((a, b) => new Set([...a].filter((i) => b.has(i))))];
      if (candidates.length === 0 && sets.length > 1) candidates = [...new Set(sets.flatMap((s) => [...s]))];
      const pool = candidates
        .map((i) => entries[i]!)
        .filter((e) => !taken.has(e.reply.id))
        .sort((a, b) => Number(b.title.includes(q)) - Number(a.title.includes(q)) || byUse(a, b))
        .slice(0, MAX_CANDIDATES);

      const ranked = new Fuse(pool, {
        keys: [
          { name: 'title', weight: 0.6 },
          { name: 'shortcut', weight: 0.25 },
          { name: 'body', weight: 0.15 },
        ],
        threshold: 0.45,
        ignoreLocation: true,
      })
        .search(q)
        .map((r) => r.item);
      // What the word index found but fuse.js scored past its threshold still comes, after.
      const rankedIds = new Set(ranked.map((e) => e.reply.id));
      const rest = pool.filter((e) => !rankedIds.has(e.reply.id));
      return [...prefixed, ...ranked, ...rest].slice(0, limit).map((e) => e.reply);
    },
  };
}

/** True when the edit distance (insertions, deletions, substitutions, swaps) between a and b is at most `max`. */
export function withinDistance(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  // One row band of the Damerau–Levenshtein table, with an early exit when a row exceeds `max`.
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return false;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]! <= max;
}
