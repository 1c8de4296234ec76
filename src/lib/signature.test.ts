import { describe, expect, it } from "vitest";
import { appendSignature, effectiveSignature, initialsOf } from "./signature.ts";

describe("signatures", () => {
  it("derives initials from first and last name", () => {
    expect(initialsOf("Anna Berger")).toBe("AB");
    expect(initialsOf("anna maria berger")).toBe("AB");
    expect(initialsOf("Özlem")).toBe("Ö");
    expect(initialsOf("  ")).toBe("");
  });

  it("uses the agent's own signature, initials by default, nothing when emptied", () => {
    expect(effectiveSignature({ name: "Anna Berger", signature: null })).toBe("^AB");
    expect(effectiveSignature({ name: "Anna Berger", signature: " /Anna " })).toBe("/Anna");
    expect(effectiveSignature({ name: "Anna Berger", signature: "" })).toBe("");
  });

  it("appends with one space and trims trailing whitespace of the text", () => {
    expect(appendSignature("Gern geschehen!  \n", "^AB")).toBe("Gern geschehen! ^AB");
    expect(appendSignature("Gern geschehen!", "")).toBe("Gern geschehen!");
  });
});
