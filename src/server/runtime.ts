import path from "node:path";
import type { Logger } from "pino";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import type { Config } from "./config.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { createServices, type Services } from "./services.ts";

export interface Runtime {
  services: Services;
  /** Migrations applied while opening. */
  applied: string[];
  close(): Promise<void>;
}

/**
 * Opens the configured database (PGlite under the data dir unless DATABASE_URL is set),
 * applies pending migrations and wires the services. Used by the server and the CLI.
 */
export async function openRuntime(config: Config, log: Logger, purpose: string): Promise<Runtime> {
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir, purpose);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, "pglite"),
    });
    const applied = await migrate(database);
    const services = createServices(config, database, log);
    return {
      services,
      applied,
      async close() {
        services.mailer.close();
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
