// Section 5 of `npm run bench`: the quick-reply picker's filtering, keystroke by keystroke, over 2,000 replies.
// The search is the core's (src/core/templates/search.ts), the same code the composer runs.
import { createQuickReplySearch, mulberry32, type QuickReply } from '../../src/core';
import { summarize, type Latency } from './webhooks/stats';

const WORDS = `livraison commande colis retour remboursement paiement facture adresse cadeau emballage stock délai suivi
  annulation échange taille couleur bougie vase mug assiette lin coton délais express relais point magasin horaires
  delivery order parcel return refund payment invoice address gift wrap stock tracking cancel exchange size colour
  candle vase plate linen cotton express pickup store hours bonjour merci hello thanks`.split(/\s+/);

export interface PickerFigures {
  replies: number;
  buildMs: number;
  keystrokes: Latency;
  byQuery: Record<string, Latency>;
}

function replies(count: number): QuickReply[] {
  const noUse: QuickReply['usage'] = {};
  const random = mulberry32(5);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const sentence = (n: number) => Array.from({ length: n }, pick).join(' ');
  return Array.from({ length: count }, (_, i) => ({
    id: `qr_${i}`,
    shortcut: `${pick()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}${i}`,
    title: sentence(3),
    variants: [
      { language: 'fr' as const, body: `Bonjour {{contact.first_name | "à vous"}}, ${sentence(30)}` },
      { language: 'en' as const, body: `Hello {{contact.first_name | "there"}}, ${sentence(30)}` },
    ],
    attachments: [],
    labels: [],
    resolve: false,
    usage: i % 7 === 0 ? { agent: { count: i % 13, lastUsedAt: i } } : noUse,
    createdAt: 0,
    updatedAt: 0,
  }));
}

/** Each query typed one character at a time, as the picker receives it. */
const QUERIES = ['livraison', 'rembours', 'remboursment', 'paypal', 'gift wrap', 'suivi colis', 'xq'];

export function benchPicker(count = 2000, rounds = 20): PickerFigures {
  const all = replies(count);
  const started = performance.now();
  const index = createQuickReplySearch(all, 'agent');
  index.search('a'); // the fuzzy index is built on the first typed character: count it in the build
  const buildMs = performance.now() - started;
  const every: number[] = [];
  const byQuery: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const query of QUERIES) {
      for (let i = 1; i <= query.length; i++) {
        const t0 = performance.now();
        index.search(query.slice(0, i));
        const ms = performance.now() - t0;
        // The first round warms the JIT; it is not what an agent sees after a minute of work.
        if (round === 0) continue;
        every.push(ms);
        (byQuery[query] ??= []).push(ms);
      }
    }
  }
  return {
    replies: count,
    buildMs,
    keystrokes: summarize(every),
    byQuery: Object.fromEntries(Object.entries(byQuery).map(([q, ms]) => [q, summarize(ms)])),
  };
}

export function formatPickerFigures(f: PickerFigures): string {
  const fmt = (l: Latency) => `p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, max ${l.max.toFixed(2)} ms`;
  return [
    `  ${f.replies} quick replies (FR + EN variants); index ready after the first keystroke in ${f.buildMs.toFixed(0)} ms`,
    `  per keystroke, all queries (${f.keystrokes.count}): ${fmt(f.keystrokes)}`,
    ...Object.entries(f.byQuery).map(([q, l]) => `    "${q}": ${fmt(l)}`),
  ].join('\n');
}
