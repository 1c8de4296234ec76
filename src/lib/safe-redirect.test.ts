import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-redirect.ts";

describe("safeNextPath", () => {
  it("keeps same-site paths", () => {
    expect(safeNextPath("/console?view=mine")).toBe("/console?view=mine");
  });
  it.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "",
    null,
    undefined,
    "console",
  ])("falls back for %s", (next) => {
    expect(safeNextPath(next, "/home")).toBe("/home");
  });
});
