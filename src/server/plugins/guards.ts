import type { FastifyRequest } from "fastify";
import type { UserRole, UserRow } from "../../db/schema/index.ts";
import { forbidden, unauthorized } from "../../lib/errors.ts";

/** The signed-in user, or a 401. */
export function requireUser(request: FastifyRequest): UserRow {
  if (!request.auth) throw unauthorized();
  return request.auth.user;
}

/** The signed-in user if their role is one of `roles`, else 401/403. */
export function requireRole(request: FastifyRequest, roles: readonly UserRole[]): UserRow {
  const user = requireUser(request);
  if (!roles.includes(user.role)) {
    throw forbidden(`This needs one of the roles: ${roles.join(", ")}.`);
  }
  return user;
}
