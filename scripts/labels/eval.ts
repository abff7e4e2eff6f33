import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClassifier, mulberry32, type ClassifierOptions, type LabelledText } from '../../src/core/labels';
import { columns, parseCsv } from './csv';

/** Thrown for bad input (missing column, unreadable file, bad option): one line on stderr, exit code 2. */
export class UsageError extends Error {}

export const EVAL_USAGE =
  'usage: comptoir eval labels --train <csv> --test <csv> [--text-column instruction] [--label-column intent] [--epochs 5] [--online [--seed 1] [--keep-order]]';

export interface EvalArgs {
  train: string | null;
  test: string;
  textColumn: string;
  labelColumn: string;
  online: boolean;
  epochs: number;
  /** Online mode: shuffle the stream with this seed (the shared CSV is grouped by intent), unless keepOrder. */
  seed: number;
  keepOrder: boolean;
}

export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const args: EvalArgs = {
    train: null,
    test: '',
    textColumn: 'instruction',
    labelColumn: 'intent',
    online: false,
    epochs: 5,
    seed: 1,
    keepOrder: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--train') args.train = value();
    else if (a === '--test') args.test = value();
    else if (a === '--text-column') args.textColumn = value();
    else if (a === '--label-column') args.labelColumn = value();
    else if (a === '--online') args.online = true;
    else if (a === '--keep-order') args.keepOrder = true;
    else if (a === '--seed') {
      const v = Number(value());
      if (!Number.isInteger(v)) throw new UsageError('--seed must be an integer');
      args.seed = v;
    } else if (a === '--epochs') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 1) throw new UsageError('--epochs must be a positive integer');
      args.epochs = v;
    } else throw new UsageError(`unknown argument ${a}`);
  }
  if (!args.test) throw new UsageError('--test <csv> is required');
  if (!args.online && !args.train) throw new UsageError('--train <csv> is required (or --online)');
  return args;
}

/** The named columns of a CSV file, row by row; an unreadable file or a missing column is a UsageError. */
export function readCsvColumns(path: string, names: readonly string[]): string[][] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return columns(parseCsv(text), [...names], path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function readExamples(path: string, textColumn: string, labelColumn: string): LabelledText[] {
  return readCsvColumns(path, [textColumn, labelColumn]).map(([t, l]) => ({ text: t!, label: l! }));
}

interface LabelStats {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

const round = (x: number, digits = 4): number => Number(x.toFixed(digits));

function perLabelStats(pairs: readonly { truth: string; predicted: string | null }[]): {
  perLabel: Record<string, LabelStats>;
  macroF1: number;
} {
  const labels = new Set<string>();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const support = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const { truth, predicted } of pairs) {
    labels.add(truth);
    inc(support, truth);
    if (predicted === truth) inc(tp, truth);
    else if (predicted !== null) {
      labels.add(predicted);
      inc(fp, predicted);
    }
  }
  const perLabel: Record<string, LabelStats> = {};
  let f1Sum = 0;
  let counted = 0;
  for (const label of [...labels].sort()) {
    const t = tp.get(label) ?? 0;
    const s = support.get(label) ?? 0;
    const predictedCount = t + (fp.get(label) ?? 0);
    const precision = predictedCount ? t / predictedCount : 0;
    const recall = s ? t / s : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perLabel[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: s };
    if (s > 0) {
      f1Sum += f1;
      counted++;
    }
  }
  return { perLabel, macroF1: round(counted ? f1Sum / counted : 0) };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** Batch evaluation: train on one file, classify every message of the other, timing each classification. */
export function evaluateBatch(
  train: readonly LabelledText[],
  test: readonly LabelledText[],
  epochs: number,
  options: Partial<ClassifierOptions> = {},
): Record<string, unknown> {
  const started = performance.now();
  const model = createClassifier(options);
  model.train(train, epochs);
  const trainMs = performance.now() - started;
  const pairs: { truth: string; predicted: string | null }[] = [];
  const times: number[] = [];
  // Warm-up so the JIT does not count against the first messages.
  for (const e of test.slice(0, 200)) model.predict(e.text);
  for (const e of test) {
    const t0 = performance.now();
    const p = model.predict(e.text);
    times.push(performance.now() - t0);
    pairs.push({ truth: e.label, predicted: p.label });
  }
  const correct = pairs.filter((p) => p.truth === p.predicted).length;
  times.sort((a, b) => a - b);
  const { perLabel, macroF1 } = perLabelStats(pairs);
  return {
    mode: 'batch',
    accuracy: round(test.length ? correct / test.length : 0),
    macroF1,
    meanMs: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    p99Ms: round(percentile(times, 0.99)),
    counts: {
      train: train.length,
      test: test.length,
      correct,
      labels: model.labels.length,
      epochs,
      trainSeconds: round(trainMs / 1000, 1),
    },
    perLabel,
  };
}

const MILESTONES = [1, 5, 10, 20] as const;

/**
 * Online evaluation: start from an empty model, and for each message in file order, predict it, then learn its true
 * label. Reports stream accuracy, `afterExamples`: accuracy on the predictions made once the true label had at least
 * 1, 5, 10, 20 examples learned, and `betweenExamples`: on those made when it had 1–4, 5–9, 10–19, 20 or more
 * (stricter: the early part of each learning curve, not diluted by the easy later predictions). The first message of each label cannot be right: it is the "0 examples" case.
 */
export function evaluateOnline(
  stream: readonly LabelledText[],
  options: Partial<ClassifierOptions> = {},
): Record<string, unknown> {
  const model = createClassifier(options);
  const seen = new Map<string, number>();
  const after = MILESTONES.map(() => ({ correct: 0, total: 0 }));
  const at = MILESTONES.map(() => ({ correct: 0, total: 0 }));
  const pairs: { truth: string; predicted: string | null }[] = [];
  const times: number[] = [];
  let correct = 0;
  for (const e of stream) {
    const t0 = performance.now();
    const x = model.featurize(e.text);
    const p = model.predictVector(x);
    times.push(performance.now() - t0);
    const ok = p.label === e.label;
    if (ok) correct++;
    pairs.push({ truth: e.label, predicted: p.label });
    const n = seen.get(e.label) ?? 0;
    MILESTONES.forEach((m, i) => {
      if (n >= m) {
        after[i]!.total++;
        if (ok) after[i]!.correct++;
      }
      if (n >= m && (i === MILESTONES.length - 1 || n < MILESTONES[i + 1]!)) {
        at[i]!.total++;
        if (ok) at[i]!.correct++;
      }
    });
    model.learnVector(x, e.label);
    seen.set(e.label, n + 1);
  }
  times.sort((a, b) => a - b);
  const { perLabel, macroF1 } = perLabelStats(pairs);
  const bucket = (
    counts: { correct: number; total: number }[],
  ): Record<string, { accuracy: number; predictions: number }> =>
    Object.fromEntries(
      MILESTONES.map((m, i) => {
        const a = counts[i]!;
        return [String(m), { accuracy: round(a.total ? a.correct / a.total : 0), predictions: a.total }];
      }),
    );
  return {
    mode: 'online',
    accuracy: round(stream.length ? correct / stream.length : 0),
    macroF1,
    afterExamples: bucket(after),
    betweenExamples: bucket(at),
    meanMs: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    p99Ms: round(percentile(times, 0.99)),
    counts: { test: stream.length, correct, labels: model.labels.length },
    perLabel,
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function runEval(argv: readonly string[]): Record<string, unknown> {
  const args = parseEvalArgs(argv);
  const test = readExamples(args.test, args.textColumn, args.labelColumn);
  if (args.online) return evaluateOnline(args.keepOrder ? test : shuffled(test, args.seed));
  const train = readExamples(args.train!, args.textColumn, args.labelColumn);
  return evaluateBatch(train, test, args.epochs);
}
