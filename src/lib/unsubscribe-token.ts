import { createHmac } from "node:crypto";
import { safeEqual } from "./tokens.ts";

/**
 * The token in an e-mail's unsubscribe link: the person's id and an HMAC-SHA256 of it
 * under the server's secret key. Following the link needs no sign-in and no stored
 * token; without the key nobody can make one for another person's id.
 */

const PURPOSE = "hilft-unsubscribe-v1:";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mac = (key: Buffer, userId: string) =>
  createHmac("sha256", key)
    .update(PURPOSE + userId)
    .digest("base64url");

export function signUnsubscribeToken(key: Buffer, userId: string): string {
  return `${Buffer.from(userId).toString("base64url")}.${mac(key, userId)}`;
}

/** The user id the token was made for, or null when it is malformed or not ours. */
export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  const [id, sig, extra] = token.split(".");
  if (!id || !sig || extra !== undefined) return null;
  const userId = Buffer.from(id, "base64url").toString("utf8");
  if (!UUID.test(userId)) return null;
  return safeEqual(sig, mac(key, userId)) ? userId : null;
}
