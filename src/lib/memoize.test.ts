import { describe, expect, it } from "vitest";
import { memoizeString } from "./memoize.ts";

describe("memoizeString", () => {
  it("computes each argument once and returns the same answer again", () => {
    const calls: string[] = [];
    const upper = memoizeString((s: string) => {
      calls.push(s);
      return s.toUpperCase();
    });
    expect(upper("br")).toBe("BR");
    expect(upper("gzip")).toBe("GZIP");
    expect(upper("br")).toBe("BR");
    expect(calls).toEqual(["br", "gzip"]);
  });

  it("remembers undefined answers too", () => {
    let calls = 0;
    const none = memoizeString((_s: string) => {
      calls++;
      return undefined;
    });
    none("x");
    none("x");
    expect(calls).toBe(1);
  });

  it("keeps at most `max` arguments, forgetting all when full", () => {
    const calls: string[] = [];
    const same = memoizeString((s: string) => {
      calls.push(s);
      return s;
    }, 2);
    same("a");
    same("b");
    same("c"); // full: forgets a and b
    same("c");
    same("a");
    expect(calls).toEqual(["a", "b", "c", "a"]);
  });
});
