import { invalidField, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { STAFF_ROLES } from "../accounts/accounts.policy.ts";
import type { TSetTeamMemberRequest } from "./operations.schemas.ts";

/** Adds a staff member to a team, or changes their skills, capacity and shifts. */
export async function setTeamMember(
  services: Services,
  workspaceId: string,
  teamId: string,
  userId: string,
  input: TSetTeamMemberRequest,
): Promise<void> {
  const team = await services.operations.findTeam(workspaceId, teamId);
  if (!team) throw notFound("Team");
  const user = await services.accounts.findUserById(userId);
  if (!user || user.workspaceId !== workspaceId) throw notFound("User");
  if (!STAFF_ROLES.includes(user.role) || user.disabledAt) {
    throw invalidField("userId", "must be an active agent, moderator or admin");
  }
  await services.operations.upsertMember({ teamId, userId, ...input });
}
