import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url.ts";

describe("redactUrl", () => {
  it("hides secret query values and keeps the rest", () => {
    expect(redactUrl("/reset-password?token=abc&x=1")).toBe("/reset-password?token=[redacted]&x=1");
    expect(redactUrl("/webhooks/x?crc_token=zzz")).toBe("/webhooks/x?crc_token=[redacted]");
    expect(
      redactUrl("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=v&hub.challenge=c"),
    ).toBe("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=c");
    expect(redactUrl("/api/v1/me")).toBe("/api/v1/me");
    expect(redactUrl("/search?mytoken=1")).toBe("/search?mytoken=1");
  });
});
