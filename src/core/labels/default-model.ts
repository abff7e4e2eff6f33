import { z } from 'zod';
import type { LinearClassifier, Prediction } from './classifier';
import { modelFromJSON, modelSchema } from './serialize';

/**
 * The shipped model (resources/labels/default-model.json, written by scripts/labels/train-default.ts): two heads
 * trained on the Bitext customer-support dataset, `category` (ORDER, REFUND, DELIVERY, ...: the default labels)
 * and `intent` (track_order, get_refund, ...: kept on the message for the assistant).
 */
export const DEFAULT_MODEL_FORMAT = 'comptoir-default-labels/1';

export const defaultModelSchema = z.object({
  format: z.literal(DEFAULT_MODEL_FORMAT),
  source: z.string(),
  heads: z.object({ category: modelSchema, intent: modelSchema }),
});

export interface LabelHeads {
  category: LinearClassifier;
  intent: LinearClassifier;
}

/** Loads the default model from its parsed JSON (the caller reads the file); throws a readable error if invalid. */
export function loadDefaultModel(json: unknown): LabelHeads {
  const parsed = defaultModelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid default label model: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`);
  }
  return { category: modelFromJSON(parsed.data.heads.category), intent: modelFromJSON(parsed.data.heads.intent) };
}

export function classifyMessage(heads: LabelHeads, text: string): { category: Prediction; intent: Prediction } {
  return { category: heads.category.predict(text), intent: heads.intent.predict(text) };
}
