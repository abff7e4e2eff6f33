import { readFileSync, writeFileSync } from 'node:fs';
import { mulberry32 } from '../../src/core/labels/classifier';
import { parseCsv, toCsv } from './csv';

/**
 * Deterministic stratified split of a CSV: for each value of `--by` (default intent), a seeded shuffle, then the
 * first `--test-fraction` (default 0.2) of the rows go to the test file.
 * Usage: tsx scripts/labels/split.ts <in.csv> <train.csv> <test.csv> [--by intent] [--seed 7] [--test-fraction 0.2]
 */
export function stratifiedSplit(
  rows: string[][],
  byColumn: number,
  testFraction: number,
  seed: number,
): { train: string[][]; test: string[][] } {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const key = row[byColumn] ?? '';
    const g = groups.get(key) ?? [];
    g.push(i);
    groups.set(key, g);
  });
  const random = mulberry32(seed);
  const testSet = new Set<number>();
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key)!;
    for (let i = g.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [g[i], g[j]] = [g[j]!, g[i]!];
    }
    for (const i of g.slice(0, Math.round(g.length * testFraction))) testSet.add(i);
  }
  return { train: rows.filter((_, i) => !testSet.has(i)), test: rows.filter((_, i) => testSet.has(i)) };
}

function main(argv: string[]): void {
  const positional = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  const opt = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
  };
  const [input, trainOut, testOut] = positional;
  if (!input || !trainOut || !testOut) {
    process.stderr.write(
      'usage: tsx scripts/labels/split.ts <in.csv> <train.csv> <test.csv> [--by intent] [--seed 7] [--test-fraction 0.2]\n',
    );
    process.exit(2);
  }
  const [header, ...rows] = parseCsv(readFileSync(input, 'utf8'));
  if (!header) throw new Error(`${input}: empty`);
  const by = header.indexOf(opt('by', 'intent'));
  if (by < 0) throw new Error(`${input}: no column ${opt('by', 'intent')}`);
  const { train, test } = stratifiedSplit(rows, by, Number(opt('test-fraction', '0.2')), Number(opt('seed', '7')));
  writeFileSync(trainOut, toCsv(header, train));
  writeFileSync(testOut, toCsv(header, test));
  process.stdout.write(`${train.length} train rows → ${trainOut}, ${test.length} test rows → ${testOut}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
