import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultModelSchema,
  LinearClassifier,
  modelFromJSON,
  type LabelHeads,
  type ModelJson,
  type Prediction,
} from '../../core';
import type { Log } from '../log';
import { reason } from '../log';
import { getModelBody, saveModelBody } from '../store/rules';
import type { Store } from '../store/store';
import { defaultLabelId } from './default-labels';

/** How long a learned change may wait before it is written: a burst of corrections is one write. */
const SAVE_DELAY_MS = 1000;

/**
 * The workspace's classifier. `labels` predicts label ids: it starts as the shipped model's category head (its
 * classes renamed to the default labels' ids) and learns from every correction an agent makes, so new labels
 * become predictable. `intent` is the shipped intent head, read-only: it names what the customer wants for the
 * assistant. The learned head lives in the gateway's store so every desktop sees the same predictions.
 */
export class WorkspaceModel {
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  /** Examples learned in this workspace (the shipped model's training is not counted). */
  corrections: number;

  private constructor(
    readonly labels: LinearClassifier,
    readonly intent: LinearClassifier,
    baseExamples: number,
    private readonly store: Store,
    private readonly log: Log,
  ) {
    this.corrections = Math.max(0, labels.examplesSeen - baseExamples);
  }

  static async open(store: Store, resourcesDir: string, log: Log): Promise<WorkspaceModel> {
    const shipped = await readShipped(resourcesDir);
    const base = shipped.category;
    const stored = await getModelBody(store.sql, 'labels');
    let labels: LinearClassifier | null = null;
    if (stored) {
      try {
        labels = modelFromJSON(JSON.parse(stored));
      } catch (error) {
        // A damaged model must not stop the inbox: start again from the shipped one, and say so.
        log(`label model unreadable, starting from the shipped one: ${reason(error)}`);
      }
    }
    labels ??= modelFromJSON(renamed(base, defaultLabelId));
    return new WorkspaceModel(labels, shipped.intent, base.examplesSeen, store, log);
  }

  predictLabel(text: string): Prediction {
    return this.labels.predict(text);
  }

  predictIntent(text: string): Prediction {
    return this.intent.predict(text);
  }

  /** An agent applied `labelId` to a conversation whose customer wrote `text`. */
  learn(text: string, labelId: string): void {
    this.labels.learn(text, labelId, this.store.now());
    this.corrections++;
    this.scheduleSave();
  }

  /** An agent removed `labelId`: the model moves away from it for this text. */
  unlearn(text: string, labelId: string): void {
    this.labels.unlearn(text, labelId, this.store.now());
    this.corrections++;
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  /** Writes the learned head now (also what `flush` waits for). */
  save(): Promise<void> {
    const body = JSON.stringify(this.labels.toJSON());
    this.saving = this.saving
      .then(() => saveModelBody(this.store.sql, 'labels', body, this.store.now()))
      .catch((error: unknown) => this.log(`label model not saved: ${reason(error)}`));
    return this.saving;
  }

  /** Writes any pending change (before the store closes). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
      await this.save();
    }
    await this.saving;
  }
}

/** The shipped heads, as JSON, read once per process (600 KiB; parsing it is most of the start-up cost). */
const shippedCache = new Map<string, Promise<{ category: ModelJson; intent: LabelHeads['intent'] }>>();

function readShipped(resourcesDir: string) {
  const path = join(resourcesDir, 'labels', 'default-model.json');
  let cached = shippedCache.get(path);
  if (!cached) {
    cached = readFile(path, 'utf8').then((text) => {
      const parsed = defaultModelSchema.parse(JSON.parse(text));
      return { category: parsed.heads.category, intent: modelFromJSON(parsed.heads.intent) };
    });
    cached.catch(() => shippedCache.delete(path));
    shippedCache.set(path, cached);
  }
  return cached;
}

const renamed = (model: ModelJson, rename: (label: string) => string): ModelJson => ({
  ...model,
  labels: model.labels.map((l) => ({ ...l, label: rename(l.label) })),
});
