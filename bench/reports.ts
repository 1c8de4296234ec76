/**
 * Reports benchmark: seeds a year of traffic at 100× the model case (420 inbound
 * messages a day → 42,000 a day, 15.3 million a year; about two inbound messages and one
 * reply per conversation) and times every report: volume per month, day and hour, SLA
 * attainment, praise per month, incidents, backlog, the overview, and first-response
 * times in calendar time and business hours over 7, 31 and 365 days. Prints figures;
 * asserts nothing.
 *
 *   npm run bench -- reports [--days 365] [--scale 100] [--driver both|pglite|postgres]
 *                            [--pg postgres://…] [--with-index] [--keep]
 *                            [--reuse NAME [--count]] [--verify] [--profile]
 *
 * Seeding is set-based (`seedDay`: two statements a local day, newest day first) with
 * the triggers off; the roll-ups are counted afterwards with the statements the app
 * uses (`countRollups`). `--verify` seeds the days twice, once that way and once through
 * the triggers, and compares every roll-up row. PGlite runs on a temporary directory on
 * disk; PostgreSQL on a fresh database that is dropped afterwards. `--with-index` adds
 * an index on inbound messages to compare with the schema as it is. `--keep` leaves the
 * PostgreSQL database in place (its name is printed); `--reuse NAME` times the reports
 * again on it (migrated to the current schema) without seeding, and `--count` counts
 * its roll-ups first (a seed stopped early); `--no-clocks` leaves the team clocks as they
 * are instead of building them again. `--profile` prints each day's statements'
 * times.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { pino } from "pino";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { buildResponseClocks } from "../src/modules/operations/build-response-clocks.ts";
import { getOverviewReport, slaAttainment } from "../src/modules/operations/get-overview-report.ts";
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
const VERIFY = args.includes("--verify");
const PROFILE = args.includes("--profile");
const COUNT = args.includes("--count");
/** Leaves the team clocks as they are (business hours from the facts while none is built). */
const NO_CLOCKS = args.includes("--no-clocks");
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

/** Local hours' share of a day's conversations (the model case's curve: quiet nights, busy days). */
const HOURLY = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 4, 5, 5.5, 5.5, 5, 5, 5, 5, 5, 5.2, 5.5, 5.5, 5, 4, 3, 2,
];
/** Weekdays carry more than weekends (ISO day 1–7); the average is one. */
const WEEKDAY = [1.1, 1.1, 1.1, 1.1, 1.1, 0.8, 0.7];
const TEAMS = [
  { name: "Social Care", days: [1, 2, 3, 4, 5, 6, 7], start: "08:00", end: "22:00" },
  { name: "Billing", days: [1, 2, 3, 4, 5], start: "08:00", end: "18:00" },
  { name: "Technik", days: [1, 2, 3, 4, 5, 6], start: "07:00", end: "20:00" },
] as const;
const ZONE = "Europe/Berlin";
/** Local days seeded: the DAYS local days before the end (2 December, Berlin). */
const dayOf = (d: number) =>
  new Date(Date.UTC(2024, 11, 2) - (DAYS - d) * DAY).toISOString().slice(0, 10);

/** Pseudo-random in [0, 1) per conversation `g` of day `d` and draw `i`, the same on every run. */
const rnd = (d: number, i: number) =>
  `(abs(hashint8((${d}::bigint * 1000003 + g.g) * 16 + ${i})) % 1000000)::float8 / 1e6::float8`;
/** Per-conversation flags from its thread key (the messages statement derives them again). */
const flag = (key: string, salt: string, mod: number) =>
  `(abs(hashtext(${key} || '${salt}')) % ${mod})`;
const SECOND = (k: string) => `(${flag(k, "b", 2)} = 0)`;
const SECOND_AT = (k: string, t: string) =>
  `${t} + (30 + ${flag(k, "s", 120)}) * interval '1 second'`;
const THANKS_AT = (k: string, reply: string) =>
  `CASE WHEN ${reply} IS NOT NULL AND ${flag(k, "t", 2)} = 0
             AND ${reply} + (60 + ${flag(k, "u", 1740)}) * interval '1 second' < ${"$END"}
        THEN ${reply} + (60 + ${flag(k, "u", 1740)}) * interval '1 second' END`;

const cumulative = (weights: readonly number[]) => {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => {
    const lo = acc / total;
    acc += w;
    return [lo, acc / total] as const;
  });
};

/**
 * One local day of conversations and their messages, set-based (two statements): the
 * hourly curve, three channels (two Facebook pages, X), three teams with SLA clocks and
 * 5 % without a team, priorities, a second customer message for half of them, the first
 * agent reply (minutes in the day, next morning at night; 1 % never answered), a thank-you
 * after half of the replies (one in ten praise), and a solution 35 minutes to two days
 * later; whatever would fall after the end has not happened yet (new, open and pending
 * conversations at the end). `triggers: false` stores them with the triggers off
 * (`session_replication_role = replica`); the roll-ups are counted afterwards.
 */
async function seedDay(
  db: Services["db"],
  ws: { id: string; channels: string[]; teams: string[] },
  d: number,
  triggers: boolean,
  first = d === 0,
) {
  const date = dayOf(d);
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
  const n = Math.round(CONVERSATIONS_PER_DAY * WEEKDAY[dow - 1]!);
  const hours = cumulative(HOURLY);
  const end = new Date(END).toISOString();
  const k = "s.thread_key";
  const fill = (q: string) => q.replaceAll("$END", `'${end}'::timestamptz`);
  const arr = (ids: string[]) => `ARRAY[${ids.map((i) => `'${i}'::uuid`).join(",")}]`;
  const conversations = fill(`
    WITH hw AS (
      SELECT x.h - 1 AS h, x.lo, x.hi
        FROM unnest('{${hours.map((h) => h[0]).join(",")}}'::float8[],
                    '{${hours.map((h) => h[1]).join(",")}}'::float8[]) WITH ORDINALITY AS x(lo, hi, h)
    ), g AS MATERIALIZED (
      SELECT g.g, ${rnd(d, 0)} AS r0, ${rnd(d, 1)} AS r1, ${rnd(d, 2)} AS r2, ${rnd(d, 3)} AS r3,
             ${rnd(d, 4)} AS r4, ${rnd(d, 5)} AS r5, ${rnd(d, 6)} AS r6, ${rnd(d, 7)} AS r7,
             ${rnd(d, 8)} AS r8, ${rnd(d, 9)} AS r9
        FROM generate_series(1, ${n}) g
    ), l AS (
      -- Local creation time, the hour drawn from the curve.
      SELECT g.*, hw.h, '${date}'::date + hw.h * interval '1 hour' + floor(g.r1 * 3600000) * interval '1 millisecond' AS local
        FROM g JOIN hw ON g.r0 >= hw.lo AND g.r0 < hw.hi
    ), t AS MATERIALIZED (
      SELECT l.*, l.local AT TIME ZONE '${ZONE}' AS created_at,
             CASE WHEN l.r7 < 0.01 THEN NULL
                  WHEN l.h BETWEEN 8 AND 21
                    THEN (l.local + (3 + 180 * l.r6 * l.r6) * interval '1 minute') AT TIME ZONE '${ZONE}'
                  ELSE ('${date}'::date + CASE WHEN l.h >= 22 THEN 1 ELSE 0 END + interval '8 hours'
                        + l.r6 * 90 * interval '1 minute') AT TIME ZONE '${ZONE}' END AS reply
        FROM l
    ), s AS (
      SELECT t.*, 'bench:${date}:' || t.g AS thread_key,
             CASE WHEN t.reply < $END THEN t.reply END AS reply_at,
             CASE WHEN t.r2 < 0.45 THEN 1 WHEN t.r2 < 0.65 THEN 2 ELSE 3 END AS channel,
             CASE WHEN t.r3 < 0.6 THEN 1 WHEN t.r3 < 0.85 THEN 2 WHEN t.r3 < 0.95 THEN 3 END AS team,
             CASE WHEN t.r4 < 0.6 THEN 0 WHEN t.r4 < 0.85 THEN 1 WHEN t.r4 < 0.95 THEN 2 ELSE 3 END AS priority
        FROM t
    ), v AS MATERIALIZED (
      -- Each step once per row (inlined, the expressions were computed again at each use).
      SELECT s.*,
             CASE WHEN s.reply_at + interval '35 minutes' + s.r8 * s.r8 * interval '48 hours' < $END
                  THEN s.reply_at + interval '35 minutes' + s.r8 * s.r8 * interval '48 hours' END AS solved_at,
             ${THANKS_AT(k, "s.reply_at")} AS thanks_at
        FROM s
    )
    INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility, status,
                               team_id, priority, message_count, created_at, updated_at, last_message_at,
                               routed_at, solved_at, sla_started_at, first_response_due_at,
                               first_response_at, resolution_due_at)
    SELECT '${ws.id}', (${arr(ws.channels)})[v.channel], ct.id,
           v.thread_key, 'public',
           (CASE WHEN v.solved_at < $END - interval '2 days' THEN 'closed'
                 WHEN v.solved_at IS NOT NULL THEN 'solved'
                 WHEN v.reply_at IS NULL AND v.created_at < $END - interval '3 days' THEN 'closed'
                 WHEN v.reply_at IS NULL THEN 'new'
                 WHEN v.r5 < 0.25 THEN 'pending' ELSE 'open' END)::conversation_status,
           (${arr(ws.teams)})[v.team], v.priority,
           1 + ${SECOND("v.thread_key")}::int + (v.reply_at IS NOT NULL)::int + (v.thanks_at IS NOT NULL)::int,
           v.created_at, coalesce(v.solved_at, v.created_at),
           greatest(v.created_at, CASE WHEN ${SECOND("v.thread_key")} THEN ${SECOND_AT("v.thread_key", "v.created_at")} END,
                    v.reply_at, v.thanks_at),
           v.created_at, v.solved_at,
           CASE WHEN v.team IS NOT NULL THEN v.created_at END,
           CASE WHEN v.team IS NOT NULL
                THEN v.created_at + (ARRAY[240, 120, 60, 30])[v.priority + 1] * interval '1 minute' END,
           v.reply_at,
           CASE WHEN v.team IS NOT NULL
                THEN v.created_at + (ARRAY[48, 24, 8, 4])[v.priority + 1] * interval '1 hour' END
      FROM v
      -- A join, not a subscript of an array of all contacts (copied for every row).
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts
             WHERE workspace_id = '${ws.id}') ct ON ct.n = 1 + floor(v.r9 * 10000)::int`);
  const c = "c.thread_key";
  const messages = fill(`
    INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text,
                          praise, delivery_status, created_at, received_at)
    SELECT c.workspace_id, c.id, c.channel_id, m.direction, 'public', m.text, m.praise, m.status, m.at, m.at
      FROM conversations c
     CROSS JOIN LATERAL (VALUES
       ('inbound'::message_direction, 'Kein Internet seit heute Morgen', false, NULL::delivery_status, c.created_at),
       ('inbound', 'Der Router blinkt rot', false, NULL,
        CASE WHEN ${SECOND(c)} THEN ${SECOND_AT(c, "c.created_at")} END),
       ('outbound', 'Wir kümmern uns, bitte schicken Sie uns Ihre Kundennummer', false, 'sent', c.first_response_at),
       ('inbound', 'Danke, geht wieder', ${flag(c, "p", 10)} = 0, NULL, ${THANKS_AT(c, "c.first_response_at")})
     ) m(direction, text, praise, status, at)
     WHERE c.workspace_id = '${ws.id}' AND m.at IS NOT NULL
       AND c.created_at >= ('${date}'::date)::timestamp AT TIME ZONE '${ZONE}'
       AND c.created_at < ('${date}'::date + 1)::timestamp AT TIME ZONE '${ZONE}'
     ORDER BY m.at`);
  // The waves of the day's conversations, as the facts migration counts them (one each;
  // the seeded conversations are not reopened).
  const facts = `
    INSERT INTO response_facts (workspace_id, conversation_id, channel, team_id, priority,
                                started_at, first_reply_at, resolved_at)
    SELECT c.workspace_id, c.id, ch.kind, c.team_id, c.priority, fi.t,
           response_reply_at(c.id, fi.t, NULL),
           CASE WHEN c.solved_at >= fi.t THEN c.solved_at END
      FROM conversations c
      JOIN channels ch ON ch.id = c.channel_id
      JOIN LATERAL (SELECT min(m.created_at) AS t FROM messages m
                     WHERE m.conversation_id = c.id AND m.direction = 'inbound') fi ON fi.t IS NOT NULL
     WHERE c.workspace_id = '${ws.id}'
       AND c.created_at >= ('${date}'::date)::timestamp AT TIME ZONE '${ZONE}'
       AND c.created_at < ('${date}'::date + 1)::timestamp AT TIME ZONE '${ZONE}'`;
  const took: string[] = [];
  const step = async (tx: Pick<Services["db"], "execute">, q: string) => {
    const t0 = performance.now();
    await tx.execute(sql.raw(q));
    took.push(((performance.now() - t0) / 1000).toFixed(1));
  };
  await db.transaction(async (tx) => {
    if (!triggers) await tx.execute(sql.raw(`SET LOCAL session_replication_role = replica`));
    // Compiling the generator's expressions (JIT, for its estimated millions of rows)
    // took longer than running them.
    await tx.execute(sql.raw(`SET LOCAL jit = off`));
    await step(tx, conversations);
    await step(tx, messages);
    // Plans made for empty tables would scan them whole for each conversation.
    if (first) await tx.execute(sql`ANALYZE conversations, messages`);
    if (!triggers) await step(tx, facts);
  });
  if (PROFILE) {
    console.log(`    day ${date}: ${took.join(" / ")} s`);
    writeFileSync(
      `${tmpdir()}/hilft-bench-day.sql`,
      `${conversations};\n${messages};\n${facts};\n`,
    );
  }
  return n;
}

/**
 * The roll-ups the triggers would have kept, counted once after a seed with the
 * triggers off: inbound per hour (the statement of migration 0018), the calendar days of
 * the response roll-up and the SLA days (the functions that count them again after a
 * time-zone change).
 */
async function countRollups(db: Services["db"], workspaceId: string) {
  await db.transaction(async (tx) => countRollupsIn(tx, workspaceId));
}

async function countRollupsIn(db: Pick<Services["db"], "execute">, workspaceId: string) {
  // Compiling these statements (JIT) would take longer than running them on a small seed.
  await db.execute(sql`SET LOCAL jit = off`);
  await db.execute(sql`
    INSERT INTO inbound_hourly (workspace_id, channel_id, hour, count)
    SELECT workspace_id, channel_id, date_trunc('hour', created_at, 'UTC'), count(*)
      FROM messages
     WHERE workspace_id = ${workspaceId} AND direction = 'inbound'
     GROUP BY 1, 2, 3
    ON CONFLICT (workspace_id, hour, channel_id) DO UPDATE SET count = EXCLUDED.count`);
  await db.execute(sql`SELECT response_days_count_calendar(${workspaceId})`);
  await db.execute(sql`SELECT sla_days_count(${workspaceId})`);
}

async function prepareWorkspace(services: Services, slug: string) {
  const db = services.db;
  const ws = await services.workspaces.ensure(slug, slug);
  const existing = rowsOf<{ id: string; name: string }>(
    await db.execute(sql`SELECT id, name FROM teams WHERE workspace_id = ${ws.id}`),
  );
  const teams: string[] = [];
  for (const t of TEAMS) {
    const found = existing.find((e) => e.name === t.name);
    teams.push(
      found?.id ??
        (
          await services.operations.createTeam({
            workspaceId: ws.id,
            name: t.name,
            isPublic: true,
            timeZone: ZONE,
            holidayCountry: "DE",
            holidayState: "NW",
            weekly: t.days.map((day) => ({ day, start: t.start, end: t.end })),
            exceptions: [],
          })
        ).id,
    );
  }
  if (existing.length === 0) {
    await db.execute(sql`
      INSERT INTO channels (workspace_id, kind, name, external_id, credentials)
      VALUES (${ws.id}, 'facebook', 'Facebook', ${`${slug}-fb`}, 'sealed'),
             (${ws.id}, 'facebook', 'Facebook Shop', ${`${slug}-fb-shop`}, 'sealed'),
             (${ws.id}, 'x', 'X', ${`${slug}-x`}, 'sealed')`);
    await db.execute(sql`
      INSERT INTO contacts (workspace_id, display_name)
      SELECT ${ws.id}, 'Kunde ' || g FROM generate_series(1, 10000) g`);
    // An incident every ten days or so, a few hours each.
    await db.execute(sql`
      INSERT INTO incidents (workspace_id, title, status, source, started_at, resolved_at)
      SELECT ${ws.id}, 'Störung ' || g, 'resolved', CASE WHEN g % 3 = 0 THEN 'manual' ELSE 'spike' END,
             ${new Date(START).toISOString()}::timestamptz + g * interval '10 days',
             ${new Date(START).toISOString()}::timestamptz + g * interval '10 days' + (2 + g % 5) * interval '1 hour'
        FROM generate_series(0, ${Math.floor(DAYS / 10) - 1}) g`);
  }
  const channels = rowsOf<{ id: string }>(
    await db.execute(
      sql`SELECT id FROM channels WHERE workspace_id = ${ws.id} ORDER BY kind, name`,
    ),
  ).map((r) => r.id);
  return {
    id: ws.id,
    teams,
    channels,
  };
}

async function seed(services: Services, ws: Awaited<ReturnType<typeof prepareWorkspace>>) {
  const db = services.db;
  const t0 = performance.now();
  let conversations = 0;
  // Newest day first: a seed stopped early (`--reuse NAME --count` finishes it) holds the
  // most recent days, which the reports' ranges end with.
  for (let i = 0; i < DAYS; i++) {
    const d = DAYS - 1 - i;
    conversations += await seedDay(db, ws, d, false, i === 0);
    if ((i + 1) % 30 === 0) {
      await db.execute(sql`ANALYZE conversations, messages, response_facts`);
    }
    if ((i + 1) % 10 === 0 || i === DAYS - 1 || i < 3) {
      const s = (performance.now() - t0) / 1000;
      console.log(
        `  seeded ${i + 1}/${DAYS} days (from ${dayOf(d)}): ${conversations.toLocaleString("en")} conversations in ${s.toFixed(0)} s (load ${loadavg()[0]!.toFixed(1)})`,
      );
    }
  }
  const t1 = performance.now();
  await countRollups(db, ws.id);
  console.log(`  counted the roll-ups in ${secs(performance.now() - t1)}`);
  if (WITH_INDEX) {
    await db.execute(sql`
      CREATE INDEX IF NOT EXISTS bench_messages_inbound_idx
        ON messages (workspace_id, created_at) WHERE direction = 'inbound'`);
  }
  // As autovacuum would have by then: index-only scans need the visibility map.
  await db.execute(sql`VACUUM ANALYZE`);
  return (performance.now() - t0) / 1000;
}

/**
 * `--verify`: the same days stored once with the triggers off and the roll-ups counted
 * afterwards, once through the triggers, in two workspaces; every roll-up row (ids
 * replaced by names) must be the same. Returns how many rows differ.
 */
async function verify(services: Services) {
  const fast = await prepareWorkspace(services, "bench");
  const slow = await prepareWorkspace(services, "bench-check");
  for (let d = 0; d < DAYS; d++) {
    await seedDay(services.db, fast, d, false);
    await seedDay(services.db, slow, d, true);
  }
  await countRollups(services.db, fast.id);
  await buildResponseClocks(services, 10);
  const tables = {
    inbound_hourly: `SELECT ch.name, r.hour, r.count FROM inbound_hourly r
                       JOIN channels ch ON ch.id = r.channel_id WHERE r.workspace_id = $WS AND r.count <> 0`,
    response_facts: `SELECT c.thread_key, r.channel, t.name, r.priority, r.started_at, r.first_reply_at, r.resolved_at
                       FROM response_facts r JOIN conversations c ON c.id = r.conversation_id
                       LEFT JOIN teams t ON t.id = r.team_id WHERE r.workspace_id = $WS`,
    response_days: `SELECT coalesce(t.name, 'calendar'), r.day, r.channel, r.kind, r.bucket_ms, r.count
                      FROM response_days r LEFT JOIN teams t ON t.id = r.clock_id
                     WHERE r.workspace_id = $WS AND r.count <> 0`,
    sla_days: `SELECT coalesce(t.name, 'none'), r.day, r.conversations, r.first_response_met,
                      r.first_response_late, r.resolution_met, r.resolution_late
                 FROM sla_days r LEFT JOIN teams t ON t.id = r.team_id
                WHERE r.workspace_id = $WS AND (r.conversations, r.first_response_met, r.first_response_late,
                      r.resolution_met, r.resolution_late) <> (0, 0, 0, 0, 0)`,
  };
  let differ = 0;
  for (const [name, q] of Object.entries(tables)) {
    const a = q.replaceAll("$WS", `'${fast.id}'`);
    const b = q.replaceAll("$WS", `'${slow.id}'`);
    const count = async (query: string) =>
      Number(rowsOf<{ n: unknown }>(await services.db.execute(sql.raw(query)))[0]!.n);
    const rows = await count(`SELECT count(*) AS n FROM (${a}) x`);
    const diff = await count(
      `SELECT count(*) AS n FROM ((${a} EXCEPT ALL ${b}) UNION ALL (${b} EXCEPT ALL ${a})) x`,
    );
    console.log(`  ${name.padEnd(16)} ${String(rows).padStart(8)} rows, ${diff} differ`);
    differ += diff;
  }
  return differ;
}

const rowsOf = <T>(res: unknown): T[] => (res as { rows: T[] }).rows;

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
    console.log(`\n${label}${WITH_INDEX ? " (with report indexes)" : ""}`);
    if (VERIFY) {
      const differ = await verify(services);
      console.log(differ === 0 ? "  roll-ups equal" : `  ${differ} roll-up rows differ`);
      if (differ !== 0) process.exitCode = 1;
      return;
    }
    const ws = await prepareWorkspace(services, "bench");
    if (REUSE) {
      console.log(`  reusing database ${REUSE} as seeded before`);
      if (COUNT) {
        const t0 = performance.now();
        await countRollups(services.db, ws.id);
        await services.db.execute(sql`VACUUM ANALYZE`);
        console.log(`  counted the roll-ups in ${secs(performance.now() - t0)}`);
      }
    } else {
      const seconds = await seed(services, ws);
      console.log(`  seeded in ${seconds.toFixed(0)} s`);
    }
    const counts = rowsOf<Record<string, unknown>>(
      await services.db.execute(sql`
        SELECT (SELECT count(*) FROM conversations WHERE workspace_id = ${ws.id}) AS conversations,
               (SELECT count(*) FROM messages WHERE workspace_id = ${ws.id} AND direction = 'inbound') AS inbound,
               (SELECT count(*) FROM messages WHERE workspace_id = ${ws.id}) AS messages,
               (SELECT count(*) FROM response_facts WHERE workspace_id = ${ws.id}) AS waves,
               pg_size_pretty(pg_database_size(current_database())) AS size`),
    )[0]!;
    console.log(
      `  ${Number(counts.conversations).toLocaleString("en")} conversations, ${Number(counts.inbound).toLocaleString("en")} inbound of ${Number(counts.messages).toLocaleString("en")} messages, ${Number(counts.waves).toLocaleString("en")} waves; database ${counts.size}`,
    );
    if (!NO_CLOCKS) {
      // The team clocks: taken away and built again as after a change of hours (SLA task).
      await services.db.execute(sql`DELETE FROM response_clocks WHERE workspace_id = ${ws.id}`);
      await time(
        `build the ${TEAMS.length} teams' roll-up clocks (SLA task)`,
        () => buildResponseClocks(services, TEAMS.length),
        (n) => `${n} clocks built`,
      );
    }
    const team = ws.teams[0]!;
    const now = new Date(END);
    const year = { from: new Date(START).toISOString(), to: new Date(END).toISOString() };
    const lastMonth = { from: new Date(END - 31 * DAY).toISOString(), to: year.to };
    const lastWeek = { from: new Date(END - 7 * DAY).toISOString(), to: year.to };
    const q = { format: "json" as const };
    const volume = (r: { total: number; items: unknown[] }) =>
      `${r.total.toLocaleString("en")} inbound in ${r.items.length} buckets`;
    const rt = (r: {
      conversations: number;
      firstResponse: { medianMs: number | null; p90Ms: number | null };
    }) =>
      `${r.conversations.toLocaleString("en")} waves, median ${Math.round((r.firstResponse.medianMs ?? 0) / 60000)} min, p90 ${Math.round((r.firstResponse.p90Ms ?? 0) / 60000)} min`;
    const yearRange = { workspaceId: ws.id, from: new Date(START), to: new Date(END) };
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
        "SLA attainment, whole range",
        () =>
          slaAttainment(services, { ...yearRange, now }, { timeZone: ZONE, rollupsCurrent: true }),
        (r) =>
          `${r.conversations.toLocaleString("en")} with SLA clocks, first response met ${r.firstResponse.met.toLocaleString("en")}`,
      );
      await time(
        "praise etc. per month, whole range",
        () => services.reports.monthlyCounts({ ...yearRange, timeZone: ZONE }),
        (r) => `${r.reduce((n, m) => n + m.count, 0).toLocaleString("en")} in ${r.length} rows`,
      );
      await time(
        "incidents, whole range",
        () => services.reports.incidentsBetween(yearRange),
        (r) => `${r.length} incidents`,
      );
      await time(
        "backlog (now)",
        () => services.reports.backlog(ws.id),
        (r) => `${r.reduce((n, b) => n + b.count, 0).toLocaleString("en")} waiting`,
      );
      await time(
        "overview (all of the above but volume), whole range",
        () => getOverviewReport(services, ws.id, { ...q, ...year }, now),
        (r) => `${r.sla.conversations.toLocaleString("en")} conversations with SLA clocks`,
      );
      for (const [name, range] of [
        ["last 7 days", lastWeek],
        ["last 31 days", lastMonth],
        ["whole range", year],
      ] as const) {
        await time(
          `response times, calendar time, ${name}`,
          () => getResponseTimesReport(services, ws.id, { ...q, ...range }, now),
          rt,
        );
        await time(
          `response times, business hours, ${name}`,
          () => getResponseTimesReport(services, ws.id, { ...q, ...range, teamId: team }, now),
          rt,
        );
      }
      // Partial first and last days come from the facts (an instant each side).
      const edges = {
        from: new Date(END - 31 * DAY + 13 * 3_600_000).toISOString(),
        to: new Date(END - 5 * 3_600_000).toISOString(),
      };
      await time(
        "response times, business hours, 31 days, edge days",
        () => getResponseTimesReport(services, ws.id, { ...q, ...edges, teamId: team }, now),
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
