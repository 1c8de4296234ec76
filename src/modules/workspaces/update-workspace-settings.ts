import type { UserRow } from "../../db/schema/index.ts";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { type AuditActor, recordAuditEvent } from "../audit/record-audit-event.ts";
import type { TUpdateWorkspaceSettingsRequest, TWorkspaceSettings } from "./workspaces.schemas.ts";

/** The workspace's settings as admins see them. */
export async function getWorkspaceSettings(
  services: Services,
  workspaceId: string,
): Promise<TWorkspaceSettings> {
  const ws = await services.workspaces.findById(workspaceId);
  if (!ws) throw notFound("Workspace");
  return {
    id: ws.id,
    slug: ws.slug,
    name: ws.name,
    timeZone: ws.timeZone,
    rollups: { current: ws.rollupsStaleSince === null },
  };
}

/**
 * An admin renames the workspace or moves it to another time zone (audited). A new zone
 * applies at once to everything that reads it; the roll-ups kept per local day are counted
 * again in the background (SLA task) and the reports count from the facts until then.
 */
export async function updateWorkspaceSettings(
  services: Services,
  admin: UserRow,
  actor: AuditActor,
  input: TUpdateWorkspaceSettingsRequest,
): Promise<TWorkspaceSettings> {
  const workspaceId = admin.workspaceId;
  const before = await getWorkspaceSettings(services, workspaceId);
  const fields: string[] = [];
  if (input.name !== undefined && input.name !== before.name) {
    await services.workspaces.rename(workspaceId, input.name);
    fields.push("name");
  }
  if (
    input.timeZone !== undefined &&
    (await services.workspaces.changeTimeZone(workspaceId, input.timeZone))
  ) {
    fields.push("timeZone");
  }
  if (fields.length > 0) {
    // The safety settings (digests, brand names) and routing read the workspace.
    services.safetySettings.invalidate(workspaceId);
    services.serviceConfig.invalidate(workspaceId);
    await recordAuditEvent(services, actor, {
      workspaceId,
      action: "workspace_settings.updated",
      targetType: "workspace",
      targetId: workspaceId,
      data: {
        fields,
        ...(fields.includes("timeZone")
          ? { timeZone: { from: before.timeZone, to: input.timeZone } }
          : {}),
      },
    });
  }
  return getWorkspaceSettings(services, workspaceId);
}
