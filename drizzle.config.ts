import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this: it diffs the schema against the committed
// snapshots and writes plain SQL. Both drivers apply the same files at start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema/index.ts",
  out: "./src/db/migrations",
});
