import { describe, expect, it } from "vitest";
import {
  signFacebook,
  signX,
  verifyFacebook,
  verifyX,
  xCrcResponse,
} from "./webhook-signatures.ts";

describe("X signatures", () => {
  const body = Buffer.from('{"for_user_id":"1","tweet_create_events":[]}');
  it("verifies what it signs and nothing else", () => {
    const sig = signX("secret", body);
    expect(sig).toMatch(/^sha256=[A-Za-z0-9+/]+=*$/);
    expect(verifyX("secret", body, sig)).toBe(true);
    expect(verifyX("other", body, sig)).toBe(false);
    expect(verifyX("secret", Buffer.concat([body, Buffer.from(" ")]), sig)).toBe(false);
    expect(verifyX("secret", body, undefined)).toBe(false);
    expect(verifyX("secret", body, "sha1=abc")).toBe(false);
    expect(verifyX("secret", body, sig.slice(0, -2))).toBe(false);
  });
  it("answers the CRC challenge as X documents it", () => {
    // HMAC-SHA256("secret", "challenge"), base64
    expect(xCrcResponse("secret", "challenge")).toEqual({
      response_token: "sha256=oeUF6Wxqoezggrue+wbIDxKRPSF6esKwizR2MHh9HaA=",
    });
  });
});

describe("Facebook signatures", () => {
  const body = Buffer.from('{"object":"page","entry":[]}');
  it("verifies hex HMAC-SHA256 over the raw bytes", () => {
    const sig = signFacebook("appsecret", body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyFacebook("appsecret", body, sig)).toBe(true);
    expect(verifyFacebook("appsecret", body, sig.toUpperCase().replace("SHA256", "sha256"))).toBe(
      true,
    );
    expect(verifyFacebook("wrong", body, sig)).toBe(false);
    expect(
      verifyFacebook("appsecret", Buffer.from(body.toString().replace("page", "pagf")), sig),
    ).toBe(false);
    expect(verifyFacebook("appsecret", body, "sha256=zz")).toBe(false);
  });
});
