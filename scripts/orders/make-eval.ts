import { readFileSync, writeFileSync } from 'node:fs';
import { mulberry32 } from '../../src/core/labels';
import { columns, parseCsv, toCsv } from '../labels/csv';
import { ENGLISH_DISTRACTORS, FRENCH_TEMPLATES } from './templates';
import {
  ACCOUNT_TYPES,
  CITIES,
  COUNTRIES,
  PERSON_NAMES,
  amount,
  currencySymbol,
  date,
  int,
  invoiceNumber,
  orderNumber,
  phone,
  pick,
  postalAddress,
  price,
  quantity,
  time,
  trackingNumber,
  type Random,
} from './values';

/**
 * Builds resources/eval/order-numbers.csv (columns `instruction`, `entity_text`) for
 * `npm run comptoir -- eval order-numbers`. Reproducible: the same source file and seed give the same CSV.
 *
 *   npx tsx scripts/orders/make-eval.ts [--source <bitext csv>] [--out <csv>] [--seed 20260321]
 *
 * From the Bitext customer-support set: PER_INTENT rows of every intent (most have no placeholder), plus
 * EXTRA_ORDER_ROWS more rows with `{{Order Number}}` so there are enough positives; placeholders get random values
 * in varied formats, and a share of rows get an English sentence with another kind of number appended. Then
 * FRENCH_ROWS rows from the hand-written French templates. `entity_text` is the order number substituted for
 * `{{Order Number}}` (without `#`), or empty.
 */

const DEFAULT_SOURCE = '/work/shared/data/bitext/intents-v11.csv';
const DEFAULT_OUT = 'resources/eval/order-numbers.csv';
const DEFAULT_SEED = 20260321;
const PER_INTENT = 60;
const EXTRA_ORDER_ROWS = 380;
const FRENCH_ROWS = 150;
const DISTRACTOR_SHARE = 0.3;

interface Row {
  instruction: string;
  expected: string;
}

function fill(template: string, random: Random, french: boolean): Row {
  let expected = '';
  const instruction = template.replace(/\{\{([^{}]+)\}\}/g, (_, name: string) => {
    switch (name.trim()) {
      case 'Order Number': {
        const n = orderNumber(random);
        expected = n.expected;
        return n.written;
      }
      case 'Invoice Number':
        return invoiceNumber(random);
      case 'Refund Amount':
        return amount(random, french);
      case 'Currency Symbol':
        return currencySymbol(random);
      case 'Price':
        return price(random, french);
      case 'Phone':
        return phone(random);
      case 'Tracking Number':
        return trackingNumber(random);
      case 'Date':
        return date(random);
      case 'Time':
        return time(random);
      case 'Postal Address':
        return postalAddress(random);
      case 'Quantity':
        return quantity(random);
      case 'Person Name':
        return pick(random, PERSON_NAMES);
      case 'Account Type':
      case 'Account Category':
        return pick(random, ACCOUNT_TYPES);
      case 'Delivery City':
        return pick(random, CITIES);
      case 'Delivery Country':
        return pick(random, COUNTRIES);
      default:
        return pick(random, PERSON_NAMES);
    }
  });
  return { instruction, expected };
}

function sample<T>(items: readonly T[], n: number, random: Random): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

export function makeEval(sourceCsv: string, seed: number): string {
  const random = mulberry32(seed);
  const source = columns(parseCsv(sourceCsv), ['instruction', 'intent'], 'source');
  const byIntent = new Map<string, string[]>();
  for (const [text, intent] of source) byIntent.set(intent!, [...(byIntent.get(intent!) ?? []), text!]);
  const chosen = new Set<string>();
  for (const intent of [...byIntent.keys()].sort()) {
    for (const t of sample(byIntent.get(intent)!, PER_INTENT, random)) chosen.add(t);
  }
  const withOrder = source.map(([t]) => t!).filter((t) => t.includes('{{Order Number}}') && !chosen.has(t));
  for (const t of sample(withOrder, EXTRA_ORDER_ROWS, random)) chosen.add(t);

  const rows: Row[] = [];
  for (const template of chosen) {
    const row = fill(template, random, false);
    if (random() < DISTRACTOR_SHARE) {
      const extra = fill(pick(random, ENGLISH_DISTRACTORS), random, false).instruction;
      row.instruction = random() < 0.5 ? `${row.instruction}. ${extra}` : `${extra} ${row.instruction}`;
    }
    rows.push(row);
  }
  for (let i = 0; i < FRENCH_ROWS; i++) rows.push(fill(FRENCH_TEMPLATES[i % FRENCH_TEMPLATES.length]!, random, true));

  // Shuffle so neither intents nor languages come in blocks.
  for (let i = rows.length - 1; i > 0; i--) {
    const j = int(random, 0, i);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return toCsv(
    ['instruction', 'entity_text'],
    rows.map((r) => [r.instruction, r.expected]),
  );
}

function main(argv: readonly string[]): void {
  let sourcePath = DEFAULT_SOURCE;
  let out = DEFAULT_OUT;
  let seed = DEFAULT_SEED;
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--source') sourcePath = value;
    else if (flag === '--out') out = value;
    else if (flag === '--seed') seed = Number(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  const csv = makeEval(readFileSync(sourcePath, 'utf8'), seed);
  writeFileSync(out, csv);
  process.stdout.write(`${out}: ${parseCsv(csv).length - 1} rows\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
