/**
 * Console figures: seeds 10,000 open conversations, then in headless Chromium measures
 * the first render of /console (navigation start → first list row on screen), the
 * webhook-to-screen latency (signed X webhook sent → its row appears, seen by a
 * MutationObserver in the page, same machine clock), and the JavaScript the console
 * ships (gzip). Prints figures; asserts nothing.
 *
 *   npm run bench -- console [--conversations 10000] [--messages 200] [--pg postgres://…]
 *
 * Runs on PGlite and, if reachable, on PostgreSQL (a fresh database, dropped after).
 * Needs the built web app (`npm run build`) and Chromium at /usr/bin/chromium.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { pino } from "pino";
import { chromium } from "playwright-core";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { signX } from "../src/lib/webhook-signatures.ts";
import { createUser } from "../src/modules/accounts/create-user.ts";
import { createChannel } from "../src/modules/channels/create-channel.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createServices } from "../src/server/services.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const WEB = path.join(ROOT, "dist/web");
const CHROMIUM = "/usr/bin/chromium";
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const CONVERSATIONS = Number(opt("conversations", "10000"));
const MESSAGES = Number(opt("messages", "200"));
const RENDERS = 5;
const BRAND = "3001";
const SECRET = "bench-consumer-secret";
const AGENT = { email: "bench.agent@example.com", password: "bench-schicht-4711" };

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
const median = (xs: number[]) =>
  pct(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** The JavaScript index.html loads (the console is part of the one app bundle). */
function shippedJs(): { files: number; raw: number; gzip: number } {
  const html = readFileSync(path.join(WEB, "index.html"), "utf8");
  const referenced = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const files = referenced.length
    ? referenced
    : readdirSync(path.join(WEB, "assets"))
        .filter((f) => f.endsWith(".js"))
        .map((f) => `assets/${f}`);
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(WEB, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

function tweet(id: string, name: string, user: string) {
  const at = new Date();
  return JSON.stringify({
    for_user_id: BRAND,
    tweet_create_events: [
      {
        created_at: at.toUTCString().replace(/GMT/, "+0000"),
        id_str: id,
        text: `@telekom_hilft Kein Netz seit heute früh (${name})`,
        in_reply_to_status_id_str: null,
        user: { id_str: user, screen_name: `bench_${user}`, name },
        entities: {
          hashtags: [],
          urls: [],
          user_mentions: [{ screen_name: "telekom_hilft", id_str: BRAND, indices: [0, 14] }],
        },
        timestamp_ms: String(at.getTime()),
      },
    ],
  });
}

async function run(label: string, databaseUrl: string | undefined) {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-bench-console-"));
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HILFT_SEED_DEMO: "false",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const database = await openDatabase({ databaseUrl, maxConnections: 12 });
  await migrate(database);
  const log = pino({ level: "silent" });
  const services = createServices(config, database, log);
  const workspace = await services.workspaces.ensure("bench", "Bench");
  const channel = await createChannel(services, workspace.id, {
    kind: "x",
    handle: "telekom_hilft",
    userId: BRAND,
    consumerSecret: SECRET,
    accessToken: "bench-token-123",
  });
  await createUser(services, {
    ...AGENT,
    name: "Bench Agent",
    role: "agent",
    workspaceId: workspace.id,
  });

  // 10,000 open conversations, each with a customer and one message, spread over a week.
  const seedStarted = performance.now();
  await database.withConnection(async (c) => {
    await c.query(
      `WITH k AS (
         INSERT INTO contacts (workspace_id, display_name)
         SELECT $1, 'Kundin ' || g FROM generate_series(1, $3::int) g RETURNING id, display_name)
       INSERT INTO conversations (workspace_id, channel_id, contact_id, thread_key, visibility,
                                  status, message_count, priority, last_message_at)
       SELECT $1, $2, k.id, 'x:seed:' || k.id, 'public', 'open', 1, (random() * 3)::int,
              now() - random() * interval '7 days' FROM k`,
      [workspace.id, channel.id, CONVERSATIONS],
    );
    await c.query(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, visibility, text,
                             created_at, received_at)
       SELECT workspace_id, id, channel_id, 'inbound', 'public',
              '@telekom_hilft Router blinkt rot, seit Stunden kein Internet', last_message_at, last_message_at
       FROM conversations WHERE workspace_id = $1`,
      [workspace.id],
    );
    await c.query("ANALYZE");
  });
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const app = await buildApp({ services, logger: log, webDistDir: WEB });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({
      baseURL: url,
      locale: "de-DE",
      viewport: { width: 1440, height: 900 },
    });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto("/signin?next=%2Fconsole%3Fview%3Dopen");
    await page.getByTestId("signin-email").fill(AGENT.email);
    await page.getByTestId("signin-password").fill(AGENT.password);
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("conversation-row").first().waitFor();

    // First render: a fresh load of the console, navigation start → first row painted.
    const renders: number[] = [];
    for (let i = 0; i < RENDERS; i++) {
      await page.goto("/console?view=open");
      await page.getByTestId("conversation-row").first().waitFor();
      renders.push(
        await page.evaluate(
          () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
        ),
      );
    }
    const total = await page.getByTestId("list-total").textContent();
    const domRows = await page.getByTestId("conversation-row").count();

    // Webhook to screen: a new conversation per message, at the top of "All open".
    await page.getByTestId("live-state").filter({ hasText: "Live" }).waitFor();
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: typeof seen }).__seen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[data-testid="conversation-row"] .row-name')) {
          const m = /^Latenz (\d+)$/.exec(el.textContent ?? "");
          if (m && !seen[m[1]!]) seen[m[1]!] = Date.now();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    // When the server published each message's event: splits the latency into server
    // (webhook → event on the bus) and browser (event → fetch → row painted).
    const published: number[] = [];
    const unsubscribe = services.realtime.subscribe(workspace.id, (e) => {
      if (e.type === "message.created") published.push(Date.now());
    });
    const serverSide: number[] = [];
    const runId = randomBytes(2).readUInt16BE(0).toString().padStart(5, "1");
    const latencies: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const body = tweet(
        `${runId}${String(i).padStart(7, "0")}`,
        `Latenz ${i}`,
        String(500_000 + i),
      );
      published.length = 0;
      const sentAt = Date.now();
      const res = await fetch(`${url}/webhooks/x`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-twitter-webhooks-signature": signX(SECRET, body),
        },
        body,
      });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      const handle = await page.waitForFunction(
        (n) => (window as unknown as { __seen: Record<string, number> }).__seen[n],
        String(i),
        { timeout: 10_000, polling: 10 },
      );
      latencies.push(((await handle.jsonValue()) as number) - sentAt);
      if (published[0]) serverSide.push(published[0] - sentAt);
      // Spaced like a busy shift (a few per second), not a flood: each is its own event.
      await new Promise((r) => setTimeout(r, 100));
    }
    unsubscribe();
    latencies.sort((a, b) => a - b);
    serverSide.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(10)} seeded ${CONVERSATIONS} open conversations in ${seedSeconds.toFixed(1)} s; list says "${total}", ${domRows} rows in the DOM`,
    );
    console.log(
      `${label.padEnd(10)} first render (navigation → first row): median ${median(renders).toFixed(0)} ms, ` +
        `cold ${renders[0]!.toFixed(0)} ms, max ${Math.max(...renders).toFixed(0)} ms over ${RENDERS} loads`,
    );
    console.log(
      `${label.padEnd(10)} webhook → row on screen over ${latencies.length} messages: ` +
        `p50 ${pct(latencies, 50)} ms, p95 ${pct(latencies, 95)} ms, max ${latencies.at(-1)} ms ` +
        `(of which webhook → event published: p50 ${pct(serverSide, 50)} ms, p95 ${pct(serverSide, 95)} ms)`,
    );
  } finally {
    await browser.close();
    await app.close();
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  if (!existsSync(path.join(WEB, "index.html"))) {
    console.log("The web app is not built; run `npm run build` first.");
    process.exit(1);
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`Chromium not found at ${CHROMIUM} (apt-get install chromium).`);
    process.exit(1);
  }
  const js = shippedJs();
  console.log(
    `console benchmark: ${CONVERSATIONS} open conversations, ${MESSAGES} live messages\n` +
      `JS shipped to /console: ${js.files} file(s), ${(js.raw / 1024).toFixed(0)} KiB, ${(js.gzip / 1024).toFixed(0)} KiB gzip`,
  );
  await run("PGlite", undefined);
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
  const name = `hilft_bench_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(pgUrl);
  target.pathname = `/${name}`;
  try {
    await run("PostgreSQL", target.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
