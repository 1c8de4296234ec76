/**
 * Trains hilft's German praise and sentiment models from ../shared/data and writes them to
 * src/lib/text-analysis/models/ (see the README there). Reproducible: fixed split seed
 * (scripts/text-datasets.ts) and training seeds (scripts/text-recipes.ts).
 *
 *   npx tsx scripts/train-text-models.ts [praise|sentiment]
 *
 * Procedure for each model, never touching the test split:
 * 1. Cross-validation on train + validation gives out-of-fold probabilities (praise: one
 *    fold per document; sentiment: 4 folds by the same groups as the split, repeated with
 *    three fold assignments); on those, per-class decision biases are chosen (praise: the
 *    bias maximising the mean praise F1 over documents; sentiment: biases maximising
 *    macro-F1).
 * 2. The final model is trained on all of train + validation and saved with those biases.
 * The hyper-parameters in the recipes were chosen the same way (scripts/tune-text-models.ts:
 * cross-validation on train + validation), not on the test split.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Example, loadFlausch, loadGermEval, SPLIT_SEED } from "./text-datasets.ts";
import {
  crossValidate,
  encode,
  RECIPES,
  type Recipe,
  TRAIN_SEED,
  trainEnsemble,
} from "./text-recipes.ts";

const MODELS_DIR = fileURLToPath(new URL("../src/lib/text-analysis/models/", import.meta.url));

function build(recipe: Recipe, data: Example[]): void {
  const pool = data.filter((d) => d.split !== "test");
  console.log(
    `${recipe.name}: ${pool.length} training examples (train + validation), ${data.length - pool.length} held out`,
  );
  const encoded = encode(recipe, pool);
  const cv = crossValidate(recipe, pool, encoded);
  console.log(
    `  out-of-fold ${recipe.objective}: ${cv.score.toFixed(3)} (per class ${cv.perClass.map((x) => x.toFixed(3)).join(", ")}) with biases ${JSON.stringify(cv.bias)}`,
  );
  const model = trainEnsemble(recipe, encoded);
  const trainedOn = {
    dataset: recipe.dataset,
    split: `scripts/text-datasets.ts splitOf(), seed ${SPLIT_SEED}: trained on train + validation`,
    examples: encoded.length,
    trainSeed: TRAIN_SEED,
    seeds: recipe.seeds ?? 1,
    features: recipe.features,
    epochs: recipe.epochs,
    learningRate: recipe.learningRate,
    l2: recipe.l2,
    balance: recipe.balance,
    outOfFold: { [recipe.objective]: Number(cv.score.toFixed(4)) },
  };
  const file = { ...model.toFile(trainedOn), decisionBias: cv.bias };
  const target = `${MODELS_DIR}${recipe.name}.de.json`;
  writeFileSync(target, `${JSON.stringify(file)}\n`);
  console.log(`  wrote ${target}`);
}

const only = process.argv[2];
const loaders = { praise: loadFlausch, sentiment: loadGermEval };
for (const recipe of RECIPES.filter((r) => !only || r.name === only)) {
  const data = loaders[recipe.name]();
  if (!data) {
    console.log(`skipped ${recipe.name}: ../shared/data/${recipe.dataset} is not present`);
    continue;
  }
  build(recipe, data);
}
