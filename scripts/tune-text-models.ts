/**
 * Hyper-parameter search for the text models by cross-validation on train + validation
 * only (the test split is never read here). Prints the out-of-fold score of each candidate
 * after choosing decision biases out of fold, the same procedure
 * scripts/train-text-models.ts uses for the final model.
 *
 *   npx tsx scripts/tune-text-models.ts sentiment '[{"epochs":8},{"epochs":12,"l2":1e-6}]'
 *
 * Each candidate is merged over the model's recipe in scripts/text-recipes.ts.
 */

import { f1Scores } from "../src/lib/text-analysis/metrics.ts";
import { loadFlausch, loadGermEval } from "./text-datasets.ts";
import { crossValidate, decide, RECIPES, type Recipe } from "./text-recipes.ts";

const [name, candidatesJson = "[{}]"] = process.argv.slice(2);
const base = RECIPES.find((r) => r.name === name);
if (!base) throw new Error(`usage: tune-text-models.ts praise|sentiment '[{...}, ...]'`);
const data = (name === "praise" ? loadFlausch : loadGermEval)();
if (!data) throw new Error(`../shared/data/${base.dataset} is not present`);
const pool = data.filter((d) => d.split !== "test");
for (const patch of JSON.parse(candidatesJson) as Partial<Recipe>[]) {
  const recipe: Recipe = {
    ...base,
    ...patch,
    features: { ...base.features, ...patch.features },
  };
  const started = Date.now();
  const { score, bias, perClass, oof } = crossValidate(recipe, pool);
  console.log(
    `${score.toFixed(4)} ${JSON.stringify(patch)} biases ${JSON.stringify(bias)} per class ${perClass.map((x) => x.toFixed(3)).join("/")} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  if (recipe.folds !== "group") continue;
  // One line per held-out group: how evenly the choice generalises to new documents.
  const last = recipe.labels.length - 1;
  const groups = [...new Set(oof.map((o) => o.group))];
  const parts = groups.map((g) => {
    const pairs = oof
      .filter((o) => o.group === g)
      .map((o) => ({ y: o.y, yhat: decide(o.p, bias) }));
    const f = f1Scores(pairs, recipe.labels.length)[last]!;
    return { g, n: pairs.length, ...f };
  });
  const mean = parts.reduce((s, x) => s + x.f1, 0) / parts.length;
  console.log(
    `  per group (P/R/F1 of ${recipe.labels[last]}), mean F1 ${mean.toFixed(3)}: ${parts.map((x) => `${x.g} ${x.n} ${x.precision.toFixed(2)}/${x.recall.toFixed(2)}/${x.f1.toFixed(3)}`).join("; ")}`,
  );
}
