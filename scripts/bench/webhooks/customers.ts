// The shop's customers and what they write. Real wording matters: body sizes, UTF-8 and JSON escaping all cost
// time on the ack path, so messages come from Bitext's customer requests rather than from "hello 1, hello 2".
import { existsSync, readFileSync } from 'node:fs';

const INTENTS_CSV = '/work/shared/data/bitext/intents-v11.csv';

export interface Customer {
  waId: string;
  name: string;
}

const FIRST = (
  'Camille Léa Hugo Lucas Chloé Inès Nathan Manon Yanis Emma Jules Sarah Louis Zoé Adam Lina Maël Jade Tom Alice ' +
  'Noah Rose Ethan Mila Sofia Olivia James Amir Fatou Mehdi Anaïs Kevin Julie Thomas Priya Diego'
).split(' ');
const LAST = (
  'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia ' +
  'David Bertrand Roux Vincent Fournier Smith Nguyen Diallo Haddad Rossi Costa Müller Kowalski'
).split(' ');

/** When the Bitext data set is not on this machine: a few requests of the same kind, placeholders included. */
const FALLBACK_TEXTS = [
  'Bonjour, ma commande {{Order Number}} n’est toujours pas arrivée, pouvez-vous vérifier ?',
  'Hi, I would like to change the delivery address of order {{Order Number}}',
  'Est-ce que je peux être remboursé de {{Refund Amount}} {{Currency Symbol}} ?',
  'merci !',
  'ok',
  'Where is my parcel?',
];

/** `count` customers with distinct French mobile numbers (wa_id) and plausible names. */
export function shopCustomers(count: number): Customer[] {
  return Array.from({ length: count }, (_, i) => ({
    waId: `33${6 + (i % 2)}${String(10_000_000 + i * 7919).slice(-8)}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
  }));
}

/**
 * Cumulative weights over `count` customers: a few write a lot, most write a little (Zipf-like, s = 0.8), as in a
 * real shop's inbox, so the load both continues busy conversations and opens new ones.
 */
export function writingWeights(count: number): number[] {
  let total = 0;
  const cdf = Array.from({ length: count }, (_, i) => (total += 1 / (i + 1) ** 0.8));
  return cdf.map((c) => c / total);
}

/** The index whose cumulative weight first reaches `u` (uniform in [0, 1)). */
export function pickWeighted(cdf: number[], u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cdf[mid] ?? 1) < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Customer requests of an online shop (Bitext, real wording with typos), placeholders still in. */
export function customerTexts(): string[] {
  if (!existsSync(INTENTS_CSV)) return FALLBACK_TEXTS;
  const lines = readFileSync(INTENTS_CSV, 'utf8').split('\n').slice(1);
  const texts: string[] = [];
  for (const line of lines) {
    if (line) texts.push(firstCsvField(line));
  }
  return texts.length > 0 ? texts : FALLBACK_TEXTS;
}

/** The first field of a CSV line: quoted (with "" for a quote, commas allowed) or up to the first comma. */
function firstCsvField(line: string): string {
  if (!line.startsWith('"')) return line.slice(0, line.indexOf(','));
  let text = '';
  let i = 1;
  while (i < line.length) {
    const c = line[i];
    if (c === '"' && line[i + 1] === '"') {
      text += '"';
      i += 2;
    } else if (c === '"') break;
    else {
      text += c;
      i += 1;
    }
  }
  return text;
}

/** Fills Bitext's placeholders ({{Order Number}}…) with values a French shop would see. */
export function fillPlaceholders(text: string, random: () => number): string {
  const oneOf = (values: string[]) => values[Math.floor(random() * values.length)] ?? values[0] ?? '';
  return text.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => {
    switch (name) {
      case 'Order Number':
        return `#${100_000 + Math.floor(random() * 900_000)}`;
      case 'Refund Amount':
        return String(5 + Math.floor(random() * 300));
      case 'Currency Symbol':
        return '€';
      case 'Person Name':
        return oneOf(FIRST);
      case 'Invoice Number':
        return `FA-${2026_0000 + Math.floor(random() * 9999)}`;
      case 'Delivery City':
        return oneOf(['Lyon', 'Lille', 'Nantes', 'Bordeaux', 'Marseille']);
      case 'Delivery Country':
        return oneOf(['France', 'Belgique', 'Suisse', 'Canada']);
      default:
        return oneOf(['Premium', 'Standard', 'Pro']);
    }
  });
}
