import { describe, expect, it } from "vitest";
import { StageTimer } from "./stage-timer.ts";

function clock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("StageTimer", () => {
  it("adds up each stage and averages it over the batches", async () => {
    const c = clock();
    const timer = new StageTimer(c.now);
    await timer.measure("claim", () => c.advance(4));
    const stop = timer.start("insert");
    c.advance(10);
    stop();
    timer.batchDone(200);
    await timer.measure("claim", async () => c.advance(2));
    timer.record("insert", 6);
    timer.batchDone(100);
    expect(timer.summary()).toEqual([
      { stage: "claim", totalMs: 6, count: 2, perBatchMs: 3 },
      { stage: "insert", totalMs: 16, count: 2, perBatchMs: 8 },
    ]);
    expect(timer.batchCount).toBe(2);
    expect(timer.itemCount).toBe(300);
  });

  it("counts the time of a stage that throws, and rethrows", async () => {
    const c = clock();
    const timer = new StageTimer(c.now);
    await expect(
      timer.measure("commit", () => {
        c.advance(7);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(timer.summary()).toEqual([{ stage: "commit", totalMs: 7, count: 1, perBatchMs: 0 }]);
  });

  it("starts over after reset", () => {
    const timer = new StageTimer(() => 0);
    timer.record("a", 1);
    timer.batchDone(1);
    timer.reset();
    expect(timer.summary()).toEqual([]);
    expect(timer.batchCount).toBe(0);
    expect(timer.itemCount).toBe(0);
  });
});
