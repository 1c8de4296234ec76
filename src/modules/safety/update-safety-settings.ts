import type { UserRow } from "../../db/schema/index.ts";
import { invalidField } from "../../lib/errors.ts";
import { detectPersonalData } from "../../lib/personal-data/index.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TUpdateSafetySettingsRequest } from "./safety.schemas.ts";

/** An admin changes the workspace's safety settings; audited, effective at once here. */
export async function updateSafetySettings(
  services: Services,
  admin: UserRow,
  actor: AuditActor,
  input: TUpdateSafetySettingsRequest,
) {
  if (input.customPatterns) {
    try {
      detectPersonalData("", { customPatterns: input.customPatterns });
    } catch (err) {
      throw invalidField("customPatterns", (err as Error).message);
    }
  }
  const current = await services.safetySettings.get(admin.workspaceId);
  const patch = {
    ...(input.personalDataPolicy
      ? { personalDataPolicy: { ...current.policy, ...input.personalDataPolicy } }
      : {}),
    ...(input.revealRoles ? { revealRoles: input.revealRoles } : {}),
    ...(input.defaultRegion ? { defaultRegion: input.defaultRegion } : {}),
    ...(input.allowlist ? { allowlist: input.allowlist } : {}),
    ...(input.customPatterns ? { customPatterns: input.customPatterns } : {}),
    ...(input.brandHandles !== undefined ? { brandHandles: input.brandHandles } : {}),
    ...(input.brandNames !== undefined ? { brandNames: input.brandNames } : {}),
  };
  await services.db.transaction(async (tx) => {
    await services.safety.upsertSettings(tx, admin.workspaceId, patch);
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: admin.workspaceId,
        action: "safety_settings.updated",
        targetType: "workspace",
        targetId: admin.workspaceId,
        data: { fields: Object.keys(patch) },
      },
      tx,
    );
  });
  services.safetySettings.invalidate(admin.workspaceId);
  return services.safetySettings.get(admin.workspaceId);
}
