import { notFound } from "../../lib/errors.ts";
import { BusinessClock } from "../../lib/opening-hours/index.ts";
import { percentile } from "../../lib/stats.ts";
import type { Services } from "../../server/services.ts";
import { resolveRange } from "./report-range.ts";
import type { ResponseRow } from "./reports.repository.ts";
import type { TResponseTimesQuery, TResponseTimesReport } from "./reports.schemas.ts";
import { teamSchedule } from "./team-schedule.ts";

const DAY = 86_400_000;
/** Replies and solutions this long after the range still count with the fast clock. */
const TAIL = 60 * DAY;

function stats(durations: number[]) {
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    count: durations.length,
    medianMs: round(percentile(durations, 0.5)),
    p90Ms: round(percentile(durations, 0.9)),
  };
}

/**
 * First-response and resolution times (median, p90) of conversations started in the
 * range, in the business hours of a team (time outside its opening hours does not
 * count), or in calendar time without a team.
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
  const rows = await services.reports.responseTimes({
    workspaceId,
    from,
    to,
    channel: query.channel,
  });

  const clock = team
    ? new BusinessClock(teamSchedule(team), from.getTime(), to.getTime() + TAIL)
    : null;
  const span = (a: Date, b: Date) =>
    clock ? clock.between(a.getTime(), b.getTime()) : b.getTime() - a.getTime();

  const summarise = (list: ResponseRow[]) => {
    const first: number[] = [];
    const resolution: number[] = [];
    for (const r of list) {
      const start = r.firstInboundAt ?? r.createdAt;
      if (r.firstOutboundAt) first.push(Math.max(0, span(start, r.firstOutboundAt)));
      if (r.solvedAt) resolution.push(Math.max(0, span(start, r.solvedAt)));
    }
    return { firstResponse: stats(first), resolution: stats(resolution) };
  };

  const byChannel = new Map<string, ResponseRow[]>();
  for (const r of rows) {
    const list = byChannel.get(r.channel);
    if (list) list.push(r);
    else byChannel.set(r.channel, [r]);
  }
  const all = summarise(rows);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    team: team ? { id: team.id, name: team.name } : null,
    conversations: rows.length,
    unanswered: rows.filter((r) => !r.firstOutboundAt).length,
    ...all,
    byChannel: [...byChannel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([channel, list]) => ({ channel, conversations: list.length, ...summarise(list) })),
  };
}
