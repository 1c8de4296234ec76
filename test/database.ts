import { randomBytes } from "node:crypto";
import { cpSync, openAsBlob } from "node:fs";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";

/**
 * A fresh database for one test file: a new PostgreSQL database next to the one named
 * by TEST_DATABASE_URL, or PGlite when it is not set. Unless `empty` is asked for, it
 * starts as a copy of the migrated template that test/global-setup.ts built for this run
 * (opening it still runs `migrate`, which then finds nothing to do).
 */
export interface TestDatabase {
  /** postgres://… or undefined for PGlite. */
  url: string | undefined;
  /** PGlite in memory: the migrated data directory to load (undefined: start empty). */
  pgliteTarball: Blob | undefined;
  /**
   * Readies a new data directory for a `hilft` process: on PGlite the migrated template is
   * copied to `<dataDir>/pglite`; on PostgreSQL (or when empty) nothing is needed.
   */
  prepareDataDir(dataDir: string): void;
  drop(): Promise<void>;
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const templates = opts.empty ? {} : (inject("testTemplates") ?? {});
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const { pgliteDir, pgliteTarball } = templates;
    return {
      url: undefined,
      pgliteTarball: pgliteTarball ? await openAsBlob(pgliteTarball) : undefined,
      prepareDataDir(dataDir) {
        if (pgliteDir) cpSync(pgliteDir, path.join(dataDir, "pglite"), { recursive: true });
      },
      drop: async () => {},
    };
  }
  const name = `hilft_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const template = templates.postgresTemplate ? ` TEMPLATE ${templates.postgresTemplate}` : "";
  await admin.query(`CREATE DATABASE ${name}${template}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    pgliteTarball: undefined,
    prepareDataDir() {},
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
