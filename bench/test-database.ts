/**
 * `npm run bench -- test-database`: what one test file pays to get a migrated PGlite
 * database, from scratch (empty in-memory PGlite, then every migration) against starting
 * from the template that test/global-setup.ts builds once per run. Prints CPU and wall
 * time and the load average, since other processes share the machine.
 */
import { mkdtempSync, openAsBlob, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";

const rounds = Number(process.argv[2] ?? 3);
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

async function measure(label: string, fn: () => Promise<void>): Promise<void> {
  const cpu = cpuMs();
  const wall = performance.now();
  await fn();
  console.log(
    `${label.padEnd(44)} cpu ${String(Math.round(cpuMs() - cpu)).padStart(6)} ms` +
      `  wall ${String(Math.round(performance.now() - wall)).padStart(6)} ms` +
      `  load ${loadavg()[0]!.toFixed(2)}`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "hilft-bench-test-db-"));
const tarball = path.join(dir, "pglite.tar");
try {
  await measure("template, once per run", async () => {
    const database = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
    await migrate(database);
    await database.close();
    const client = await PGlite.create(path.join(dir, "pglite"), { extensions: { pg_trgm } });
    writeFileSync(tarball, new Uint8Array(await (await client.dumpDataDir("none")).arrayBuffer()));
    await client.close();
  });
  for (let i = 0; i < rounds; i++) {
    await measure("per file: empty PGlite + all migrations", async () => {
      const database = await openDatabase({});
      await migrate(database);
      await database.close();
    });
    await measure("per file: PGlite from the template", async () => {
      const database = await openDatabase({ pgliteDataDirTarball: await openAsBlob(tarball) });
      await migrate(database);
      await database.close();
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
