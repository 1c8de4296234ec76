import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { open, openJson, SecretBoxError, seal, sealJson } from "./secret-box.ts";

describe("secret box", () => {
  const key = randomBytes(32);
  it("round-trips and never repeats a ciphertext", () => {
    const a = seal(key, "geheim ✓");
    expect(open(key, a)).toBe("geheim ✓");
    expect(seal(key, "geheim ✓")).not.toBe(a);
    expect(a).not.toContain("geheim");
    expect(openJson(key, sealJson(key, { token: "t" }))).toEqual({ token: "t" });
  });
  it("refuses the wrong key and tampering", () => {
    const sealed = seal(key, "secret");
    expect(() => open(randomBytes(32), sealed)).toThrow(SecretBoxError);
    const parts = sealed.split(".");
    parts[3] = Buffer.from("SECRET").toString("base64url");
    expect(() => open(key, parts.join("."))).toThrow(SecretBoxError);
    expect(() => open(key, "plain")).toThrow(/known version/);
  });
  it("insists on a 32-byte key", () => {
    expect(() => seal(randomBytes(16), "x")).toThrow(/32 bytes/);
  });
});
