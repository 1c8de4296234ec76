import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, usingPostgres } from "./database.ts";
import { type RunningServer, runCli, startServer } from "./e2e-server.ts";

/**
 * The product as a person starts it: `hilft serve` on an empty database, the printed
 * admin credentials, a restart that keeps the data, and the CLI beside it.
 */
describe("first start, restart and the CLI", () => {
  let server: RunningServer | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    await server?.stop();
    for (const c of cleanups) await c();
  });

  async function json(res: Response) {
    return (await res.json()) as Record<string, unknown>;
  }

  it("seeds the demo workspace, prints admin credentials that sign in, keeps data across a restart", {
    timeout: 180_000,
  }, async () => {
    // Empty: the first start itself creates and migrates the database.
    const database = await createTestDatabase({ empty: true });
    server = await startServer({ database });
    expect(server.admin.email).toBe("admin@demo.hilft.example");
    expect(server.admin.password).toMatch(/^[A-Za-z0-9-]{20,}$/);
    expect(server.output()).not.toMatch(/"password"/);

    const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(server.admin),
    });
    expect(signIn.status).toBe(200);
    expect(((await json(signIn)).user as { role: string }).role).toBe("admin");

    const signUp = await fetch(`${server.url}/api/v1/auth/sign-up`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "Rita Restart",
        email: "rita@example.com",
        password: "bleibt-gespeichert",
      }),
    });
    expect(signUp.status).toBe(201);

    // The CLI and a running server on one embedded database: the CLI says why it stops.
    const busy = await runCli(["admin", "create", "--email", "second@example.com"], {
      HILFT_DATA_DIR: server.dataDir,
      ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
    });
    if (usingPostgres()) {
      expect(busy.code).toBe(0);
    } else {
      expect(busy.code).toBe(1);
      expect(busy.stderr).toMatch(/Another hilft process .* has the embedded database/);
    }

    const { dataDir } = server;
    await server.stop({ cleanup: false });
    server = await startServer({ dataDir, database });
    expect(server.admin.email).toBe("");
    const again = await fetch(`${server.url}/api/v1/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "rita@example.com", password: "bleibt-gespeichert" }),
    });
    expect(again.status).toBe(200);
    await server.stop({ cleanup: false });
    server = undefined;

    const env = {
      HILFT_DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
    const migrate = await runCli(["migrate"], env);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/up to date/);

    const admin = await runCli(
      ["admin", "create", "--email", "ops@example.com", "--name", "Ops"],
      env,
    );
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/Created admin ops@example.com/);
    expect(admin.stdout).toMatch(/Password \(shown once\): \S{20,}/);

    const dup = await runCli(["admin", "create", "--email", "ops@example.com"], env);
    expect(dup.code).toBe(0);
    expect(dup.stdout).toMatch(/is now an admin/);

    const token = await runCli(["token", "create", "--email", "ops@example.com"], env);
    expect(token.code).toBe(0);
    const plain = token.stdout.trim();
    expect(plain).toMatch(/^hilft_pat_\S+$/);

    const missing = await runCli(["token", "create", "--email", "nobody@example.com"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no account has the e-mail address nobody@example.com/);

    const seed = await runCli(["seed", "demo"], env);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toMatch(/nothing changed/);

    server = await startServer({ dataDir, database });
    const me = await fetch(`${server.url}/api/v1/me`, {
      headers: { authorization: `Bearer ${plain}` },
    });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ email: "ops@example.com", role: "admin" });
    cleanups.push(() => database.drop());
  });

  it("stops on bad configuration with a sentence naming the variable", async () => {
    const res = await runCli(["serve"], { PORT: "drei", HILFT_DATA_DIR: "/tmp/hilft-never-used" });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Configuration error: PORT must be a whole number \(got "drei"\)/);
    const db = await runCli(["migrate"], {
      DATABASE_URL: "mysql://x",
      HILFT_DATA_DIR: "/tmp/hilft-never-used",
    });
    expect(db.code).toBe(1);
    expect(db.stderr).toMatch(/DATABASE_URL must be a PostgreSQL URL/);
  });
});
