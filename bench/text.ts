/**
 * Text-analysis benchmark: the per-message cost of `analyze` (language, sentiment, praise),
 * which the ingest path runs once per inbound message, and the one-off model load. Reads
 * real comments from ../shared/data when present (flausch2025 and germeval2017, any split:
 * only the time is measured), otherwise the personal-data fixture. Prints figures; asserts
 * nothing.
 *
 *   npm run bench -- text [--messages 3000] [--rounds 5]
 */
import { readFileSync } from "node:fs";
import { loadFlausch, loadGermEval } from "../scripts/text-datasets.ts";
import { textAnalyzer } from "../src/modules/safety/text-models.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const MESSAGES = Number(opt("messages", "3000"));
const ROUNDS = Number(opt("rounds", "5"));

function corpus(): string[] {
  const real = [...(loadFlausch() ?? []), ...(loadGermEval() ?? [])].map((e) => e.text);
  const texts =
    real.length > 0
      ? real
      : readFileSync(new URL("../eval/fixtures/personal-data.jsonl", import.meta.url), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { text: string }).text);
  // Every k-th text, so both data sets and all documents are represented.
  const step = Math.max(1, Math.floor(texts.length / MESSAGES));
  return texts.filter((_, i) => i % step === 0).slice(0, MESSAGES);
}

const texts = corpus();
const started = performance.now();
const analyzer = await textAnalyzer();
const loadMs = performance.now() - started;
for (const t of texts.slice(0, 200)) analyzer.analyze(t); // warm up the JIT

const perMessage: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const t0 = performance.now();
  for (const t of texts) analyzer.analyze(t);
  perMessage.push(((performance.now() - t0) * 1000) / texts.length);
}
perMessage.sort((a, b) => a - b);
const chars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
console.log(
  `text analysis: ${texts.length} messages (mean ${chars.toFixed(0)} characters), ${ROUNDS} rounds`,
);
console.log(`  model load ${loadMs.toFixed(0)} ms`);
console.log(
  `  per message: median ${perMessage[Math.floor(ROUNDS / 2)]!.toFixed(0)} µs, best ${perMessage[0]!.toFixed(0)} µs`,
);
