import { readFileSync } from "node:fs";
import type {
  AnalyzeOptions,
  ClassifierFile,
  TextAnalysis,
  TextModels,
} from "../../lib/text-analysis/analyze-text.ts";

const MODELS_DIR = new URL("../../lib/text-analysis/models/", import.meta.url);

export interface TextAnalyzer {
  analyze(text: string, options?: AnalyzeOptions): TextAnalysis;
}

let loading: Promise<TextAnalyzer> | undefined;

/**
 * The text models, loaded once per process on first use (about 3.5 MB of JSON and eld's
 * n-gram table) and shared afterwards; concurrent first callers wait for the same load.
 */
export function textAnalyzer(): Promise<TextAnalyzer> {
  loading ??= load().catch((err) => {
    loading = undefined; // let a later call retry
    throw err;
  });
  return loading;
}

async function load(): Promise<TextAnalyzer> {
  const { analyzeText, Classifier } = await import("../../lib/text-analysis/analyze-text.ts");
  const read = (name: string) =>
    Classifier.fromFile(
      JSON.parse(readFileSync(new URL(name, MODELS_DIR), "utf8")) as ClassifierFile,
    );
  const models: TextModels = {
    praiseDe: read("praise.de.json"),
    sentimentDe: read("sentiment.de.json"),
  };
  return { analyze: (text, options) => analyzeText(text, models, options) };
}
