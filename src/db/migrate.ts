import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Database } from "./client.ts";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
// Any fixed number works; it keeps two processes from migrating the same database at once.
const MIGRATION_LOCK = 7_310_221;

interface JournalEntry {
  idx: number;
  tag: string;
}

export interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const journal = JSON.parse(await readFile(`${dir}meta/_journal.json`, "utf8")) as {
    entries: JournalEntry[];
  };
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    entries.map(async ({ tag }) => {
      const text = await readFile(`${dir}${tag}.sql`, "utf8");
      return {
        tag,
        hash: createHash("sha256").update(text).digest("hex"),
        statements: text
          .split("--> statement-breakpoint")
          .map((s) => s.trim())
          .filter(Boolean),
      };
    }),
  );
}

/**
 * Applies the committed migrations that this database has not seen, each in its own
 * transaction, under an advisory lock. Returns the tags it applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  const migrations = await loadMigrations();
  return database.withConnection(async (conn) => {
    await conn.exec(`CREATE TABLE IF NOT EXISTS hilft_migrations (
      tag text PRIMARY KEY,
      hash text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const { rows } = await conn.query<{ tag: string }>("SELECT tag FROM hilft_migrations");
      const done = new Set(rows.map((r) => r.tag));
      const applied: string[] = [];
      for (const m of migrations) {
        if (done.has(m.tag)) continue;
        await conn.exec("BEGIN");
        try {
          for (const statement of m.statements) await conn.exec(statement);
          await conn.query("INSERT INTO hilft_migrations (tag, hash) VALUES ($1, $2)", [
            m.tag,
            m.hash,
          ]);
          await conn.exec("COMMIT");
        } catch (err) {
          await conn.exec("ROLLBACK");
          throw new Error(`Migration ${m.tag} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.tag);
      }
      return applied;
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  });
}

/** True when every committed migration has been applied (used by /readyz). */
export async function migrationsPending(database: Database): Promise<number> {
  const migrations = await loadMigrations();
  return database.withConnection(async (conn) => {
    const { rows } = await conn.query<{ tag: string }>("SELECT tag FROM hilft_migrations");
    const done = new Set(rows.map((r) => r.tag));
    return migrations.filter((m) => !done.has(m.tag)).length;
  });
}
