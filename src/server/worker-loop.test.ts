import pino from "pino";
import { describe, expect, it } from "vitest";
import { WorkerLoop } from "./worker-loop.ts";

const log = pino({ level: "silent" });
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A tick that takes `ms`, finds a full batch `full` times, then nothing. */
function recordingTick(full: number, ms: number) {
  const turns: { start: number; end: number }[] = [];
  let calls = 0;
  const tick = async () => {
    const start = performance.now();
    await sleep(ms);
    turns.push({ start, end: performance.now() });
    calls++;
    return calls <= full ? 10 : 0;
  };
  return { tick, turns };
}

describe("WorkerLoop", () => {
  it("goes straight on while it finds full batches", async () => {
    const { tick, turns } = recordingTick(3, 5);
    const loop = new WorkerLoop("test", tick, log, {
      concurrency: 1,
      idleMs: 60_000,
      batchSize: 10,
    });
    loop.start();
    while (turns.length < 4) await sleep(5);
    await loop.stop();
    expect(turns.length).toBe(4);
  });

  it("rests in proportion to each turn while catching up, when asked to", async () => {
    const { tick, turns } = recordingTick(3, 30);
    const loop = new WorkerLoop("test", tick, log, {
      concurrency: 1,
      idleMs: 60_000,
      batchSize: 10,
      restFactor: 3,
    });
    loop.start();
    while (turns.length < 4) await sleep(5);
    await loop.stop();
    for (let i = 1; i < 4; i++) {
      const before = turns[i - 1]!;
      const rest = turns[i]!.start - before.end;
      // Three times the turn; half of that leaves room for the event loop's coarse clock
      // (without the rest the next turn starts within a millisecond or two).
      expect(rest).toBeGreaterThanOrEqual(1.5 * (before.end - before.start));
    }
  });

  it("stops at once during a rest", async () => {
    const { tick, turns } = recordingTick(100, 1);
    const loop = new WorkerLoop("test", tick, log, {
      concurrency: 1,
      idleMs: 60_000,
      batchSize: 10,
      restFactor: 100_000,
    });
    loop.start();
    while (turns.length < 1) await sleep(2);
    // The rest would last over a minute; stop() must not wait for it (test timeout 30 s).
    await loop.stop();
    expect(turns.length).toBe(1);
  });
});
