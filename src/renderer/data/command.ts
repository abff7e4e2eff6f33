import type { z } from 'zod';
import type { Result } from '../../core';
import type { SyncEngine, ThreadCommand } from '../sync/engine';
import { parseValue } from '../sync/wire';

/**
 * Sends a command to the gateway and checks its answer against `schema`: a refusal, a failure of the call itself
 * (thrown) and an answer that does not fit all come back as `{ ok: false, error }`, never as an exception.
 */
export async function askCommand<T>(
  sync: Pick<SyncEngine, 'command'>,
  name: ThreadCommand,
  input: unknown,
  schema: z.ZodType<T>,
): Promise<Result<T>> {
  let result: Result<unknown>;
  try {
    result = await sync.command(name, input);
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return parseValue(result, schema, name);
}

/** The value of a successful result, picked; a failure passes through. */
export const mapResult = <A, B>(result: Result<A>, pick: (value: A) => B): Result<B> =>
  result.ok ? { ok: true, value: pick(result.value) } : result;
