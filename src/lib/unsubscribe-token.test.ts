import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "./unsubscribe-token.ts";

const key = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 8);
const userId = "0b6f1c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e";

describe("unsubscribe tokens", () => {
  it("round-trips the user id under the same key", () => {
    const token = signUnsubscribeToken(key, userId);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken(key, token)).toBe(userId);
  });
  it("refuses another key, a changed id or signature, and junk", () => {
    const token = signUnsubscribeToken(key, userId);
    expect(verifyUnsubscribeToken(other, token)).toBeNull();
    const otherId = Buffer.from("0b6f1c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5f").toString("base64url");
    expect(verifyUnsubscribeToken(key, `${otherId}.${token.split(".")[1]}`)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${token.slice(0, -1)}A`)).toBeNull();
    expect(verifyUnsubscribeToken(key, "abc")).toBeNull();
    expect(verifyUnsubscribeToken(key, `${token}.x`)).toBeNull();
    expect(verifyUnsubscribeToken(key, "")).toBeNull();
  });
});
