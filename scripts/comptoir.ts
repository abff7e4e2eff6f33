import { EVAL_USAGE, UsageError, runEval } from './labels/eval';
import { ORDER_EVAL_USAGE, runOrderEval } from './orders/eval';

/** `npm run comptoir -- <command>`: developer commands: `eval labels` and `eval order-numbers`. */
const USAGE = `usage: npm run comptoir -- eval labels --train <csv> --test <csv> [--text-column instruction] [--label-column intent] [--epochs 5] [--online [--seed 1] [--keep-order]]
       npm run comptoir -- eval order-numbers --test <csv> [--text-column instruction] [--expected-column entity_text]`;

export function main(argv: readonly string[]): number {
  const [command, what, ...rest] = argv;
  try {
    if (command === 'eval' && what === 'labels') {
      process.stdout.write(JSON.stringify(runEval(rest)) + '\n');
      return 0;
    }
    if (command === 'eval' && what === 'order-numbers') {
      try {
        process.stdout.write(JSON.stringify(runOrderEval(rest)) + '\n');
        return 0;
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`comptoir: ${e.message}\n${ORDER_EVAL_USAGE}\n`);
          return 2;
        }
        throw e;
      }
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
