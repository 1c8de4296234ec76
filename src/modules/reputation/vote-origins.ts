import { createHash, randomBytes } from "node:crypto";
import { isIP } from "node:net";
import type { FastifyReply, FastifyRequest } from "fastify";

export const DEVICE_COOKIE = "hilft_device";

const hash = (kind: string, value: string) =>
  `${kind}:${createHash("sha256").update(`${kind}\u0000${value}`).digest("hex")}`;

/** Loopback and private addresses say nothing about who is behind them (proxies, NAT). */
function telling(ip: string): boolean {
  if (!isIP(ip)) return false;
  return !/^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|::ffff:127\.|fc|fd|fe80)/i.test(
    ip,
  );
}

/**
 * Where a vote comes from, as hashes for the sockpuppet check: the client's IP address
 * (when it is a public one) and a long-lived device cookie, set here on first vote.
 */
export function voteOrigins(request: FastifyRequest, reply: FastifyReply): string[] {
  let device = request.cookies?.[DEVICE_COOKIE];
  if (!device || !/^[a-f0-9]{32}$/.test(device)) {
    device = randomBytes(16).toString("hex");
    reply.setCookie(DEVICE_COOKIE, device, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      maxAge: 5 * 365 * 86_400,
    });
  }
  const origins = [hash("device", device)];
  if (telling(request.ip)) origins.push(hash("ip", request.ip));
  return origins;
}
