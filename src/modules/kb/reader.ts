import { randomBytes } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

const VISITOR_COOKIE = "hilft_visitor";
const VISITOR = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Who is reading, for one-answer-per-reader feedback and the search log: the signed-in
 * person, else a random visitor id kept in a cookie (set here when missing). It holds
 * nothing about the person.
 */
export function readerKey(request: FastifyRequest, reply: FastifyReply): string {
  if (request.auth) return `user:${request.auth.user.id}`;
  let id = request.cookies[VISITOR_COOKIE];
  if (!id || !VISITOR.test(id)) {
    id = randomBytes(16).toString("base64url");
    reply.setCookie(VISITOR_COOKIE, id, {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      maxAge: 365 * 24 * 3600,
    });
  }
  return `visitor:${id}`;
}
