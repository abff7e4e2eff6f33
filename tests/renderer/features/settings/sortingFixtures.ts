import { vi } from 'vitest';
import type { Label, Result, Rule, SortingSettings } from '../../../../src/core';
import { DEFAULT_BUSINESS_HOURS } from '../../../../src/core';
import { createSortingActions } from '../../../../src/renderer/data/sorting';
import { NOW } from '../../test-utils/fixtures';

export function label(overrides: Partial<Label> = {}): Label {
  return {
    id: 'l1',
    name: 'Refunds',
    color: 'red',
    description: 'Money back',
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...overrides,
  };
}

export function rule(overrides: Partial<Rule> = {}): Rule {
  return {
    id: 'r1',
    name: 'Refund requests',
    enabled: true,
    match: 'all',
    conditions: [{ kind: 'text', match: 'any', words: ['remboursement', 'refund'] }],
    actions: [{ kind: 'addLabel', labelId: 'l1' }],
    createdAt: NOW - 1000,
    updatedAt: NOW - 1000,
    ...overrides,
  };
}

export const SETTINGS: SortingSettings = {
  classifierEnabled: true,
  autoApply: 0.8,
  suggest: 0.5,
  detectUrgency: true,
  businessHours: DEFAULT_BUSINESS_HOURS,
};

export const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
export const refused = (error: string): Result<unknown> => ({ ok: false, error });

export type Answer = (name: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** A SyncEngine-like `command` that records every call and answers from the test's table. */
export function fakeSync(answer: Answer) {
  const command = vi.fn(async (name: string, input: unknown) => answer(name, input));
  const sync = { command: command as unknown as Parameters<typeof createSortingActions>[0]['command'] };
  return { command, sync, actions: createSortingActions(sync) };
}

/** The inputs sent with one command, in order. */
export function sent(command: ReturnType<typeof fakeSync>['command'], name: string): unknown[] {
  return command.mock.calls.filter(([n]) => n === name).map(([, input]) => input);
}
