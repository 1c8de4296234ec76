import type { ResponseClockRow, TeamRow } from "../../db/schema/index.ts";
import { BusinessClock } from "../../lib/opening-hours/index.ts";
import type { Services } from "../../server/services.ts";
import { teamSchedule } from "./team-schedule.ts";

const DAY = 86_400_000;
const YEAR = 365 * DAY;

/** What a roll-up clock was built from: the team's hours as the report applies them. */
export function responseClockKey(team: TeamRow): string {
  return JSON.stringify(teamSchedule(team));
}

/**
 * The clock can answer for waves in [from, until) with the team's current hours. A range
 * may start before the clock when no wave does (`earliestWave`, asked only then).
 */
export async function responseClockServes(
  team: TeamRow,
  clock: ResponseClockRow | null,
  from: Date,
  until: Date,
  earliestWave: () => Promise<Date | null>,
): Promise<boolean> {
  if (!clock?.countedAt || clock.scheduleKey !== responseClockKey(team) || clock.coversTo < until) {
    return false;
  }
  if (clock.coversFrom <= from) return true;
  const earliest = await earliestWave();
  return earliest === null || earliest >= clock.coversFrom;
}

/** A build not finished after this long (an instance stopped) is started again. */
const BUILD_STALE = 10 * 60_000;

/**
 * Builds the business clocks of teams for the response-times roll-up: a team without
 * one, whose opening hours changed, or whose clock ends within a year. The clock spans
 * the workspace's first wave to two years ahead; building counts the team's days again
 * from all waves (one set-based statement, seconds for hundreds of thousands of waves;
 * ingest goes on meanwhile), so it runs in the background (SLA task), at most `limit`
 * teams a pass. Until then the report computes the team's business hours from the
 * facts. Returns how many clocks it built.
 */
export async function buildResponseClocks(services: Services, limit = 1): Promise<number> {
  const now = services.clock.now().getTime();
  const stale = (await services.reports.teamsWithClocks()).filter(
    ({ team, clock }) =>
      !clock ||
      (!clock.countedAt && clock.builtAt.getTime() < now - BUILD_STALE) ||
      (clock.countedAt !== null &&
        (clock.scheduleKey !== responseClockKey(team) || clock.coversTo.getTime() < now + YEAR)),
  );
  let built = 0;
  for (const { team } of stale.slice(0, limit)) {
    const earliest = (await services.reports.earliestWave(team.workspaceId))?.getTime() ?? now;
    const coversFrom = new Date(Math.floor(Math.min(earliest, now) / DAY) * DAY - DAY);
    const coversTo = new Date(Math.floor(now / DAY) * DAY + 2 * YEAR);
    const clock = new BusinessClock(teamSchedule(team), coversFrom.getTime(), coversTo.getTime());
    if (
      await services.reports.buildResponseClock({
        team,
        scheduleKey: responseClockKey(team),
        coversFrom,
        coversTo,
        clock: clock.positions(),
        staleAfterMs: BUILD_STALE,
      })
    ) {
      built++;
    }
  }
  return built;
}
