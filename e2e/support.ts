import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { expect } from "vitest";
import { signX } from "../src/lib/webhook-signatures.ts";
import {
  type RunningPlatformServer,
  startPlatformServer,
} from "../src/simulator/platform-server.ts";
import { createTestDatabase } from "../test/database.ts";
import { type RunningServer, runCli, startServer } from "../test/e2e-server.ts";

/** What the browser tests share: Debian's Chromium, the built web app, an artifacts folder, a demo stack. */
export const CHROMIUM = "/usr/bin/chromium";
/** Without Chromium the browser suites are skipped, not failed. */
export const hasChromium = existsSync(CHROMIUM);
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
/** Screenshots for review land here (kept by CI as test artifacts). */
export const ARTIFACTS = path.join(ROOT, "test-results");

/** The server serves the web app from dist/web; build it once if a fresh clone lacks it. */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(`${ROOT}dist/web/index.html`)) return;
  const { build } = await import("vite");
  await build({ configFile: `${ROOT}vite.config.ts`, logLevel: "warn" });
}

/** Headless Chromium with the flags this machine needs (no sandbox, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

/** The test's own X account, connected to the simulator. */
export interface TestXAccount {
  userId: string;
  handle: string;
  secret: string;
  token: string;
}

/** A seeded demo server with an X channel on the simulator, and a browser. */
export interface DemoStack {
  platform: RunningPlatformServer;
  server: RunningServer;
  browser: Browser;
  /** A demo person's password, as `hilft seed demo` printed it. */
  password(email: string): string;
  /** Posts a body to `/webhooks/x`, signed with the account's secret, and expects 200. */
  postX(body: unknown): Promise<void>;
  close(): Promise<void>;
}

/**
 * What the console-side browser tests start from: the simulator, a fresh database seeded
 * with the demo (`hilft seed demo`), the test's X account connected through the CLI, the
 * real server process and Chromium.
 */
export async function startDemoStack(opts: {
  name: string;
  x: TestXAccount;
  env?: Record<string, string>;
}): Promise<DemoStack> {
  await ensureWebBuild();
  mkdirSync(ARTIFACTS, { recursive: true });
  const platform = await startPlatformServer({ port: 0 });
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), `hilft-${opts.name}-e2e-`));
  database.prepareDataDir(dataDir);
  const env = { HILFT_DATA_DIR: dataDir, ...(database.url ? { DATABASE_URL: database.url } : {}) };
  const seeded = await runCli(["seed", "demo"], env);
  expect(seeded.code, seeded.stderr).toBe(0);
  const passwords = new Map(
    [...seeded.stdout.matchAll(/(\S+@\S+)\s+password: (\S+)/g)].map((m) => [m[1]!, m[2]!]),
  );
  const { x } = opts;
  const channel = await runCli(
    [
      ...["channel", "add", "x", "--handle", x.handle, "--user-id", x.userId],
      ...["--consumer-secret", x.secret, "--access-token", x.token, "--api-base-url", platform.url],
    ],
    env,
  );
  expect(channel.code, channel.stderr).toBe(0);
  const [server, browser] = await Promise.all([
    startServer({ dataDir, database, ...(opts.env ? { env: opts.env } : {}) }),
    launchChromium(),
  ]);
  return {
    platform,
    server,
    browser,
    password(email) {
      const found = passwords.get(email);
      expect(found, `hilft seed demo printed no password for ${email}`).toBeTruthy();
      return found!;
    },
    async postX(body) {
      const raw = JSON.stringify(body);
      const res = await fetch(`${server.url}/webhooks/x`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-twitter-webhooks-signature": signX(x.secret, raw),
        },
        body: raw,
      });
      expect(res.status).toBe(200);
    },
    async close() {
      await browser.close();
      await server.stop();
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
