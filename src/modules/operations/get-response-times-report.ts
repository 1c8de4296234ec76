import { notFound } from "../../lib/errors.ts";
import { BusinessClock } from "../../lib/opening-hours/index.ts";
import type { Services } from "../../server/services.ts";
import { resolveRange } from "./report-range.ts";
import type { DurationStats } from "./reports.repository.ts";
import type { TResponseTimesQuery, TResponseTimesReport } from "./reports.schemas.ts";
import { teamSchedule } from "./team-schedule.ts";

const DAY = 86_400_000;
/** Replies and solutions this long after the range still count (and up to now). */
const TAIL = 60 * DAY;

const none: DurationStats = { count: 0, medianMs: null, p90Ms: null };

/**
 * First-response and resolution times (median, p90) of the conversations started or
 * reopened in the range (each reopen starts the first-response clock again), in the
 * business hours of a team (time outside its opening hours does not count), or in
 * calendar time without a team. Read from the `response_facts` roll-up.
 */
export async function getResponseTimesReport(
  services: Services,
  workspaceId: string,
  query: TResponseTimesQuery,
  now: Date = new Date(),
): Promise<TResponseTimesReport> {
  const team = query.teamId ? await services.operations.findTeam(workspaceId, query.teamId) : null;
  if (query.teamId && !team) throw notFound("Team");
  const zone =
    query.timeZone ?? team?.timeZone ?? (await services.reports.workspaceTimeZone(workspaceId));
  const { from, to } = resolveRange(query, zone, now, 400);
  const clockEnd = Math.max(to.getTime() + TAIL, now.getTime() + DAY);
  const clock = team ? new BusinessClock(teamSchedule(team), from.getTime(), clockEnd) : null;
  const rows = await services.reports.responseTimeStats({
    workspaceId,
    from,
    to,
    channel: query.channel,
    clock: clock ? clock.positions() : null,
  });
  const all = rows.find((r) => r.channel === null);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    team: team ? { id: team.id, name: team.name } : null,
    conversations: all?.waves ?? 0,
    unanswered: all?.unanswered ?? 0,
    firstResponse: all?.firstResponse ?? none,
    resolution: all?.resolution ?? none,
    byChannel: [...rows]
      .sort((a, b) => (a.channel ?? "").localeCompare(b.channel ?? ""))
      .flatMap((r) =>
        r.channel === null
          ? []
          : [
              {
                channel: r.channel,
                conversations: r.waves,
                firstResponse: r.firstResponse,
                resolution: r.resolution,
              },
            ],
      ),
  };
}
