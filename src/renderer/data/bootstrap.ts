import { useEffect, useState } from 'react';
import { SESSION_CHANGED_EVENT, type Platform } from '../platform/platform';
import { startBoot, type BootState } from './boot';

export type { BootState } from './boot';

/**
 * The app's data layer as React state: `loading`, then `signin` or `ready` with the services to provide.
 * Starts again when the web sign-in screen saves or forgets a token.
 */
export function useBootstrap(platform: Platform): BootState {
  const [state, setState] = useState<BootState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const restart = () => setAttempt((n) => n + 1);
    window.addEventListener(SESSION_CHANGED_EVENT, restart);
    return () => window.removeEventListener(SESSION_CHANGED_EVENT, restart);
  }, []);

  useEffect(() => startBoot(platform, setState), [platform, attempt]);

  return state;
}
