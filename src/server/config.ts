import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The one place hilft reads its environment. Everything else receives a typed `Config`.
 * Bad values stop the process with a sentence naming the variable (see `ConfigError`).
 */

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const booleanString = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: "must be one of true, false, 1, 0, yes, no",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/.+/.test(v), {
  message: "must be a PostgreSQL URL such as postgres://user@host:5432/dbname",
});

const httpUrl = z
  .url({ message: "must be an absolute http(s) URL such as https://help.example.com" })
  .refine((v) => /^https?:\/\//.test(v), { message: "must start with http:// or https://" })
  .transform((v) => v.replace(/\/+$/, ""));

export const ZEnvSchema = z.object({
  PORT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  HILFT_DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  DATABASE_URL: postgresUrl.optional(),
  PUBLIC_URL: httpUrl.optional(),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })
    .default("info"),
  TRUST_PROXY: booleanString.default(false),
  HILFT_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "must be 64 hexadecimal characters (32 random bytes)")
    .optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), {
      message: "must look like smtp://user:pass@host:587 or smtps://host:465",
    })
    .optional(),
  MAIL_FROM: z.string().min(3).default("hilft <no-reply@localhost>"),
  HILFT_SEED_DEMO: booleanString.default(true),
  HILFT_DEMO_TRAFFIC: booleanString.default(true),
  HILFT_DEMO_SPEED: z.coerce
    .number({ error: "must be a number" })
    .min(1, "must be at least 1 (real time)")
    .max(100_000, "must be at most 100000")
    .default(8),
  HILFT_WEBHOOK_RETENTION_DAYS: z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .max(3650, "must be at most 3650")
    .default(30),
  HILFT_DIGEST_HOUR: z.coerce
    .number({ error: "must be a whole hour from 0 to 23" })
    .int("must be a whole hour from 0 to 23")
    .min(0, "must be a whole hour from 0 to 23")
    .max(23, "must be a whole hour from 0 to 23")
    .default(7),
  X_API_BASE_URL: httpUrl.default("https://api.x.com"),
  GRAPH_API_BASE_URL: httpUrl.default("https://graph.facebook.com/v21.0"),
});
export type TEnv = z.infer<typeof ZEnvSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  /** 32-byte key for encrypting secrets at rest (channel credentials). */
  secretKey: Buffer;
  smtpUrl: string | undefined;
  mailFrom: string;
  seedDemo: boolean;
  /** Play simulated customer traffic into the demo workspace's channels. */
  demoTraffic: boolean;
  /** How many times faster than real time the demo day runs. */
  demoSpeed: number;
  xApiBaseUrl: string;
  graphApiBaseUrl: string;
  /**
   * Days a processed webhook body is kept before the retention task empties it (the
   * bodies hold personal data; dead letters are kept until replayed).
   */
  webhookRetentionDays: number;
  /**
   * Local hour (in each person's time zone, else the workspace's) from which the daily
   * community e-mail digest is sent.
   */
  digestHour: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Configuration error: ${variable} ${reason}.`);
    this.name = "ConfigError";
  }
}

function parseEnv(env: Record<string, string | undefined>): TEnv {
  // Empty strings count as "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""),
  );
  const result = ZEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const given = env[variable];
    throw new ConfigError(
      variable,
      `${issue.message}${given !== undefined ? ` (got "${given}")` : ""}`,
    );
  }
  return result.data;
}

/** Reads the 32-byte secret key from the data dir, creating it (mode 0600) on first use. */
function loadOrCreateSecretKey(dataDir: string): Buffer {
  const file = path.join(dataDir, "secret.key");
  if (existsSync(file)) {
    const hex = readFileSync(file, "utf8").trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) {
      throw new ConfigError(
        "HILFT_DATA_DIR",
        `contains ${file}, which is not a 64-character hex key; restore it from a backup or remove it only if no secrets were stored with it`,
      );
    }
    return Buffer.from(hex, "hex");
  }
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString("hex")}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const e = parseEnv(env);
  const dataDir = path.resolve(e.HILFT_DATA_DIR);
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw new ConfigError(
      "HILFT_DATA_DIR",
      `points to ${dataDir}, which cannot be created (${(err as Error).message})`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    secretKey: e.HILFT_SECRET_KEY
      ? Buffer.from(e.HILFT_SECRET_KEY, "hex")
      : loadOrCreateSecretKey(dataDir),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    seedDemo: e.HILFT_SEED_DEMO,
    demoTraffic: e.HILFT_DEMO_TRAFFIC,
    demoSpeed: e.HILFT_DEMO_SPEED,
    xApiBaseUrl: e.X_API_BASE_URL,
    graphApiBaseUrl: e.GRAPH_API_BASE_URL,
    webhookRetentionDays: e.HILFT_WEBHOOK_RETENTION_DAYS,
    digestHour: e.HILFT_DIGEST_HOUR,
  };
}
