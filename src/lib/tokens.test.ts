import { describe, expect, it } from "vitest";
import {
  API_TOKEN_PREFIX,
  hashToken,
  newApiToken,
  randomPassword,
  randomToken,
  safeEqual,
} from "./tokens.ts";

describe("tokens", () => {
  it("makes URL-safe random tokens of the asked entropy", () => {
    const a = randomToken(32);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(32)).not.toBe(a);
  });

  it("hashes deterministically to hex", () => {
    expect(hashToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("compares in constant time and handles different lengths", () => {
    expect(safeEqual("abc", "abc")).toBe(true);
    expect(safeEqual("abc", "abd")).toBe(false);
    expect(safeEqual("abc", "abcd")).toBe(false);
  });

  it("gives API tokens a recognisable prefix", () => {
    const { token, prefix } = newApiToken();
    expect(token.startsWith(API_TOKEN_PREFIX)).toBe(true);
    expect(token.startsWith(prefix)).toBe(true);
    expect(prefix.length).toBe(API_TOKEN_PREFIX.length + 6);
  });

  it("makes typeable passwords without look-alike characters", () => {
    const p = randomPassword();
    expect(p).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(p).not.toMatch(/[01lIoO]/);
  });
});
