import type { TeamMemberRow, TeamRow } from "../../db/schema/index.ts";
import type { OpeningSchedule } from "../../lib/opening-hours/index.ts";

/** The team's opening hours as the opening-hours library reads them. */
export function teamSchedule(team: TeamRow): OpeningSchedule {
  return {
    timeZone: team.timeZone,
    weekly: team.weekly,
    holidays: team.holidayCountry
      ? { country: team.holidayCountry, state: team.holidayState ?? undefined }
      : null,
    exceptions: team.exceptions,
  };
}

/** When one member works: their own shifts, else the team's; the team's holidays and exceptions apply. */
export function memberSchedule(
  team: TeamRow,
  member: Pick<TeamMemberRow, "shifts">,
): OpeningSchedule {
  return { ...teamSchedule(team), weekly: member.shifts ?? team.weekly };
}
