import { DateTime } from "luxon";
import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { resolveRange } from "./report-range.ts";
import type { TVolumeQuery, TVolumeReport } from "./reports.schemas.ts";

const MAX_DAYS = { hour: 400, day: 3700, month: 3700 } as const;

/** Inbound messages per hour, day or month, split by channel, with empty buckets as zero. */
export async function getVolumeReport(
  services: Services,
  workspaceId: string,
  query: TVolumeQuery,
  now: Date = new Date(),
): Promise<TVolumeReport> {
  const team = query.teamId ? await services.operations.findTeam(workspaceId, query.teamId) : null;
  if (query.teamId && !team) throw notFound("Team");
  const zone =
    query.timeZone ?? team?.timeZone ?? (await services.reports.workspaceTimeZone(workspaceId));
  const { from, to } = resolveRange(query, zone, now, MAX_DAYS[query.bucket]);
  const input = { workspaceId, from, to, bucket: query.bucket, timeZone: zone };
  // The hourly roll-up answers when local hours are whole UTC hours (nearly every zone)
  // and the range starts and ends on an hour; otherwise count the messages.
  const wholeHours =
    [from, to].every((d) => d.getTime() % 3_600_000 === 0) &&
    [from, to].every((d) => DateTime.fromJSDate(d, { zone }).offset % 60 === 0);
  const rows = wholeHours
    ? await services.reports.inboundVolumeFromRollup(input)
    : await services.reports.inboundVolume(input);

  const starts: number[] = [];
  let cursor = DateTime.fromJSDate(from, { zone }).startOf(query.bucket);
  while (cursor.toMillis() < to.getTime()) {
    starts.push(cursor.toMillis());
    cursor = cursor.plus({ [`${query.bucket}s`]: 1 });
  }
  const items = starts.map((s) => ({
    start: new Date(s).toISOString(),
    total: 0,
    byChannel: {} as Record<string, number>,
  }));
  const channels = new Set<string>();
  let total = 0;
  for (const r of rows) {
    // The bucket whose start is the last one at or before the row's bucket.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= r.bucket.getTime()) lo = mid + 1;
      else hi = mid;
    }
    const item = items[Math.max(0, lo - 1)];
    if (!item) continue;
    item.total += r.count;
    item.byChannel[r.channel] = (item.byChannel[r.channel] ?? 0) + r.count;
    channels.add(r.channel);
    total += r.count;
  }
  const channelList = [...channels].sort();
  for (const item of items) for (const c of channelList) item.byChannel[c] ??= 0;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    bucket: query.bucket,
    timeZone: zone,
    channels: channelList,
    total,
    items,
  };
}
