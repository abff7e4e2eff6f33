import { detectOrderNumbers } from '../../src/core/orders';
import { readCsvColumns, UsageError } from '../labels/eval';

export const ORDER_EVAL_USAGE =
  'usage: comptoir eval order-numbers --test <csv> [--text-column instruction] [--expected-column entity_text]';

export interface OrderEvalArgs {
  test: string;
  textColumn: string;
  expectedColumn: string;
}

export interface OrderExample {
  text: string;
  /** The order number the text mentions, or '' when it mentions none. */
  expected: string;
}

export interface OrderMiss {
  text: string;
  expected: string;
  found: string[];
}

export interface OrderEvalReport {
  rows: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  misses: OrderMiss[];
}

const MAX_MISSES = 20;

export function parseOrderEvalArgs(argv: readonly string[]): OrderEvalArgs {
  const args: OrderEvalArgs = { test: '', textColumn: 'instruction', expectedColumn: 'entity_text' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--test') args.test = value();
    else if (a === '--text-column') args.textColumn = value();
    else if (a === '--expected-column') args.expectedColumn = value();
    else throw new UsageError(`unknown argument ${a}`);
  }
  if (!args.test) throw new UsageError('--test <csv> is required');
  return args;
}

export function readOrderExamples(path: string, textColumn: string, expectedColumn: string): OrderExample[] {
  return readCsvColumns(path, [textColumn, expectedColumn]).map(([t, x]) => ({ text: t!, expected: x! }));
}

/** Numbers compare without `#`, surrounding spaces or case: the detector reports `A-10429` for `#a-10429`. */
const canonical = (n: string): string => n.trim().replace(/^#\s*/, '').toUpperCase();

const round = (x: number): number => Number(x.toFixed(4));

/**
 * Scores the detector on labelled rows: a row is a true positive when its expected number is among the numbers
 * found, every other number found is a false positive, and an expected number not found is a false negative.
 */
export function evaluateOrderNumbers(examples: readonly OrderExample[]): OrderEvalReport {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: OrderMiss[] = [];
  for (const { text, expected } of examples) {
    const found = [...new Set(detectOrderNumbers(text).map((m) => m.number))];
    const want = canonical(expected);
    const hit = want !== '' && found.includes(want);
    const wrong = found.filter((n) => n !== want).length;
    if (hit) tp++;
    else if (want !== '') fn++;
    fp += wrong;
    if ((!hit && want !== '') || wrong > 0) {
      if (misses.length < MAX_MISSES) misses.push({ text, expected, found });
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    rows: examples.length,
    precision: round(precision),
    recall: round(recall),
    f1: round(f1),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    misses,
  };
}

export function runOrderEval(argv: readonly string[]): OrderEvalReport {
  const args = parseOrderEvalArgs(argv);
  return evaluateOrderNumbers(readOrderExamples(args.test, args.textColumn, args.expectedColumn));
}
