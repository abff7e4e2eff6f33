import {
  compileRule,
  fail,
  ok,
  type CompiledRule,
  type Label,
  type ModelStatus,
  type Result,
  type Rule,
  type RuleDraft,
  type RulePreview,
  type SortingSettings,
} from '../../core';
import { newId } from '../ids';
import { reason, type Log } from '../log';
import { listAgents } from '../store/agents';
import { countLabels, listLabels, saveLabel } from '../store/labels';
import { deleteRule, listRules, saveRule } from '../store/rules';
import type { SqlExecutor } from '../store/sql';
import type { Store } from '../store/store';
import { defaultLabels } from './default-labels';
import { previewRule } from './preview';
import { readSortingSettings, writeSortingSettings } from './settings';
import { sortInbound, type InboundToSort, type Sorted, type SortingState } from './sort-inbound';
import type { Lesson } from './thread-sorting';
import { WorkspaceModel } from './workspace-model';

export const UNKNOWN_RULE = 'unknown rule';

/**
 * The workspace's sorting: labels, rules, thresholds and the learning classifier. It keeps what ingest reads in
 * memory (rules compiled once, labels by id) and refreshes it after every change an admin commits.
 */
export class Sorting {
  private constructor(
    private readonly store: Store,
    private readonly log: Log,
    readonly model: WorkspaceModel,
    private state: SortingState,
  ) {}

  /** Opens the workspace's model and settings; a new workspace gets the default labels (with their events). */
  static async open(store: Store, resourcesDir: string, log: Log): Promise<Sorting> {
    await store.write(async (tx) => {
      if ((await countLabels(tx)) > 0) return { value: null, events: [], actor: 'system' };
      const labels = defaultLabels(store.now());
      for (const label of labels) await saveLabel(tx, label);
      return { value: null, events: labels.map((label) => ({ type: 'label.upserted', label })), actor: 'system' };
    });
    const model = await WorkspaceModel.open(store, resourcesDir, log);
    const sorting = new Sorting(store, log, model, {
      settings: await readSortingSettings(store.sql),
      labels: new Map(),
      rules: [],
      model,
    });
    await sorting.refresh();
    return sorting;
  }

  /** Re-reads labels, rules and settings (after a change is committed). */
  async refresh(): Promise<void> {
    const db = this.store.sql;
    const labels = await listLabels(db);
    const { rules, unreadable } = await listRules(db);
    if (unreadable.length > 0) this.log(`sorting: rules ${unreadable.join(', ')} are unreadable and skipped`);
    const compiled: CompiledRule[] = [];
    for (const rule of rules) {
      // Rules were validated when saved; one that no longer compiles (a label deleted since) still runs what it can.
      const result = compileRule(rule);
      if (result.ok) compiled.push(result.value);
      else this.log(`sorting: rule "${rule.name}" skipped: ${result.error}`);
    }
    this.state = {
      ...this.state,
      settings: await readSortingSettings(db),
      labels: new Map(labels.map((l) => [l.id, l])),
      rules: compiled,
    };
  }

  /** Called by ingest inside its transaction. */
  sort(tx: SqlExecutor, input: InboundToSort): Promise<Sorted> {
    return sortInbound(tx, this.state, input);
  }

  /** Teaches the model what an agent's committed edit says. */
  learnFrom(lesson: Lesson | null): void {
    if (!lesson) return;
    try {
      if (lesson.direction === 'learn') this.model.learn(lesson.text, lesson.labelId);
      else this.model.unlearn(lesson.text, lesson.labelId);
    } catch (error) {
      this.log(`sorting: could not learn from a correction: ${reason(error)}`);
    }
  }

  get settings(): SortingSettings {
    return this.state.settings;
  }

  labelsById(): ReadonlyMap<string, Label> {
    return this.state.labels;
  }

  modelStatus(): ModelStatus {
    const live = new Set([...this.state.labels.values()].filter((l) => l.deletedAt === undefined).map((l) => l.id));
    return {
      corrections: this.model.corrections,
      updatedAt: this.model.corrections > 0 ? this.model.labels.updatedAt : null,
      labels: this.model.labels.labels.filter((id) => live.has(id)),
    };
  }

  async saveSettings(settings: SortingSettings): Promise<SortingSettings> {
    await this.store.write(async (tx) => {
      await writeSortingSettings(tx, settings);
      return { value: null, events: [], actor: 'system' };
    });
    await this.refresh();
    return this.state.settings;
  }

  async listRules(): Promise<Rule[]> {
    return (await listRules(this.store.sql)).rules;
  }

  /** Validates (a broken expression, an unknown label or agent is refused with the reason), then stores. */
  async saveRule(draft: RuleDraft): Promise<Result<Rule>> {
    const { value } = await this.store.write(async (tx) => {
      const existing = draft.id ? (await listRules(tx)).rules.find((r) => r.id === draft.id) : undefined;
      if (draft.id && !existing) return { value: fail(UNKNOWN_RULE), events: [], actor: 'system' };
      const now = this.store.now();
      const rule: Rule = {
        ...draft,
        id: draft.id ?? newId('rule'),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      const compiled = compileRule(rule, await this.known(tx));
      if (!compiled.ok) return { value: compiled, events: [], actor: 'system' };
      await saveRule(tx, rule);
      return { value: ok(rule), events: [], actor: 'system' };
    });
    if (value.ok) await this.refresh();
    return value;
  }

  async deleteRule(ruleId: string): Promise<Result<Rule[]>> {
    const deleted = await deleteRule(this.store.sql, ruleId);
    if (!deleted) return fail(UNKNOWN_RULE);
    await this.refresh();
    return ok(await this.listRules());
  }

  async previewRule(draft: RuleDraft, limit: number): Promise<Result<RulePreview>> {
    const compiled = compileRule({ ...draft, id: draft.id ?? 'preview' }, await this.known(this.store.sql));
    if (!compiled.ok) return compiled;
    return ok(await previewRule(this.store.sql, compiled.value, this.state.settings, limit));
  }

  private async known(db: SqlExecutor) {
    const labels = await listLabels(db);
    const agents = await listAgents(db);
    return {
      labelIds: new Set(labels.filter((l) => l.deletedAt === undefined).map((l) => l.id)),
      agentIds: new Set(agents.map((a) => a.id)),
    };
  }

  /** Writes the learned model if a change is waiting (before the store closes). */
  flush(): Promise<void> {
    return this.model.flush();
  }
}
