import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for secrets at rest (channel credentials). Sealed form:
 * `v1.<base64url iv>.<base64url tag>.<base64url ciphertext>`; the version lets the
 * format change without guessing.
 */
const VERSION = "v1";

export function seal(key: Buffer, plaintext: string): string {
  if (key.length !== 32) throw new Error("secret-box key must be 32 bytes");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString("base64url"),
    tag.toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export class SecretBoxError extends Error {}

export function open(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) {
    throw new SecretBoxError("not a sealed value of a known version");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SecretBoxError("cannot be opened with this key (wrong key or tampered value)");
  }
}

export const sealJson = (key: Buffer, value: unknown) => seal(key, JSON.stringify(value));
export const openJson = <T>(key: Buffer, sealed: string): T => JSON.parse(open(key, sealed)) as T;
