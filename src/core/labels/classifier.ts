import { modelFromJSON, modelToJSON, type ModelJson } from './serialize';
import { DEFAULT_FEATURES, featurize, type FeatureOptions, type SparseVector } from './features';

/**
 * A multiclass linear text classifier: hashed sparse features → one weight vector per label → softmax.
 * Trained by multinomial logistic regression with AdaGrad steps, one example at a time, so the same code serves
 * batch training (several shuffled epochs) and online learning (an agent's correction, a new label).
 * Pure: time is passed in, randomness comes from a seed.
 */

export interface ClassifierOptions extends FeatureOptions {
  /** AdaGrad base learning rate. */
  learningRate: number;
  /** L2 penalty applied to the touched weights at each step (0 for none). */
  l2: number;
  /** Seed for the shuffling of training epochs. */
  seed: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  ...DEFAULT_FEATURES,
  learningRate: 1,
  l2: 0,
  seed: 42,
};

export interface LabelledText {
  text: string;
  label: string;
}

export interface RankedLabel {
  label: string;
  confidence: number;
}

export interface Prediction {
  /** The best label, or null when the model knows no label yet. */
  label: string | null;
  confidence: number;
  /** Every known label, most likely first; confidences are softmax probabilities summing to 1. */
  ranked: RankedLabel[];
}

/** Gradient entries below this are skipped: labels the model already rules out are left untouched (speed). */
const SKIP_GRADIENT = 1e-4;
/** AdaGrad accumulators start here, so a loaded or new model takes bounded first steps. */
const INITIAL_ACCUMULATOR = 0.1;

export class LinearClassifier {
  readonly options: ClassifierOptions;
  private readonly dim: number;
  private readonly labelIndex = new Map<string, number>();
  readonly labels: string[] = [];
  /**
   * Weights, slot-major: the weights of every label for hashed slot j are at `j * stride + k`, so scoring a message
   * reads one short contiguous run per feature (cache-friendly) rather than one cache line per feature and label.
   * `stride` is the label capacity; it doubles when a new label does not fit.
   */
  private stride = 8;
  private w: Float32Array;
  /** AdaGrad sums of squared gradients, same layout; allocated on the first learning step (not needed to predict). */
  private acc: Float32Array | null = null;
  /** Number of examples learned so far (batch and online), and when the model last changed (caller's clock). */
  examplesSeen = 0;
  updatedAt: number | null = null;

  constructor(options: Partial<ClassifierOptions> = {}) {
    this.options = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
    if (!Number.isInteger(this.options.hashBits) || this.options.hashBits < 4 || this.options.hashBits > 24) {
      throw new Error(`hashBits must be an integer in 4..24, got ${this.options.hashBits}`);
    }
    this.dim = 1 << this.options.hashBits;
    this.w = new Float32Array(this.dim * this.stride);
  }

  get dimension(): number {
    return this.dim;
  }

  /** Adds a label with zero weights (it will be predicted once examples move it up); returns its index. */
  addLabel(label: string): number {
    const known = this.labelIndex.get(label);
    if (known !== undefined) return known;
    const k = this.labels.length;
    if (k === this.stride) this.grow(this.stride * 2);
    this.labels.push(label);
    this.labelIndex.set(label, k);
    return k;
  }

  private grow(stride: number): void {
    const relayout = (from: Float32Array, fill: number): Float32Array => {
      const to = new Float32Array(this.dim * stride);
      if (fill !== 0) to.fill(fill);
      for (let j = 0; j < this.dim; j++) to.set(from.subarray(j * this.stride, (j + 1) * this.stride), j * stride);
      return to;
    };
    this.w = relayout(this.w, 0);
    if (this.acc) this.acc = relayout(this.acc, INITIAL_ACCUMULATOR);
    this.stride = stride;
  }

  /** The weights of label k as one dense vector (for serialisation). */
  weightsOf(k: number): Float32Array {
    if (k < 0 || k >= this.labels.length) throw new Error(`no label ${k}`);
    const out = new Float32Array(this.dim);
    for (let j = 0; j < this.dim; j++) out[j] = this.w[j * this.stride + k]!;
    return out;
  }

  /** Sets one weight of label k (for deserialisation). */
  setWeight(k: number, slot: number, value: number): void {
    if (k < 0 || k >= this.labels.length || slot < 0 || slot >= this.dim) throw new Error(`no weight ${k}/${slot}`);
    this.w[slot * this.stride + k] = value;
  }
  /** Compact JSON (quantised sparse weights); load it back with `LinearClassifier.fromJSON`. */
  toJSON(): ModelJson {
    return modelToJSON(this);
  }

  static fromJSON(json: unknown): LinearClassifier {
    return modelFromJSON(json);
  }

  featurize(text: string): SparseVector {
    return featurize(text, this.options);
  }

  private scores(x: SparseVector): Float64Array {
    const K = this.labels.length;
    const out = new Float64Array(K);
    const { indices, values } = x;
    const w = this.w;
    const stride = this.stride;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i]! * stride;
      const v = values[i]!;
      for (let k = 0; k < K; k++) out[k] = out[k]! + w[base + k]! * v;
    }
    // Softmax in place.
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (out[k]! > max) max = out[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(out[k]! - max);
      out[k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) out[k] = out[k]! / sum;
    return out;
  }

  predict(text: string): Prediction {
    return this.predictVector(this.featurize(text));
  }

  predictVector(x: SparseVector): Prediction {
    if (this.labels.length === 0) return { label: null, confidence: 0, ranked: [] };
    const p = this.scores(x);
    const ranked = this.labels.map((label, k) => ({ label, confidence: p[k]! }));
    ranked.sort((a, b) => b.confidence - a.confidence);
    const top = ranked[0]!;
    return { label: top.label, confidence: top.confidence, ranked };
  }

  /** One online step on one example (an agent's correction, an accepted suggestion); `now` stamps the model. */
  learn(text: string, label: string, now?: number): void {
    this.learnVector(this.featurize(text), label);
    if (now !== undefined) this.updatedAt = now;
  }

  /** One AdaGrad step of multinomial logistic regression on a featurized example. */
  learnVector(x: SparseVector, label: string): void {
    const y = this.addLabel(label);
    if (!this.acc) this.acc = new Float32Array(this.dim * this.stride).fill(INITIAL_ACCUMULATOR);
    const p = this.scores(x);
    // Labels whose gradient matters; the ones the model already rules out are left untouched (speed).
    const active: number[] = [];
    for (let k = 0; k < this.labels.length; k++) {
      const g = p[k]! - (k === y ? 1 : 0);
      if (Math.abs(g) >= SKIP_GRADIENT) active.push(k);
      p[k] = g;
    }
    this.step(x, p, active);
    this.examplesSeen++;
  }

  /**
   * One step away from `label` for this text ("not this one": an agent removed the label). Minimises -log(1 - p),
   * which lowers that label's score and raises the others in proportion to their probability. A label the model
   * already rules out moves by almost nothing, so removing a label a rule applied barely touches the model.
   */
  unlearn(text: string, label: string, now?: number): void {
    const y = this.labelIndex.get(label);
    if (y === undefined) return;
    const x = this.featurize(text);
    if (!this.acc) this.acc = new Float32Array(this.dim * this.stride).fill(INITIAL_ACCUMULATOR);
    const p = this.scores(x);
    const py = p[y]!;
    if (py < SKIP_GRADIENT) return;
    // d/dz_k of -log(1 - p_y): p_y for k = y, -p_k p_y / (1 - p_y) otherwise.
    const rest = Math.max(1 - py, 1e-6);
    const active: number[] = [];
    for (let k = 0; k < this.labels.length; k++) {
      const g = k === y ? py : (-p[k]! * py) / rest;
      if (Math.abs(g) >= SKIP_GRADIENT) active.push(k);
      p[k] = g;
    }
    this.step(x, p, active);
    this.examplesSeen++;
    if (now !== undefined) this.updatedAt = now;
  }

  /** An AdaGrad step along the per-label gradients `g` (indexed by label) for the labels in `active`. */
  private step(x: SparseVector, g: Float64Array, active: readonly number[]): void {
    const { indices, values } = x;
    const lr = this.options.learningRate;
    const l2 = this.options.l2;
    const w = this.w;
    const acc = this.acc!;
    const stride = this.stride;
    for (let i = 0; i < indices.length; i++) {
      const base = indices[i]! * stride;
      const v = values[i]!;
      for (const k of active) {
        const at = base + k;
        const gj = g[k]! * v + l2 * w[at]!;
        const a = acc[at]! + gj * gj;
        acc[at] = a;
        w[at] = w[at]! - (lr * gj) / Math.sqrt(a);
      }
    }
  }

  /**
   * Batch training: `epochs` passes over the examples, each in a fresh seeded shuffle. Features are computed once.
   * Can be called on a model that already knows things (it continues from there).
   */
  train(examples: readonly LabelledText[], epochs: number, now?: number): void {
    const vectors = examples.map((e) => this.featurize(e.text));
    for (const e of examples) this.addLabel(e.label);
    const order = examples.map((_, i) => i);
    const random = mulberry32(this.options.seed);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
      for (const i of order) this.learnVector(vectors[i]!, examples[i]!.label);
    }
    if (now !== undefined) this.updatedAt = now;
  }
}

/** A small seeded PRNG (mulberry32), so training is reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createClassifier(options: Partial<ClassifierOptions> = {}): LinearClassifier {
  return new LinearClassifier(options);
}
