import { useCallback, useEffect, useState } from 'react';
import type { MessageTemplate, Result } from '../../core';
import type { InboxActions } from './actions';

export type TemplatesState =
  { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; templates: MessageTemplate[] };

/**
 * Approved templates change rarely (Meta reviews them over hours): one list per thread for the session is
 * enough, and it makes switching back to a conversation instant. Failures are not kept, so "Retry" asks again.
 */
const cache = new WeakMap<InboxActions['templates'], Map<string, MessageTemplate[]>>();

function cacheFor(load: InboxActions['templates']): Map<string, MessageTemplate[]> {
  let perThread = cache.get(load);
  if (!perThread) {
    perThread = new Map();
    cache.set(load, perThread);
  }
  return perThread;
}

export function useTemplates(
  threadId: string,
  load: (threadId: string) => Promise<Result<MessageTemplate[]>>,
): TemplatesState & { retry(): void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; value: TemplatesState } | null>(null);
  const key = `${threadId}#${attempt}`;

  const known = cacheFor(load).get(threadId);

  useEffect(() => {
    if (cacheFor(load).has(threadId)) return;
    let live = true;
    load(threadId)
      .then((result) => {
        if (result.ok) cacheFor(load).set(threadId, result.value);
        if (!live) return;
        setState({
          key,
          value: result.ok ? { state: 'ready', templates: result.value } : { state: 'error', error: result.error },
        });
      })
      .catch((error: unknown) => {
        if (live) setState({ key, value: { state: 'error', error: String(error) } });
      });
    return () => {
      live = false;
    };
  }, [threadId, load, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  // Another thread's (or attempt's) answer is never shown for this one.
  const value: TemplatesState = known
    ? { state: 'ready', templates: known }
    : state && state.key === key
      ? state.value
      : { state: 'loading' };
  return { ...value, retry };
}
