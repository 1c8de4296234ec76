import type { TeamRow } from "../../db/schema/index.ts";
import { conflict } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { TeamNameTakenError } from "./operations.repository.ts";
import type { TCreateTeamRequest } from "./operations.schemas.ts";

export async function createTeam(
  services: Services,
  workspaceId: string,
  input: TCreateTeamRequest,
): Promise<TeamRow> {
  services.serviceConfig.invalidate(workspaceId);
  try {
    return await services.operations.createTeam({
      workspaceId,
      name: input.name,
      isPublic: input.isPublic,
      routingMode: input.routingMode,
      timeZone: input.timeZone,
      holidayCountry: input.holidays?.country ?? null,
      holidayState: input.holidays?.state ?? null,
      weekly: input.weekly,
      exceptions: input.exceptions,
    });
  } catch (err) {
    if (err instanceof TeamNameTakenError) {
      throw conflict("team_exists", `A team named "${input.name}" already exists.`);
    }
    throw err;
  }
}
