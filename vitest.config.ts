import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/sequencer.ts";

const report = process.env.HILFT_TEST_REPORT;

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "e2e/**/*.test.ts"],
    environment: "node",
    // Migrates once per run; each file's database starts as a copy (test/database.ts).
    globalSetup: ["test/global-setup.ts"],
    sequence: { sequencer: SlowFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Each file gets its own database; two workers fit the CI machine's two cores.
    pool: "forks",
    maxWorkers: 2,
    reporters: report ? ["default", ["json", { outputFile: report }]] : ["default"],
  },
});
