import type { Services } from "../../server/services.ts";

/** A rebuild not finished after this long (an instance stopped) is started again. */
const REBUILD_STALE = 10 * 60_000;

/**
 * After a workspace's time zone changed: counts its roll-ups kept per local day (the
 * calendar days of response times, SLA days) again in the new zone, one workspace a pass
 * (SLA task). Until then the reports count those figures from the facts. The teams'
 * business clocks are built again by `buildResponseClocks`. Returns how many workspaces
 * it counted.
 */
export async function rebuildZoneRollups(services: Services, limit = 1): Promise<number> {
  let rebuilt = 0;
  for (const workspaceId of await services.reports.staleZoneRollups(REBUILD_STALE, limit)) {
    if (await services.reports.rebuildZoneRollups(workspaceId, REBUILD_STALE)) rebuilt++;
  }
  return rebuilt;
}
