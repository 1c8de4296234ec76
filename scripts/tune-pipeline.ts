/**
 * Cross-validates the rules around the German models (language routing, lexicon
 * override, "no praise in a complaint") on train + validation only: for each fold the
 * model of the task is retrained without the fold and the whole decision is taken on the
 * held-out fold, as `analyzeText` takes it, with each rule on and off.
 *
 *   npx tsx scripts/tune-pipeline.ts praise|sentiment
 */
import { readFileSync } from "node:fs";
import { detectLanguage } from "../src/lib/language.ts";
import {
  Classifier,
  type ClassifierFile,
  PRAISE_VETO_NEGATIVE,
  type Sentiment,
} from "../src/lib/text-analysis/analyze-text.ts";
import { scoreLexicon } from "../src/lib/text-analysis/lexicon.ts";
import { f1Scores } from "../src/lib/text-analysis/metrics.ts";
import { loadFlausch, loadGermEval } from "./text-datasets.ts";
import { encode, foldsOf, RECIPES, trainEnsemble } from "./text-recipes.ts";

const name = process.argv[2] as "praise" | "sentiment";
const recipe = RECIPES.find((r) => r.name === name)!;
const data = (name === "praise" ? loadFlausch : loadGermEval)()!;
const pool = data.filter((d) => d.split !== "test");
const encoded = encode(recipe, pool);
const shipped = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../src/lib/text-analysis/models/${file}`, import.meta.url), "utf8"),
  ) as ClassifierFile;
const bias = shipped(`${name}.de.json`).decisionBias;
// Praise decisions consult sentiment; that model never saw flausch texts.
const sentimentModel = Classifier.fromFile(shipped("sentiment.de.json"));

type Row = { y: number; text: string; label: string; p: Record<string, number> };
const rows: Row[] = [];
// The recipe's own folds (praise: one per document), as train-text-models.ts uses them.
const foldOf = foldsOf(
  recipe,
  pool.map((d) => d.group),
);
const folds = Math.max(...pool.map((d) => foldOf(d.group))) + 1;
for (let fold = 0; fold < folds; fold++) {
  const inFold = (g: string) => foldOf(g) === fold;
  const model = trainEnsemble(
    recipe,
    encoded.filter((e) => !inFold(e.group)),
  );
  const file = { ...model.toFile({}), decisionBias: bias };
  const classifier = Classifier.fromFile(file);
  pool.forEach((d, i) => {
    if (!inFold(d.group)) return;
    const c = classifier.classify(d.text);
    rows.push({ y: encoded[i]!.y, text: d.text, label: c.label, p: c.probabilities });
  });
}

const sure = PRAISE_VETO_NEGATIVE;
const variants = {
  "model alone": { routing: false, lexicon: false, veto: 0 },
  "+ language routing (English lexicon)": { routing: true, lexicon: false, veto: 0 },
  "+ lexicon override": { routing: false, lexicon: true, veto: 0 },
  "+ no praise when negative": { routing: false, lexicon: false, veto: 1e-9 },
  [`+ no praise when negative with p ≥ ${sure}`]: { routing: false, lexicon: false, veto: sure },
  "lexicon override + no praise when negative": { routing: false, lexicon: true, veto: 1e-9 },
  "all (as shipped before)": { routing: true, lexicon: true, veto: 1e-9 },
  [`as shipped: routing, no praise when negative with p ≥ ${sure}`]: {
    routing: true,
    lexicon: false,
    veto: sure,
  },
};
for (const [title, v] of Object.entries(variants)) {
  const pairs = rows.map((r) => {
    const english = v.routing && detectLanguage(r.text).language === "en";
    const lex = scoreLexicon(r.text, english ? "en" : "de");
    let sentiment: Sentiment;
    let praise: boolean;
    if (english) {
      sentiment = lex.score >= 0.3 ? "positive" : lex.score <= -0.3 ? "negative" : "neutral";
      const s =
        lex.praise > 0 ? Math.min(1, 0.5 + 0.2 * lex.praise + 0.3 * Math.max(0, lex.score)) : 0;
      praise = s >= 0.5 && lex.score > 0;
    } else {
      const s =
        name === "sentiment"
          ? { label: r.label, probabilities: r.p }
          : sentimentModel.classify(r.text);
      sentiment = s.label as Sentiment;
      // The override that analyzeText used to apply (removed after this comparison).
      if (v.lexicon)
        sentiment = overrideByLexicon(sentiment, lex.score, s.probabilities.negative ?? 0);
      praise = name === "praise" && r.label === "praise";
      const negative = s.probabilities.negative ?? 0;
      if (v.veto > 0 && praise && sentiment === "negative" && negative >= v.veto) praise = false;
    }
    const yhat =
      name === "praise" ? (praise ? 1 : 0) : ["negative", "neutral", "positive"].indexOf(sentiment);
    return { y: r.y, yhat };
  });
  const f = f1Scores(pairs, recipe.labels.length).map((x) => x.f1);
  const score = name === "praise" ? f[1]! : f.reduce((a, b) => a + b, 0) / f.length;
  console.log(`${score.toFixed(4)}  ${title}  (${f.map((x) => x.toFixed(3)).join("/")})`);
}

function overrideByLexicon(model: Sentiment, lexScore: number, negative: number): Sentiment {
  if (lexScore <= -0.5 && model !== "negative") return "negative";
  if (lexScore >= 0.6 && model !== "positive" && negative < 0.5) return "positive";
  return model;
}
