import { type DestinationStream, type Logger, pino } from "pino";
import type { Config } from "./config.ts";

/**
 * JSON logs with secrets removed: credentials in headers, cookies, and any field named
 * like a password or token, wherever it appears in a logged object.
 */
export function createLogger(level: Config["logLevel"], destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        "password",
        "token",
        "*.password",
        "*.token",
        "*.passwordHash",
        "*.tokenHash",
        "*.secret",
        "*.accessToken",
      ],
      censor: "[redacted]",
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
