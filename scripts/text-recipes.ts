/**
 * The recipes of hilft's German text models and the cross-validation shared by training
 * (scripts/train-text-models.ts) and the hyper-parameter search
 * (scripts/tune-text-models.ts). Only train + validation examples ever reach this file.
 */
import { extractFeatures, type FeatureOptions, hash } from "../src/lib/text-analysis/features.ts";
import {
  LinearModel,
  trainComplementNaiveBayes,
  trainLinearModel,
} from "../src/lib/text-analysis/linear-model.ts";
import { f1Scores } from "../src/lib/text-analysis/metrics.ts";
import type { Example } from "./text-datasets.ts";

export const TRAIN_SEED = 7;
export const FOLDS = 4;

export interface Recipe {
  name: "praise" | "sentiment";
  dataset: string;
  labels: string[];
  features: FeatureOptions;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Exponent on inverse class frequency: 0 = none, 1 = fully balanced. */
  balance: number;
  objective: "f1-of-last" | "macro-f1";
  /** Models trained with different shuffling seeds whose weights are averaged. */
  seeds?: number;
  /** Adds complement naive Bayes logits times `factor` (smoothing `alpha`). */
  naiveBayes?: { alpha: number; factor: number };
}

export const RECIPES: Recipe[] = [
  {
    name: "praise",
    dataset: "flausch2025/train.csv",
    labels: ["other", "praise"],
    features: { bits: 18, lexicon: "de", chars: [2, 5], charWeight: 0.5 },
    // Chosen by scripts/tune-text-models.ts (out-of-fold praise F1): 5 epochs 0.807,
    // 10 epochs 0.824, plus complement naive Bayes ×0.2 0.832.
    epochs: 10,
    learningRate: 0.5,
    l2: 1e-5,
    balance: 0.5,
    objective: "f1-of-last",
    naiveBayes: { alpha: 0.01, factor: 0.2 },
  },
  {
    name: "sentiment",
    dataset: "germeval2017/dev.tsv",
    labels: ["negative", "neutral", "positive"],
    // Out-of-fold macro-F1: the old recipe 0.576; balanced class weights 0.583; character
    // 3–6-grams 0.590; plus complement naive Bayes ×0.3 0.602; averaged over 3 seeds 0.605.
    features: { bits: 18, lexicon: "de", chars: [3, 6], charWeight: 0.5 },
    epochs: 8,
    learningRate: 0.5,
    l2: 1e-5,
    balance: 1,
    objective: "macro-f1",
    naiveBayes: { alpha: 0.01, factor: 0.3 },
    seeds: 3,
  },
];

export type Encoded = { x: Map<number, number>; y: number; group: string };

export function encode(recipe: Recipe, examples: Example[]): Encoded[] {
  return examples.map((d) => ({
    x: extractFeatures(d.text, recipe.features),
    y: recipe.labels.indexOf(d.label),
    group: d.group,
  }));
}

export function train(recipe: Recipe, examples: Encoded[], seed = TRAIN_SEED): LinearModel {
  const freq = recipe.labels.map((_, k) => examples.filter((e) => e.y === k).length);
  const classWeights = freq.map(
    (n) => (examples.length / (recipe.labels.length * n)) ** recipe.balance,
  );
  return trainLinearModel(examples, recipe.labels, {
    bits: recipe.features.bits,
    features: recipe.features,
    epochs: recipe.epochs,
    learningRate: recipe.learningRate,
    l2: recipe.l2,
    classWeights,
    seed,
  });
}

export const decide = (p: number[], bias: number[]) => {
  const s = p.map((x, k) => Math.log(Math.max(x, 1e-12)) + (bias[k] ?? 0));
  return s.indexOf(Math.max(...s));
};

export function objective(recipe: Recipe, pairs: { y: number; yhat: number }[]): number[] {
  return f1Scores(pairs, recipe.labels.length).map((x) => x.f1);
}

function score(recipe: Recipe, f1: number[]): number {
  const k = recipe.labels.length;
  return recipe.objective === "macro-f1" ? f1.reduce((s, x) => s + x, 0) / k : f1[k - 1]!;
}

/** Per-class biases on log-probabilities maximising the recipe's objective on `oof`. */
export function chooseBiases(
  recipe: Recipe,
  oof: { y: number; p: number[] }[],
): { bias: number[]; score: number; perClass: number[] } {
  const grid = [-1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];
  const k = recipe.labels.length;
  const evaluate = (bias: number[]) => {
    const perClass = objective(
      recipe,
      oof.map((o) => ({ y: o.y, yhat: decide(o.p, bias) })),
    );
    return { bias, perClass, score: score(recipe, perClass) };
  };
  let best = evaluate(Array(k).fill(0));
  // The middle (or first) class stays at 0; the others move.
  const free = k === 3 ? [0, 2] : [1];
  const combos =
    free.length === 2 ? grid.flatMap((a) => grid.map((b) => [a, b])) : grid.map((a) => [a]);
  for (const combo of combos) {
    const bias = Array(k).fill(0) as number[];
    free.forEach((cls, i) => {
      bias[cls] = combo[i]!;
    });
    const candidate = evaluate(bias);
    if (candidate.score > best.score + 1e-9) best = candidate;
  }
  return best;
}

/** The weight average of `recipe.seeds` models (1 by default) trained in different orders. */
export function trainEnsemble(recipe: Recipe, examples: Encoded[]): LinearModel {
  const models = Array.from({ length: recipe.seeds ?? 1 }, (_, i) =>
    train(recipe, examples, TRAIN_SEED + i),
  );
  const regression = models.length === 1 ? models[0]! : LinearModel.average(models);
  if (!recipe.naiveBayes) return regression;
  const bayes = trainComplementNaiveBayes(examples, recipe.labels, {
    bits: recipe.features.bits,
    features: recipe.features,
    alpha: recipe.naiveBayes.alpha,
  });
  return LinearModel.blend([
    { model: regression, factor: 1 },
    { model: bayes, factor: recipe.naiveBayes.factor },
  ]);
}

/**
 * FOLDS-fold cross-validation by group on the given (train + validation) examples:
 * out-of-fold probabilities, then the decision biases chosen on them.
 */
export function crossValidate(recipe: Recipe, pool: Example[], encoded = encode(recipe, pool)) {
  const oof: { y: number; p: number[] }[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (e: Encoded) => hash(`fold:${e.group}`) % FOLDS === fold;
    const model = trainEnsemble(
      recipe,
      encoded.filter((e) => !inFold(e)),
    );
    for (const e of encoded.filter(inFold)) oof.push({ y: e.y, p: model.predictVector(e.x) });
  }
  return chooseBiases(recipe, oof);
}
