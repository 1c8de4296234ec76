import type { UserRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";

/**
 * An admin confirms a suspected impostor (its contact is flagged wherever the inbox shows
 * it) or dismisses it (a fan account, a partner). Either can be changed later; every
 * decision is audited in the same transaction.
 */
export async function decideImpostor(
  services: Services,
  admin: UserRow,
  actor: AuditActor,
  input: { id: string; decision: "confirmed" | "dismissed"; note?: string | undefined },
) {
  const existing = await services.safety.findImpostor(admin.workspaceId, input.id);
  if (!existing) throw notFound("Impostor alert");
  return services.db.transaction(async (tx) => {
    const row = await services.safety.decideImpostor(tx, existing.id, input.decision, admin.id);
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: admin.workspaceId,
        action: input.decision === "confirmed" ? "impostor.confirmed" : "impostor.dismissed",
        targetType: "impostor",
        targetId: existing.id,
        data: {
          kind: existing.kind,
          handle: existing.handle,
          displayName: existing.displayName,
          previous: existing.status,
          ...(input.note ? { note: input.note } : {}),
        },
      },
      tx,
    );
    return row!;
  });
}
