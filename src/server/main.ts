import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pino } from "pino";
import { seedOnFirstStart } from "../modules/workspaces/seed-demo.ts";
import { startDemoTraffic } from "../simulator/demo-traffic.ts";
import { buildApp } from "./app.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { DataDirBusyError } from "./data-dir-lock.ts";
import { createLogger } from "./logger.ts";
import { ROOT_DIR, WEB_DIST_DIR } from "./paths.ts";
import { openRuntime } from "./runtime.ts";

function ensureWebBuild() {
  if (existsSync(path.join(WEB_DIST_DIR, "index.html"))) return;
  console.log("hilft: building the web app (first start)…");
  const result = spawnSync(process.execPath, [path.join(ROOT_DIR, "scripts/build.mjs")], {
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error("Building the web app failed; see the output above.");
}

/** Starts the server: config, database + migrations, first-start seed, HTTP. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  // Log lines are written in the background (several at once under load; pino writes
  // what is left on exit): one line per request costs no write call on the event loop.
  const log = createLogger(config.logLevel, pino.destination({ dest: 1, sync: false }));
  ensureWebBuild();
  const runtime = await openRuntime(config, log, "server");
  const { services } = runtime;
  if (runtime.applied.length) log.info({ migrations: runtime.applied }, "database migrated");

  const seeded = config.seedDemo ? await seedOnFirstStart(services) : undefined;
  // The simulator stands in for X and Facebook only where the demo needs it.
  const app = await buildApp({ services, simulator: config.seedDemo && config.demoTraffic });

  let stopping = false;
  let stopDemo: (() => Promise<void>) | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await stopDemo?.();
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const lines = [
    "",
    `hilft is running at ${config.port === port ? config.publicUrl : `http://localhost:${port}`}`,
    `  database: ${services.database.driver === "pglite" ? `PGlite in ${path.join(config.dataDir, "pglite")}` : "PostgreSQL (DATABASE_URL)"}`,
  ];
  if (config.demoTraffic) {
    stopDemo = await startDemoTraffic(services, {
      target: `http://127.0.0.1:${port}`,
      speed: config.demoSpeed,
      log,
    });
    if (stopDemo)
      lines.push(
        `  demo: simulated customers write to the demo inbox (${config.demoSpeed}x real time; HILFT_DEMO_TRAFFIC=false stops it)`,
      );
  }
  const admin = seeded?.created.find((p) => p.role === "admin");
  if (admin) {
    lines.push(
      "",
      `  First start: created the "${seeded!.workspace.name}" workspace.`,
      `  Admin e-mail:    ${admin.email}`,
      `  Admin password:  ${admin.password}`,
      "  The password is shown only this once; sign in and change it, or use `hilft admin create`.",
    );
  }
  process.stdout.write(`${lines.join("\n")}\n\n`);
}

export function reportStartupError(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DataDirBusyError) {
    console.error(`hilft: ${err.message}`);
  } else {
    console.error("hilft: could not start:", err instanceof Error ? err.message : err);
    if (err instanceof Error && err.cause) console.error("  cause:", err.cause);
  }
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch(reportStartupError);
}
