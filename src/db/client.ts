import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index.ts";

/** Drizzle handle shared by both drivers; repositories only ever see this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A single connection for work that must not be spread over a pool (migrations, locks). */
export interface RawConnection {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** Runs SQL that may hold several statements and no parameters. */
  exec(sql: string): Promise<void>;
}

export interface Database {
  readonly driver: "pglite" | "postgres";
  readonly db: Db;
  /**
   * Listens for NOTIFY on `channel` with a connection of its own; the callback gets each
   * payload. Resolves to a function that stops listening. `onLost` is called once should
   * that connection break (notifications may then have been missed); PGlite's never does.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onLost?: () => void,
  ): Promise<() => Promise<void>>;
  /** Borrow one connection for the duration of `fn`. */
  withConnection<T>(fn: (conn: RawConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps everything in memory (tests). */
  pgliteDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * PGlite only: a data directory as a tarball (PGlite's `dumpDataDir`) to start from
   * instead of an empty one. Tests start each file from one migrated copy this way.
   */
  pgliteDataDirTarball?: Blob;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.pgliteDir ?? "memory://", options.pgliteDataDirTarball);
}

async function openPglite(dir: string, tarball: Blob | undefined): Promise<Database> {
  if (!dir.startsWith("memory://")) mkdirSync(path.resolve(dir), { recursive: true });
  const client = await PGlite.create(dir, {
    extensions: { pg_trgm },
    ...(tarball ? { loadDataDir: tarball } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  const conn: RawConnection = {
    async query<T>(sql: string, params?: unknown[]) {
      const res = await client.query<T>(sql, params as unknown[] | undefined);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      // PGlite's extended protocol takes one statement; exec() takes a script.
      await client.exec(sql);
    },
  };
  return {
    driver: "pglite",
    db,
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        await unlisten();
      };
    },
    withConnection: (fn) => fn(conn),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => {});
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    driver: "postgres",
    db,
    async listen(channel, onPayload, onLost) {
      const client = new pg.Client({ connectionString: url });
      let open = true;
      const lost = () => {
        if (!open) return;
        open = false;
        onLost?.();
      };
      client.on("error", lost);
      client.on("end", lost);
      await client.connect();
      client.on("notification", (n) => {
        if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
      });
      await client.query(`LISTEN "${channel.replace(/"/g, "")}"`);
      return async () => {
        open = false;
        await client.end().catch(() => {});
      };
    },
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          async query<T>(sql: string, params?: unknown[]) {
            const res = await client.query(sql, params);
            return { rows: res.rows as T[] };
          },
          async exec(sql: string) {
            await client.query(sql);
          },
        });
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Runs raw SQL (for what the query builder cannot say) and returns its rows, on either driver. */
export async function queryRows<T = Record<string, unknown>>(
  db: Pick<Db, "execute">,
  query: SQL,
): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
