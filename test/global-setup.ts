import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";

/** Where the migrated template of this run lives (see test/database.ts). */
export interface TestTemplates {
  /** PGlite: a migrated data directory that spawned `hilft` processes start from. */
  pgliteDir?: string;
  /** PGlite: the same directory as a tarball for in-process databases in memory. */
  pgliteTarball?: string;
  /** PostgreSQL: a migrated database that each test file's database is copied from. */
  postgresTemplate?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testTemplates: TestTemplates;
  }
}

/**
 * Runs the migrations once per test run, instead of once per test file: on PGlite into a
 * data directory (kept as a directory and as a tarball), on PostgreSQL into a template
 * database. Built fresh on every run and removed at the end, so a template never lags
 * behind the migrations in the checkout.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `hilft_tpl_${randomBytes(6).toString("hex")}`;
    await adminQuery(base, `CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 1 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    project.provide("testTemplates", { postgresTemplate: name });
    return () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  const root = mkdtempSync(path.join(tmpdir(), "hilft-test-template-"));
  const pgliteDir = path.join(root, "pglite");
  const database = await openDatabase({ pgliteDir });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  // The Database handle does not expose PGlite's dump; a second, short open does.
  const client = await PGlite.create(pgliteDir, { extensions: { pg_trgm } });
  const pgliteTarball = path.join(root, "pglite.tar");
  try {
    const tar = await client.dumpDataDir("none");
    writeFileSync(pgliteTarball, new Uint8Array(await tar.arrayBuffer()));
  } finally {
    await client.close();
  }
  project.provide("testTemplates", { pgliteDir, pgliteTarball });
  return async () => rmSync(root, { recursive: true, force: true });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
