import { randomInt } from "node:crypto";
import cliProgress from "cli-progress";
import { type Command, InvalidArgumentError } from "commander";
import { type DeliveryProgress, type DeliveryResult, deliver } from "../simulator/deliver.ts";
import { startPlatformServer } from "../simulator/platform-server.ts";
import {
  generateScenario,
  SCENARIO_NAMES,
  type Scenario,
  type ScenarioName,
} from "../simulator/scenarios.ts";
import { loadTextPool } from "../simulator/texts.ts";

/**
 * `hilft simulate serve` runs the stand-in for X's and Meta's APIs;
 * `hilft simulate run` plays a scenario of signed webhooks against a hilft server.
 */

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a number above 0.`);
    return n;
  };
}

function wholeNumber(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}.`);
    return n;
  };
}

function scenarioName(value: string): ScenarioName {
  if (!(SCENARIO_NAMES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`choose one of ${SCENARIO_NAMES.join(", ")}.`);
  }
  return value as ScenarioName;
}

function numericId(name: string) {
  return (value: string): string => {
    if (!/^\d{1,20}$/.test(value))
      throw new InvalidArgumentError(`${name} must be the numeric id.`);
    return value;
  };
}

function targetUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error();
    return value;
  } catch {
    throw new InvalidArgumentError("give the server's base URL, e.g. http://localhost:3000.");
  }
}

export interface RunOptions {
  target: string;
  scenario: ScenarioName;
  rate?: number;
  count?: number;
  speed: number;
  hours: number;
  seed?: number;
  concurrency: number;
  xUserId: string;
  xScreenName: string;
  xConsumerSecret: string;
  fbPageId: string;
  fbAppSecret: string;
  dataset: boolean;
  dryRun?: boolean;
}

/** Progress on a terminal as a bar; otherwise a plain line every tenth of the run. */
function progressReporter(total: number, label: string) {
  if (process.stdout.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} {bar} {percentage}% | {value}/{total} events | ack {ack} | failed {failed} | retries {retries}`,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { ack: 0, failed: 0, retries: 0 });
    return {
      update: (p: DeliveryProgress) =>
        bar.update(p.done, { ack: p.acknowledged, failed: p.failed, retries: p.retries }),
      stop: () => bar.stop(),
    };
  }
  let nextShare = 0.1;
  return {
    update: (p: DeliveryProgress) => {
      if (p.done / Math.max(1, p.total) + 1e-9 < nextShare && p.done !== p.total) return;
      while (nextShare <= p.done / Math.max(1, p.total) + 1e-9) nextShare += 0.1;
      const pct = Math.round((p.done / Math.max(1, p.total)) * 100);
      console.log(
        `${label}: ${p.done}/${p.total} events (${pct}%), ${p.acknowledged} acknowledged, ${p.failed} failed, ${p.retries} retries`,
      );
    },
    stop: () => {},
  };
}

export function describeScenario(scenario: Scenario): string {
  const byPlatform = { x: 0, facebook: 0 };
  for (const e of scenario.events) byPlatform[e.platform] += 1;
  return (
    `Scenario ${scenario.name} (seed ${scenario.seed}, texts: ${scenario.textSource}): ` +
    `${scenario.events.length} events (${byPlatform.facebook} Facebook, ${byPlatform.x} X), ` +
    `${scenario.expectedMessages} new messages, over ${(scenario.durationMs / 1000).toFixed(1)} s`
  );
}

export function summarize(result: DeliveryResult): string[] {
  const statuses = Object.entries(result.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(", ");
  const lines = [
    `Sent ${result.sent} · acknowledged ${result.acknowledged} · failed ${result.failed} · retries ${result.retries} (${result.attempts} requests)`,
    `Latency p50 ${result.latencyMs.p50} ms · p99 ${result.latencyMs.p99} ms · max ${result.latencyMs.max} ms · took ${(result.durationMs / 1000).toFixed(1)} s`,
    `Statuses: ${statuses || "none"}`,
    `hilft should now hold ${result.expectedMessages} new messages from this run.`,
  ];
  for (const f of result.failures.slice(0, 5)) {
    lines.push(`  event #${f.index} (${f.platform}) failed: ${f.error}`);
  }
  return lines;
}

/** Plays a scenario; resolves with the delivery result (nothing is sent on a dry run). */
export async function runSimulation(opts: RunOptions): Promise<DeliveryResult | null> {
  const seed = opts.seed ?? randomInt(1, 2 ** 31);
  const scenario = generateScenario({
    scenario: opts.scenario,
    seed,
    rate: opts.rate,
    count: opts.count,
    speed: opts.speed,
    hours: opts.hours,
    xUserId: opts.xUserId,
    xScreenName: opts.xScreenName,
    fbPageId: opts.fbPageId,
    start: new Date(),
    texts: loadTextPool({ useDataset: opts.dataset }),
  });
  console.log(describeScenario(scenario));
  if (opts.dryRun) return null;
  console.log(`Delivering to ${opts.target}/webhooks/x and ${opts.target}/webhooks/facebook …`);
  const progress = progressReporter(scenario.events.length, "hilft simulate");
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once("SIGINT", onSigint);
  try {
    const result = await deliver({
      target: opts.target,
      events: scenario.events,
      concurrency: opts.concurrency,
      secrets: {
        x: { consumerSecret: opts.xConsumerSecret },
        facebook: { appSecret: opts.fbAppSecret },
      },
      onProgress: progress.update,
      signal: abort.signal,
    });
    progress.stop();
    for (const line of summarize(result)) console.log(line);
    if (result.failed > 0 || abort.signal.aborted) process.exitCode = 1;
    return result;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

export function registerSimulateCommands(program: Command): void {
  const simulate = program
    .command("simulate")
    .description("stand in for X and Facebook: serve their APIs, or send their webhooks");

  simulate
    .command("serve")
    .description(
      "serve the X and Graph APIs hilft calls, recording every call (see docs/simulator.md)",
    )
    .option("--port <port>", "port to listen on", wholeNumber("--port", 0), 4010)
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option(
      "--x-user-id <id>",
      "the X account the tokens belong to",
      numericId("--x-user-id"),
      "3001",
    )
    .option("--x-screen-name <handle>", "its handle", "telekom_hilft")
    .option("--fb-page-id <id>", "the Facebook page", numericId("--fb-page-id"), "1001")
    .action(
      async (opts: {
        port: number;
        host: string;
        xUserId: string;
        xScreenName: string;
        fbPageId: string;
      }) => {
        const server = await startPlatformServer({
          port: opts.port,
          host: opts.host,
          xAccount: { id: opts.xUserId, username: opts.xScreenName },
          page: { id: opts.fbPageId },
        });
        console.log(`Platform simulator listening on ${server.url}`);
        console.log(`  X_API_BASE_URL=${server.url}`);
        console.log(`  GRAPH_API_BASE_URL=${server.url}/v21.0`);
        console.log(
          `  recorded calls: ${server.url}/_sim/calls   faults: POST ${server.url}/_sim/faults`,
        );
        const stop = async () => {
          await server.close();
          process.exit(0);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      },
    );

  simulate
    .command("run")
    .description("send a scenario of signed webhooks to a hilft server and print what arrived")
    .requiredOption("--target <url>", "base URL of the hilft server", targetUrl)
    .requiredOption("--scenario <name>", `one of ${SCENARIO_NAMES.join(", ")}`, scenarioName)
    .requiredOption(
      "--x-user-id <id>",
      "the brand's X account id (for_user_id)",
      numericId("--x-user-id"),
    )
    .requiredOption("--x-consumer-secret <secret>", "consumer secret of the X channel")
    .requiredOption("--fb-page-id <id>", "the Facebook page id", numericId("--fb-page-id"))
    .requiredOption("--fb-app-secret <secret>", "app secret of the Facebook channel")
    .option("--x-screen-name <handle>", "the brand's X handle", "telekom_hilft")
    .option("--rate <n>", "events per second (burst)", positiveNumber("--rate"))
    .option(
      "--count <m>",
      "number of events (burst), or at most this many",
      wholeNumber("--count", 1),
    )
    .option(
      "--speed <f>",
      "time compression: 1440 plays a day in a minute",
      positiveNumber("--speed"),
      1440,
    )
    .option(
      "--hours <h>",
      "simulated hours for normal, launch and outage",
      positiveNumber("--hours"),
      24,
    )
    .option("--seed <s>", "seed for a repeatable run (random by default)", wholeNumber("--seed", 0))
    .option("--concurrency <n>", "requests in flight at most", wholeNumber("--concurrency", 1), 16)
    .option("--no-dataset", "use the built-in texts even when ../shared/data is there")
    .option("--dry-run", "generate and describe the events without sending them")
    .action(async (opts: RunOptions) => {
      await runSimulation({ ...opts, target: opts.target.replace(/\/+$/, "") });
    });
}
