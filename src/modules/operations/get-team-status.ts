import { DateTime } from "luxon";
import type { TeamRow } from "../../db/schema/index.ts";
import {
  isOpenAt,
  nextClosingAfter,
  nextOpeningAfter,
  publicHolidayOn,
} from "../../lib/opening-hours/index.ts";
import type { TTeamStatus } from "./operations.schemas.ts";
import { teamSchedule } from "./team-schedule.ts";

/** Open now, or back at …: what customers see on /team and in the community. */
export function getTeamStatus(team: TeamRow, now: Date = new Date()): TTeamStatus {
  const schedule = teamSchedule(team);
  const today = DateTime.fromJSDate(now, { zone: team.timeZone }).toISODate()!;
  return {
    id: team.id,
    name: team.name,
    timeZone: team.timeZone,
    open: isOpenAt(schedule, now),
    nextOpening: nextOpeningAfter(schedule, now)?.toISOString() ?? null,
    nextClosing: nextClosingAfter(schedule, now)?.toISOString() ?? null,
    holiday: team.holidayCountry
      ? (publicHolidayOn(today, team.holidayCountry, team.holidayState ?? undefined) ?? null)
      : null,
    checkedAt: now.toISOString(),
  };
}
