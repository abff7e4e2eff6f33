import { z } from 'zod';
import { createClassifier, LinearClassifier } from './classifier';

/**
 * Compact model files: for each label, its nonzero weights after quantisation to 8 bits (one scale per label,
 * weights that round to zero are dropped), stored as (varint index gap, int8 value) pairs in base64.
 * AdaGrad accumulators are not stored: a loaded model restarts them (bounded first steps).
 */
export const MODEL_FORMAT = 'comptoir-labels/1';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_INDEX = new Map([...BASE64].map((c, i) => [c, i]));

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64[a >> 2]! + BASE64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : BASE64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : BASE64[c & 63]!;
  }
  return out;
}

/** Decodes base64; null if the text is not valid base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let v = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j]!;
      const d = ch === '=' && i + j >= text.length - pad ? 0 : BASE64_INDEX.get(ch);
      if (d === undefined) return null;
      v = (v << 6) | d;
    }
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

/** Decodes one label's weights into (index, quantised value) pairs; null if malformed or out of range. */
function decodeWeights(bytes: Uint8Array, dim: number): { indices: number[]; values: number[] } | null {
  const indices: number[] = [];
  const values: number[] = [];
  let i = 0;
  let index = -1;
  while (i < bytes.length) {
    let gap = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      if (b === undefined || shift > 28) return null;
      gap += (b & 127) * 2 ** shift;
      shift += 7;
      if (b < 128) break;
    }
    const q = bytes[i++];
    if (q === undefined) return null;
    index += gap + 1;
    if (index >= dim) return null;
    indices.push(index);
    values.push(q > 127 ? q - 256 : q);
  }
  return { indices, values };
}

function encodeWeights(w: Float32Array): { scale: number; data: string } {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = max / 127;
  const bytes: number[] = [];
  let last = -1;
  if (scale > 0) {
    for (let i = 0; i < w.length; i++) {
      const q = Math.round(w[i]! / scale);
      if (q === 0) continue;
      let gap = i - last - 1;
      while (gap >= 128) {
        bytes.push((gap & 127) | 128);
        gap = Math.floor(gap / 128);
      }
      bytes.push(gap);
      bytes.push(q & 255);
      last = i;
    }
  }
  return { scale, data: toBase64(Uint8Array.from(bytes)) };
}

const weightsSchema = z.object({
  label: z.string().min(1),
  scale: z.number().finite().nonnegative(),
  data: z.string(),
});

export const modelSchema = z
  .object({
    format: z.literal(MODEL_FORMAT),
    options: z.object({
      hashBits: z.number().int().min(4).max(24),
      bigrams: z.boolean(),
      charNgrams: z.tuple([z.number().int().min(1), z.number().int().min(1)]).nullable(),
      learningRate: z.number().positive(),
      l2: z.number().nonnegative(),
      seed: z.number().int(),
    }),
    examplesSeen: z.number().int().nonnegative(),
    updatedAt: z.number().nullable(),
    labels: z.array(weightsSchema),
  })
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    m.labels.forEach((l, k) => {
      if (seen.has(l.label)) ctx.addIssue({ code: 'custom', path: ['labels', k, 'label'], message: 'duplicate label' });
      seen.add(l.label);
      const bytes = fromBase64(l.data);
      if (!bytes || !decodeWeights(bytes, 2 ** m.options.hashBits)) {
        ctx.addIssue({ code: 'custom', path: ['labels', k, 'data'], message: 'corrupt weights' });
      }
    });
    if (m.options.charNgrams && m.options.charNgrams[0] > m.options.charNgrams[1]) {
      ctx.addIssue({ code: 'custom', path: ['options', 'charNgrams'], message: 'min above max' });
    }
  });

export type ModelJson = z.infer<typeof modelSchema>;

export function modelToJSON(model: LinearClassifier): ModelJson {
  const { hashBits, bigrams, charNgrams, learningRate, l2, seed } = model.options;
  return {
    format: MODEL_FORMAT,
    options: { hashBits, bigrams, charNgrams, learningRate, l2, seed },
    examplesSeen: model.examplesSeen,
    updatedAt: model.updatedAt,
    labels: model.labels.map((label, k) => ({ label, ...encodeWeights(model.weightsOf(k)) })),
  };
}

/** Loads a model from parsed JSON; throws with a readable reason if it does not match the schema. */
export function modelFromJSON(json: unknown): LinearClassifier {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid label model: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}`);
  }
  const m = parsed.data;
  const model = createClassifier(m.options);
  model.examplesSeen = m.examplesSeen;
  model.updatedAt = m.updatedAt;
  for (const l of m.labels) {
    const k = model.addLabel(l.label);
    const decoded = decodeWeights(fromBase64(l.data)!, model.dimension)!;
    decoded.indices.forEach((slot, i) => model.setWeight(k, slot, decoded.values[i]! * l.scale));
  }
  return model;
}
