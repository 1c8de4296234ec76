import { DateTime } from "luxon";
import { notFound } from "../../lib/errors.ts";
import { detectSpike, type SpikeResult } from "../../lib/spike.ts";
import type { Services } from "../../server/services.ts";

const HOUR = 3_600_000;

export interface SpikeStatus extends SpikeResult {
  windowStart: string;
  windowEnd: string;
  count: number;
  timeZone: string;
}

/**
 * Is the workspace in a spike right now? The last 60 minutes of inbound messages against
 * the median of the same local hour in the previous weeks.
 */
export async function getSpikeStatus(
  services: Services,
  workspaceId: string,
  opts: { factor?: number | undefined; weeks?: number | undefined; teamId?: string | undefined },
  now: Date = new Date(),
): Promise<SpikeStatus> {
  const team = opts.teamId ? await services.operations.findTeam(workspaceId, opts.teamId) : null;
  if (opts.teamId && !team) throw notFound("Team");
  const zone = team?.timeZone ?? (await services.reports.workspaceTimeZone(workspaceId));
  const weeks = opts.weeks ?? 4;
  const windowStart = new Date(now.getTime() - HOUR);
  // The hour of the week the window mostly falls in, in local time (DST-proof).
  const hourStart = DateTime.fromMillis(now.getTime() - HOUR / 2, { zone }).startOf("hour");
  const past = Array.from({ length: weeks }, (_, k) => hourStart.minus({ weeks: k + 1 }));
  const counts = await services.reports.inboundCounts(workspaceId, [
    { from: windowStart, to: now },
    ...past.map((h) => ({ from: h.toJSDate(), to: new Date(h.toMillis() + HOUR) })),
  ]);
  const history = new Map(past.map((h, k) => [h.toMillis(), counts[k + 1]!]));
  const since = (await services.reports.countingSince(workspaceId)) ?? now;
  const result = detectSpike({
    hourStart: hourStart.toMillis(),
    count: counts[0]!,
    history,
    observedSince: since,
    weeks,
    timeZone: zone,
    ...(opts.factor ? { factor: opts.factor } : {}),
  });
  return {
    ...result,
    count: counts[0]!,
    windowStart: windowStart.toISOString(),
    windowEnd: now.toISOString(),
    timeZone: zone,
  };
}
