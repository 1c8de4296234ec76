/**
 * Community benchmark: imports N generated questions (with answers) through the real
 * importer, then measures question-page requests/s and p50/p99 over HTTP against a
 * listening server, and similar-question latency through the engine. Prints figures;
 * asserts nothing.
 *
 *   npm run bench -- community [--count 5000] [--requests 2000] [--concurrency 16]
 *     [--db pglite|postgres|both] [--pg postgres://…] [--keep DBNAME]
 *     [--only similar|pages] [--similar 300] [--similar-concurrency 1,4]
 *
 * `--keep DBNAME` imports into that PostgreSQL database once and reuses it on later runs;
 * `--only similar` skips the page requests and measures only the similar-question search;
 * `--only pages` the other way round.
 *   (or: npx tsx bench/community.ts …)
 *
 * Runs on PGlite (in memory) and, when reachable, on PostgreSQL (a fresh database that
 * is dropped afterwards).
 */

import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { questionPath } from "../src/modules/community/community.presenter.ts";
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
/** Concurrent similar-question searches, one measurement per value. */
const SIMILAR_CONCURRENCY = opt("similar-concurrency", "1,4").split(",").map(Number);
/** `similar`: only the similar-question search (no page requests); `pages`: only pages. */
const ONLY = opt("only", "");
/** Requests over the 100 popular questions. */
const HOT_REQUESTS = Number(opt("hot-requests", "20000"));
/** Similar lists computed by the engine before the page requests (the rest are stored). */
const ENGINE_LISTS = Number(opt("engine-lists", "50"));
/** Answers per question: 0 to twice this, so about this many on average. */
const ANSWERS = Number(opt("answers", "9"));
/** A PostgreSQL database to keep and reuse (imported once), instead of a fresh one. */
const KEEP = opt("keep", "");
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
        answers: Array.from({ length: Math.floor(rnd() * (2 * ANSWERS + 1)) }, (_, j) => ({
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

/** Question-page requests from a child process (bench/page-requester.mjs). */
async function requestPages(job: {
  base: string;
  paths: string[];
  count: number;
  concurrency: number;
  random: boolean;
}) {
  const cpu0 = process.cpuUsage();
  const child = fork(fileURLToPath(new URL("./page-requester.mjs", import.meta.url)), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const result = await new Promise<{
    latencies: number[];
    seconds: number;
    bytes: number;
    error?: string;
  }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as never));
    child.once("error", reject);
    child.send({ ...job, acceptEncoding: "gzip, deflate, br" });
  });
  if (result.error) throw new Error(result.error);
  // This process's CPU time (the server's, and whatever else runs here: nothing during the
  // requests) per request; it varies less with the machine's load than the rates do.
  const cpu = process.cpuUsage(cpu0);
  const sorted = result.latencies.sort((a, b) => a - b);
  return {
    perSecond: job.count / result.seconds,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    kbPerPage: result.bytes / job.count / 1024,
    cpuPerRequest: (cpu.user + cpu.system) / 1000 / job.count,
  };
}

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`;

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
    const existing = await services.workspaces.findDefault();
    const stored = existing
      ? (await services.community.posts.listSitemapQuestions(existing.id, COUNT)).length
      : 0;
    if (stored >= COUNT) {
      console.log(`${label}: ${stored} questions already imported (--keep), import skipped`);
    } else {
      const t0 = performance.now();
      const summary = await importCommunity(services, file);
      const importSeconds = (performance.now() - t0) / 1000;
      console.log(
        `${label}: imported ${summary.questionsCreated} questions + ${summary.answersCreated} answers in ${importSeconds.toFixed(1)} s (${Math.round(summary.questionsCreated / importSeconds)} questions/s; ${load()})`,
      );
    }

    const ws = (await services.workspaces.findDefault())!;
    const all = await services.community.posts.listSitemapQuestions(ws.id, COUNT);
    // Word counts as a running server has them (the importer counts after a run; a
    // database kept from an earlier run may predate the search table).
    await services.community.search.refreshStats(ws.id);
    // Warm up (JIT, connections, caches).
    for (let i = 0; i < 20; i++)
      await findSimilarQuestions(services, {
        workspaceId: ws.id,
        title: words(VOCAB_DE, GLUE_DE, 6),
        limit: 5,
      });
    if (ONLY !== "similar") {
      const app = await buildApp({
        services,
        logger: log,
        webDistDir: path.join(dataDir, "no-web"),
      });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      // The pages to visit: REQUESTS random questions, each visited once ("first view":
      // nothing of it kept in the process), by their canonical URL.
      const sample = [
        ...new Map(
          Array.from({ length: REQUESTS }, () => pick(all)).map((q) => [q.number, q]),
        ).values(),
      ];
      const ids = await Promise.all(
        sample.map(async (q) => (await services.community.pages.findPageKey(q.number))!.id),
      );
      // Their similar lists are stored first, as the background queue does after a question
      // is created or first viewed: the engine's own time is measured on a few of them (and
      // below, "similar questions"); the others get five other sampled questions, so that
      // no background search competes with the page requests.
      const engine = Math.min(ENGINE_LISTS, ids.length);
      const pre = await timed(engine, 2, async (i) => {
        await computeRelatedQuestions(services, ids[i]!);
      });
      for (let i = engine; i < ids.length; i++) {
        const others = Array.from({ length: 5 }, (_, j) => ids[(i + 1 + j * 7) % ids.length]!);
        await services.community.pages.saveRelated(ids[i]!, others, sample[i]!.title);
      }
      console.log(
        `${label}: similar lists   ${pre.perSecond.toFixed(1)} questions/s  p50 ${ms(pre.p50)}  p99 ${ms(pre.p99)}  (${engine} computed by the engine, as in the background; ${load()})`,
      );
      const paths = sample.map((q) => questionPath(q));
      // Warm up (JIT, connections) on other questions, then measure. Their similar lists
      // are stored too: a missing one would be computed in the background meanwhile,
      // competing with the measured requests.
      const warmup = all.slice(0, 200);
      const warmupIds = await Promise.all(
        warmup.map(async (q) => (await services.community.pages.findPageKey(q.number))!.id),
      );
      for (let i = 0; i < warmupIds.length; i++) {
        const others = [1, 2, 3, 4, 5].map((j) => warmupIds[(i + j) % warmupIds.length]!);
        await services.community.pages.saveRelated(warmupIds[i]!, others, warmup[i]!.title);
      }
      await requestPages({
        base,
        paths: warmup.map((q) => questionPath(q)),
        count: 200,
        concurrency: 4,
        random: false,
      });
      const first = await requestPages({
        base,
        paths,
        count: paths.length,
        concurrency: CONCURRENCY,
        random: false,
      });
      console.log(
        `${label}: question page, first view  ${first.perSecond.toFixed(0)} req/s  p50 ${ms(first.p50)}  p99 ${ms(first.p99)}  CPU ${first.cpuPerRequest.toFixed(2)} ms/req  (${paths.length} different questions once each, ${first.kbPerPage.toFixed(1)} KB/page compressed, concurrency ${CONCURRENCY}; ${load()})`,
      );
      // Popular pages: the same 100 questions again and again (kept in memory).
      const popular = await requestPages({
        base,
        paths: paths.slice(0, 100),
        count: HOT_REQUESTS,
        concurrency: CONCURRENCY,
        random: true,
      });
      console.log(
        `${label}: question page, popular     ${popular.perSecond.toFixed(0)} req/s  p50 ${ms(popular.p50)}  p99 ${ms(popular.p99)}  CPU ${popular.cpuPerRequest.toFixed(3)} ms/req  (${HOT_REQUESTS} requests over 100 questions, kept in memory, ${popular.kbPerPage.toFixed(1)} KB/page; ${load()})`,
      );
      await app.close();
    }
    for (const concurrency of ONLY === "pages" ? [] : SIMILAR_CONCURRENCY) {
      const similar = await timed(SIMILAR, concurrency, async () => {
        const de = rnd() < 0.7;
        await findSimilarQuestions(services, {
          workspaceId: ws.id,
          title: de ? words(VOCAB_DE, GLUE_DE, 6) : words(VOCAB_EN, GLUE_EN, 6),
          body: de ? words(VOCAB_DE, GLUE_DE, 30) : words(VOCAB_EN, GLUE_EN, 30),
          limit: 5,
        });
      });
      console.log(
        `${label}: similar questions  ${similar.perSecond.toFixed(0)} queries/s  p50 ${ms(similar.p50)}  p95 ${ms(similar.p95)}  p99 ${ms(similar.p99)}  (${SIMILAR} queries with title and body over ${all.length} questions, concurrency ${concurrency}; ${load()})`,
      );
    }
  } finally {
    services.mailer.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const dir = mkdtempSync(path.join(tmpdir(), "hilft-bench-data-"));
const file = path.join(dir, "community.jsonl");
generate(file, COUNT);
console.log(
  `community bench: ${COUNT} questions with 0-${2 * ANSWERS} answers each, node ${process.version}, ${cpus().length} cores`,
);
try {
  if (DB !== "postgres") await benchOn("PGlite", undefined, file);
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  const reachable = await admin.connect().then(
    () => true,
    () => false,
  );
  if (DB === "pglite") await admin.end().catch(() => {});
  else if (reachable) {
    if (KEEP && !/^[a-z_][a-z0-9_]*$/.test(KEEP)) throw new Error("--keep: a lowercase name");
    const name = KEEP || `hilft_bench_${randomBytes(4).toString("hex")}`;
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]))
      .rowCount;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN);
    url.pathname = `/${name}`;
    try {
      await benchOn("PostgreSQL", url.toString(), file);
    } finally {
      if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  } else {
    console.log(`PostgreSQL: skipped (${PG_ADMIN} not reachable)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
