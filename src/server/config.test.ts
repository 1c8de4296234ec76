import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const dir = () => mkdtempSync(path.join(tmpdir(), "hilft-config-"));

describe("loadConfig", () => {
  it("has working defaults and creates a secret key in the data dir once", () => {
    const dataDir = dir();
    const config = loadConfig({ HILFT_DATA_DIR: dataDir });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("http://localhost:3000");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.secretKey).toHaveLength(32);
    expect(config.webhookRetentionDays).toBe(30);
    expect(config.digestHour).toBe(7);
    const keyFile = path.join(dataDir, "secret.key");
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(loadConfig({ HILFT_DATA_DIR: dataDir }).secretKey.equals(config.secretKey)).toBe(true);
  });

  it("treats empty variables as unset and trims a trailing slash from PUBLIC_URL", () => {
    const config = loadConfig({
      HILFT_DATA_DIR: dir(),
      PORT: "",
      PUBLIC_URL: "https://help.example.com/",
    });
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe("https://help.example.com");
  });

  it.each([
    [{ PORT: "abc" }, /PORT must be a whole number \(got "abc"\)/],
    [{ PORT: "70000" }, /PORT must be between 0 and 65535/],
    [{ DATABASE_URL: "mysql://db" }, /DATABASE_URL must be a PostgreSQL URL/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of fatal, error/],
    [{ PUBLIC_URL: "help.example.com" }, /PUBLIC_URL must be an absolute http\(s\) URL/],
    [{ HILFT_SECRET_KEY: "short" }, /HILFT_SECRET_KEY must be 64 hexadecimal characters/],
    [{ SMTP_URL: "mail.example.com" }, /SMTP_URL must look like smtp:\/\//],
    [{ TRUST_PROXY: "maybe" }, /TRUST_PROXY must be one of true, false/],
    [{ HILFT_WEBHOOK_RETENTION_DAYS: "0" }, /HILFT_WEBHOOK_RETENTION_DAYS must be at least 1/],
    [{ HILFT_WEBHOOK_RETENTION_DAYS: "7.5" }, /HILFT_WEBHOOK_RETENTION_DAYS must be a whole/],
    [{ HILFT_DIGEST_HOUR: "24" }, /HILFT_DIGEST_HOUR must be a whole hour from 0 to 23/],
    [{ HILFT_DIGEST_HOUR: "7.5" }, /HILFT_DIGEST_HOUR must be a whole hour/],
  ])("stops with a sentence naming the variable: %o", (env, message) => {
    expect(() => loadConfig({ HILFT_DATA_DIR: dir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ HILFT_DATA_DIR: dir(), ...env })).toThrow(message);
  });

  it("refuses a damaged secret key instead of silently replacing it", () => {
    const dataDir = dir();
    writeFileSync(path.join(dataDir, "secret.key"), "garbage");
    expect(() => loadConfig({ HILFT_DATA_DIR: dataDir })).toThrow(
      /HILFT_DATA_DIR contains .*secret.key/,
    );
    expect(readFileSync(path.join(dataDir, "secret.key"), "utf8")).toBe("garbage");
  });

  it("uses HILFT_SECRET_KEY when given and writes nothing", () => {
    const dataDir = dir();
    const key = "ab".repeat(32);
    expect(
      loadConfig({ HILFT_DATA_DIR: dataDir, HILFT_SECRET_KEY: key }).secretKey.toString("hex"),
    ).toBe(key);
    expect(existsSync(path.join(dataDir, "secret.key"))).toBe(false);
  });
});
