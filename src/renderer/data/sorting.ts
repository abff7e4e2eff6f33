import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { z } from 'zod';
import {
  LabelSchema,
  RuleSchema,
  SortingSettingsSchema,
  type Agent,
  type Label,
  type LabelColor,
  type ModelStatus,
  type Result,
  type Rule,
  type RuleDraft,
  type RulePreview,
  type SortingSettings,
} from '../../core';
import { readAgent } from '../db/meta';
import type { ComptoirDb } from '../db/schema';
import type { SyncEngine } from '../sync/engine';
import { useServices } from './context';
import { askCommand, mapResult } from './command';

export interface LabelFields {
  name: string;
  color: LabelColor;
  description: string;
}

/** What a merge or a deletion did: the label as it now stands, and how many conversations changed with it. */
export interface LabelChange {
  label: Label;
  threads: number;
}

export interface SortingOverview {
  settings: SortingSettings;
  model: ModelStatus;
}

/**
 * The settings commands of sorting: labels, the classifier's thresholds and the rules. Like the thread commands,
 * they never edit the replica ahead of the gateway: a label's change comes back as its `label.upserted` event.
 */
export interface SortingActions {
  createLabel(fields: LabelFields): Promise<Result<Label>>;
  /** Only the fields given change. */
  updateLabel(labelId: string, fields: Partial<LabelFields>): Promise<Result<Label>>;
  /** Every conversation of `fromId` gets `intoId`; `fromId` is deleted. */
  mergeLabel(fromId: string, intoId: string): Promise<Result<LabelChange>>;
  /** The label leaves every conversation; the conversations stay. */
  deleteLabel(labelId: string): Promise<Result<LabelChange>>;
  sortingSettings(): Promise<Result<SortingOverview>>;
  saveSortingSettings(settings: SortingSettings): Promise<Result<SortingSettings>>;
  listRules(): Promise<Result<Rule[]>>;
  /** A refused rule (an invalid expression, an unknown label) is not saved; the reason comes back as the error. */
  saveRule(rule: RuleDraft): Promise<Result<Rule>>;
  /** The rules left after the deletion. */
  deleteRule(ruleId: string): Promise<Result<Rule[]>>;
  /** Runs a draft over the newest customer messages without changing anything. */
  previewRule(rule: RuleDraft, limit?: number): Promise<Result<RulePreview>>;
}

const LabelOutputSchema = z.object({ label: LabelSchema });
const LabelChangeOutputSchema = z.object({ label: LabelSchema, threads: z.number().int().nonnegative() });
const ModelStatusSchema = z.object({
  corrections: z.number().int().nonnegative(),
  updatedAt: z.number().nullable(),
  labels: z.array(z.string()),
}) satisfies z.ZodType<ModelStatus>;
const SortingOutputSchema = z.object({ settings: SortingSettingsSchema, model: ModelStatusSchema });
const SettingsOutputSchema = z.object({ settings: SortingSettingsSchema });
const RulesOutputSchema = z.object({ rules: z.array(RuleSchema) });
const RuleOutputSchema = z.object({ rule: RuleSchema });
const RulePreviewOutputSchema = z.object({
  checked: z.number().int().nonnegative(),
  matched: z.number().int().nonnegative(),
  matches: z.array(
    z.object({
      messageId: z.string(),
      threadId: z.string(),
      contactName: z.string(),
      text: z.string(),
      ts: z.number(),
    }),
  ),
}) satisfies z.ZodType<RulePreview>;

type SortingCommand =
  | 'labels:create'
  | 'labels:update'
  | 'labels:merge'
  | 'labels:delete'
  | 'sorting:get'
  | 'sorting:save'
  | 'rules:list'
  | 'rules:save'
  | 'rules:delete'
  | 'rules:preview';

/** Only the draft's own fields travel: a stored rule's id is kept, its timestamps are the gateway's. */
export function draftOf(rule: RuleDraft): RuleDraft {
  const draft: RuleDraft = {
    name: rule.name,
    enabled: rule.enabled,
    match: rule.match,
    conditions: rule.conditions,
    actions: rule.actions,
  };
  return rule.id ? { id: rule.id, ...draft } : draft;
}

export function createSortingActions(sync: Pick<SyncEngine, 'command'>): SortingActions {
  const asked = <T>(name: SortingCommand, input: unknown, schema: z.ZodType<T>): Promise<Result<T>> =>
    askCommand(sync, name, input, schema);
  const map = mapResult;

  return {
    async createLabel(fields) {
      return map(await asked('labels:create', fields, LabelOutputSchema), (v) => v.label);
    },
    async updateLabel(labelId, fields) {
      return map(await asked('labels:update', { labelId, ...fields }, LabelOutputSchema), (v) => v.label);
    },
    mergeLabel: (fromId, intoId) => asked('labels:merge', { fromId, intoId }, LabelChangeOutputSchema),
    deleteLabel: (labelId) => asked('labels:delete', { labelId }, LabelChangeOutputSchema),
    // `sorting:get` and `rules:list` take no input; the gateway ignores the placeholder (as for channels:status).
    sortingSettings: () => asked('sorting:get', {}, SortingOutputSchema),
    async saveSortingSettings(settings) {
      return map(await asked('sorting:save', settings, SettingsOutputSchema), (v) => v.settings);
    },
    async listRules() {
      return map(await asked('rules:list', {}, RulesOutputSchema), (v) => v.rules);
    },
    async saveRule(rule) {
      return map(await asked('rules:save', { rule: draftOf(rule) }, RuleOutputSchema), (v) => v.rule);
    },
    async deleteRule(ruleId) {
      return map(await asked('rules:delete', { ruleId }, RulesOutputSchema), (v) => v.rules);
    },
    previewRule: (rule, limit) =>
      asked(
        'rules:preview',
        limit === undefined ? { rule: draftOf(rule) } : { rule: draftOf(rule), limit },
        RulePreviewOutputSchema,
      ),
  };
}

export function useSortingActions(): SortingActions {
  const { sync } = useServices();
  return useMemo(() => createSortingActions(sync), [sync]);
}

/** The labels still in use (a deleted or merged one keeps its row for history, but is not listed), by name. */
export async function liveLabels(db: ComptoirDb): Promise<Label[]> {
  const labels = await db.labels.toArray();
  return labels
    .filter((l) => l.deletedAt === undefined)
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/** How many conversations carry each label; read whole, which is fine for a settings screen. */
export async function labelUsage(db: ComptoirDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  await db.threads.each((thread) => {
    for (const id of new Set(thread.labels ?? [])) counts.set(id, (counts.get(id) ?? 0) + 1);
  });
  return counts;
}

/** `undefined` while the first read is under way. */
export function useLiveLabels(): Label[] | undefined {
  const { db } = useServices();
  return useLiveQuery(() => liveLabels(db), [db]);
}

export function useLabelUsage(): Map<string, number> | undefined {
  const { db } = useServices();
  return useLiveQuery(() => labelUsage(db), [db]);
}

/** The agents a rule can assign to: the replica only knows the signed-in one. */
export function useAssignableAgents(): Agent[] {
  const { db } = useServices();
  const agent = useLiveQuery(() => readAgent(db), [db]);
  return useMemo(() => (agent ? [agent] : []), [agent]);
}
