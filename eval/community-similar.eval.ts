/**
 * Similar-question engine on SemEval-2016 Task 3, subtask B (Qatar Living): for each
 * original question, rank its 10 related questions by our score (restricted to those
 * 10; ties in search-engine order) and report MAP next to the published figures.
 *
 * The related questions and their comments go through the real import into a fresh
 * in-memory PGlite instance of hilft; scoring goes through `findSimilarQuestions`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { DEFAULT_SIMILARITY, type SimilarityParams } from "../src/lib/question-similarity.ts";
import { findSimilarQuestions } from "../src/modules/community/find-similar-questions.ts";
import { importCommunity } from "../src/modules/community/import-community.ts";
import { loadConfig } from "../src/server/config.ts";
import { createServices, type Services } from "../src/server/services.ts";
import { sharedDataFile } from "./data.ts";

interface Related {
  id: string;
  rank: number;
  relevant: boolean;
  subject: string;
  body: string;
  date: string;
  user: string;
  category: string;
  comments: { id: string; text: string; user: string; date: string }[];
}

interface Original {
  id: string;
  subject: string;
  body: string;
  related: Related[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!)
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .trim();
const tag = (xml: string, name: string) =>
  decode(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? "");
const attr = (xml: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(xml)?.[1] ?? "";

export function parseSemEval(xml: string): Original[] {
  const byId = new Map<string, Original>();
  for (const block of xml.matchAll(/<OrgQuestion ORGQ_ID="([^"]+)">([\s\S]*?)<\/OrgQuestion>/g)) {
    const [, id, inner] = block as unknown as [string, string, string];
    const org = byId.get(id) ?? {
      id,
      subject: tag(inner, "OrgQSubject"),
      body: tag(inner, "OrgQBody"),
      related: [],
    };
    byId.set(id, org);
    const rel = /<RelQuestion ([^>]*)>([\s\S]*?)<\/RelQuestion>/.exec(inner);
    if (!rel) continue;
    const [, attrs, relInner] = rel as unknown as [string, string, string];
    const relevance = attr(attrs, "RELQ_RELEVANCE2ORGQ");
    org.related.push({
      id: attr(attrs, "RELQ_ID"),
      rank: Number(attr(attrs, "RELQ_RANKING_ORDER")),
      relevant: relevance === "PerfectMatch" || relevance === "Relevant",
      subject: tag(relInner, "RelQSubject"),
      body: tag(relInner, "RelQBody"),
      date: attr(attrs, "RELQ_DATE"),
      user: decode(attr(attrs, "RELQ_USERNAME")) || "anonymous",
      category: decode(attr(attrs, "RELQ_CATEGORY")) || "General",
      comments: [...inner.matchAll(/<RelComment ([^>]*)>([\s\S]*?)<\/RelComment>/g)].map((c) => ({
        id: attr(c[1]!, "RELC_ID"),
        text: tag(c[2]!, "RelCText"),
        user: decode(attr(c[1]!, "RELC_USERNAME")) || "anonymous",
        date: attr(c[1]!, "RELC_DATE"),
      })),
    });
  }
  return [...byId.values()];
}

const isoDate = (d: string) => (d ? `${d.replace(" ", "T")}Z` : "2013-01-01T00:00:00Z");

/** Average precision of a ranking; 0 when nothing in it is relevant (the task's rule). */
export function averagePrecision(ranked: boolean[]): number {
  let hits = 0;
  let sum = 0;
  ranked.forEach((relevant, i) => {
    if (!relevant) return;
    hits += 1;
    sum += hits / (i + 1);
  });
  return hits ? sum / hits : 0;
}

async function openHilft(): Promise<{ services: Services; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-eval-"));
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HILFT_SEED_DEMO: "false",
  });
  const database = await openDatabase({ pgliteDir: "memory://" });
  await migrate(database);
  const services = createServices(config, database, pino({ level: "silent" }));
  return {
    services,
    async close() {
      services.mailer.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function importOriginals(services: Services, originals: Original[], dir: string) {
  const lines = new Map<string, string>();
  for (const org of originals) {
    for (const r of org.related) {
      lines.set(
        r.id,
        JSON.stringify({
          externalId: r.id,
          board: r.category,
          title: r.subject || "(no subject)",
          body: r.body,
          author: r.user,
          createdAt: isoDate(r.date),
          tags: [],
          answers: r.comments
            .filter((c) => c.text)
            .map((c) => ({
              externalId: c.id,
              body: c.text,
              author: c.user,
              createdAt: isoDate(c.date),
            })),
        }),
      );
    }
  }
  const file = path.join(dir, "semeval.jsonl");
  writeFileSync(file, `${[...lines.values()].join("\n")}\n`);
  const summary = await importCommunity(services, file);
  if (summary.skipped)
    throw new Error(
      `import skipped ${summary.skipped} lines: ${JSON.stringify(summary.problems[0])}`,
    );
}

/** MAP of our ranking and of the search engine's order over the given originals. */
export async function evaluate(
  services: Services,
  originals: Original[],
  params: SimilarityParams = DEFAULT_SIMILARITY,
): Promise<{ ours: number; engine: number }> {
  const ws = await services.workspaces.findDefault();
  const byExternal = new Map<string, string>();
  let ours = 0;
  let engine = 0;
  for (const org of originals) {
    const related = [...org.related].sort((a, b) => a.rank - b.rank);
    const ids: string[] = [];
    for (const r of related) {
      let id = byExternal.get(r.id);
      if (!id) {
        const [row] = await services.db.query.questions.findMany({
          where: (q, { eq }) => eq(q.externalId, r.id),
          columns: { id: true },
        });
        id = row!.id;
        byExternal.set(r.id, id);
      }
      ids.push(id);
    }
    const scored = await findSimilarQuestions(services, {
      workspaceId: ws!.id,
      title: org.subject,
      body: org.body,
      limit: 10,
      restrictTo: ids,
      params,
      fallbackConfig: "english",
    });
    const score = new Map(scored.map((s) => [s.id, s.score]));
    const ranked = related
      .map((r, i) => ({ r, s: score.get(ids[i]!) ?? 0, i }))
      .sort((a, b) => b.s - a.s || a.i - b.i)
      .map((x) => x.r.relevant);
    ours += averagePrecision(ranked);
    engine += averagePrecision(related.map((r) => r.relevant));
  }
  return { ours: (100 * ours) / originals.length, engine: (100 * engine) / originals.length };
}

export async function run(): Promise<void> {
  const sets = [
    ["dev", "semeval2016-cqa/SemEval2016-Task3-CQA-QL-dev.xml"],
    ["train-part2", "semeval2016-cqa/SemEval2016-Task3-CQA-QL-train-part2.xml"],
  ] as const;
  const dir = mkdtempSync(path.join(tmpdir(), "hilft-eval-data-"));
  try {
    console.log(
      "Published test-set MAP: IR baseline 74.75, best primary system 76.70, random 46.98",
    );
    for (const [name, rel] of sets) {
      const file = sharedDataFile(rel);
      if (!file) continue;
      const originals = parseSemEval(readFileSync(file, "utf8"));
      const hilft = await openHilft();
      try {
        await importOriginals(hilft.services, originals, dir);
        const { ours, engine } = await evaluate(hilft.services, originals);
        console.log(
          `${name.padEnd(12)} ${String(originals.length).padStart(3)} questions  MAP hilft ${ours.toFixed(2)}  search-engine order ${engine.toFixed(2)}`,
        );
      } finally {
        await hilft.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
