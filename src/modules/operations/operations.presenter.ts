import type { TeamRow } from "../../db/schema/index.ts";
import type { TeamMemberWithUser } from "./operations.repository.ts";
import type { TTeam } from "./operations.schemas.ts";

export function presentTeam(team: TeamRow, members: TeamMemberWithUser[]): TTeam {
  return {
    id: team.id,
    name: team.name,
    isPublic: team.isPublic,
    routingMode: team.routingMode,
    timeZone: team.timeZone,
    holidays: team.holidayCountry
      ? {
          country: team.holidayCountry,
          ...(team.holidayState ? { state: team.holidayState } : {}),
        }
      : null,
    weekly: team.weekly,
    exceptions: team.exceptions,
    members: members
      .filter((m) => m.teamId === team.id)
      .map((m) => ({
        userId: m.userId,
        name: m.name,
        role: m.role,
        skills: m.skills,
        capacity: m.capacity,
        shifts: m.shifts ?? null,
      })),
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}
