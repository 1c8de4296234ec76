import { describe, expect, it } from "vitest";
import { diffLines, formatDiff } from "./line-diff.ts";

describe("diffLines", () => {
  it("marks nothing when the texts are equal", () => {
    expect(diffLines("a\nb", "a\nb")).toEqual([
      { op: "same", text: "a" },
      { op: "same", text: "b" },
    ]);
  });

  it("finds a changed line between unchanged ones", () => {
    expect(formatDiff(diffLines("one\ntwo\nthree", "one\n2\nthree"))).toBe(
      " one\n-two\n+2\n three",
    );
  });

  it("handles added and removed lines at either end and empty texts", () => {
    expect(formatDiff(diffLines("", "new"))).toBe("+new");
    expect(formatDiff(diffLines("old", ""))).toBe("-old");
    expect(formatDiff(diffLines("b\nc", "a\nb\nc\nd"))).toBe("+a\n b\n c\n+d");
  });

  it("keeps the longest common run when lines move", () => {
    const lines = diffLines("a\nb\nc\nd", "b\nc\na\nd");
    expect(lines.filter((l) => l.op === "same").map((l) => l.text)).toEqual(["b", "c", "d"]);
    expect(lines.filter((l) => l.op !== "same")).toHaveLength(2);
  });

  it("treats CRLF like LF", () => {
    expect(diffLines("a\r\nb", "a\nb").every((l) => l.op === "same")).toBe(true);
  });
});
