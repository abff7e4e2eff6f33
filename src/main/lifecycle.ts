import { randomBytes } from 'node:crypto';

/**
 * A fresh secret for each launch: the embedded gateway accepts it as its admin token and the renderer gets it
 * over IPC. It lives only in memory, so nothing on disk or in a URL can be replayed against the gateway.
 */
export function newLaunchToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface QuitGuardOptions {
  /** Closes what must not be cut off mid-write (the gateway and its store). */
  close: () => Promise<void>;
  /** Asks the app to quit again once closing is done (`app.quit`). */
  quit: () => void;
  /** A close that hangs must not keep the app alive forever. */
  timeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * The `before-quit` listener: the first quit is held back until `close` has finished (PGlite must flush and
 * close its files), then quitting resumes; further quit requests while closing are absorbed.
 */
export function createQuitGuard(options: QuitGuardOptions): (event: { preventDefault(): void }) => void {
  const log = options.log ?? ((line: string) => console.warn(line));
  let state: 'running' | 'closing' | 'closed' = 'running';
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log('the gateway did not close in time; quitting anyway');
        resolve();
      }, options.timeoutMs ?? 10_000);
    });
    const closing = options.close().catch((error: unknown) => {
      log(`closing the gateway failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    void Promise.race([closing, timeout]).then(() => {
      clearTimeout(timer);
      state = 'closed';
      options.quit();
    });
  };
}
