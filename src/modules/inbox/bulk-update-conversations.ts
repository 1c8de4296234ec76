import type { UserRow } from "../../db/schema/index.ts";
import { invalidField } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import type { TBulkRequest } from "./inbox.schemas.ts";

export interface BulkResult {
  results: { id: string; ok: boolean; error?: { code: string; message: string } }[];
  updated: number;
}

/**
 * One action on many conversations (outage days): assign, move to a team, tag, untag, set
 * status, solve.
 * All or nothing in one transaction; ids that are not conversations of the agent's
 * workspace are reported per id and change nothing.
 */
export async function bulkUpdateConversations(
  services: Services,
  agent: UserRow,
  request: TBulkRequest,
): Promise<BulkResult> {
  const { action } = request;
  const ids = [...new Set(request.ids)];
  if (
    action.type === "assign" &&
    action.assigneeId &&
    !(await services.inbox.isWorkspaceStaff(agent.workspaceId, action.assigneeId))
  ) {
    throw invalidField(
      "action.assigneeId",
      "must be an agent, moderator or admin of this workspace",
    );
  }
  if (
    action.type === "team" &&
    action.teamId &&
    !(await services.inbox.isWorkspaceTeam(agent.workspaceId, action.teamId))
  ) {
    throw invalidField("action.teamId", "must be a team of this workspace");
  }
  const change =
    action.type === "assign"
      ? { set: { assigneeId: action.assigneeId } }
      : action.type === "team"
        ? { set: { teamId: action.teamId } }
        : action.type === "status"
          ? { set: { status: action.status } }
          : action.type === "solve"
            ? { set: { status: "solved" as const } }
            : action.type === "tag"
              ? { addTag: action.tag }
              : { removeTag: action.tag };

  const changed = new Set(
    await services.inbox.bulkUpdate(agent.workspaceId, ids, change, (tx, changedIds) =>
      services.realtime.publishWithin(
        tx,
        changedIds.map((conversationId) => ({
          workspaceId: agent.workspaceId,
          type: "conversation.updated",
          conversationId,
        })),
      ),
    ),
  );
  return {
    results: ids.map((id) =>
      changed.has(id)
        ? { id, ok: true }
        : { id, ok: false, error: { code: "not_found", message: "Conversation was not found." } },
    ),
    updated: changed.size,
  };
}
