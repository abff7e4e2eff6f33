import { EVAL_USAGE, UsageError, runEval } from './labels/eval';

/** `npm run comptoir -- <command>`: developer commands. Only `eval labels` for now. */
const USAGE = `usage: npm run comptoir -- eval labels --train <csv> --test <csv> [--text-column instruction] [--label-column intent] [--epochs 5] [--online [--seed 1] [--keep-order]]`;

export function main(argv: readonly string[]): number {
  const [command, what, ...rest] = argv;
  try {
    if (command === 'eval' && what === 'labels') {
      process.stdout.write(JSON.stringify(runEval(rest)) + '\n');
      return 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`comptoir: ${e.message}\n${EVAL_USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main(process.argv.slice(2));
