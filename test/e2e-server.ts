import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "./database.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

export interface RunningServer {
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The credentials printed on first start (undefined when the database was not empty). */
  admin: { email: string; password: string };
  output(): string;
  /** Stops the process; the data dir and database stay unless `cleanup` is true. */
  stop(opts?: { cleanup?: boolean }): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs the `hilft` command the way a person would and waits until it exits. */
export function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/hilft.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts the real server (`hilft serve`) on a free port with a fresh data dir and, when
 * TEST_DATABASE_URL is set, a fresh PostgreSQL database; resolves once it listens. A fresh
 * data dir starts from `database`'s migrated template (none for `createTestDatabase({ empty: true })`).
 */
export async function startServer(
  opts: { dataDir?: string; database?: TestDatabase; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const database = opts.database ?? (await createTestDatabase());
  let dataDir = opts.dataDir;
  if (!dataDir) {
    dataDir = mkdtempSync(path.join(tmpdir(), "hilft-e2e-"));
    database.prepareDataDir(dataDir);
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "bin/hilft.js"), "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      HILFT_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "warn",
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 90_000);
    const poll = setInterval(() => {
      if (/hilft is running at/.test(output)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const email = /Admin e-mail:\s+(\S+)/.exec(output)?.[1] ?? "";
  const password = /Admin password:\s+(\S+)/.exec(output)?.[1] ?? "";
  return {
    url,
    dataDir,
    databaseUrl: database.url,
    admin: { email, password },
    output: () => output,
    async stop({ cleanup = true } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (cleanup) {
        await database.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
