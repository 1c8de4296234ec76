/**
 * Community benchmark: imports N generated questions (with answers) through the real
 * importer, then measures question-page requests/s and p50/p99 over HTTP against a
 * listening server, and similar-question latency through the engine. Prints figures;
 * asserts nothing.
 *
 *   npm run bench -- community [--count 5000] [--requests 2000] [--concurrency 16]
 *     [--db pglite|postgres|both] [--pg postgres://…]
 *   (or: npx tsx bench/community.ts …)
 *
 * Runs on PGlite (in memory) and, when reachable, on PostgreSQL (a fresh database that
 * is dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { findSimilarQuestions } from "../src/modules/community/find-similar-questions.ts";
import { importCommunity } from "../src/modules/community/import-community.ts";
import { computeRelatedQuestions } from "../src/modules/community/related-questions.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createServices } from "../src/server/services.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const COUNT = Number(opt("count", "5000"));
const REQUESTS = Number(opt("requests", "2000"));
const CONCURRENCY = Number(opt("concurrency", "16"));
const SIMILAR = Number(opt("similar", "300"));
const PG_ADMIN = opt("pg", "postgres://postgres@127.0.0.1:5432/postgres");
/** pglite, postgres or both. */
const DB = opt("db", "both");

const DE =
  "router internet vertrag kündigen rechnung handy tarif roaming esim sim karte glasfaser dsl störung empfang netz telefon festnetz umzug hotline techniker anschluss geschwindigkeit wlan passwort kundencenter abbuchung gutschrift datenvolumen drosselung vertragslaufzeit".split(
    " ",
  );
const EN =
  "router internet contract cancel bill phone plan roaming esim sim card fibre broadband outage signal network landline moving hotline technician connection speed wifi password account charge refund data throttling renewal".split(
    " ",
  );
const GLUE_DE =
  "wie warum seit mein meine der die das nicht geht funktioniert plötzlich wieder".split(" ");
const GLUE_EN = "how why since my the is not working suddenly again does".split(" ");

let seed = 42;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;

// A vocabulary with a natural (Zipf-like) spread: the domain words are the frequent
// head, thousands of made-up words the long tail. Uniform picks from a few dozen words
// would make every question match every query, which real text does not.
const SYLLABLES =
  "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to".split(
    " ",
  );
const tail = (n: number) =>
  Array.from({ length: n }, () =>
    Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(SYLLABLES)).join(""),
  );
const VOCAB_DE = [...DE, ...tail(4000)];
const VOCAB_EN = [...EN, ...tail(4000)];
const zipf = (xs: string[]) => xs[Math.min(xs.length - 1, Math.floor(xs.length ** rnd()) - 1)]!;
const words = (vocab: string[], glue: string[], n: number) =>
  Array.from({ length: n }, () => (rnd() < 0.6 ? zipf(vocab) : pick(glue))).join(" ");

function generate(file: string, count: number) {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const de = rnd() < 0.7;
    const [vocab, glue] = de ? [VOCAB_DE, GLUE_DE] : [VOCAB_EN, GLUE_EN];
    const title = words(vocab, glue, 5 + Math.floor(rnd() * 6));
    lines.push(
      JSON.stringify({
        externalId: `bench-${i}`,
        board: pick(["Mobilfunk", "Internet & Festnetz", "Rechnung & Vertrag", "Geräte"]),
        title: title[0]!.toUpperCase() + title.slice(1),
        body: words(vocab, glue, 30 + Math.floor(rnd() * 50)),
        author: `Person ${Math.floor((rnd() * count) / 3)}`,
        createdAt: new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(),
        tags: [pick(de ? DE : EN)],
        answers: Array.from({ length: Math.floor(rnd() * 5) }, (_, j) => ({
          externalId: `bench-${i}-${j}`,
          body: words(vocab, glue, 15 + Math.floor(rnd() * 40)),
          author: `Person ${Math.floor((rnd() * count) / 3)}`,
          createdAt: new Date(
            Date.UTC(2023, 0, 1) + i * 60_000 + (j + 1) * 3_600_000,
          ).toISOString(),
          accepted: j === 0 && rnd() < 0.3,
        })),
      }),
    );
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed(count: number, concurrency: number, fn: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
}

async function benchOn(label: string, databaseUrl: string | undefined, file: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-bench-"));
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HILFT_SEED_DEMO: "false",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl, maxConnections: 10 });
  await migrate(database);
  const log = pino({ level: "silent" });
  const services = createServices(config, database, log);
  try {
    const t0 = performance.now();
    const summary = await importCommunity(services, file);
    const importSeconds = (performance.now() - t0) / 1000;
    console.log(
      `${label}: imported ${summary.questionsCreated} questions + ${summary.answersCreated} answers in ${importSeconds.toFixed(1)} s (${Math.round(summary.questionsCreated / importSeconds)} questions/s)`,
    );

    const app = await buildApp({ services, logger: log, webDistDir: path.join(dataDir, "no-web") });
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const numbers = (
      await services.community.posts.listSitemapQuestions(
        (await services.workspaces.findDefault())!.id,
        COUNT,
      )
    ).map((q) => q.number);
    // The pages to visit: REQUESTS random questions, each visited once ("cold": nothing
    // of it is cached in the process). Their similar lists are computed first, as the
    // background queue does after a question is created or first viewed.
    const sample = [...new Set(Array.from({ length: REQUESTS }, () => pick(numbers)))];
    const ids = await Promise.all(
      sample.map(async (n) => (await services.community.pages.findPageKey(n))!.id),
    );
    const pre = await timed(ids.length, 2, async (i) => {
      await computeRelatedQuestions(services, ids[i]!);
    });
    console.log(
      `${label}: similar lists   ${pre.perSecond.toFixed(0)} questions/s  p50 ${ms(pre.p50)}  p99 ${ms(pre.p99)}  (computed once per question, in the background)`,
    );
    // Warm up (JIT, connections) on other questions, then measure.
    await timed(
      50,
      4,
      async (i) =>
        void (await (await fetch(`${base}/community/q/${numbers[i % numbers.length]}`)).text()),
    );
    const pages = await timed(sample.length, CONCURRENCY, async (i) => {
      const res = await fetch(`${base}/community/q/${sample[i]}`, { redirect: "follow" });
      if (res.status !== 200) throw new Error(`question page answered ${res.status}`);
      await res.text();
    });
    console.log(
      `${label}: question page   ${pages.perSecond.toFixed(0)} req/s  p50 ${ms(pages.p50)}  p99 ${ms(pages.p99)}  (${sample.length} different questions, first view each, concurrency ${CONCURRENCY})`,
    );
    // Popular pages: the same 100 questions again and again (rendered page cached).
    const hot = sample.slice(0, 100);
    const warm = await timed(REQUESTS, CONCURRENCY, async () => {
      const res = await fetch(`${base}/community/q/${pick(hot)}`, { redirect: "follow" });
      if (res.status !== 200) throw new Error(`question page answered ${res.status}`);
      await res.text();
    });
    console.log(
      `${label}: popular pages   ${warm.perSecond.toFixed(0)} req/s  p50 ${ms(warm.p50)}  p99 ${ms(warm.p99)}  (100 questions, rendered page cached)`,
    );
    const ws = (await services.workspaces.findDefault())!;
    const similar = await timed(SIMILAR, 4, async () => {
      const de = rnd() < 0.7;
      await findSimilarQuestions(services, {
        workspaceId: ws.id,
        title: de ? words(VOCAB_DE, GLUE_DE, 6) : words(VOCAB_EN, GLUE_EN, 6),
        limit: 5,
      });
    });
    console.log(
      `${label}: similar questions  ${similar.perSecond.toFixed(0)} queries/s  p50 ${ms(similar.p50)}  p95 ${ms(similar.p95)}  p99 ${ms(similar.p99)}  (${SIMILAR} queries over ${COUNT} questions)`,
    );
    await app.close();
  } finally {
    services.mailer.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "hilft-bench-data-"));
const file = path.join(dir, "community.jsonl");
generate(file, COUNT);
console.log(`community bench: ${COUNT} questions, node ${process.version}`);
try {
  if (DB !== "postgres") await benchOn("PGlite", undefined, file);
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (DB === "pglite") await admin.end().catch(() => {});
  else if (reachable) {
    const name = `hilft_bench_${randomBytes(4).toString("hex")}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    try {
      await benchOn("PostgreSQL", url.toString(), file);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  } else {
    console.log(`PostgreSQL: skipped (${PG_ADMIN} not reachable)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
