/**
 * Ingestion benchmark: N signed X webhook deliveries sent at full speed (then at half
 * that rate) to a real hilft server on this machine; measures messages/s until every
 * message is stored and visible to the inbox API, and p50/p99 latency from sending a
 * delivery to its message being stored. Prints figures; asserts nothing.
 *
 *   npm run bench -- ingest [--count 4000] [--concurrency 32] [--pg postgres://…]
 *                           [--only pglite|postgresql] [--timing] [--keep]
 *
 * --timing prints where the ingest worker spent its time per batch, stage by stage.
 * --keep keeps the PostgreSQL database (its name is printed), with the time spent in each
 * trigger function counted (track_functions): see pg_stat_user_functions afterwards.
 *
 * Wall-clock figures depend on what else the machine is doing; the CPU time spent per
 * message (this process, senders included, and on a local PostgreSQL its server
 * processes for the database) is printed too and varies far less with load.
 *
 * Without --pg it runs on PGlite (in memory) and, if the local server is reachable, on
 * PostgreSQL too (a fresh database that is dropped afterwards).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import type { StageTimer } from "../src/lib/stage-timer.ts";
import { signX } from "../src/lib/webhook-signatures.ts";
import { createChannel } from "../src/modules/channels/create-channel.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createServices } from "../src/server/services.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const COUNT = Number(opt("count", "4000"));
const CONCURRENCY = Number(opt("concurrency", "32"));
const TIMING = args.includes("--timing");
const KEEP = args.includes("--keep");
const BRAND = "3001";
const SECRET = "bench-consumer-secret";

const TEXTS = [
  "@telekom_hilft Seit heute Morgen kein Internet in 50667 Köln, Router blinkt rot",
  "@telekom_hilft my phone has no signal since 8am, is there an outage?",
  "@telekom_hilft Wann bekomme ich meine Rechnung für Oktober?",
  "@telekom_hilft Danke für die schnelle Hilfe gestern, alles läuft wieder!",
  "@telekom_hilft Vertrag verlängern geht online nicht, Fehler 500",
];

function delivery(i: number, runId: string) {
  const id = `${runId}${String(i).padStart(7, "0")}`;
  const user = String(100_000 + (i % 2000));
  const body = JSON.stringify({
    for_user_id: BRAND,
    tweet_create_events: [
      {
        created_at: new Date().toUTCString(),
        id_str: id,
        text: `${TEXTS[i % TEXTS.length]} #${i}`,
        in_reply_to_status_id_str: null,
        user: { id_str: user, screen_name: `kunde${user}`, name: `Kunde ${user}` },
        timestamp_ms: String(Date.now()),
      },
    ],
  });
  return { id, body, signature: signX(SECRET, body) };
}

function pct(sorted: number[], p: number) {
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
    : 0;
}

async function run(label: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-bench-"));
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl, maxConnections: 12 });
  await migrate(database);
  const log = pino({ level: "silent" });
  const services = createServices(config, database, log);
  const workspace = await services.workspaces.ensure("bench", "Bench");
  await createChannel(services, workspace.id, {
    kind: "x",
    handle: "telekom_hilft",
    userId: BRAND,
    consumerSecret: SECRET,
    accessToken: "bench-token-123",
  });
  const app = await buildApp({ services, logger: log, webDistDir: path.join(dataDir, "none") });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });

  // CPU seconds of this database's server processes, read from /proc (a local server
  // only). Connections come and go, so each one's last reading is kept.
  const serverTicks = new Map<number, number>();
  const sampleServer = async () => {
    if (!databaseUrl) return;
    const pids = await database.withConnection((c) =>
      c.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
      ),
    );
    for (const { pid } of pids.rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        serverTicks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        // Not on this machine, or the connection closed meanwhile.
      }
    }
  };
  const serverSeconds = () => [...serverTicks.values()].reduce((a, b) => a + b, 0) / 100;

  const stored = async () => {
    const rows = await database.withConnection((c) =>
      c.query<{ n: string }>("SELECT count(*) AS n FROM messages"),
    );
    return Number(rows.rows[0]!.n);
  };

  async function phase(name: string, count: number, ratePerSec: number | undefined) {
    const runId = randomBytes(2).readUInt16BE(0).toString().padStart(5, "1");
    const items = Array.from({ length: count }, (_, i) => delivery(i, runId));
    const base = await stored();
    services.ingestTimings.reset();
    // Stored and visible: the realtime notices of the commits (sent in the committing
    // transaction) say when to look, rather than counting the table again and again.
    let created = 0;
    let wake = () => {};
    const unsubscribe = services.realtime.subscribe(workspace.id, (event) => {
      if (event.type === "message.created" && ++created >= count) wake();
    });
    const allStored = (async () => {
      while ((await stored()) - base < count) {
        await sampleServer();
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, created >= count ? 20 : 500);
        });
      }
    })();
    await sampleServer();
    const serverBefore = serverSeconds();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const worker = new Worker(new URL("./ingest-sender.mjs", import.meta.url), {
      workerData: { url, items, concurrency: CONCURRENCY, ratePerSec },
    });
    const report = await new Promise<{
      sentAt: Record<string, number>;
      failures: number;
      ackSeconds: number;
    }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    if (report.failures) throw new Error(`${report.failures} deliveries were not acknowledged`);
    const sentAt = new Map(Object.entries(report.sentAt));
    await allStored;
    unsubscribe();
    const visible = performance.now();
    const nodeCpu = process.cpuUsage(cpuBefore);
    await sampleServer();
    const serverCpu = serverSeconds() - serverBefore;
    const rows = await database.withConnection((c) =>
      c.query<{ platform_id: string; received_at: Date | string }>(
        "SELECT platform_id, received_at FROM messages WHERE platform_id LIKE $1",
        [`${runId}%`],
      ),
    );
    const lat = rows.rows
      .map((r) => new Date(r.received_at).getTime() - (sentAt.get(r.platform_id) ?? 0))
      .sort((a, b) => a - b);
    const seconds = (visible - started) / 1000;
    console.log(
      `${label.padEnd(10)} ${name.padEnd(10)} ${String(count).padStart(6)} msgs  ` +
        `${(count / seconds).toFixed(0).padStart(6)} msg/s stored  ` +
        `acks ${(count / report.ackSeconds).toFixed(0).padStart(6)}/s  ` +
        `p50 ${pct(lat, 50).toFixed(0).padStart(5)} ms  p99 ${pct(lat, 99).toFixed(0).padStart(5)} ms`,
    );
    const perMessage = (seconds: number) => ((seconds * 1000) / count).toFixed(2);
    console.log(
      `${"".padEnd(21)} CPU per message: ${perMessage((nodeCpu.user + nodeCpu.system) / 1e6)} ms hilft and senders` +
        (databaseUrl ? `, ${perMessage(serverCpu)} ms PostgreSQL` : ""),
    );
    if (TIMING) printTimings(services.ingestTimings);
    return count / seconds;
  }

  const max = await phase("max rate", COUNT, undefined);
  await phase("half rate", Math.min(COUNT, Math.max(200, Math.floor(max * 5))), max / 2);
  console.log(`load average after ${label}: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
  await app.close();
  await database.close();
}

function printTimings(timer: StageTimer) {
  const batches = timer.batchCount;
  console.log(
    `           ${batches} batches, ${(timer.itemCount / Math.max(1, batches)).toFixed(0)} messages per batch on average; ms per batch:`,
  );
  for (const s of timer.summary())
    console.log(`             ${s.stage.padEnd(20)} ${s.perBatchMs.toFixed(1).padStart(7)}`);
}

async function main() {
  const pgUrl = opt(
    "pg",
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  console.log(`ingest benchmark: ${COUNT} deliveries, ${CONCURRENCY} concurrent senders`);
  console.log(`load average before: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
  const only = opt("only", "");
  if (only !== "postgresql") await run("PGlite", undefined);
  if (only === "pglite") return;
  const name = `hilft_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL not reachable at ${pgUrl}; skipped`);
    return;
  }
  await admin.query(`CREATE DATABASE ${name}`);
  if (KEEP) await admin.query(`ALTER DATABASE ${name} SET track_functions = 'all'`);
  const target = new URL(pgUrl);
  target.pathname = `/${name}`;
  try {
    await run("PostgreSQL", target.toString());
  } finally {
    if (KEEP) console.log(`database kept: ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
