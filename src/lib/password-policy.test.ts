import { describe, expect, it } from "vitest";
import { checkPassword, describePasswordProblem } from "./password-policy.ts";

describe("checkPassword", () => {
  it.each([
    ["short", "too_short"],
    ["123456789", "too_short"],
    ["x".repeat(257), "too_long"],
    ["Passwort123", "too_common"],
    ["aaaaaaaaaaaa", "too_common"],
  ] as const)("%s → %s", (password, problem) => {
    expect(checkPassword(password)).toBe(problem);
  });

  it("counts characters, not bytes", () => {
    expect(checkPassword("ääääääääää")).toBe("too_common");
    expect(checkPassword("äöüßäöüßäö")).toBeNull();
  });

  it("refuses passwords built from the e-mail's local part", () => {
    expect(checkPassword("mareike-2024!", "mareike@example.com")).toBe("contains_email");
    expect(checkPassword("bo-bo-bo-bo-1", "bo@example.com")).toBeNull();
  });

  it("accepts a long passphrase", () => {
    expect(checkPassword("korrekt pferd batterie heftklammer")).toBeNull();
  });

  it("describes every problem as a sentence fragment", () => {
    for (const p of ["too_short", "too_long", "too_common", "contains_email"] as const) {
      expect(describePasswordProblem(p)).toMatch(/^must|^is/);
    }
  });
});
