import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type Logger, pino } from "pino";
import { type Database, openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { buildApp } from "../src/server/app.ts";
import { type Config, loadConfig } from "../src/server/config.ts";
import { createServices, type Services } from "../src/server/services.ts";
import { createTestDatabase } from "./database.ts";

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  config: Config;
  close(): Promise<void>;
}

/** Builds the real app on a fresh database (PGlite in memory, or PostgreSQL). */
export async function buildTestApp(
  env: Record<string, string> = {},
  /** `workers: false` leaves the background workers off (tests run their passes themselves). */
  opts: { log?: Logger; workers?: boolean } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-test-"));
  const testDb = await createTestDatabase();
  const config = loadConfig({
    HILFT_DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    HILFT_SEED_DEMO: "false",
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...env,
  });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    maxConnections: 4,
    ...(testDb.pgliteTarball ? { pgliteDataDirTarball: testDb.pgliteTarball } : {}),
  });
  await migrate(database);
  const instance = await buildInstance(config, database, opts.log, opts.workers ?? true);
  return {
    ...instance,
    config,
    async close() {
      await instance.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** hilft's services and HTTP app on an open database, ready for `inject`. */
async function buildInstance(
  config: Config,
  database: Database,
  logger: Logger | undefined,
  workers: boolean,
): Promise<{ app: FastifyInstance; services: Services; close(): Promise<void> }> {
  const log = logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const services = createServices(config, database, log);
  const app = await buildApp({
    services,
    logger: log,
    webDistDir: path.join(config.dataDir, "no-web"),
    workers,
  });
  await app.ready();
  return {
    app,
    services,
    async close() {
      await app.close();
      services.mailer.close();
      await database.close();
    },
  };
}

/**
 * Another hilft instance on `t`'s PostgreSQL database (its own connections, caches and
 * listeners), as a second process behind a load balancer would be. PGlite is one
 * process with one connection: there is no second instance there.
 */
export async function buildSecondInstance(
  t: TestApp,
): Promise<{ app: FastifyInstance; services: Services; close(): Promise<void> }> {
  if (!t.config.databaseUrl) throw new Error("a second instance needs PostgreSQL");
  const database = await openDatabase({ databaseUrl: t.config.databaseUrl, maxConnections: 4 });
  return buildInstance(t.config, database, undefined, false);
}

/** A signed-in browser: its cookies and CSRF token, applied to every request. */
export interface Agent {
  cookie: string;
  csrfToken: string;
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export function cookieHeader(setCookie: string | string[] | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((c) => c.split(";")[0]).join("; ");
}

export async function loginAs(
  app: FastifyInstance,
  email: string,
  password: string,
): Promise<Agent> {
  const res = await app.inject({
    method: "POST",
    url: "/api/v1/auth/sign-in",
    payload: { email, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieHeader(res.headers["set-cookie"]);
  const csrfToken = res.json().csrfToken as string;
  return {
    cookie,
    csrfToken,
    inject: (opts) =>
      app.inject({
        ...opts,
        headers: { cookie, "x-csrf-token": csrfToken, ...(opts.headers ?? {}) },
      }),
  };
}
