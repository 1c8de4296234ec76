import { readFileSync } from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files that start `hilft` processes (server, CLI, browser stack) take the longest. */
const STARTS_PROCESSES = /\b(runCli|startServer|startDemoStack)\(/;

/**
 * Vitest's order (longest first by the durations of the last run, else larger files first),
 * except that without a recorded duration the files that start processes come first: on
 * two workers a long file started last leaves one core idle at the end of the run.
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const unknownAndSlow = (spec: TestSpecification) => {
      const key = `${spec.project.name}:${path.relative(this.ctx.config.root, spec.moduleId)}`;
      if (this.ctx.cache.getFileTestResults(key)) return false;
      return STARTS_PROCESSES.test(readFileSync(spec.moduleId, "utf8"));
    };
    const first = sorted.filter(unknownAndSlow);
    return [...first, ...sorted.filter((spec) => !first.includes(spec))];
  }
}
