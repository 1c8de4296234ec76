import type { UserRole } from "../../db/schema/index.ts";
import { forbidden, unauthorized } from "../../lib/errors.ts";

/** Who may do what with accounts and the staff areas. One place, checked before any work. */
export const STAFF_ROLES: readonly UserRole[] = ["agent", "moderator", "admin"];

export const can = {
  useConsole: (role: UserRole) => STAFF_ROLES.includes(role),
  administer: (role: UserRole) => role === "admin",
};

export function assertSignedIn<T>(user: T | undefined): asserts user is T {
  if (!user) throw unauthorized();
}

export function assertCan(allowed: boolean, message?: string): void {
  if (!allowed) throw forbidden(message);
}
