/**
 * Reports benchmark: seeds a year of traffic at 100× the model case (420 inbound
 * messages a day → 42,000 a day, 15.3 million a year; two inbound and one reply per
 * conversation) and times the report operations: volume per month, day and hour, and
 * first-response times in business and calendar time (from the `response_days` roll-up,
 * which the seeding fills through the triggers, and `response_facts` for partial days). Prints figures; asserts nothing.
 *
 *   npm run bench -- reports [--days 365] [--scale 100] [--driver both|pglite|postgres]
 *                            [--pg postgres://…] [--with-index] [--keep] [--reuse NAME]
 *
 * PGlite runs on a temporary directory on disk (a year at 100× does not fit in memory
 * comfortably); PostgreSQL on a fresh database that is dropped afterwards.
 * `--with-index` adds an index on messages (workspace_id, created_at) WHERE inbound, to
 * compare with the schema as it is. `--keep` leaves the PostgreSQL database in place (its
 * name is printed) for looking at query plans afterwards; `--reuse NAME` times the reports
 * again on such a database (migrated to the current schema, the team made afresh) without
 * seeding it again (PostgreSQL only).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { buildResponseClocks } from "../src/modules/operations/build-response-clocks.ts";
import { getOverviewReport } from "../src/modules/operations/get-overview-report.ts";
import { getResponseTimesReport } from "../src/modules/operations/get-response-times-report.ts";
import { getVolumeReport } from "../src/modules/operations/get-volume-report.ts";
import { loadConfig } from "../src/server/config.ts";
import { createServices, type Services } from "../src/server/services.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const DAYS = Number(opt("days", "365"));
const SCALE = Number(opt("scale", "100"));
const DRIVER = opt("driver", "both");
const WITH_INDEX = args.includes("--with-index");
const KEEP = args.includes("--keep");
const REUSE = opt("reuse", "");
const INBOUND_PER_DAY = 420 * SCALE;
const CONVERSATIONS_PER_DAY = INBOUND_PER_DAY / 2;
const DAY = 86_400_000;
// A fixed end (Monday 2 December 2024, before the Christmas holidays) keeps the figures
// independent of today.
const END = Date.UTC(2024, 11, 2);
const START = END - DAYS * DAY;

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const time = async <T>(label: string, fn: () => Promise<T>, describe: (r: T) => string) => {
  const t0 = performance.now();
  const r = await fn();
  const load = loadavg()[0]!.toFixed(1);
  console.log(
    `  ${label.padEnd(48)} ${secs(performance.now() - t0).padStart(9)}  (load ${load})  ${describe(r)}`,
  );
  return r;
};

/**
 * SLA clocks on the conversations not given one yet (of a day): first response due in
 * an hour (the reply comes after 10 to 250 minutes), resolution due in eight hours.
 */
const sla = (where: ReturnType<typeof sql>) => sql`
  UPDATE conversations SET sla_started_at = created_at,
         first_response_due_at = created_at + interval '1 hour',
         first_response_at = created_at + (10 + (extract(epoch FROM created_at)::bigint % 240)) * interval '1 minute',
         resolution_due_at = created_at + interval '8 hours'
   WHERE sla_started_at IS NULL ${where}`;

async function seed(services: Services, workspaceId: string) {
  const db = services.db;
  await db.execute(sql`
    INSERT INTO channels (workspace_id, kind, name, external_id, credentials)
    VALUES (${workspaceId}, 'facebook', 'Facebook', 'bench-fb', 'sealed'),
           (${workspaceId}, 'x', 'X', 'bench-x', 'sealed')`);
  await db.execute(sql`
    INSERT INTO contacts (workspace_id, display_name)
    SELECT ${workspaceId}, 'Kunde ' || g FROM generate_series(1, 1000) g`);
  const t0 = performance.now();
  for (let d = 0; d < DAYS; d++) {
    const dayStart = new Date(START + d * DAY).toISOString();
    // Deterministic spread over the day, 2/3 Facebook and 1/3 X, as in the model case.
    await db.execute(sql`
      WITH cs AS (SELECT array_agg(id ORDER BY id) AS ids FROM contacts WHERE workspace_id = ${workspaceId}),
           ch AS (SELECT array_agg(id ORDER BY kind) AS ids FROM channels WHERE workspace_id = ${workspaceId})
      INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility, status,
                                 created_at, last_message_at, solved_at)
      SELECT ${workspaceId},
             ch.ids[CASE WHEN g % 3 = 0 THEN 2 ELSE 1 END],
             cs.ids[1 + g % 1000],
             'bench:' || ${d} || ':' || g,
             'public', 'closed',
             ${dayStart}::timestamptz + ((g::bigint * 2654435761) % 86400000) * interval '1 millisecond',
             ${dayStart}::timestamptz + ((g::bigint * 2654435761) % 86400000) * interval '1 millisecond',
             ${dayStart}::timestamptz + ((g::bigint * 2654435761) % 86400000) * interval '1 millisecond'
               + (30 + g % 600) * interval '1 minute'
        FROM generate_series(1, ${CONVERSATIONS_PER_DAY}) g, cs, ch`);
    await db.execute(sql`
      INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text, created_at)
      SELECT c.workspace_id, c.id, c.channel_id,
             (CASE WHEN k < 2 THEN 'inbound' ELSE 'outbound' END)::message_direction,
             'public',
             CASE WHEN k < 2 THEN 'Kein Internet seit heute Morgen' ELSE 'Wir kümmern uns' END,
             c.created_at + CASE k WHEN 0 THEN interval '0' WHEN 1 THEN interval '5 minutes'
                                   ELSE (10 + (extract(epoch FROM c.created_at)::bigint % 240)) * interval '1 minute' END
        FROM conversations c, generate_series(0, 2) k
       WHERE c.workspace_id = ${workspaceId}
         AND c.created_at >= ${dayStart}::timestamptz
         AND c.created_at < ${dayStart}::timestamptz + interval '1 day'`);
    await db.execute(
      sla(sql`AND created_at >= ${dayStart}::timestamptz
         AND created_at < ${dayStart}::timestamptz + interval '1 day'`),
    );
    if ((d + 1) % 30 === 0 || d === DAYS - 1) {
      const rate = ((d + 1) * INBOUND_PER_DAY * 1.5) / ((performance.now() - t0) / 1000);
      console.log(`  seeded ${d + 1}/${DAYS} days (${Math.round(rate)} messages/s)`);
    }
  }
  if (WITH_INDEX) {
    await db.execute(sql`
      CREATE INDEX IF NOT EXISTS bench_messages_inbound_idx
        ON messages (workspace_id, created_at) WHERE direction = 'inbound'`);
    await db.execute(sql`
      CREATE INDEX IF NOT EXISTS bench_conversations_created_idx
        ON conversations (workspace_id, created_at)`);
  }
  await db.execute(sql`ANALYZE`);
  return (performance.now() - t0) / 1000;
}

async function run(label: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-bench-"));
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({
    databaseUrl,
    pgliteDir: path.join(dataDir, "pglite"),
    maxConnections: 4,
  });
  try {
    await migrate(database);
    const services = createServices(config, database, pino({ level: "silent" }));
    const ws = await services.workspaces.ensure("bench", "Bench");
    console.log(`\n${label}${WITH_INDEX ? " (with report indexes)" : ""}`);
    if (REUSE) {
      await services.db.execute(
        sql`DELETE FROM teams WHERE workspace_id = ${ws.id} AND name = 'Social Care'`,
      );
      await services.db.execute(sla(sql``));
      console.log(`  reusing database ${REUSE} as seeded before`);
    } else {
      const seconds = await seed(services, ws.id);
      const total = DAYS * CONVERSATIONS_PER_DAY * 3;
      console.log(`  seeded ${total.toLocaleString("en")} messages in ${seconds.toFixed(0)} s`);
    }
    const team = await services.operations.createTeam({
      workspaceId: ws.id,
      name: "Social Care",
      isPublic: true,
      timeZone: "Europe/Berlin",
      holidayCountry: "DE",
      holidayState: "NW",
      weekly: ([1, 2, 3, 4, 5, 6, 7] as const).map((day) => ({
        day,
        start: "08:00",
        end: "22:00",
      })),
      exceptions: [],
    });
    // The SLA task builds the team's clock for the roll-up (counts all its waves once).
    await time(
      "build the team's roll-up clock (SLA task)",
      () => buildResponseClocks(services),
      (n) => `${n} clock built`,
    );
    const now = new Date(END);
    const year = { from: new Date(START).toISOString(), to: new Date(END).toISOString() };
    const lastMonth = { from: new Date(END - 31 * DAY).toISOString(), to: year.to };
    const lastWeek = { from: new Date(END - 7 * DAY).toISOString(), to: year.to };
    const q = { format: "json" as const };
    const volume = (r: { total: number; items: unknown[] }) =>
      `${r.total.toLocaleString("en")} inbound in ${r.items.length} buckets`;
    for (const round of [1, 2]) {
      console.log(`  round ${round}`);
      await time(
        "volume by month, whole range",
        () => getVolumeReport(services, ws.id, { ...q, ...year, bucket: "month" }, now),
        volume,
      );
      await time(
        "volume by day, whole range",
        () => getVolumeReport(services, ws.id, { ...q, ...year, bucket: "day" }, now),
        volume,
      );
      await time(
        "volume by hour, last 31 days",
        () => getVolumeReport(services, ws.id, { ...q, ...lastMonth, bucket: "hour" }, now),
        volume,
      );
      await time(
        "overview (SLA, monthly, community), whole range",
        () => getOverviewReport(services, ws.id, { ...q, ...year }, now),
        (r) => `${r.sla.conversations.toLocaleString("en")} conversations with SLA clocks`,
      );
      const rt = (r: {
        conversations: number;
        firstResponse: { medianMs: number | null; p90Ms: number | null };
      }) =>
        `${r.conversations.toLocaleString("en")} conversations, median ${Math.round((r.firstResponse.medianMs ?? 0) / 60000)} min, p90 ${Math.round((r.firstResponse.p90Ms ?? 0) / 60000)} min`;
      await time(
        "response times, business hours, last 7 days",
        () => getResponseTimesReport(services, ws.id, { ...q, ...lastWeek, teamId: team.id }, now),
        rt,
      );
      await time(
        "response times, calendar time, last 31 days",
        () => getResponseTimesReport(services, ws.id, { ...q, ...lastMonth }, now),
        rt,
      );
      await time(
        "response times, business hours, last 31 days",
        () => getResponseTimesReport(services, ws.id, { ...q, ...lastMonth, teamId: team.id }, now),
        rt,
      );
      // Partial first and last days come from the facts (an instant each side).
      const edges = {
        from: new Date(END - 31 * DAY + 13 * 3_600_000).toISOString(),
        to: new Date(END - 5 * 3_600_000).toISOString(),
      };
      await time(
        "response times, business hours, 31 days, edge days",
        () => getResponseTimesReport(services, ws.id, { ...q, ...edges, teamId: team.id }, now),
        rt,
      );
      await time(
        "response times, calendar time, whole range",
        () => getResponseTimesReport(services, ws.id, { ...q, ...year }, now),
        rt,
      );
      await time(
        "response times, business hours, whole range",
        () => getResponseTimesReport(services, ws.id, { ...q, ...year, teamId: team.id }, now),
        rt,
      );
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(
    `reports benchmark: ${DAYS} days at ${SCALE}× the model case (${INBOUND_PER_DAY.toLocaleString("en")} inbound messages a day)`,
  );
  if (DRIVER !== "postgres" && !REUSE) await run("PGlite", undefined);
  if (DRIVER === "pglite") return;
  const pgUrl = opt(
    "pg",
    process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  );
  const admin = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL not reachable at ${pgUrl}; skipped`);
    return;
  }
  const name = REUSE || `hilft_bench_${randomBytes(4).toString("hex")}`;
  if (!REUSE) await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(pgUrl);
  target.pathname = `/${name}`;
  try {
    await run("PostgreSQL", target.toString());
  } finally {
    if (KEEP || REUSE) console.log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
