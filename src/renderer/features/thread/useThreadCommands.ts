import { notifications } from '@mantine/notifications';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Priority, Result } from '../../../core';
import { useInboxActions } from '../../data/hooks';
import { useT } from '../../i18n';
import { commandErrorKey } from './commandError';

export type ThreadCommandName = 'resolve' | 'reopen' | 'assign' | 'label' | 'priority' | 'spam';

export interface ThreadCommands {
  /** The command on its way to the gateway, for a spinner on its button. */
  busy: ThreadCommandName | null;
  resolve(): void;
  reopen(): void;
  assignToMe(): void;
  unassign(): void;
  addLabel(labelId: string): void;
  removeLabel(labelId: string): void;
  /** Applies a label the classifier suggested (the gateway learns from it). */
  acceptSuggestion(labelId: string): void;
  dismissSuggestion(labelId: string): void;
  setPriority(priority: Priority): void;
  setSpam(spam: boolean): void;
}

/**
 * Resolve / reopen / assign for the open conversation. The gateway answers with a Result; a refusal (offline,
 * unknown thread) shows as a notification in the agent's language, and the replica changes only when the
 * gateway's event arrives.
 */
export function useThreadCommands(threadId: string | null, agentId: string | null): ThreadCommands {
  const t = useT();
  const actions = useInboxActions();
  const [busy, setBusy] = useState<ThreadCommandName | null>(null);
  const inFlight = useRef(false);

  const fail = useCallback(
    (error: string) =>
      notifications.show({ color: 'red', title: t('thread.actionFailed'), message: t(commandErrorKey(error)) }),
    [t],
  );

  const run = useCallback(
    async (name: ThreadCommandName, call: () => Promise<Result<unknown>>) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(name);
      try {
        const result = await call();
        if (!result.ok) fail(result.error);
      } catch (error) {
        fail(error instanceof Error ? error.message : String(error));
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [fail],
  );

  return useMemo<ThreadCommands>(() => {
    const when = (name: ThreadCommandName, call: (id: string) => Promise<Result<unknown>>) => () => {
      if (threadId) void run(name, () => call(threadId));
    };
    return {
      busy,
      resolve: when('resolve', (id) => actions.resolve(id)),
      reopen: when('reopen', (id) => actions.reopen(id)),
      assignToMe: agentId
        ? when('assign', (id) => actions.assign(id, agentId))
        : () =>
            notifications.show({
              color: 'red',
              title: t('thread.actionFailed'),
              message: t('connection.agentUnknown'),
            }),
      unassign: when('assign', (id) => actions.assign(id, null)),
      addLabel: (labelId) => when('label', (id) => actions.label(id, labelId, 'add'))(),
      removeLabel: (labelId) => when('label', (id) => actions.label(id, labelId, 'remove'))(),
      acceptSuggestion: (labelId) => when('label', (id) => actions.label(id, labelId, 'add', true))(),
      dismissSuggestion: (labelId) => when('label', (id) => actions.dismissSuggestion(id, labelId))(),
      setPriority: (priority) => when('priority', (id) => actions.setPriority(id, priority))(),
      setSpam: (spam) => when('spam', (id) => actions.setSpam(id, spam))(),
    };
  }, [actions, agentId, busy, run, t, threadId]);
}
