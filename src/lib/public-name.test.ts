import { describe, expect, it } from "vitest";
import { publicAgentName } from "./public-name.ts";

describe("publicAgentName", () => {
  it.each([
    ["Anna Berger", false, "Anna B."],
    ["Anna Berger", true, "Anna Berger"],
    ["Anna Maria von Berg", false, "Anna B."],
    ["  Jonas   Keller ", false, "Jonas K."],
    ["Özlem Şahin", false, "Özlem Ş."],
    ["Cem", false, "Cem"],
    ["lena ölig", false, "lena Ö."],
  ])("%s (full name shown: %s) → %s", (name, full, expected) => {
    expect(publicAgentName(name, full)).toBe(expected);
  });
});
