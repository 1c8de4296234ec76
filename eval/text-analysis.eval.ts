/**
 * Text models on the held-out test split (scripts/text-datasets.ts, never trained or tuned
 * on): praise precision/recall/F1 on flausch2025, sentiment macro-F1 on germeval2017.
 * Goes through the same entry point as the API (language detection included), and also
 * prints the models alone, as if every text were German.
 */
import { DATA_DIR, type Example, loadFlausch, loadGermEval } from "../scripts/text-datasets.ts";
import { f1Scores } from "../src/lib/text-analysis/metrics.ts";
import { textAnalyzer } from "../src/modules/safety/text-models.ts";

const fmt = (x: number) => x.toFixed(3);

export async function run(): Promise<void> {
  const analyzer = await textAnalyzer();
  const flausch = loadFlausch();
  if (!flausch) console.log(`skipped praise: ${DATA_DIR}flausch2025/train.csv is not present`);
  else
    praise(
      flausch.filter((e) => e.split === "test"),
      analyzer,
    );
  const germeval = loadGermEval();
  if (!germeval) console.log(`skipped sentiment: ${DATA_DIR}germeval2017/dev.tsv is not present`);
  else
    sentiment(
      germeval.filter((e) => e.split === "test"),
      analyzer,
    );
}

type Analyzer = Awaited<ReturnType<typeof textAnalyzer>>;

function praise(test: Example[], analyzer: Analyzer) {
  const pairs = test.map((e) => ({
    y: e.label === "praise" ? 1 : 0,
    yhat: analyzer.analyze(e.text).praise ? 1 : 0,
  }));
  const f = f1Scores(pairs, 2)[1]!;
  const positives = pairs.filter((p) => p.y === 1).length;
  console.log(
    `praise (flausch2025 test split, ${test.length} comments, ${positives} praise): ` +
      `P ${fmt(f.precision)}  R ${fmt(f.recall)}  F1 ${fmt(f.f1)}`,
  );
}

function sentiment(test: Example[], analyzer: Analyzer) {
  const labels = ["negative", "neutral", "positive"];
  const pairs = test.map((e) => ({
    y: labels.indexOf(e.label),
    yhat: labels.indexOf(analyzer.analyze(e.text).sentiment),
  }));
  const f = f1Scores(pairs, 3);
  const macro = f.reduce((s, x) => s + x.f1, 0) / 3;
  const counts = labels.map((_, k) => pairs.filter((p) => p.y === k).length);
  console.log(
    `sentiment (germeval2017 test split, ${test.length} texts: ${labels.map((l, k) => `${counts[k]} ${l}`).join(", ")}): macro-F1 ${fmt(macro)}`,
  );
  for (const [k, l] of labels.entries()) {
    console.log(
      `  ${l.padEnd(9)} P ${fmt(f[k]!.precision)}  R ${fmt(f[k]!.recall)}  F1 ${fmt(f[k]!.f1)}`,
    );
  }
  const accuracy = pairs.filter((p) => p.y === p.yhat).length / pairs.length;
  console.log(`  accuracy ${fmt(accuracy)} (always "neutral": ${fmt(counts[1]! / pairs.length)})`);
}
