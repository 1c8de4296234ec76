import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: "x" }, e: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}',
    );
  });

  it("gives the same string for the same value written in another order", () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it("writes dates as ISO strings and keeps Unicode as is", () => {
    expect(canonicalJson({ at: new Date("2024-01-02T03:04:05.006Z"), n: "Grüße" })).toBe(
      '{"at":"2024-01-02T03:04:05.006Z","n":"Grüße"}',
    );
  });
});
