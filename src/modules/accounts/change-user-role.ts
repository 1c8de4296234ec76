import type { UserRole, UserRow } from "../../db/schema/index.ts";
import { conflict, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, actorOf, recordAuditEvent } from "../audit/record-audit-event.ts";

/** An admin changes someone's role (audited); the workspace never loses its last admin. */
export async function changeUserRole(
  services: Services,
  actor: UserRow,
  input: { userId: string; role: UserRole },
  audit: AuditActor = actorOf(actor),
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
  await recordAuditEvent(services, audit, {
    workspaceId: actor.workspaceId,
    action: "user.role_changed",
    targetType: "user",
    targetId: target.id,
    data: { email: target.email, from: target.role, to: input.role },
  });
  services.log.info(
    { actorId: actor.id, userId: target.id, from: target.role, to: input.role },
    "role changed",
  );
  return updated;
}
