import type { TeamRow, UserRow } from "../../db/schema/index.ts";
import type { Services } from "../../server/services.ts";

/**
 * The public teams customers see: of the viewer's workspace when signed in, else of
 * the installation's default workspace.
 */
export async function visibleTeams(services: Services, viewer?: UserRow): Promise<TeamRow[]> {
  const workspaceId = viewer?.workspaceId ?? (await services.workspaces.findDefault())?.id;
  if (!workspaceId) return [];
  return services.operations.listTeams(workspaceId, { publicOnly: true });
}
