import { notFound } from "../../lib/errors.ts";
import { BusinessClock } from "../../lib/opening-hours/index.ts";
import { histogramPercentile } from "../../lib/stats.ts";
import type { Services } from "../../server/services.ts";
import { resolveRange } from "./report-range.ts";
import type { DurationStats, ResponseHistogramRow } from "./reports.repository.ts";
import type { TResponseTimesQuery, TResponseTimesReport } from "./reports.schemas.ts";
import { teamSchedule } from "./team-schedule.ts";

const DAY = 86_400_000;
/** Replies and solutions this long after the range still count (and up to now). */
const TAIL = 60 * DAY;

function stats(bins: { value: number; count: number }[]): DurationStats {
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    count: bins.reduce((sum, b) => sum + b.count, 0),
    medianMs: round(histogramPercentile(bins, 0.5)),
    p90Ms: round(histogramPercentile(bins, 0.9)),
  };
}

function summarise(rows: ResponseHistogramRow[]) {
  const bins = (kind: ResponseHistogramRow["kind"]) =>
    rows.filter((r) => r.kind === kind).map((r) => ({ value: r.ms, count: r.count }));
  return { firstResponse: stats(bins("firstResponse")), resolution: stats(bins("resolution")) };
}

/**
 * First-response and resolution times (median, p90) of the conversations started or
 * reopened in the range (each reopen starts the first-response clock again), in the
 * business hours of a team (time outside its opening hours does not count), or in
 * calendar time without a team. Read from the `response_facts` roll-up as a histogram
 * (durations to the second, beyond an hour to the minute).
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
  const { waves, histogram } = await services.reports.responseHistogram({
    workspaceId,
    from,
    to,
    channel: query.channel,
    clock: clock ? clock.positions() : null,
  });
  const channels = [...waves].sort((a, b) => a.channel.localeCompare(b.channel));
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    team: team ? { id: team.id, name: team.name } : null,
    conversations: waves.reduce((sum, w) => sum + w.waves, 0),
    unanswered: waves.reduce((sum, w) => sum + w.unanswered, 0),
    ...summarise(histogram),
    byChannel: channels.map((w) => ({
      channel: w.channel,
      conversations: w.waves,
      ...summarise(histogram.filter((h) => h.channel === w.channel)),
    })),
  };
}
