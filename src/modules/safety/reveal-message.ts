import type { UserRow } from "../../db/schema/index.ts";
import { forbidden, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import { canReveal } from "./safety-settings.ts";

/**
 * Shows a message's masked personal data to someone allowed to see it, and writes who,
 * when, what kinds and why to the audit log before answering (no entry, no reveal).
 */
export async function revealMessage(
  services: Services,
  user: UserRow,
  actor: AuditActor,
  input: { conversationId: string; messageId: string; reason?: string | undefined },
) {
  const settings = await services.safetySettings.get(user.workspaceId);
  if (!canReveal(settings, user.role)) {
    throw forbidden(
      `Revealing personal data needs one of the roles: ${["admin", ...settings.revealRoles.filter((r) => r !== "admin")].join(", ")}.`,
    );
  }
  const message = await services.safety.findMessage(
    user.workspaceId,
    input.conversationId,
    input.messageId,
  );
  if (!message) throw notFound("Message");
  const types = [...new Set(message.personalData.map((f) => f.type))];
  if (types.length) {
    await recordAuditEvent(services, actor, {
      workspaceId: user.workspaceId,
      action: "personal_data.revealed",
      targetType: "message",
      targetId: message.id,
      data: {
        conversationId: message.conversationId,
        types,
        ...(input.reason ? { reason: input.reason } : {}),
      },
    });
  }
  return {
    id: message.id,
    text: message.deletedAt ? "" : message.text,
    personalData: message.deletedAt ? [] : message.personalData,
  };
}
