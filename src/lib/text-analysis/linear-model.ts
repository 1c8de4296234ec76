import {
  extractFeatures,
  FEATURE_VERSION,
  type FeatureOptions,
  type SparseVector,
} from "./features.ts";

/**
 * A multinomial logistic-regression model over hashed features, stored compactly: weights
 * are quantised to int16 per class and base64-encoded (little endian).
 */
export interface LinearModelFile {
  kind: "linear";
  featureVersion: number;
  bits: number;
  labels: string[];
  bias: number[];
  /** Per label: base64 of an Int16Array of length 2^bits; weight = value * scale. */
  weights: string[];
  scale: number;
  /** How texts become features; defaults to `{ bits }`. */
  features?: FeatureOptions;
  trainedOn: Record<string, unknown>;
}

export class LinearModel {
  private readonly weights: Float32Array[];

  constructor(
    readonly labels: string[],
    readonly bits: number,
    readonly bias: number[],
    weights: Float32Array[],
    readonly featureOptions: FeatureOptions = { bits },
  ) {
    this.weights = weights;
  }

  static fromFile(file: LinearModelFile): LinearModel {
    if (file.kind !== "linear" || file.featureVersion !== FEATURE_VERSION) {
      throw new Error(
        `Model was trained with feature version ${file.featureVersion}; this code uses ${FEATURE_VERSION}. Retrain with scripts/train-text-models.ts.`,
      );
    }
    const weights = file.weights.map((b64) => {
      const bytes = Buffer.from(b64, "base64");
      const ints = new Int16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
      const out = new Float32Array(ints.length);
      for (let i = 0; i < ints.length; i++) out[i] = ints[i]! * file.scale;
      return out;
    });
    return new LinearModel(file.labels, file.bits, file.bias, weights, {
      ...file.features,
      bits: file.bits,
    });
  }

  /**
   * One model whose weights and biases are the mean of `models` (same labels and
   * features): averaging runs with different shuffling orders smooths SGD noise and keeps
   * a single file.
   */
  static average(models: LinearModel[]): LinearModel {
    return LinearModel.blend(models.map((model) => ({ model, factor: 1 / models.length })));
  }

  /**
   * Σ factor · model, weights and biases alike: the logits of the result are the weighted
   * sum of the parts' logits (all parts share labels and features), so an ensemble of
   * linear models stays one linear model.
   */
  static blend(parts: { model: LinearModel; factor: number }[]): LinearModel {
    const first = parts[0]!.model;
    const weights = first.weights.map((w, k) => {
      const out = new Float32Array(w.length);
      for (const { model, factor } of parts) {
        const mw = model.weights[k]!;
        for (let i = 0; i < out.length; i++) out[i]! += mw[i]! * factor;
      }
      return out;
    });
    const bias = first.bias.map((_, k) =>
      parts.reduce((s, { model, factor }) => s + model.bias[k]! * factor, 0),
    );
    return new LinearModel(first.labels, first.bits, bias, weights, first.featureOptions);
  }

  toFile(trainedOn: Record<string, unknown>): LinearModelFile {
    let max = 0;
    for (const w of this.weights) for (const x of w) max = Math.max(max, Math.abs(x));
    const scale = max / 32767 || 1;
    const weights = this.weights.map((w) => {
      const ints = new Int16Array(w.length);
      for (let i = 0; i < w.length; i++) ints[i] = Math.round(w[i]! / scale);
      return Buffer.from(ints.buffer).toString("base64");
    });
    return {
      kind: "linear",
      featureVersion: FEATURE_VERSION,
      bits: this.bits,
      labels: this.labels,
      bias: this.bias.map((b) => Number(b.toFixed(6))),
      weights,
      scale,
      features: this.featureOptions,
      trainedOn,
    };
  }

  features(text: string): SparseVector {
    return extractFeatures(text, this.featureOptions);
  }

  /** Class probabilities (softmax), in `labels` order. */
  predictVector(x: SparseVector): number[] {
    const logits = this.bias.map((b, k) => {
      let z = b;
      const w = this.weights[k]!;
      for (const [i, v] of x) z += w[i]! * v;
      return z;
    });
    return softmax(logits);
  }

  predict(text: string): Record<string, number> {
    const p = this.predictVector(this.features(text));
    return Object.fromEntries(this.labels.map((l, k) => [l, p[k]!]));
  }
}

export function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** A labelled feature vector; `weight` (default 1) scales its loss, e.g. for borrowed data. */
export interface TrainingExample {
  x: SparseVector;
  y: number;
  weight?: number;
}

export interface TrainOptions {
  bits: number;
  /** Stored with the model so inference extracts the same features. */
  features?: FeatureOptions;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Per-label weight of a training example (balances rare classes). */
  classWeights?: number[];
  /**
   * Per label, a factor for each feature (`naiveBayesRatios`): class c's regression sees
   * feature i scaled by scale[c][i] (NB-LR, Wang & Manning 2012). The saved weights include
   * the factor, so inference is the same dot product.
   */
  featureScale?: Float32Array[];
  seed: number;
}

/**
 * Trains by plain SGD on the softmax cross-entropy with L2 (lazily applied as a per-step
 * shrink factor), shuffling with a seeded generator so a run is reproducible.
 */
export function trainLinearModel(
  examples: readonly TrainingExample[],
  labels: string[],
  options: TrainOptions,
): LinearModel {
  const size = 1 << options.bits;
  const k = labels.length;
  const weights = Array.from({ length: k }, () => new Float32Array(size));
  const bias = Array(k).fill(0) as number[];
  const model = new LinearModel(labels, options.bits, bias, weights, {
    ...options.features,
    bits: options.bits,
  });
  const scale = options.featureScale;
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  let step = 0;
  // weights are stored divided by `shrink` so L2 decay is O(1) per step
  let shrink = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const idx of order) {
      const { x, y, weight = 1 } = examples[idx]!;
      const lr = options.learningRate / (1 + 0.0001 * step++);
      const logits = bias.map((b, c) => {
        let z = 0;
        const w = weights[c]!;
        const r = scale?.[c];
        if (r) for (const [i, v] of x) z += w[i]! * v * r[i]!;
        else for (const [i, v] of x) z += w[i]! * v;
        return b + z * shrink;
      });
      const p = softmax(logits);
      const cw = (options.classWeights?.[y] ?? 1) * weight;
      shrink *= 1 - lr * options.l2;
      for (let c = 0; c < k; c++) {
        const g = (p[c]! - (c === y ? 1 : 0)) * cw;
        if (g === 0) continue;
        const w = weights[c]!;
        const r = scale?.[c];
        if (r) for (const [i, v] of x) w[i]! -= (lr * g * v * r[i]!) / shrink;
        else for (const [i, v] of x) w[i]! -= (lr * g * v) / shrink;
        bias[c]! -= lr * g;
      }
      if (shrink < 1e-3) {
        for (const w of weights) for (let i = 0; i < w.length; i++) w[i]! *= shrink;
        shrink = 1;
      }
    }
  }
  weights.forEach((w, c) => {
    const r = scale?.[c];
    for (let i = 0; i < w.length; i++) w[i]! *= shrink * (r ? r[i]! : 1);
  });
  return model;
}

/**
 * Per label, the smoothed log-count ratio of each feature between that label and the rest
 * (one against the others), rescaled to unit root-mean-square over the features seen: the
 * naive Bayes evidence NB-LR multiplies into the features, so the regression starts from
 * what the counts already say and its L2 penalty falls on departures from it.
 */
export function naiveBayesRatios(
  examples: readonly TrainingExample[],
  k: number,
  bits: number,
  alpha: number,
): Float32Array[] {
  const size = 1 << bits;
  const mass = Array.from({ length: k }, () => new Float64Array(size));
  for (const { x, y, weight = 1 } of examples) {
    for (const [i, v] of x) mass[y]![i]! += Math.max(0, v) * weight;
  }
  const all = new Float64Array(size);
  for (const m of mass) for (let i = 0; i < size; i++) all[i]! += m[i]!;
  const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
  const grand = sum(all);
  return mass.map((m) => {
    const inClass = sum(m) + alpha * size;
    const rest = grand - sum(m) + alpha * size;
    const r = new Float32Array(size);
    let squares = 0;
    let seen = 0;
    for (let i = 0; i < size; i++) {
      r[i] = Math.log((m[i]! + alpha) / inClass / ((all[i]! - m[i]! + alpha) / rest));
      if (all[i]! > 0) {
        squares += r[i]! * r[i]!;
        seen++;
      }
    }
    const rms = Math.sqrt(squares / Math.max(1, seen)) || 1;
    for (let i = 0; i < size; i++) r[i]! /= rms;
    return r;
  });
}

/**
 * Complement naive Bayes (Rennie et al. 2003) as a linear model: class c's weight for a
 * feature is −log of its smoothed share among the *other* classes' feature mass, which
 * is steadier than plain multinomial NB when one class is rare. Weights are centred per
 * feature across classes (softmax does not change) so they quantise well. Cheap and strong on small text sets, and it blends with the logistic
 * regression into one file (`LinearModel.blend`).
 */
export function trainComplementNaiveBayes(
  examples: readonly TrainingExample[],
  labels: string[],
  options: { bits: number; features?: FeatureOptions; alpha: number },
): LinearModel {
  const size = 1 << options.bits;
  const k = labels.length;
  const mass = Array.from({ length: k }, () => new Float64Array(size));
  const totals = Array(k).fill(0) as number[];
  const counts = Array(k).fill(0) as number[];
  for (const { x, y, weight = 1 } of examples) {
    counts[y]!++;
    for (const [i, v] of x) {
      // Features are non-negative except for none; clamp to be safe.
      const c = Math.max(0, v) * weight;
      mass[y]![i]! += c;
      totals[y]! += c;
    }
  }
  const all = new Float64Array(size);
  for (const m of mass) for (let i = 0; i < size; i++) all[i]! += m[i]!;
  const grand = totals.reduce((a, b) => a + b, 0);
  const weights = Array.from({ length: k }, () => new Float32Array(size));
  for (let c = 0; c < k; c++) {
    const rest = grand - totals[c]! + options.alpha * size;
    const w = weights[c]!;
    const mc = mass[c]!;
    for (let i = 0; i < size; i++) w[i] = -Math.log((all[i]! - mc[i]! + options.alpha) / rest);
  }
  for (let i = 0; i < size; i++) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += weights[c]![i]! / k;
    for (let c = 0; c < k; c++) weights[c]![i]! -= mean;
  }
  // No prior: the regression's bias and the decision biases chosen out of fold already
  // place the classes; a log prior here would only fight them.
  const bias = counts.map(() => 0);
  return new LinearModel(labels, options.bits, bias, weights, {
    ...options.features,
    bits: options.bits,
  });
}

/** mulberry32 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
