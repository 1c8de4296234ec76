import { describe, expect, it } from "vitest";
import { WebhookEventWriter } from "./webhook-event-writer.ts";

const row = (n: number) => ({
  platform: "x" as const,
  channelId: null,
  bodyHash: `h${n}`,
  rawBody: "{}",
});

describe("WebhookEventWriter", () => {
  it("writes deliveries that arrive during a write together, answering each after its write", async () => {
    const writes: string[][] = [];
    let stored = 0;
    const writer = new WebhookEventWriter(
      {
        async storeEvents(rows) {
          writes.push(rows.map((r) => r.bodyHash));
          await new Promise((r) => setTimeout(r, 5));
          return new Set(rows.map((r) => r.bodyHash).filter((h) => h !== "h3"));
        },
      },
      () => stored++,
    );
    const results = await Promise.all([1, 2, 3, 4].map((n) => writer.store(row(n))));
    expect(writes).toEqual([["h1"], ["h2", "h3", "h4"]]);
    expect(results).toEqual([true, true, false, true]);
    expect(stored).toBe(2);
  });

  it("fails every delivery of a failed write, and goes on with the next", async () => {
    let fail = true;
    const writer = new WebhookEventWriter(
      {
        async storeEvents(rows) {
          if (fail) {
            fail = false;
            throw new Error("database gone");
          }
          return new Set(rows.map((r) => r.bodyHash));
        },
      },
      () => {},
    );
    await expect(writer.store(row(1))).rejects.toThrow("database gone");
    await expect(writer.store(row(2))).resolves.toBe(true);
  });
});
