import { DateTime } from "luxon";
import { CALENDAR_CLOCK } from "../../db/schema/index.ts";
import {
  addToHistogram,
  type DurationHistogram,
  histogramStats,
  sumHistograms,
} from "../../lib/duration-histogram.ts";
import { notFound } from "../../lib/errors.ts";
import { BusinessClock } from "../../lib/opening-hours/index.ts";
import type { Services } from "../../server/services.ts";
import { responseClockServes } from "./build-response-clocks.ts";
import { resolveRange } from "./report-range.ts";
import type { ResponseHistogramRow, ResponseWavesRow } from "./reports.repository.ts";
import type { TResponseTimesQuery, TResponseTimesReport } from "./reports.schemas.ts";
import { teamSchedule } from "./team-schedule.ts";

const DAY = 86_400_000;
/** Replies and solutions this long after the range still count (and up to now). */
const TAIL = 60 * DAY;

type Part = { waves: ResponseWavesRow[]; histogram: ResponseHistogramRow[] };

/**
 * The whole local days (workspace zone) inside [from, to) that the roll-up serves, and
 * the partial edges before and after them; null days when no whole day fits.
 */
export function splitRange(
  from: Date,
  to: Date,
  zone: string,
): { days: { from: string; to: string } | null; edges: { from: Date; to: Date }[] } {
  const start = DateTime.fromJSDate(from, { zone });
  const firstDay = start.equals(start.startOf("day"))
    ? start
    : start.startOf("day").plus({ days: 1 });
  const lastDay = DateTime.fromJSDate(to, { zone }).startOf("day");
  if (firstDay >= lastDay) return { days: null, edges: [{ from, to }] };
  const edges = [
    { from, to: firstDay.toJSDate() },
    { from: lastDay.toJSDate(), to },
  ].filter((e) => e.from < e.to);
  return { days: { from: firstDay.toISODate()!, to: lastDay.toISODate()! }, edges };
}

/** Per channel: waves, unanswered and the two duration histograms. */
function combine(parts: Part[]) {
  const channels = new Map<
    string,
    { waves: number; unanswered: number; fr: DurationHistogram; res: DurationHistogram }
  >();
  const entry = (channel: string) => {
    let e = channels.get(channel);
    if (!e) {
      e = { waves: 0, unanswered: 0, fr: new Map(), res: new Map() };
      channels.set(channel, e);
    }
    return e;
  };
  for (const part of parts) {
    for (const w of part.waves) {
      const e = entry(w.channel);
      e.waves += w.waves;
      e.unanswered += w.unanswered;
    }
    for (const h of part.histogram) {
      const e = entry(h.channel);
      addToHistogram(h.kind === "firstResponse" ? e.fr : e.res, h.ms, h.count);
    }
  }
  return channels;
}

/**
 * First-response and resolution times (median, p90) of the conversations started or
 * reopened in the range (each reopen starts the first-response clock again), in the
 * business hours of a team (time outside its opening hours does not count), or in
 * calendar time without a team. Whole local days come from the `response_days` roll-up
 * (daily histograms in fixed buckets, `src/lib/duration-histogram.ts`); partial days at
 * the edges, a team whose clock is not built yet, and the calendar while its days wait to
 * be counted in a new workspace zone, from the `response_facts` rows in the same buckets.
 */
export async function getResponseTimesReport(
  services: Services,
  workspaceId: string,
  query: TResponseTimesQuery,
  now: Date = new Date(),
): Promise<TResponseTimesReport> {
  const team = query.teamId ? await services.operations.findTeam(workspaceId, query.teamId) : null;
  if (query.teamId && !team) throw notFound("Team");
  const { timeZone: workspaceZone, rollupsCurrent } =
    await services.reports.workspaceZone(workspaceId);
  const zone = query.timeZone ?? team?.timeZone ?? workspaceZone;
  const { from, to } = resolveRange(query, zone, now, 400);
  const clockEnd = Math.max(to.getTime() + TAIL, now.getTime() + DAY);
  // The calendar days wait to be counted in a new zone after a change (a team's clock is
  // taken away with its days then, and not counted before the change either).
  const rolledUp = !team
    ? rollupsCurrent
    : await responseClockServes(
        team,
        await services.reports.responseClock(team.id),
        from,
        new Date(clockEnd),
        () => services.reports.earliestWave(workspaceId),
      );
  const { days, edges } = rolledUp
    ? splitRange(from, to, workspaceZone)
    : { days: null, edges: [{ from, to }] };
  const parts: Part[] = [];
  if (days) {
    parts.push(
      await services.reports.responseDays({
        workspaceId,
        clockId: team ? team.id : CALENDAR_CLOCK,
        fromDay: days.from,
        toDay: days.to,
        channel: query.channel,
      }),
    );
  }
  if (edges.length > 0) {
    const clock = team
      ? new BusinessClock(teamSchedule(team), from.getTime(), clockEnd).positions()
      : null;
    for (const edge of edges) {
      parts.push(
        await services.reports.responseHistogram({
          workspaceId,
          from: edge.from,
          to: edge.to,
          channel: query.channel,
          clock,
        }),
      );
    }
  }
  const channels = [...combine(parts)]
    .filter(([, c]) => c.waves > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const all = channels.map(([, c]) => c);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    team: team ? { id: team.id, name: team.name } : null,
    conversations: all.reduce((sum, c) => sum + c.waves, 0),
    unanswered: all.reduce((sum, c) => sum + c.unanswered, 0),
    firstResponse: histogramStats(sumHistograms(all.map((c) => c.fr))),
    resolution: histogramStats(sumHistograms(all.map((c) => c.res))),
    byChannel: channels.map(([channel, c]) => ({
      channel,
      conversations: c.waves,
      firstResponse: histogramStats(c.fr),
      resolution: histogramStats(c.res),
    })),
  };
}
