import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { runCli } from "./e2e-server.ts";

/**
 * `hilft audit verify` as an operator runs it: exit 0 on an intact chain; after a row was
 * changed with SQL behind hilft's back (trigger switched off), a non-zero exit naming the
 * changed event.
 */
describe("hilft audit verify", () => {
  let database: TestDatabase | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), "hilft-audit-cli-"));
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("passes an intact chain and names the tampered event", { timeout: 600_000 }, async () => {
    database = await createTestDatabase();
    database.prepareDataDir(dataDir);
    const env = {
      HILFT_DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
    // Each new admin is a `user.role_changed` audit event.
    for (const email of ["ada@example.com", "ben@example.com"]) {
      const created = await runCli(["admin", "create", "--email", email], env);
      expect(created.code, created.stderr).toBe(0);
    }

    const intact = await runCli(["audit", "verify"], env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/intact: 2 event\(s\) verified/);

    // Someone with database access quietly changes the last event.
    const db = await openDatabase({
      databaseUrl: database.url,
      pgliteDir: path.join(dataDir, "pglite"),
      maxConnections: 1,
    });
    let victim: number;
    try {
      victim = await db.withConnection(async (c) => {
        const [row] = (
          await c.query<{ id: string }>("SELECT id FROM audit_events ORDER BY id OFFSET 1 LIMIT 1")
        ).rows;
        await c.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change");
        await c.query(`UPDATE audit_events SET actor_label = 'somebody else' WHERE id = $1`, [
          row!.id,
        ]);
        await c.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change");
        return Number(row!.id);
      });
    } finally {
      await db.close();
    }

    const tampered = await runCli(["audit", "verify"], env);
    expect(tampered.code).not.toBe(0);
    expect(tampered.stderr).toContain(`tampered with at event #${victim}`);
    expect(tampered.stderr).toMatch(/1 event\(s\) before it are intact/);
  });
});
