import type { TeamRow } from "../../db/schema/index.ts";
import { conflict, notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { responseClockKey } from "./build-response-clocks.ts";
import { TeamNameTakenError, type TeamPatch } from "./operations.repository.ts";
import type { TUpdateTeamRequest } from "./operations.schemas.ts";

export async function updateTeam(
  services: Services,
  workspaceId: string,
  teamId: string,
  input: TUpdateTeamRequest,
): Promise<TeamRow> {
  const team = await services.operations.findTeam(workspaceId, teamId);
  if (!team) throw notFound("Team");
  const { holidays, ...rest } = input;
  const patch: TeamPatch = { ...rest };
  if (holidays !== undefined) {
    patch.holidayCountry = holidays?.country ?? null;
    patch.holidayState = holidays?.state ?? null;
  }
  try {
    const updated = await services.operations.updateTeam(team.id, patch);
    // Routing reads teams (hours, mode) from the cache.
    services.serviceConfig.invalidate(workspaceId);
    if (!updated) throw notFound("Team");
    // New hours or zone: the roll-up's business clock no longer fits. Reports compute the
    // team's business hours from the facts until the SLA task has built it again.
    if (responseClockKey(updated) !== responseClockKey(team)) {
      await services.reports.forgetResponseClock(team.id);
    }
    return updated;
  } catch (err) {
    if (err instanceof TeamNameTakenError) {
      throw conflict("team_exists", `A team named "${input.name}" already exists.`);
    }
    throw err;
  }
}
