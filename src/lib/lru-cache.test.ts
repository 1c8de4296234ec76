import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.ts";

describe("LruCache", () => {
  it("evicts the least recently used entry beyond maxEntries", () => {
    const c = new LruCache<string, number>({ maxEntries: 2 });
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1); // a is now the most recent
    c.set("c", 3);
    expect(c.get("b")).toBeUndefined();
    expect(c.get("a")).toBe(1);
    expect(c.get("c")).toBe(3);
    expect(c.size).toBe(2);
  });

  it("keeps the total size within maxSize and skips values larger than the budget", () => {
    const c = new LruCache<string, string>({
      maxEntries: 100,
      maxSize: 10,
      sizeOf: (s) => s.length,
    });
    c.set("a", "aaaa");
    c.set("b", "bbbb");
    c.set("c", "cccc"); // 12 > 10: a goes
    expect(c.get("a")).toBeUndefined();
    expect(c.weight).toBe(8);
    c.set("huge", "x".repeat(11));
    expect(c.get("huge")).toBeUndefined();
    expect(c.get("b")).toBe("bbbb");
    expect(c.weight).toBe(8);
  });

  it("replacing a key updates its size", () => {
    const c = new LruCache<string, string>({ maxEntries: 5, sizeOf: (s) => s.length });
    c.set("a", "aaaa");
    c.set("a", "aa");
    expect(c.weight).toBe(2);
    expect(c.size).toBe(1);
    expect(c.delete("a")).toBe(true);
    expect(c.delete("a")).toBe(false);
    expect(c.weight).toBe(0);
  });

  it("forgets entries older than the time to live", () => {
    let now = 1000;
    const c = new LruCache<string, number>({ maxEntries: 5, ttlMs: 100, now: () => now });
    c.set("a", 1);
    now = 1099;
    expect(c.get("a")).toBe(1);
    now = 1100;
    expect(c.get("a")).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("rejects a cache that can hold nothing", () => {
    expect(() => new LruCache({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});
