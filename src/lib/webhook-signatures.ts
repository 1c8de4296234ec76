import { createHmac } from "node:crypto";
import { safeEqual } from "./tokens.ts";

/**
 * Signatures of the platforms' webhooks, both directions: hilft verifies them, and the
 * simulator produces them. All comparisons are constant-time.
 */

/** X Account Activity: `sha256=<base64 HMAC-SHA256(consumer secret, payload)>`. */
export function signX(consumerSecret: string, payload: string | Buffer): string {
  return `sha256=${createHmac("sha256", consumerSecret).update(payload).digest("base64")}`;
}

/** The CRC answer: `{"response_token": "sha256=<base64 HMAC(consumer secret, crc_token)>"}`. */
export function xCrcResponse(consumerSecret: string, crcToken: string): { response_token: string } {
  return { response_token: signX(consumerSecret, crcToken) };
}

export function verifyX(consumerSecret: string, rawBody: Buffer, header: unknown): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  return safeEqual(signX(consumerSecret, rawBody), header);
}

/** Meta Graph: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. */
export function signFacebook(appSecret: string, payload: string | Buffer): string {
  return `sha256=${createHmac("sha256", appSecret).update(payload).digest("hex")}`;
}

export function verifyFacebook(appSecret: string, rawBody: Buffer, header: unknown): boolean {
  if (typeof header !== "string" || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  return safeEqual(signFacebook(appSecret, rawBody), header.toLowerCase());
}
