/** Where the gateway writes one line per notable thing (a rejected input, a failure). Never given a token. */
export type Log = (line: string) => void;

export const defaultLog: Log = (line) => console.error(line);

/** Error text for a log line, without a stack trace. */
export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
