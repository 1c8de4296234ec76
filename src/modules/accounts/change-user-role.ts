import type { UserRole, UserRow } from "../../db/schema/index.ts";
import { conflict, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";

/** An admin changes someone's role; the workspace never loses its last admin. */
export async function changeUserRole(
  services: Services,
  actor: UserRow,
  input: { userId: string; role: UserRole },
): Promise<UserRow> {
  const target = await services.accounts.findUserById(input.userId);
  if (!target || target.workspaceId !== actor.workspaceId) throw notFound("User");
  if (target.role === input.role) return target;
  if (target.role === "admin") {
    const admins = await services.accounts.listUsers({
      workspaceId: actor.workspaceId,
      role: "admin",
      limit: 2,
    });
    if (admins.length < 2) {
      throw conflict(
        "last_admin",
        "The workspace needs at least one admin; promote another first.",
      );
    }
  }
  const updated = await services.accounts.updateUser(target.id, { role: input.role });
  if (!updated) throw notFound("User");
  services.log.info(
    { actorId: actor.id, userId: target.id, from: target.role, to: input.role },
    "role changed",
  );
  return updated;
}
