import type { UserRow } from "../../db/schema/index.ts";
import { badRequest } from "../../lib/errors.ts";
import {
  resolveSettings,
  type TReputationSettingsPatch,
  ZReputationSettings,
} from "../../lib/reputation/settings.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";

/**
 * Admins replace the workspace's overrides; what they leave out keeps its default.
 * New rules apply to events from now on; the ledger's past rows stay as booked.
 */
export async function updateReputationSettings(
  services: Services,
  admin: UserRow,
  overrides: TReputationSettingsPatch,
  actor: AuditActor,
) {
  const resolved = resolveSettings(overrides);
  const check = ZReputationSettings.safeParse(resolved);
  if (!check.success) {
    const issue = check.error.issues[0]!;
    const field = issue.path.join(".");
    throw badRequest(`${field}: ${issue.message}`, [{ field, message: issue.message }]);
  }
  await services.db.transaction(async (tx) => {
    await services.reputation.ledger.saveSettings(admin.workspaceId, overrides, tx);
    await recordAuditEvent(
      services,
      actor,
      {
        workspaceId: admin.workspaceId,
        action: "reputation.settings_updated",
        targetType: "workspace",
        targetId: admin.workspaceId,
        data: { parts: Object.keys(overrides) },
      },
      tx,
    );
  });
  return { settings: resolved, overrides };
}
