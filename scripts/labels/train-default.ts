import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { createClassifier, DEFAULT_MODEL_FORMAT } from '../../src/core/labels';
import { readExamples } from './eval';

/**
 * Trains the default label model on the whole shared Bitext CSV plus a small French seed set, both heads (category and intent), with fixed
 * seed and epochs, and writes resources/labels/default-model.json. Reproducible: same CSV → same file.
 * Usage: npx tsx scripts/labels/train-default.ts [--data <csv>] [--french <csv>] [--out <json>]
 */
export const DEFAULT_DATA = '../shared/data/bitext/intents-v11.csv';
/** A few hand-written French phrases per intent (the Bitext data is English only), written for Comptoir. */
export const FRENCH_SEED = 'resources/labels/seed-fr.csv';
/** Each French phrase counts this many times, so a handful weighs against ~900 English phrasings per intent. */
export const FRENCH_REPEAT = 5;
export const DEFAULT_OUT = 'resources/labels/default-model.json';
export const DEFAULT_EPOCHS = 5;
export const DEFAULT_SEED = 42;
export const DEFAULT_LEARNING_RATE = 1;
/** Training finished at a fixed instant, so the file does not change from one run to the next. */
const TRAINED_AT = Date.UTC(2026, 10, 21);

async function main(argv: string[]): Promise<void> {
  const opt = (name: string, fallback: string): string => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
  };
  const data = opt('data', DEFAULT_DATA);
  const out = opt('out', DEFAULT_OUT);
  const heads: Record<string, unknown> = {};
  for (const column of ['category', 'intent']) {
    const english = readExamples(data, 'instruction', column);
    const french = readExamples(opt('french', FRENCH_SEED), 'instruction', column);
    const known = new Set(english.map((e) => e.label));
    const stray = french.find((e) => !known.has(e.label));
    if (stray) throw new Error(`French seed: label "${stray.label}" (${column}) is not in ${data}`);
    const examples = [...english, ...Array.from({ length: FRENCH_REPEAT }, () => french).flat()];
    const model = createClassifier({ seed: DEFAULT_SEED, learningRate: DEFAULT_LEARNING_RATE });
    model.train(examples, DEFAULT_EPOCHS, TRAINED_AT);
    heads[column] = model.toJSON();
    process.stderr.write(
      `${column}: ${examples.length} examples (${french.length} French × ${FRENCH_REPEAT}), ${model.labels.length} labels\n`,
    );
  }
  const json = JSON.stringify({ format: DEFAULT_MODEL_FORMAT, source: 'bitext intents-v11.csv + seed-fr.csv', heads });
  // Formatted as the repository's prettier would, so `prettier --check` passes on the generated file.
  const text = await format(json, { ...(await resolveConfig(out)), parser: 'json' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  process.stderr.write(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB)\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
