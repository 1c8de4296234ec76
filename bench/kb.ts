/**
 * Knowledge-base benchmark: N generated articles (German and English), then the latency
 * of article suggestions (`findArticles`, what the console, the help search and the ask
 * form call) and of short-link clicks. Prints figures; asserts nothing.
 *
 *   npm run bench -- kb [--count 2000] [--queries 300] [--pg postgres://…]
 *
 * Runs on PGlite (in memory) and, when reachable, on PostgreSQL (a fresh database that
 * is dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { renderMarkdown } from "../src/lib/markdown.ts";
import { findArticles } from "../src/modules/kb/find-suggestions.ts";
import { loadConfig } from "../src/server/config.ts";
import { createServices } from "../src/server/services.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const COUNT = Number(opt("count", "2000"));
const QUERIES = Number(opt("queries", "300"));
const PG_ADMIN = opt("pg", "postgres://postgres@127.0.0.1:5432/postgres");

const DE =
  "router internet vertrag kündigen rechnung handy tarif roaming esim sim karte glasfaser dsl störung empfang netz telefon festnetz umzug hotline techniker anschluss wlan passwort kundencenter datenvolumen mailbox rufumleitung".split(
    " ",
  );
const EN =
  "router internet contract cancel bill phone plan roaming esim sim card fibre broadband outage signal network landline moving hotline technician connection wifi password account data voicemail forwarding".split(
    " ",
  );
let seed = 7;
const rnd = () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
const SYL = "ba be bi bo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro".split(" ");
const made = () => Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => pick(SYL)).join("");
const text = (vocab: string[], n: number) =>
  Array.from({ length: n }, () => (rnd() < 0.5 ? pick(vocab) : made())).join(" ");

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function benchOn(label: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-bench-kb-"));
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HILFT_SEED_DEMO: "false",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase(
    databaseUrl ? { databaseUrl, maxConnections: 4 } : { pgliteDir: "memory://" },
  );
  try {
    await migrate(database);
    const services = createServices(config, database, pino({ level: "silent" }));
    const ws = await services.workspaces.ensure("bench", "Bench");
    const author = await services.accounts.createUser({
      email: `bench-${randomBytes(3).toString("hex")}@example.com`,
      name: "Bench",
      passwordHash: "x",
      role: "admin",
      workspaceId: ws.id,
    });
    const started = Date.now();
    for (let i = 0; i < COUNT; i++) {
      const de = rnd() < 0.7;
      const vocab = de ? DE : EN;
      const body = text(vocab, 120);
      await services.kb.insertArticle({
        workspaceId: ws.id,
        language: de ? "de" : "en",
        authorId: author.id,
        title: text(vocab, 6),
        summary: text(vocab, 15),
        body,
        bodyHtml: renderMarkdown(body),
        tags: [pick(vocab)],
        slug: `article-${i}`,
        categoryId: null,
        faq: false,
        status: "published",
        publishAt: new Date(0),
      });
    }
    console.log(
      `${label}: ${COUNT} articles written in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const latencies: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const q = text(rnd() < 0.7 ? DE : EN, 8);
      const t0 = performance.now();
      await findArticles(services, { workspaceId: ws.id, text: q, limit: 5 });
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `${label}: article suggestions p50 ${ms(percentile(latencies, 0.5))}  p99 ${ms(percentile(latencies, 0.99))}  (${QUERIES} queries over ${COUNT} articles)`,
    );
    services.mailer.close();
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await benchOn("PGlite", undefined);
const admin = new pg.Client({ connectionString: PG_ADMIN });
const reachable = await admin.connect().then(
  () => true,
  () => false,
);
if (reachable) {
  const name = `hilft_bench_kb_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  try {
    await benchOn("PostgreSQL", url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
} else {
  console.log(`PostgreSQL: skipped (${PG_ADMIN} not reachable)`);
}
