/**
 * Loading and splitting the text-model data in ../shared/data (never copied into the repo).
 * Training (scripts/train-text-models.ts) and evaluation (eval/text-analysis.eval.ts) share
 * these splits, so the test part is never trained or tuned on.
 *
 * Splits are by a seeded hash of a group key: the flausch2025 `document` (every comment of
 * one video lands on the same side, so the test measures generalisation to new threads)
 * and the germeval2017 text itself (its duplicates never straddle train and test).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hash } from "../src/lib/text-analysis/features.ts";

export const SPLIT_SEED = 20250;
export type Split = "train" | "validation" | "test";

export const DATA_DIR = fileURLToPath(new URL("../../shared/data/", import.meta.url));

export interface Example {
  text: string;
  label: string;
  group: string;
  split: Split;
}

/** train 70 %, validation 15 %, test 15 % of groups. */
export function splitOf(group: string, seed = SPLIT_SEED): Split {
  const bucket = hash(`${seed}:${group}`) % 100;
  if (bucket < 70) return "train";
  if (bucket < 85) return "validation";
  return "test";
}

export function dataPath(relative: string): string | undefined {
  const file = `${DATA_DIR}${relative}`;
  return existsSync(file) ? file : undefined;
}

/** flausch2025/train.csv: document,comment_id,comment,flausch(yes|no). */
export function loadFlausch(): Example[] | undefined {
  const file = dataPath("flausch2025/train.csv");
  if (!file) return undefined;
  const rows = parseCsv(readFileSync(file, "utf8"));
  const header = rows.shift() ?? [];
  const col = (name: string) => header.indexOf(name);
  const [doc, comment, label] = [col("document"), col("comment"), col("flausch")];
  return rows
    .filter((r) => r.length >= header.length)
    .map((r) => ({
      text: r[comment]!,
      label: r[label] === "yes" ? "praise" : "other",
      group: r[doc]!,
      split: splitOf(r[doc]!),
    }));
}

/** germeval2017/dev.tsv: url, text, relevance, sentiment, aspects. */
export function loadGermEval(): Example[] | undefined {
  const file = dataPath("germeval2017/dev.tsv");
  if (!file) return undefined;
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.split("\t"))
    .filter((f) => f.length >= 4 && ["positive", "neutral", "negative"].includes(f[3]!))
    .map((f) => ({ text: f[1]!, label: f[3]!, group: f[1]!, split: splitOf(f[1]!) }));
}

/** RFC 4180 CSV: quoted fields with "" escapes and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
