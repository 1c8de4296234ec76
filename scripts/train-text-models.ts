/**
 * Trains hilft's German praise and sentiment models from ../shared/data and writes them to
 * src/lib/text-analysis/models/ (see the README there). Reproducible: fixed split seed
 * (scripts/text-datasets.ts) and training seed below.
 *
 *   npx tsx scripts/train-text-models.ts
 *
 * Procedure for each model, never touching the test split:
 * 1. 4-fold cross-validation on train + validation (folds by the same groups as the split)
 *    gives out-of-fold probabilities; on those, per-class decision biases are chosen (praise:
 *    the bias maximising praise F1; sentiment: biases maximising macro-F1).
 * 2. The final model is trained on all of train + validation and saved with those biases.
 * The hyper-parameters below were chosen the same way (cross-validation on train +
 * validation), not on the test split.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { extractFeatures, type FeatureOptions, hash } from "../src/lib/text-analysis/features.ts";
import { type LinearModel, trainLinearModel } from "../src/lib/text-analysis/linear-model.ts";
import { f1Scores } from "../src/lib/text-analysis/metrics.ts";
import { type Example, loadFlausch, loadGermEval, SPLIT_SEED } from "./text-datasets.ts";

export const TRAIN_SEED = 7;
const FOLDS = 4;
const MODELS_DIR = fileURLToPath(new URL("../src/lib/text-analysis/models/", import.meta.url));

interface Recipe {
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
}

export const RECIPES: Recipe[] = [
  {
    name: "praise",
    dataset: "flausch2025/train.csv",
    labels: ["other", "praise"],
    features: { bits: 18, lexicon: "de", chars: [2, 5], charWeight: 0.5 },
    epochs: 5,
    learningRate: 0.5,
    l2: 1e-5,
    balance: 0.5,
    objective: "f1-of-last",
  },
  {
    name: "sentiment",
    dataset: "germeval2017/dev.tsv",
    labels: ["negative", "neutral", "positive"],
    features: { bits: 18, lexicon: "de", chars: [2, 5], charWeight: 0.5 },
    epochs: 8,
    learningRate: 0.5,
    l2: 1e-5,
    balance: 0.5,
    objective: "macro-f1",
  },
];

type Encoded = { x: Map<number, number>; y: number; group: string };

function train(recipe: Recipe, examples: Encoded[]): LinearModel {
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
    seed: TRAIN_SEED,
  });
}

const decide = (p: number[], bias: number[]) => {
  const s = p.map((x, k) => Math.log(Math.max(x, 1e-12)) + (bias[k] ?? 0));
  return s.indexOf(Math.max(...s));
};

function chooseBiases(recipe: Recipe, oof: { y: number; p: number[] }[]): number[] {
  const grid = [-1.5, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.5, 2];
  const k = recipe.labels.length;
  const score = (bias: number[]) => {
    const f1 = f1Scores(
      oof.map((o) => ({ y: o.y, yhat: decide(o.p, bias) })),
      k,
    );
    return recipe.objective === "macro-f1" ? f1.reduce((s, x) => s + x.f1, 0) / k : f1[k - 1]!.f1;
  };
  let best = { score: score(Array(k).fill(0)), bias: Array(k).fill(0) as number[] };
  // The middle (or first) class stays at 0; the others move.
  const free = k === 3 ? [0, 2] : [1];
  const combos =
    free.length === 2 ? grid.flatMap((a) => grid.map((b) => [a, b])) : grid.map((a) => [a]);
  for (const combo of combos) {
    const bias = Array(k).fill(0) as number[];
    free.forEach((cls, i) => {
      bias[cls] = combo[i]!;
    });
    const s = score(bias);
    if (s > best.score + 1e-9) best = { score: s, bias };
  }
  console.log(
    `  out-of-fold ${recipe.objective}: ${best.score.toFixed(3)} with biases ${JSON.stringify(best.bias)}`,
  );
  return best.bias;
}

function build(recipe: Recipe, data: Example[]): void {
  const pool = data.filter((d) => d.split !== "test");
  console.log(
    `${recipe.name}: ${pool.length} training examples (train + validation), ${data.length - pool.length} held out`,
  );
  const encoded: Encoded[] = pool.map((d) => ({
    x: extractFeatures(d.text, recipe.features),
    y: recipe.labels.indexOf(d.label),
    group: d.group,
  }));
  const oof: { y: number; p: number[] }[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const inFold = (e: Encoded) => hash(`fold:${e.group}`) % FOLDS === fold;
    const model = train(
      recipe,
      encoded.filter((e) => !inFold(e)),
    );
    for (const e of encoded.filter(inFold)) oof.push({ y: e.y, p: model.predictVector(e.x) });
  }
  const decisionBias = chooseBiases(recipe, oof);
  const model = train(recipe, encoded);
  const file = {
    ...model.toFile({
      dataset: recipe.dataset,
      split: `scripts/text-datasets.ts splitOf(), seed ${SPLIT_SEED}: trained on train + validation`,
      examples: encoded.length,
      trainSeed: TRAIN_SEED,
      features: recipe.features,
      epochs: recipe.epochs,
      learningRate: recipe.learningRate,
      l2: recipe.l2,
      balance: recipe.balance,
    }),
    decisionBias,
  };
  const target = `${MODELS_DIR}${recipe.name}.de.json`;
  writeFileSync(target, `${JSON.stringify(file)}\n`);
  console.log(`  wrote ${target}`);
}

const loaders = { praise: loadFlausch, sentiment: loadGermEval };
for (const recipe of RECIPES) {
  const data = loaders[recipe.name]();
  if (!data) {
    console.log(`skipped ${recipe.name}: ../shared/data/${recipe.dataset} is not present`);
    continue;
  }
  build(recipe, data);
}
