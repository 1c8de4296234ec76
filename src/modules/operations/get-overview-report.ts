import { notFound } from "../../lib/errors.ts";
import type { Services } from "../../server/services.ts";
import { resolveRange } from "./report-range.ts";
import type { TOverviewQuery, TOverviewReport } from "./reports.schemas.ts";

const share = (met: number, breached: number) =>
  met + breached === 0 ? null : met / (met + breached);

/**
 * What the reports page shows beside volume and speed: SLA attainment, praise, personal
 * data and impostors per month, community answers by customers vs staff, incidents.
 */
export async function getOverviewReport(
  services: Services,
  workspaceId: string,
  query: TOverviewQuery,
  now: Date = services.clock.now(),
): Promise<TOverviewReport> {
  const team = query.teamId ? await services.operations.findTeam(workspaceId, query.teamId) : null;
  if (query.teamId && !team) throw notFound("Team");
  const zone =
    query.timeZone ?? team?.timeZone ?? (await services.reports.workspaceTimeZone(workspaceId));
  const { from, to } = resolveRange(query, zone, now, 3700);
  const range = { workspaceId, from, to };
  const sla = await services.reports.slaAttainment({ ...range, now, teamId: query.teamId });
  const monthly = await services.reports.monthlyCounts({ ...range, timeZone: zone });
  const months = new Map<
    string,
    { month: string; praise: number; personalData: number; impostors: number }
  >();
  for (const r of monthly) {
    const key = r.month.toISOString();
    const row = months.get(key) ?? { month: key, praise: 0, personalData: 0, impostors: 0 };
    row[r.kind] += r.count;
    months.set(key, row);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: zone,
    sla: {
      conversations: sla.conversations,
      firstResponse: {
        ...sla.firstResponse,
        attainment: share(sla.firstResponse.met, sla.firstResponse.breached),
      },
      resolution: {
        ...sla.resolution,
        attainment: share(sla.resolution.met, sla.resolution.breached),
      },
    },
    months: [...months.values()].sort((a, b) => (a.month < b.month ? -1 : 1)),
    community: await services.reports.communitySolved(range),
    incidents: await services.reports.incidentsBetween(range),
  };
}
