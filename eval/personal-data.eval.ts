/**
 * Personal-data detector against the hand-labelled messages in
 * eval/fixtures/personal-data.jsonl: span-level precision and recall (a finding counts only
 * when type, start and end all match), per type and overall, then the misses and false
 * alarms. Each fixture line is `{"text","lang","entities":[{"type","text"}]}` with the
 * entities in order of appearance; their offsets are found by searching in that order.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type DetectOptions, detectPersonalData } from "../src/lib/personal-data/index.ts";

interface FixtureLine {
  text: string;
  lang: string;
  entities: { type: string; text: string }[];
}
interface Span {
  type: string;
  start: number;
  end: number;
}

/** The workspace settings the fixture assumes: German region, the hotline, one custom pattern. */
export const FIXTURE_OPTIONS: DetectOptions = {
  defaultRegion: "DE",
  allowlist: ["0800 330 1000"],
  customPatterns: [{ name: "customer_no", regex: "\\bK-\\d{8}\\b" }],
};

export function loadFixture(): { text: string; lang: string; gold: Span[] }[] {
  const file = fileURLToPath(new URL("./fixtures/personal-data.jsonl", import.meta.url));
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((line, i) => {
      const row = JSON.parse(line) as FixtureLine;
      let from = 0;
      const gold = row.entities.map((e) => {
        const start = row.text.indexOf(e.text, from);
        if (start < 0) throw new Error(`fixture line ${i + 1}: "${e.text}" not found in order`);
        from = start + e.text.length;
        return { type: e.type, start, end: from };
      });
      return { text: row.text, lang: row.lang, gold };
    });
}

const key = (s: Span) => `${s.type}:${s.start}:${s.end}`;

export async function run(): Promise<void> {
  const rows = loadFixture();
  const stats = new Map<string, { tp: number; fp: number; fn: number }>();
  const stat = (type: string) => {
    const group = type.startsWith("custom:") ? "custom" : type;
    let s = stats.get(group);
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0 };
      stats.set(group, s);
    }
    return s;
  };
  const errors: string[] = [];
  for (const row of rows) {
    const predicted = detectPersonalData(row.text, FIXTURE_OPTIONS);
    const goldKeys = new Set(row.gold.map(key));
    const predKeys = new Set(predicted.map(key));
    for (const p of predicted) {
      if (goldKeys.has(key(p))) stat(p.type).tp++;
      else {
        stat(p.type).fp++;
        errors.push(`FP ${p.type} ${JSON.stringify(p.value)} in ${JSON.stringify(row.text)}`);
      }
    }
    for (const g of row.gold) {
      if (predKeys.has(key(g))) continue;
      stat(g.type).fn++;
      const value = row.text.slice(g.start, g.end);
      errors.push(`FN ${g.type} ${JSON.stringify(value)} in ${JSON.stringify(row.text)}`);
    }
  }
  const fmt = (n: number) => (Number.isNaN(n) ? "  -  " : n.toFixed(3));
  const positives = rows.filter((r) => r.gold.length > 0).length;
  console.log(
    `${rows.length} messages (${positives} with personal data, ${rows.length - positives} without)`,
  );
  console.log("type              gold   P      R");
  const total = { tp: 0, fp: 0, fn: 0 };
  for (const [type, s] of [...stats.entries()].sort()) {
    total.tp += s.tp;
    total.fp += s.fp;
    total.fn += s.fn;
    const p = s.tp / (s.tp + s.fp);
    const r = s.tp / (s.tp + s.fn);
    console.log(`${type.padEnd(16)} ${String(s.tp + s.fn).padStart(5)}  ${fmt(p)}  ${fmt(r)}`);
  }
  const p = total.tp / (total.tp + total.fp);
  const r = total.tp / (total.tp + total.fn);
  console.log(
    `${"overall".padEnd(16)} ${String(total.tp + total.fn).padStart(5)}  ${fmt(p)}  ${fmt(r)}`,
  );
  for (const e of errors) console.log(`  ${e}`);
}
